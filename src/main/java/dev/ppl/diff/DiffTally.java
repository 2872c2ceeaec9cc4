package dev.ppl.diff;

import dev.ppl.api.Finding;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a {@code ppl diff} run: claims compared and changed, changes by outcome
 * transition, findings added and removed by rule and by CARC, and the charges moved. Its size
 * grows with the number of distinct rules, CARCs and transitions, never with the number of claims.
 * Not thread-safe: one thread adds the changes, in input order.
 */
public final class DiffTally {
    /** Findings added and removed under one key (a rule, a CARC). */
    public static final class Delta {
        private long added;
        private long removed;

        public long added() {
            return added;
        }

        public long removed() {
            return removed;
        }
    }

    private long compared;
    private long changed;
    private long cleanToDeny;
    private long linesMoved;
    private BigDecimal dollarsMoved = BigDecimal.ZERO;
    private final Map<String, Long> transitions = new TreeMap<>();
    private final Map<String, Delta> rules = new TreeMap<>();
    private final Map<String, Delta> carcs = new TreeMap<>();

    /** A claim whose decisions were compared; {@code change} is null when its decision stayed the same. */
    public void compared(ClaimChange change) {
        compared++;
        if (change == null) {
            return;
        }
        changed++;
        transitions.merge(change.transition(), 1L, Long::sum);
        if (change.cleanBecomesDeny()) {
            cleanToDeny++;
        }
        linesMoved += change.linesMoved().size();
        dollarsMoved = dollarsMoved.add(change.dollarsMoved());
        for (Finding f : change.added()) {
            rules.computeIfAbsent(f.rule(), k -> new Delta()).added++;
            if (ClaimChange.carcOf(f) != null) {
                carcs.computeIfAbsent(ClaimChange.carcOf(f), k -> new Delta()).added++;
            }
        }
        for (Finding f : change.removed()) {
            rules.computeIfAbsent(f.rule(), k -> new Delta()).removed++;
            if (ClaimChange.carcOf(f) != null) {
                carcs.computeIfAbsent(ClaimChange.carcOf(f), k -> new Delta()).removed++;
            }
        }
    }

    public long compared() {
        return compared;
    }

    public long changed() {
        return changed;
    }

    /** Claims that were paid (clean or info only) and become deny or reject. */
    public long cleanToDeny() {
        return cleanToDeny;
    }

    public long linesMoved() {
        return linesMoved;
    }

    public BigDecimal dollarsMoved() {
        return dollarsMoved;
    }

    /** Changed claims by {@code before->after}, most first, then by name. */
    public List<Map.Entry<String, Long>> transitions() {
        return transitions.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    /** Findings added and removed by rule, the most moved first. */
    public List<Map.Entry<String, Delta>> rules() {
        return sorted(rules);
    }

    /** Findings added and removed by CARC (with its group, {@code CO-119}), the most moved first. */
    public List<Map.Entry<String, Delta>> carcs() {
        return sorted(carcs);
    }

    private static List<Map.Entry<String, Delta>> sorted(Map<String, Delta> m) {
        return new LinkedHashMap<>(m).entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Delta>>comparingLong(e -> -(e.getValue().added + e.getValue().removed))
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }
}
