package dev.ppl.value;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A calendar window such as 30 days or 1 month, for "within ... before/after/of". */
public record Duration(long amount, ChronoUnit unit) {

    /** Parses {@code day(s)}, {@code week(s)}, {@code month(s)}, {@code year(s)}; null when unknown. */
    public static ChronoUnit unit(String spelling) {
        return switch (spelling) {
            case "day", "days" -> ChronoUnit.DAYS;
            case "week", "weeks" -> ChronoUnit.WEEKS;
            case "month", "months" -> ChronoUnit.MONTHS;
            case "year", "years" -> ChronoUnit.YEARS;
            default -> null;
        };
    }

    /**
     * The longest window in a unit: 100 years. Checked when a policy is compiled: a longer window
     * is a typo, and a huge one moved dates out of the calendar at run time.
     */
    public static long max(ChronoUnit unit) {
        return switch (unit) {
            case DAYS -> 36_500;
            case WEEKS -> 5_200;
            case MONTHS -> 1_200;
            default -> 100;
        };
    }

    public LocalDate before(LocalDate date) {
        return date.minus(amount, unit);
    }

    public LocalDate after(LocalDate date) {
        return date.plus(amount, unit);
    }

    @Override
    public String toString() {
        String name = unit.name().toLowerCase(java.util.Locale.ROOT);
        return amount + " " + (amount == 1 ? name.substring(0, name.length() - 1) : name);
    }
}
