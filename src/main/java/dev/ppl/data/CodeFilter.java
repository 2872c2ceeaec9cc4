package dev.ppl.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which codes an import keeps: {@code 96372,99202-99215,J0120-J9999}. A range holds the codes of the
 * same shape (same length, letters in the same places) between its ends.
 */
public final class CodeFilter {
    static final Pattern CODE = Pattern.compile("[0-9]{5}|[A-Z][0-9]{4}|[0-9]{4}[A-Z]");

    private record Range(String from, String to) {
        boolean contains(String code) {
            return code.length() == from.length() && sameShape(code, from)
                    && code.compareTo(from) >= 0 && code.compareTo(to) <= 0;
        }
    }

    private final List<Range> ranges;

    private CodeFilter(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Every code. */
    public static CodeFilter all() {
        return new CodeFilter(null);
    }

    /**
     * Parses a comma-separated list of codes and ranges.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static CodeFilter parse(String spec) {
        List<Range> ranges = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            String[] ends = p.split("-", -1);
            if (ends.length > 2 || !CODE.matcher(ends[0].strip()).matches()
                    || ends.length == 2 && !CODE.matcher(ends[1].strip()).matches()) {
                throw new IllegalArgumentException("`" + part.strip() + "` is not a code or a range of codes such as 99202-99215");
            }
            String from = ends[0].strip();
            String to = ends.length == 2 ? ends[1].strip() : from;
            if (!sameShape(from, to) || from.compareTo(to) > 0) {
                throw new IllegalArgumentException("`" + part.strip() + "` is not a range: its ends must have the same shape, low end first");
            }
            ranges.add(new Range(from, to));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no codes given");
        }
        return new CodeFilter(List.copyOf(ranges));
    }

    public boolean accepts(String code) {
        if (ranges == null) {
            return true;
        }
        for (Range r : ranges) {
            if (r.contains(code)) {
                return true;
            }
        }
        return false;
    }

    public boolean isAll() {
        return ranges == null;
    }

    /** The codes named one by one (not through a range), for filling gaps of codes no file had. */
    List<String> singleCodes() {
        List<String> out = new ArrayList<>();
        if (ranges != null) {
            for (Range r : ranges) {
                if (r.from().equals(r.to())) {
                    out.add(r.from());
                }
            }
        }
        return out;
    }

    private static boolean sameShape(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (Character.isDigit(a.charAt(i)) != Character.isDigit(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
