package dev.ppl.claim;

import java.util.Locale;

/** The kind of payer; policies select on it. */
public enum PayerType {
    MEDICARE,
    MEDICAID,
    COMMERCIAL;

    /** Made once: policies and the engine read it for every claim. */
    private final String key = name().toLowerCase(Locale.ROOT);

    /** The contract's spelling: {@code medicare}, {@code medicaid}, {@code commercial}. */
    public String key() {
        return key;
    }

    /** Parses the contract's spelling; null when it is not one of the three. */
    public static PayerType fromKey(String key) {
        for (PayerType t : values()) {
            if (t.key().equals(key)) {
                return t;
            }
        }
        return null;
    }
}
