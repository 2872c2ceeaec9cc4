package dev.ppl.compile;

import dev.ppl.claim.ServiceLine;
import dev.ppl.value.Duration;
import dev.ppl.value.Numbers;
import dev.ppl.value.Quantity;
import java.util.List;

/**
 * How values read in messages, and the emptiness tests behind {@code is present/missing/blank}.
 * Public for the rules generated as bytecode ({@code dev.ppl.codegen}), which test values alike.
 */
public final class Display {
    static final String NOT_DOCUMENTED = "(not documented)";

    private Display() {}

    /** How a value reads in a message ({@code (not documented)} when missing). */
    public static String of(Object v) {
        if (v == null) {
            return NOT_DOCUMENTED;
        }
        if (v instanceof Double d) {
            return Numbers.format(d);
        }
        if (v instanceof Integer i) {
            return i.toString();
        }
        if (v instanceof ServiceLine l) {
            return "line " + l.line() + " (" + l.code() + ")";
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                return "none";
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(of(list.get(i)));
            }
            return out.toString();
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        // value records read as their own text (40 mg, 1 month); other claim objects by kind
        if (v instanceof Quantity || v instanceof Duration) {
            return v.toString();
        }
        if (v instanceof Record r) {
            return r.getClass().getSimpleName();
        }
        return v.toString();
    }

    public static boolean isEmpty(Object v) {
        return v == null || (v instanceof List<?> l && l.isEmpty());
    }

    public static boolean isBlank(Object v) {
        return v == null || (v instanceof String s && s.isBlank()) || (v instanceof List<?> l && l.isEmpty());
    }

    /** Diagnosis codes are equal with or without their dot. */
    public static boolean sameDiagnosis(Object a, Object b) {
        String x = ((String) a);
        String y = ((String) b);
        if (x.equals(y)) {
            return true;
        }
        return x.replace(".", "").equalsIgnoreCase(y.replace(".", ""));
    }
}
