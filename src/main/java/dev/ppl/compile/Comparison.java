package dev.ppl.compile;

import dev.ppl.value.Quantity;
import java.time.LocalDate;

/**
 * {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=} of two values already read,
 * by the kind of value the checker gave them. Shared by the node trees and the rules generated as
 * bytecode, so both compare alike; a missing value (null, or {@code NaN} for a number) makes every
 * comparison false, {@code !=} included.
 */
public final class Comparison {
    private Comparison() {}

    /** The operators, as the node trees hold them and the generated code passes them. */
    public static final int EQ = 0;
    public static final int NE = 1;
    public static final int LT = 2;
    public static final int LE = 3;
    public static final int GT = 4;
    public static final int GE = 5;

    /** The operator of its source spelling. */
    public static int op(String op) {
        return switch (op) {
            case "=" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            case ">=" -> GE;
            default -> throw new IllegalArgumentException("no comparison " + op);
        };
    }

    /**
     * {@code x != y} of two numbers: false when either is missing. (The other operators are the
     * JVM's own on doubles, which are false when either side is {@code NaN}.)
     */
    public static boolean notEqual(double x, double y) {
        return !Double.isNaN(x) && !Double.isNaN(y) && x != y;
    }

    /** Two quantities of one dimension, in base units to nine decimals (40 mg = 0.04 g). */
    public static boolean quantities(Object x, Object y, int op) {
        if (!(x instanceof Quantity qx) || !(y instanceof Quantity qy) || !qx.sameDimension(qy)) {
            return false;
        }
        return ordered(op, Double.compare(round(qx.base()), round(qy.base())));
    }

    public static boolean dates(Object x, Object y, int op) {
        return x != null && y != null && ordered(op, ((LocalDate) x).compareTo((LocalDate) y));
    }

    /** {@code =} ({@code equal}) or {@code !=} of codes, texts and other values compared by {@code equals}. */
    public static boolean values(Object x, Object y, boolean equal) {
        return x != null && y != null && equal == x.equals(y);
    }

    /** {@code =} or {@code !=} of two claim objects (lines, injections...): the same object. */
    public static boolean identical(Object x, Object y, boolean equal) {
        return x != null && y != null && equal == (x == y);
    }

    /** {@code =} or {@code !=} where a side is a diagnosis code: equal with or without its dot. */
    public static boolean diagnoses(Object x, Object y, boolean equal) {
        return x != null && y != null && equal == Display.sameDiagnosis(x, y);
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
}
