package dev.ppl.codegen;

import dev.ppl.claim.Drug;
import dev.ppl.claim.Injection;
import dev.ppl.claim.InjectedDrug;
import dev.ppl.claim.Payer;
import dev.ppl.claim.ServiceLine;
import dev.ppl.compile.Display;
import dev.ppl.compile.Membership;
import dev.ppl.runtime.Frame;
import dev.ppl.value.CodeSet;
import dev.ppl.value.Quantity;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What generated rules call for the steps that are more than a few instructions. Each method does
 * exactly what the matching node of {@code dev.ppl.compile.Compiler} does, after the generated
 * code has computed the operands in the node's order; they are small and static, so the JIT inlines
 * them into the rule's method (where a constant {@code op} folds the switch away).
 */
public final class Ops {
    private Ops() {}

    /** Comparison operators, as the generated code passes them. */
    static final int EQ = 0;
    static final int NE = 1;
    static final int LT = 2;
    static final int LE = 3;
    static final int GT = 4;
    static final int GE = 5;

    static int op(String op) {
        return switch (op) {
            case "=" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            default -> GE;
        };
    }

    /** {@code x != y} of two numbers: false when either is missing. */
    public static boolean notEqual(double x, double y) {
        return !Double.isNaN(x) && !Double.isNaN(y) && x != y;
    }

    /** {@code =} or {@code !=} of two values that are not numbers, dates or quantities. */
    public static boolean same(Object x, Object y, boolean equal) {
        return x != null && y != null && equal == x.equals(y);
    }

    /** {@code =} or {@code !=} of two claim objects: the same object. */
    public static boolean identical(Object x, Object y, boolean equal) {
        return x != null && y != null && equal == (x == y);
    }

    /** {@code =} or {@code !=} where a side is a diagnosis code (with or without its dot). */
    public static boolean sameDiagnosis(Object x, Object y, boolean equal) {
        return x != null && y != null && equal == Display.sameDiagnosis(x, y);
    }

    public static boolean compareDates(Object x, Object y, int op) {
        return x != null && y != null && ordered(op, ((LocalDate) x).compareTo((LocalDate) y));
    }

    public static boolean compareQuantities(Object x, Object y, int op) {
        if (!(x instanceof Quantity qx) || !(y instanceof Quantity qy) || !qx.sameDimension(qy)) {
            return false;
        }
        return ordered(op, Double.compare(round(qx.base()), round(qy.base())));
    }

    private static double round(double x) {
        return Math.rint(x * 1e9) / 1e9;
    }

    private static boolean ordered(int op, int cmp) {
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    /** {@code v in SET} for a set known when the policy compiles. */
    public static boolean inSet(Object v, CodeSet set) {
        return v != null && set.contains((String) v);
    }

    /** {@code v in list} of numbers, one step per element read (as the node tree reads it). */
    public static boolean inNumbers(Frame f, double v, Object list) {
        return Membership.inNumbers(f, v, list);
    }

    /** {@code v in list} of codes or other values, one step per element read (as the node tree reads it). */
    public static boolean inList(Frame f, Object v, Object list, boolean diagnosis) {
        return Membership.inList(f, v, list, diagnosis);
    }

    /** A number read from an object slot or value: {@code NaN} unless it is a number. */
    public static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A number as a value: null when missing. */
    public static Object boxed(double d) {
        return Double.isNaN(d) ? null : d;
    }

    /** A table row's number column: {@code NaN} when the row or the number is missing. */
    public static double numberColumn(Object row, int column) {
        return row == null ? Double.NaN : ((dev.ppl.value.Table.Row) row).values()[column] instanceof Double d ? d : Double.NaN;
    }

    /** A table row's column: null when the row is missing. */
    public static Object column(Object row, int column) {
        return row == null ? null : ((dev.ppl.value.Table.Row) row).values()[column];
    }

    /** {@code injection.adminLine}: the line it points at. */
    public static Object adminLine(Frame f, Object target) {
        return target instanceof Injection i ? f.claim().line(i.adminLine()) : null;
    }

    /** {@code drug.line} of an injected drug: the line it points at. */
    public static Object drugLine(Frame f, Object target) {
        return target instanceof InjectedDrug d ? f.claim().line(d.line()) : null;
    }

    /** {@code line.diagnoses}: the codes its pointers name. */
    public static Object lineDiagnoses(Frame f, Object target) {
        return target instanceof ServiceLine l ? f.claim().diagnosesOf(l) : null;
    }

    /** {@code line.placeOfService}: the line's own, else the claim's. */
    public static Object linePlaceOfService(Frame f, Object target) {
        return target instanceof ServiceLine l
                ? (l.placeOfService() != null ? l.placeOfService() : f.claim().claim().placeOfService()) : null;
    }

    /** {@code line.renderingProvider}: the line's own, else the claim's. */
    public static Object lineRenderingProvider(Frame f, Object target) {
        return target instanceof ServiceLine l
                ? (l.renderingProvider() != null ? l.renderingProvider() : f.claim().claim().renderingProvider()) : null;
    }

    public static Object payerType(Object target) {
        return target instanceof Payer p && p.type() != null ? p.type().key() : null;
    }

    public static double lineCharge(Object target) {
        return target instanceof ServiceLine l && l.charge() != null ? l.charge().doubleValue() : Double.NaN;
    }

    public static double drugQuantity(Object target) {
        return target instanceof Drug d && d.quantity() != null ? d.quantity() : Double.NaN;
    }

    // ---------------------------------------------------------------- built-in functions

    public static boolean contains(Frame f, Object text, Object part) {
        if (text == null || part == null) {
            return false;
        }
        f.budget.read((String) text);
        return ((String) text).toLowerCase(Locale.ROOT).contains(((String) part).toLowerCase(Locale.ROOT));
    }

    /** {@code contains(text, "part")} with the part a constant, lower-cased once when the policy compiled. */
    public static boolean containsLowered(Frame f, Object text, String loweredPart) {
        if (text == null) {
            return false;
        }
        String t = (String) text;
        f.budget.read(t);
        return f.lowerCase(t).contains(loweredPart);
    }

    /**
     * {@code contains(text, "part")} where the text is the value of {@code lower(...)}: lower-casing
     * it again gives the same text (Unicode lower-casing is idempotent), so it is not lower-cased.
     */
    public static boolean containsInLowerCase(Frame f, Object text, String loweredPart) {
        if (text == null) {
            return false;
        }
        f.budget.read((String) text);
        return ((String) text).contains(loweredPart);
    }

    public static boolean matches(Frame f, Object text, com.google.re2j.Pattern pattern) {
        if (text == null) {
            return false;
        }
        f.budget.read((String) text);
        return pattern.matcher((String) text).matches();
    }

    public static Object lower(Frame f, Object text) {
        if (!(text instanceof String s)) {
            return null;
        }
        f.budget.read(s);
        return s.toLowerCase(Locale.ROOT);
    }

    public static double size(Object v) {
        return v instanceof List<?> l ? l.size() : 0;
    }
}
