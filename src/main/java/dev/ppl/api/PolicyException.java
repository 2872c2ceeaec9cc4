package dev.ppl.api;

import dev.ppl.source.Diagnostic;
import java.util.List;

/** Thrown when policies do not compile; carries every diagnostic. */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;
    private final String rendered;

    public PolicyException(String rendered, List<Diagnostic> diagnostics) {
        super("policies do not compile:\n" + rendered);
        this.diagnostics = List.copyOf(diagnostics);
        this.rendered = rendered;
    }

    /** The diagnostics, errors and warnings. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** All diagnostics rendered as text with source lines and carets. */
    public String rendered() {
        return rendered;
    }
}
