package dev.ppl.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A resolved set of codes: single codes, ranges and (for diagnoses) prefix patterns, combined by
 * union and difference. Diagnosis codes are compared without their dot, so {@code D51.0} and
 * {@code D510} are the same code. Membership costs a hash lookup plus a scan of the ranges and
 * patterns the set was written with (a handful in practice).
 */
public final class CodeSet {
    private final String name;
    private final boolean diagnosis;
    private final Set<String> codes;
    private final List<String[]> ranges;
    private final List<String> prefixes;
    private final List<CodeSet> members;
    private final List<CodeSet> excluded;
    /** The one code of a set that is exactly one code (96372), tested by {@code equals}; else null. */
    private final String only;

    private CodeSet(Builder b) {
        this.name = b.name;
        this.diagnosis = b.diagnosis;
        this.codes = Set.copyOf(b.codes);
        this.ranges = List.copyOf(b.ranges);
        this.prefixes = List.copyOf(b.prefixes);
        this.members = List.copyOf(b.members);
        this.excluded = List.copyOf(b.excluded);
        this.only = codes.size() == 1 && ranges.isEmpty() && prefixes.isEmpty() && members.isEmpty() && excluded.isEmpty()
                ? codes.iterator().next() : null;
    }

    /** Builds a set from elements; {@code to == null} for single codes, a trailing {@code *} for a pattern. */
    public static Builder builder(String name, boolean diagnosis) {
        return new Builder(name, diagnosis);
    }

    public String name() {
        return name;
    }

    /** Whether the code is in the set; false for null. */
    public boolean contains(String code) {
        if (code == null) {
            return false;
        }
        String c = normalize(code, diagnosis);
        if (only != null) {
            return only.equals(c);
        }
        if (!matchesPositive(c)) {
            return false;
        }
        for (int i = 0; i < excluded.size(); i++) {
            if (excluded.get(i).contains(code)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesPositive(String c) {
        if (codes.contains(c)) {
            return true;
        }
        for (int i = 0; i < ranges.size(); i++) {
            String[] r = ranges.get(i);
            if (inRange(c, r[0], r[1])) {
                return true;
            }
        }
        for (int i = 0; i < prefixes.size(); i++) {
            if (c.startsWith(prefixes.get(i))) {
                return true;
            }
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).contains(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A set of procedure codes that is single codes and ranges only (no patterns, no diagnosis
     * dots, no set subtracted): what code generators may test inline. Null for any other set.
     */
    public Flat flat() {
        if (diagnosis || !prefixes.isEmpty() || !members.isEmpty() || !excluded.isEmpty()) {
            return null;
        }
        return new Flat(List.copyOf(codes), ranges.stream().map(r -> List.of(r[0], r[1])).toList());
    }

    /**
     * The parts of a flat set: a code is in it when its trimmed text is one of {@code codes} or
     * lies within a range (same length, between its ends inclusive).
     */
    public record Flat(List<String> codes, List<List<String>> ranges) {}

    /** Whether a trimmed code lies in the range {@code from..to}: the same length, and between them. */
    public static boolean inRange(String code, String from, String to) {
        return code.length() == from.length() && code.compareTo(from) >= 0 && code.compareTo(to) <= 0;
    }

    /** The single codes listed (not ranges or patterns), normalized; for lint checks. */
    public Set<String> listedCodes() {
        return Collections.unmodifiableSet(codes);
    }

    static String normalize(String code, boolean diagnosis) {
        String c = code.trim();
        return diagnosis ? c.replace(".", "") : c;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Accumulates the elements of one set expression. */
    public static final class Builder {
        private final String name;
        private final boolean diagnosis;
        private final Set<String> codes = new HashSet<>();
        private final List<String[]> ranges = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();
        private final List<CodeSet> members = new ArrayList<>();
        private final List<CodeSet> excluded = new ArrayList<>();

        private Builder(String name, boolean diagnosis) {
            this.name = name;
            this.diagnosis = diagnosis;
        }

        public Builder code(String code) {
            String c = normalize(code, diagnosis);
            if (c.endsWith("*")) {
                prefixes.add(c.substring(0, c.length() - 1));
            } else {
                codes.add(c);
            }
            return this;
        }

        public Builder range(String from, String to) {
            ranges.add(new String[] {normalize(from, diagnosis), normalize(to, diagnosis)});
            return this;
        }

        /** Adds everything in another set. */
        public Builder addAll(CodeSet other) {
            if (other.excluded.isEmpty() && other.members.isEmpty()) {
                codes.addAll(other.codes);
                ranges.addAll(other.ranges);
                prefixes.addAll(other.prefixes);
            } else {
                members.add(other);
            }
            return this;
        }

        /** Removes everything in another set (applied after all additions). */
        public Builder removeAll(CodeSet other) {
            excluded.add(other);
            return this;
        }

        public CodeSet build() {
            return new CodeSet(this);
        }
    }
}
