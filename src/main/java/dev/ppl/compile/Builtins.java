package dev.ppl.compile;

import dev.ppl.check.Builtin;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Node;
import dev.ppl.value.Numbers;
import dev.ppl.value.Quantity;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The built-in functions: each one's body as a public static method over the values of its
 * arguments, read left to right before it runs, and the evaluation nodes that call it. The rules
 * generated as bytecode ({@code dev.ppl.codegen}) call the same methods, so both evaluators compute
 * alike and spend the same steps (a function reading a text spends one step per character read).
 */
public final class Builtins {
    private Builtins() {}

    static Node.Bool bool(Builtin b, List<Compiler.Arg> args, Object constant) {
        return switch (b) {
            case CONTAINS -> {
                Compiler.Arg text = args.get(0);
                Compiler.Arg part = args.get(1);
                if (part.constant() instanceof String p) {
                    String lowered = p.toLowerCase(Locale.ROOT);
                    yield f -> containsLowered(f, text.value(f), lowered);
                }
                yield f -> contains(f, text.value(f), part.value(f));
            }
            case MATCHES -> {
                MatchPattern pattern = MatchPattern.of((com.google.re2j.Pattern) constant);
                Compiler.Arg text = args.get(0);
                yield f -> matches(f, text.value(f), pattern);
            }
            case VALID_NPI -> {
                Compiler.Arg text = args.get(0);
                yield f -> validNpi(text.value(f));
            }
            default -> throw new IllegalArgumentException(b + " does not give true/false");
        };
    }

    static Node.Num num(Builtin b, List<Compiler.Arg> args) {
        Compiler.Arg x = args.get(0);
        Compiler.Arg y = args.size() > 1 ? args.get(1) : null;
        return switch (b) {
            case CEIL -> f -> ceil(x.number(f));
            case FLOOR -> f -> floor(x.number(f));
            case ROUND -> f -> round(x.number(f));
            case MIN -> f -> min(x.number(f), y.number(f));
            case MAX -> f -> max(x.number(f), y.number(f));
            case BILLING_UNITS -> f -> billingUnits(x.value(f), y.value(f));
            case LENGTH -> f -> length(f, x.value(f));
            case WORDS -> f -> words(f, x.value(f));
            case SIMILARITY -> f -> similarity(f, x.value(f), y.value(f));
            case DAYS_BETWEEN -> f -> daysBetween(x.value(f), y.value(f));
            case AGE -> f -> age(x.value(f), y.value(f));
            case SIZE -> f -> size(x.value(f));
            default -> throw new IllegalArgumentException(b + " does not give a number");
        };
    }

    static Node.Obj obj(Builtin b, List<Compiler.Arg> args) {
        if (b == Builtin.LOWER) {
            Compiler.Arg x = args.get(0);
            return f -> lower(f, x.value(f));
        }
        if (b == Builtin.WITHOUT_DETAILS) {
            Compiler.Arg x = args.get(0);
            return f -> withoutDetails(x.value(f));
        }
        if (b == Builtin.TEXT_IF) {
            Node.Bool when = args.get(0).bool();
            Compiler.Arg text = args.get(1);
            return f -> when.test(f) ? text.value(f) : null;
        }
        if (b == Builtin.LIST) {
            return f -> {
                List<String> present = new java.util.ArrayList<>(args.size());
                for (Compiler.Arg a : args) {
                    addPresent(present, a.value(f));
                }
                return joinAsList(present);
            };
        }
        if (b.result() == dev.ppl.check.Type.Simple.BOOL) {
            Node.Bool test = bool(b, args, null);
            return f -> test.test(f);
        }
        Node.Num n = num(b, args);
        return f -> {
            double d = n.num(f);
            return Double.isNaN(d) ? null : d;
        };
    }

    // ------------------------------------------------- the functions, over their arguments' values

    public static double ceil(double x) {
        return Numbers.ceil(x);
    }

    public static double floor(double x) {
        return Numbers.floor(x);
    }

    public static double round(double x) {
        return Math.rint(x);
    }

    public static double min(double x, double y) {
        return Math.min(x, y);
    }

    public static double max(double x, double y) {
        return Math.max(x, y);
    }

    /** The dose divided by the billing unit, rounded up; missing unless both are quantities of one dimension. */
    public static double billingUnits(Object dose, Object per) {
        if (!(dose instanceof Quantity q) || !(per instanceof Quantity unit) || !q.sameDimension(unit) || unit.base() <= 0) {
            return Double.NaN;
        }
        return Numbers.ceil(q.base() / unit.base());
    }

    public static double length(Frame f, Object text) {
        if (!(text instanceof String s)) {
            return Double.NaN;
        }
        f.budget.read(s);
        return s.strip().length();
    }

    public static double words(Frame f, Object text) {
        if (!(text instanceof String s)) {
            return Double.NaN;
        }
        f.budget.read(s);
        return words(s);
    }

    public static double similarity(Frame f, Object x, Object y) {
        if (!(x instanceof String a) || !(y instanceof String c)) {
            return Double.NaN;
        }
        // the work grows with both texts: each is read up to the budget's text length
        f.budget.read(a);
        f.budget.read(c);
        return similarity(f, f.budget.cut(a), f.budget.cut(c));
    }

    public static double daysBetween(Object x, Object y) {
        return x instanceof LocalDate a && y instanceof LocalDate c ? ChronoUnit.DAYS.between(a, c) : Double.NaN;
    }

    public static double age(Object x, Object y) {
        return x instanceof LocalDate a && y instanceof LocalDate c ? ChronoUnit.YEARS.between(a, c) : Double.NaN;
    }

    public static double size(Object list) {
        return list instanceof List<?> l ? l.size() : 0;
    }

    public static boolean contains(Frame f, Object text, Object part) {
        if (text == null || part == null) {
            return false;
        }
        f.budget.read((String) text);
        return ((String) text).toLowerCase(Locale.ROOT).contains(((String) part).toLowerCase(Locale.ROOT));
    }

    /**
     * {@code contains(text, "part")} with the part a constant, lower-cased once when the policy
     * compiled; the frame remembers the text it lower-cased last (a rule testing one note for
     * several phrases lower-cases it once).
     */
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

    public static boolean matches(Frame f, Object text, MatchPattern pattern) {
        if (text == null) {
            return false;
        }
        f.budget.read((String) text);
        return pattern.matches((String) text);
    }

    public static boolean validNpi(Object text) {
        return text != null && validNpi((String) text);
    }

    public static String lower(Frame f, Object text) {
        if (!(text instanceof String s)) {
            return null;
        }
        f.budget.read(s);
        return s.toLowerCase(Locale.ROOT);
    }

    public static String withoutDetails(Object text) {
        return text instanceof String s ? withoutDetails(s) : null;
    }

    private static final Pattern DETAIL = Pattern.compile(
            "(?i)\\b(?:lot\\s*(?:#|no\\.?|number)?\\s*\\S+|exp(?:iry|\\.)?\\s*\\S+|\\S*\\d\\S*"
                    + "|left|right|l|r|lt|rt|upper|lower|outer|inner|deltoid|gluteal|ventrogluteal|dorsogluteal|glute"
                    + "|vastus|lateralis|thigh|arm|abdomen|abdominal|buttock|hip|quadrant|site)\\b");

    /**
     * The note without the tokens a copied-forward note changes at each visit: times, dates and
     * other tokens with digits (doses, lot numbers, expiry dates) and the words naming the site, so
     * two notes that differ only there compare as the same text.
     */
    static String withoutDetails(String s) {
        return DETAIL.matcher(s).replaceAll(" ").replaceAll("[\\s,.;:()/-]+", " ").strip();
    }

    /** Adds the text of {@code list(...)}'s argument when it is present and not blank. */
    public static void addPresent(List<String> present, Object text) {
        if (text != null && !text.toString().isBlank()) {
            present.add(text.toString());
        }
    }

    /** "a", "a and b", "a, b and c"; null for none. */
    public static String joinAsList(List<String> items) {
        return switch (items.size()) {
            case 0 -> null;
            case 1 -> items.get(0);
            default -> String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
        };
    }

    /**
     * The words of the text: runs of characters between white space, as {@code
     * s.strip().split("\\s+").length} counts them, without a regex or an array per call.
     */
    static int words(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return 0;
        }
        int words = 1;
        boolean gap = false;
        for (int i = start; i < end; i++) {
            boolean separator = regexSpace(s.charAt(i));
            if (separator && !gap) {
                words++;
            }
            gap = separator;
        }
        return words;
    }

    /** The characters of the regex class {@code \\s}: space, tab, line feed, vertical tab, form feed, return. */
    private static boolean regexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * Sørensen-Dice coefficient over character bigrams of the texts, lower-cased with runs of
     * white space collapsed: 1 for identical notes, near 1 for notes that differ in a word or two
     * (a copied-forward note with the date changed), near 0 for unrelated notes.
     */
    static double similarity(String a, String b) {
        return similarity(null, a, b);
    }

    /** The similarity of two texts read, each one's sorted pairs remembered by the frame (null: none). */
    private static double similarity(Frame f, String a, String b) {
        int[] x = f == null ? bigrams(a) : f.derived(a, PAIRS);
        int[] y = f == null ? bigrams(b) : f.derived(b, PAIRS);
        if (x.length == 0 || y.length == 0) {
            return normalized(a).equals(normalized(b)) ? 1 : 0;
        }
        // multiset intersection of two sorted arrays
        int shared = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] == y[j]) {
                shared++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * shared / (x.length + y.length);
    }

    /** A note compared with every history note is paired once per claim ({@link Frame#derived}). */
    private static final java.util.function.Function<String, int[]> PAIRS = Builtins::bigrams;

    /**
     * The sorted character pairs of the normalized text, each pair one {@code int} (first character
     * in the high half). The text is normalized into an array as {@link #normalized} does it, without
     * building the string.
     */
    static int[] bigrams(String s) {
        char[] t = new char[s.length()];
        int n = 0;
        boolean space = false;
        char lowest = Character.MAX_VALUE;
        char highest = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 ? asciiWhitespace(c) : Character.isWhitespace(c)) {
                space = n > 0;
            } else {
                if (space) {
                    t[n++] = ' ';
                    lowest = ' ' < lowest ? ' ' : lowest;
                    highest = ' ' > highest ? ' ' : highest;
                    space = false;
                }
                c = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(c);
                t[n++] = c;
                lowest = c < lowest ? c : lowest;
                highest = c > highest ? c : highest;
            }
        }
        if (n < 2) {
            return new int[0];
        }
        int[] out = new int[n - 1];
        for (int i = 0; i + 1 < n; i++) {
            out[i] = (t[i] << 16) | t[i + 1];
        }
        return sortPairs(out, lowest, highest);
    }

    /** {@link Character#isWhitespace} of a character below 128: tab to return, the four separators, space. */
    private static boolean asciiWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
    }

    /**
     * The character pairs sorted, their characters in {@code lowest..highest}: when that range is
     * small (a note's letters, digits and punctuation), placed by their first character in one
     * counting pass, then put in order within each first character (an insertion sort for the
     * usual few pairs); else by {@link java.util.Arrays#sort}. Both give the same
     * ascending order, the first in a few hundred steps where the sort took most of {@code
     * similarity}'s time.
     */
    private static int[] sortPairs(int[] pairs, char lowest, char highest) {
        int range = highest - lowest + 1;
        if (range > 256 || pairs.length < 16) {
            java.util.Arrays.sort(pairs);
            return pairs;
        }
        int[] next = new int[range + 1];
        for (int p : pairs) {
            next[(p >>> 16) - lowest + 1]++;
        }
        for (int k = 1; k < next.length; k++) {
            next[k] += next[k - 1];
        }
        int[] sorted = new int[pairs.length];
        for (int p : pairs) {
            sorted[next[(p >>> 16) - lowest]++] = p;
        }
        // next[k] is now the end of the pairs whose first character is lowest + k
        int from = 0;
        for (int k = 0; k < range; k++) {
            int to = next[k];
            if (to - from > FEW_PAIRS) {
                java.util.Arrays.sort(sorted, from, to); // a long run: no quadratic insertion sort
            } else {
                for (int i = from + 1; i < to; i++) {
                    int p = sorted[i];
                    int j = i - 1;
                    while (j >= from && sorted[j] > p) {
                        sorted[j + 1] = sorted[j];
                        j--;
                    }
                    sorted[j + 1] = p;
                }
            }
            from = to;
        }
        return sorted;
    }

    /** Pairs of one first character that an insertion sort orders; more are sorted by {@code Arrays.sort}. */
    private static final int FEW_PAIRS = 32;

    /** Lower case, trimmed, each run of white space one space. */
    private static String normalized(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** NPI check digit: Luhn over the prefix 80840 and the first nine digits. */
    static boolean validNpi(String npi) {
        if (npi.length() != 10) {
            return false;
        }
        int sum = 24; // the Luhn sum contributed by the prefix 80840
        for (int i = 0; i < 9; i++) {
            char c = npi.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        char last = npi.charAt(9);
        return last >= '0' && last <= '9' && (10 - sum % 10) % 10 == last - '0';
    }
}
