package dev.ppl.compile;

import dev.ppl.runtime.Frame;
import dev.ppl.value.CodeSet;
import java.util.List;

/**
 * {@code v in SET} and {@code v in list} for a list read from the claim: one step per element read,
 * a missing value or list is never in. Shared by the node trees and the rules generated as bytecode, so both read the
 * same elements and count the same steps.
 */
public final class Membership {
    private Membership() {}

    /** {@code v in SET} of a code set: a missing code is in no set. */
    public static boolean inSet(Object v, CodeSet set) {
        return v != null && set.contains((String) v);
    }

    /** {@code v in list} of numbers; {@code NaN} (missing) is in no list. */
    public static boolean inNumbers(Frame f, double v, Object list) {
        List<?> items = (List<?>) list;
        if (items == null || Double.isNaN(v)) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            f.step();
            if (((Number) items.get(i)).doubleValue() == v) {
                return true;
            }
        }
        return false;
    }

    /** {@code v in list} of codes or other values; diagnoses compare with or without their dot. */
    public static boolean inList(Frame f, Object v, Object list, boolean diagnosis) {
        List<?> items = (List<?>) list;
        if (items == null || v == null) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            f.step();
            Object item = items.get(i);
            if (item == v || (diagnosis ? Display.sameDiagnosis(item, v) : item.equals(v))) {
                return true;
            }
        }
        return false;
    }
}
