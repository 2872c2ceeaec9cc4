package dev.ppl.report;

import java.util.Locale;

/** Small helpers for writing SVG and HTML text. */
final class Svg {
    private Svg() {}

    /** Text safe inside HTML/SVG element content and attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A coordinate with at most one decimal. */
    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v).replace(".0", "");
    }

    /** A "nice" upper bound for an axis holding {@code max}. */
    static double niceMax(double max) {
        if (max <= 0 || Double.isNaN(max)) {
            return 4;
        }
        // four gridline steps of 1, 2 or 5 times a power of ten, so every tick is a round number
        double raw = max / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= raw) {
                return 4 * step * magnitude;
            }
        }
        return 40 * magnitude;
    }

    /** A number for people: thousands separated, at most one decimal. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.US, "%,d", (long) v);
        }
        return String.format(Locale.US, "%,.1f", v);
    }

    static String money(java.math.BigDecimal v) {
        return String.format(Locale.US, "$%,.2f", v);
    }
}
