package dev.ppl.compile;

import dev.ppl.ast.Expr;
import dev.ppl.value.Duration;
import dev.ppl.value.Quantity;
import java.time.LocalDate;

/**
 * Arithmetic on quantities and dates, and {@code within}, over values already read. Shared by the
 * node trees and the rules generated as bytecode, so both compute alike; a missing operand (null,
 * {@code NaN}) or quantities of different dimensions give a missing result.
 */
public final class Arithmetic {
    private Arithmetic() {}

    /** {@code x / y} of two quantities: a plain number ({@code 80 mg / 10 mg} is 8). */
    public static double ratio(Object x, Object y) {
        if (!(x instanceof Quantity p) || !(y instanceof Quantity q) || !p.sameDimension(q) || q.base() == 0) {
            return Double.NaN;
        }
        return p.base() / q.base();
    }

    /** {@code x + y} ({@code sign} 1) or {@code x - y} ({@code sign} -1) of two quantities, in the unit of {@code x}. */
    public static Quantity plus(Object x, Object y, double sign) {
        if (!(x instanceof Quantity p) || !(y instanceof Quantity q) || !p.sameDimension(q)) {
            return null;
        }
        return new Quantity(p.amount() + sign * q.in(p.unit()), p.unit());
    }

    /** A quantity times a number, or divided by it ({@code divide}); missing when dividing by 0. */
    public static Quantity scale(Object quantity, double n, boolean divide) {
        if (!(quantity instanceof Quantity p) || Double.isNaN(n) || (divide && n == 0)) {
            return null;
        }
        return new Quantity(divide ? p.amount() / n : p.amount() * n, p.unit());
    }

    public static Quantity negate(Object quantity) {
        return quantity instanceof Quantity q ? new Quantity(-q.amount(), q.unit()) : null;
    }

    /** {@code date + duration}. */
    public static LocalDate after(Object date, Duration d) {
        return date == null ? null : d.after((LocalDate) date);
    }

    /** {@code date - duration}. */
    public static LocalDate before(Object date, Duration d) {
        return date == null ? null : d.before((LocalDate) date);
    }

    /**
     * The running total of a {@code sum(...)} of quantities after adding {@code q}: {@code q} when
     * nothing was added yet, else the total in its unit; null when the dimensions differ, which
     * makes the whole sum missing (the sum stops there).
     */
    public static Quantity addToSum(Quantity total, Quantity q) {
        if (total == null) {
            return q;
        }
        return total.sameDimension(q) ? new Quantity(total.amount() + q.in(total.unit()), total.unit()) : null;
    }

    /**
     * {@code date within window before/after/of reference}: strictly inside the window, the
     * reference date itself excluded for {@code before} and {@code after}.
     */
    public static boolean within(Object date, Object reference, Duration window, Expr.Direction direction) {
        if (!(date instanceof LocalDate d) || !(reference instanceof LocalDate r)) {
            return false;
        }
        return switch (direction) {
            case BEFORE -> d.isBefore(r) && d.isAfter(window.before(r));
            case AFTER -> d.isAfter(r) && d.isBefore(window.after(r));
            case OF -> d.isAfter(window.before(r)) && d.isBefore(window.after(r));
        };
    }
}
