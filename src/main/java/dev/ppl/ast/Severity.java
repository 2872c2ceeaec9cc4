package dev.ppl.ast;

import java.util.Locale;

/** How bad a finding is, from worst to mildest. */
public enum Severity {
    REJECT,
    DENY,
    REVIEW,
    INFO;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The contract's spelling. */
    public String key() {
        return key;
    }
}
