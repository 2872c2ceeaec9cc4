package dev.ppl.value;

import java.math.BigDecimal;

/** Number formatting and rounding shared by messages and billing-unit arithmetic. */
public final class Numbers {
    /** Tolerance for binary floating point: 1.1 / 0.1 is 11.000000000000002, which is 11 units. */
    private static final double EPSILON = 1e-9;

    private Numbers() {}

    /** Rounds up to a whole number, ignoring floating-point noise. */
    public static double ceil(double x) {
        return Math.ceil(x - EPSILON * Math.max(1, Math.abs(x)));
    }

    /** Rounds down to a whole number, ignoring floating-point noise. */
    public static double floor(double x) {
        return Math.floor(x + EPSILON * Math.max(1, Math.abs(x)));
    }

    /** {@code 4}, {@code 0.5}, {@code 110.25}: no trailing zeros, no exponent. */
    public static String format(double x) {
        if (Double.isNaN(x)) {
            return "(not documented)";
        }
        if (Double.isInfinite(x)) { // e.g. a dose of 1e308 converted to a smaller unit
            return x > 0 ? "(too large)" : "(too small)";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }
}
