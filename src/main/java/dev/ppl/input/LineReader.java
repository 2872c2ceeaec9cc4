package dev.ppl.input;

import dev.ppl.source.Utf8;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits UTF-8 bytes into lines ({@code \n} or {@code \r\n}) without ever holding more than one line of
 * at most {@code max} bytes: a longer line is skipped to its end and reported as too long. Each line is
 * decoded strictly: bytes that are not UTF-8 are reported with their offset, never replaced. A
 * byte-order mark at the start of the text, or of any line (files joined with {@code cat}), is dropped.
 */
final class LineReader {
    private final InputStream in;
    private final int max;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private long number;
    private long offset;
    /** The line being read, reused from line to line (shrunk again after a long one). */
    private byte[] line = new byte[8192];

    /**
     * One line.
     *
     * @param number 1-based line number
     * @param text the line without its end, or null when too long or not UTF-8
     * @param size bytes taken, line end included
     * @param tooLong whether it was over the limit
     * @param offset the byte offset of the line's start in the text
     * @param malformed where the line is not UTF-8 (offsets from the start of the text), or null
     */
    record Line(long number, String text, long size, boolean tooLong, long offset, Utf8.Malformed malformed) {
        boolean blank() {
            return text != null && text.isBlank();
        }
    }

    LineReader(InputStream in, int max) {
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
        int count = 0;
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
            if (!tooLong && (long) count + n > max) {
                tooLong = true;
            }
            if (!tooLong) {
                if (count + n > line.length) {
                    line = java.util.Arrays.copyOf(line, Math.max(count + n, line.length * 2));
                }
                System.arraycopy(buf, pos, line, count, n);
                count += n;
            }
            pos = stop;
            if (pos < end) { // at '\n'
                pos++;
                size++;
                break;
            }
        }
        number++;
        long start = offset;
        offset += size;
        if (tooLong) {
            return new Line(number, null, size, true, start, null);
        }
        int len = count;
        if (!toEnd && len > 0 && line[len - 1] == '\r') {
            len--;
        }
        try {
            return new Line(number, Utf8.decode(line, 0, len), size, false, start, null);
        } catch (Utf8.Malformed e) {
            return new Line(number, null, size, false, start, e);
        } finally {
            if (line.length > 1 << 20) {
                line = new byte[8192];
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
