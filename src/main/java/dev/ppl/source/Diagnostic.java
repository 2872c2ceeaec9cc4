package dev.ppl.source;

/**
 * One problem found in a policy file.
 *
 * @param level error or warning
 * @param code stable code such as {@code PPL0201}; listed in docs/diagnostics.md
 * @param source the file
 * @param span where
 * @param message what is wrong: lowercase, no final period, user text in backticks
 * @param help the fix or a "did you mean", or null
 */
public record Diagnostic(Level level, String code, SourceFile source, Span span, String message, String help) {

    /** How serious a diagnostic is. */
    public enum Level {
        ERROR,
        WARNING;

        public String label() {
            return this == ERROR ? "error" : "warning";
        }
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    public int line() {
        return source.line(span.start());
    }

    public int column() {
        return source.column(span.start());
    }

    /** Same diagnostic as an error (for {@code --strict}). */
    public Diagnostic asError() {
        return new Diagnostic(Level.ERROR, code, source, span, message, help);
    }

    /**
     * Renders as {@code path:line:col: error[PPLnnnn]: message}, the source line, a caret under
     * the span and a help line.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        int line = line();
        int col = column();
        out.append(source.path()).append(':').append(line).append(':').append(col).append(": ")
                .append(level.label()).append('[').append(code).append("]: ").append(message).append('\n');
        String text = source.lineText(line);
        String gutter = String.valueOf(line);
        String pad = " ".repeat(gutter.length());
        out.append(pad).append(" |\n");
        out.append(gutter).append(" | ").append(text.replace('\t', ' ')).append('\n');
        int lineEnd = text.length() + 1;
        int width = Math.max(1, Math.min(span.end() - span.start(), lineEnd - col));
        if (source.line(Math.max(span.start(), span.end() - 1)) != line) {
            width = Math.max(1, lineEnd - col);
        }
        out.append(pad).append(" | ").append(" ".repeat(col - 1)).append("^".repeat(width)).append('\n');
        if (help != null) {
            out.append(pad).append(" = help: ").append(help).append('\n');
        }
        return out.toString();
    }
}
