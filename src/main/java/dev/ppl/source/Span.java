package dev.ppl.source;

/**
 * A range of characters in one source file: {@code start} inclusive, {@code end} exclusive.
 * Lines and columns are computed from the {@link SourceFile} only when rendering.
 */
public record Span(int start, int end) {

    public static final Span NONE = new Span(0, 0);

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }
}
