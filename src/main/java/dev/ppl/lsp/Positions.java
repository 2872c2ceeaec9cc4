package dev.ppl.lsp;

import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Offsets in a policy's text to LSP positions and back. LSP counts characters in UTF-16 code
 * units, as Java strings do, so a column is an offset within the line.
 */
final class Positions {
    private Positions() {}

    static Position position(SourceFile source, int offset) {
        int clamped = Math.max(0, Math.min(offset, source.text().length()));
        return new Position(source.line(clamped) - 1, source.column(clamped) - 1);
    }

    static Range range(SourceFile source, Span span) {
        return new Range(position(source, span.start()), position(source, Math.max(span.start(), span.end())));
    }

    /** The offset of a position; positions past the end of a line or the text are clamped. */
    static int offset(String text, Position p) {
        int line = 0;
        int i = 0;
        while (line < p.getLine() && i < text.length()) {
            if (text.charAt(i++) == '\n') {
                line++;
            }
        }
        int end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        return Math.min(i + Math.max(0, p.getCharacter()), end);
    }

    /** The range of the whole text. */
    static Range whole(SourceFile source) {
        return new Range(new Position(0, 0), position(source, source.text().length()));
    }
}
