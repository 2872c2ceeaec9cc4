package dev.ppl.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as the official files write them. */
final class Dates {
    private static final Pattern YYYYMMDD = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    private Dates() {}

    /** {@code 20201001} as a date, or null when the text is not one. */
    static LocalDate yyyymmdd(String text) {
        Matcher m = YYYYMMDD.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The last day of the quarter that starts on {@code start}. */
    static LocalDate quarterEnd(LocalDate start) {
        return start.plusMonths(3).minusDays(1);
    }
}
