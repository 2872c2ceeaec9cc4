package dev.ppl.input;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits text into lines ({@code \n} or {@code \r\n}) without ever holding more than one line of
 * at most {@code max} characters: a longer line is skipped to its end and reported as too long.
 * A byte-order mark at the start is dropped.
 */
final class LineReader {
    private final Reader in;
    private final int max;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int end;
    private long number;
    private boolean started;

    /**
     * One line.
     *
     * @param number 1-based line number
     * @param text the line without its end, or null when too long
     * @param size characters taken, line end included
     * @param tooLong whether it was over the limit
     */
    record Line(long number, String text, long size, boolean tooLong) {
        boolean blank() {
            return text != null && text.isBlank();
        }
    }

    LineReader(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line, or null at the end of the text. */
    Line next() throws IOException {
        return read(false);
    }

    /** Everything left as one "line" (a whole document), or null when nothing is left. */
    Line rest() throws IOException {
        return read(true);
    }

    private Line read(boolean toEnd) throws IOException {
        StringBuilder text = new StringBuilder();
        long size = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            int stop = pos;
            if (!toEnd) {
                while (stop < end && buf[stop] != '\n') {
                    stop++;
                }
            } else {
                stop = end;
            }
            int n = stop - pos;
            size += n;
            if (!tooLong && text.length() + n > max) {
                tooLong = true;
                text = null;
            }
            if (!tooLong) {
                text.append(buf, pos, n);
            }
            pos = stop;
            if (pos < end) { // at '\n'
                pos++;
                size++;
                break;
            }
        }
        number++;
        String line = null;
        if (!tooLong) {
            int len = text.length();
            if (!toEnd && len > 0 && text.charAt(len - 1) == '\r') {
                text.setLength(len - 1);
            }
            line = text.toString();
        }
        return new Line(number, line, size, tooLong);
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        end = n;
        if (!started) {
            started = true;
            if (buf[0] == '\uFEFF') {
                pos = 1;
            }
        }
        return true;
    }
}
