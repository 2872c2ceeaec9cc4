package dev.ppl.data;

import java.nio.file.Path;

/**
 * What is wrong in an input file and where: {@code file:line:col: error: message}, then a hint.
 *
 * @param line 1-based line, or 0 when the problem is about the whole file
 * @param column 1-based column (a character position on the line, or for delimited files the
 *     position where the field starts), or 0 when unknown
 */
public record ImportProblem(Path file, int line, int column, String message, String hint) {

    /** The problem as one or two lines for a terminal. */
    public String render() {
        StringBuilder s = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": error: ").append(message);
        if (hint != null && !hint.isEmpty()) {
            s.append("\n  help: ").append(hint);
        }
        return s.toString();
    }
}
