package dev.ppl.syntax;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * ANTLR's character stream read straight from a string that has no surrogate pair, where each
 * char is one code point and so stands at the index ANTLR's own stream gives it.
 * {@link CharStreams#fromString} copies the text twice first (a char buffer, then an array of
 * code points); for a 1 MB policy that was 3 MB, much of it large enough for the collector to
 * place outside the young generation. Lexing from this stream gives the same tokens, at the same
 * indexes, with the same text.
 */
final class StringCharStream implements CharStream {
    private final String text;
    private final String name;
    private final int size;
    private int position;

    private StringCharStream(String text, String name) {
        this.text = text;
        this.name = name;
        this.size = text.length();
    }

    /** A stream over {@code text}: this one, or ANTLR's when the text has a surrogate pair. */
    static CharStream over(String text, String name) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return CharStreams.fromString(text, name);
            }
        }
        return new StringCharStream(text, name);
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.min(interval.a, size);
        int length = Math.min(interval.b - interval.a + 1, size - start);
        return length <= 0 ? "" : text.substring(start, start + length);
    }

    @Override
    public void consume() {
        if (position >= size) {
            throw new IllegalStateException("cannot consume EOF");
        }
        position++;
    }

    @Override
    public int LA(int i) {
        if (i > 0) {
            int at = position + i - 1;
            return at >= size ? IntStream.EOF : text.charAt(at);
        }
        if (i < 0) {
            int at = position + i;
            return at < 0 ? IntStream.EOF : text.charAt(at);
        }
        return 0;
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {}

    @Override
    public int index() {
        return position;
    }

    @Override
    public void seek(int index) {
        position = index;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String getSourceName() {
        return name == null || name.isEmpty() ? UNKNOWN_SOURCE_NAME : name;
    }

    @Override
    public String toString() {
        return text;
    }
}
