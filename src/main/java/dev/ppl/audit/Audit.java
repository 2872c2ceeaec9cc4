package dev.ppl.audit;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicySet;
import dev.ppl.check.PolicyInfo;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ServiceLine;
import dev.ppl.runtime.ClaimContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The audit measures of a policy set, and the tallies that compute them over a stream of claims.
 * A {@link Tally} keeps bounded state per group (never a claim), takes claims in any order, and
 * two tallies of two halves of a corpus {@link Tally#merge merge} into the tally of the whole.
 *
 * <pre>{@code
 * Audit audit = Audit.of(engine.policies(), Pseudonyms.keyed(secret));
 * Audit.Tally tally = audit.tally();
 * for (Claim c : claims) tally.add(c, engine.evaluate(c));
 * AuditResult result = tally.result();
 * }</pre>
 */
public final class Audit {
    /** Each measure's versions (one per policy version or base version), by measure key. */
    private final Map<String, List<Version>> measures;
    private final Pseudonyms pseudonyms;
    /** The measure whose items are sampled for {@link Tally#explain}, or null. */
    private final String traced;

    private record Version(PolicyInfo info, CompiledMeasure measure) {}

    private Audit(Map<String, List<Version>> measures, Pseudonyms pseudonyms, String traced) {
        this.measures = measures;
        this.pseudonyms = pseudonyms;
        this.traced = traced;
    }

    /** The measures declared in a compiled policy set. */
    public static Audit of(PolicySet set, Pseudonyms pseudonyms) {
        Map<String, List<Version>> measures = new LinkedHashMap<>();
        for (PolicySet.Entry e : set.entries()) {
            for (CompiledMeasure m : MeasureCompiler.compile(e.checked())) {
                measures.computeIfAbsent(m.key, k -> new ArrayList<>()).add(new Version(e.checked().info(), m));
            }
        }
        return new Audit(measures, pseudonyms, null);
    }

    /**
     * The same measures, also keeping for each group of {@code measureKey} a bounded sample of the
     * items (claim ids and lines) it counted, so that {@link Tally#explain} can show them.
     */
    public Audit explaining(String measureKey) {
        if (!measures.containsKey(measureKey)) {
            throw new IllegalArgumentException("no measure " + measureKey + " in " + measures.keySet());
        }
        return new Audit(measures, pseudonyms, measureKey);
    }

    /**
     * The measure keys {@code name} may mean: the key itself ({@code policy/measure}), or every
     * key whose measure id is {@code name}. Empty when none.
     */
    public List<String> measuresNamed(String name) {
        if (measures.containsKey(name)) {
            return List.of(name);
        }
        return measures.keySet().stream().filter(k -> k.substring(k.lastIndexOf('/') + 1).equals(name)).toList();
    }

    /** The measure keys ({@code policy/measure}), in policy order. */
    public List<String> measureKeys() {
        return List.copyOf(measures.keySet());
    }

    /** A new, empty tally. */
    public Tally tally() {
        return new Tally();
    }

    /** Running totals over the claims added so far. Not thread-safe: use one per thread and merge. */
    public final class Tally {
        private final Map<String, Map<List<String>, GroupState>> groups = new HashMap<>();
        private long claims;
        private long invalid;
        private long lines;
        private BigDecimal charges = BigDecimal.ZERO;
        private BigDecimal atRisk = BigDecimal.ZERO;
        private final TreeMap<String, TreeMap<String, Long>> findingsByMonth = new TreeMap<>();
        private final Map<String, RuleAcc> rules = new HashMap<>();
        private Remittances.Tally remits;

        private Tally() {}

        /** Counts a record that could not be read as a claim. */
        public void addInvalid() {
            invalid++;
        }

        /**
         * Adds one claim: {@link #addMeasured} then {@link #addRemitted}.
         *
         * @param decision the rule engine's decision on it, or null to count measures only
         */
        public void add(Claim claim, Decision decision) {
            addMeasured(claim, decision);
            addRemitted(claim, decision);
        }

        /**
         * Adds one claim to the measures, the rule findings and the claim counts, but not to the
         * remittances. Claims may come in any order: to use several threads, give each its own
         * tally, call this on it, and {@link #merge} the tallies at the end.
         *
         * @param decision the rule engine's decision on it, or null to count measures only
         */
        public void addMeasured(Claim claim, Decision decision) {
            claims++;
            lines += claim.lines().size();
            for (ServiceLine l : claim.lines()) {
                if (l.charge() != null) {
                    charges = charges.add(l.charge());
                }
            }
            ClaimContext ctx = new ClaimContext(claim);
            for (Map.Entry<String, List<Version>> e : measures.entrySet()) {
                for (Version v : e.getValue()) {
                    if (PolicySet.judges(v.info(), claim)) {
                        v.measure().add(ctx, pseudonyms, groups.computeIfAbsent(e.getKey(), k -> new HashMap<>()),
                                e.getKey().equals(traced));
                        break;
                    }
                }
            }
            if (decision != null) {
                findings(claim, decision, new HashSet<>());
            }
        }

        /**
         * Matches one claim with the remittances, if {@link #remittances} were given. A remitted
         * claim is matched with the first claim of its id, so call this on one tally, in input order.
         */
        public void addRemitted(Claim claim, Decision decision) {
            if (remits != null) {
                remits.add(claim, decision);
            }
        }

        private void findings(Claim claim, Decision decision, Set<Integer> flagged) {
            Map<String, Set<Integer>> linesByRule = new HashMap<>();
            for (Finding f : decision.findings()) {
                if (f.severity().equals("info") || f.policy().startsWith("ppl@")) {
                    continue;
                }
                ServiceLine line = f.line() == null ? null : claim.line(f.line());
                String month = month(line != null ? line.serviceDate() : CompiledMeasure.firstDate(claim));
                findingsByMonth.computeIfAbsent(month, k -> new TreeMap<>())
                        .merge(f.carc() == null ? "(none)" : f.carc(), 1L, Long::sum);
                RuleAcc acc = rules.computeIfAbsent(f.rule() + "\u0000" + f.policy(), k -> new RuleAcc(f.rule(), f.policy()));
                acc.findings++;
                if (f.carc() != null) {
                    acc.carcs.add(f.carc());
                }
                if (line != null) {
                    if (linesByRule.computeIfAbsent(acc.rule + "\u0000" + acc.policy, k -> new HashSet<>()).add(line.line())) {
                        acc.lines++;
                        if (line.charge() != null) {
                            acc.atRisk = acc.atRisk.add(line.charge());
                        }
                    }
                    if (flagged.add(line.line()) && line.charge() != null) {
                        atRisk = atRisk.add(line.charge());
                    }
                }
            }
        }

        /**
         * Adds another tally (of other claims) into this one. The other's groups move into this
         * tally (they are not copied): do not use the other tally after.
         */
        public void merge(Tally other) {
            merge(other.partial());
            if (other.remits != null) {
                if (remits == null) {
                    remits = other.remits.empty();
                }
                remits.merge(other.remits);
            }
        }

        /**
         * This tally's counts without the measures' compiled code, to send to another JVM and merge
         * there ({@link #merge(Partial)}): PPL on Spark tallies each partition and merges the partials.
         * Remittances are not included. The partial shares this tally's state: add nothing after.
         */
        public Partial partial() {
            return new Partial(groups, claims, invalid, lines, charges, atRisk, findingsByMonth, rules);
        }

        /**
         * Adds the counts of another tally, of other claims, of the same audit (same policies and key).
         * The partial's groups move into this tally and are removed from it: merge a partial once.
         */
        public void merge(Partial other) {
            claims += other.claims;
            invalid += other.invalid;
            lines += other.lines;
            charges = charges.add(other.charges);
            atRisk = atRisk.add(other.atRisk);
            // the other's group states move here rather than being copied, so that no group is held twice
            for (var measure = other.groups.entrySet().iterator(); measure.hasNext(); ) {
                Map.Entry<String, Map<List<String>, GroupState>> e = measure.next();
                Map<List<String>, GroupState> mine = groups.get(e.getKey());
                if (mine == null) {
                    groups.put(e.getKey(), e.getValue());
                } else {
                    for (var group = e.getValue().entrySet().iterator(); group.hasNext(); ) {
                        Map.Entry<List<String>, GroupState> g = group.next();
                        GroupState state = mine.putIfAbsent(g.getKey(), g.getValue());
                        if (state != null) {
                            state.merge(g.getValue());
                        }
                        group.remove();
                    }
                }
                measure.remove();
            }
            other.findingsByMonth.forEach((month, byCarc) -> byCarc.forEach((carc, n) ->
                    findingsByMonth.computeIfAbsent(month, k -> new TreeMap<>()).merge(carc, n, Long::sum)));
            other.rules.forEach((k, acc) -> rules.computeIfAbsent(k, x -> new RuleAcc(acc.rule, acc.policy)).merge(acc));
        }

        /**
         * Matches the claims added from now on with these remittances (denial trends, predicted
         * against actual). Call it before adding claims, with the same remittances on every tally
         * that will be merged.
         */
        public Tally remittances(Remittances remittances) {
            this.remits = remittances.tally();
            return this;
        }

        /**
         * Why the measure given to {@link Audit#explaining} gave groups their figures and flags.
         *
         * @param which the groups to explain, e.g. the flagged ones
         */
        public MeasureExplanation explain(java.util.function.Predicate<AuditResult.GroupResult> which) {
            if (traced == null) {
                throw new IllegalStateException("no measure is explained: make the tally with Audit.explaining(key)");
            }
            return MeasureResults.explain(measures.get(traced).get(0).measure(), groups.getOrDefault(traced, Map.of()),
                    which);
        }

        /** The figures, percentiles and flags of every measure, and the findings over time. */
        public AuditResult result() {
            List<AuditResult.MeasureResult> out = new ArrayList<>();
            for (Map.Entry<String, List<Version>> e : measures.entrySet()) {
                out.add(MeasureResults.of(e.getValue().get(0).measure(), groups.getOrDefault(e.getKey(), Map.of())));
            }
            List<AuditResult.RuleTally> ruleTallies = new ArrayList<>();
            rules.values().stream()
                    .sorted((a, b) -> a.findings != b.findings ? Long.compare(b.findings, a.findings)
                            : (a.rule + a.policy).compareTo(b.rule + b.policy))
                    .forEach(a -> ruleTallies.add(new AuditResult.RuleTally(a.rule, a.policy, a.findings, a.lines,
                            a.atRisk, List.copyOf(new TreeSet<>(a.carcs)))));
            TreeMap<String, java.util.SortedMap<String, Long>> byMonth = new TreeMap<>();
            findingsByMonth.forEach((k, v) -> byMonth.put(k, new TreeMap<>(v)));
            return new AuditResult(claims, invalid, lines, charges, List.copyOf(out), byMonth, List.copyOf(ruleTallies),
                    atRisk, remits == null ? null : remits.result());
        }
    }

    /**
     * The counts of a {@link Tally}, serializable: per measure and group the counters and sketches,
     * and the claims, lines, charges and rule findings. Merging partials in any grouping and order
     * gives the same result (sums, and sketches that keep the smallest hashes).
     */
    public static final class Partial implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final Map<String, Map<List<String>, GroupState>> groups;
        final long claims;
        final long invalid;
        final long lines;
        final BigDecimal charges;
        final BigDecimal atRisk;
        final TreeMap<String, TreeMap<String, Long>> findingsByMonth;
        final Map<String, RuleAcc> rules;

        Partial(Map<String, Map<List<String>, GroupState>> groups, long claims, long invalid, long lines,
                BigDecimal charges, BigDecimal atRisk, TreeMap<String, TreeMap<String, Long>> findingsByMonth,
                Map<String, RuleAcc> rules) {
            this.groups = groups;
            this.claims = claims;
            this.invalid = invalid;
            this.lines = lines;
            this.charges = charges;
            this.atRisk = atRisk;
            this.findingsByMonth = findingsByMonth;
            this.rules = rules;
        }
    }

    static String month(java.time.LocalDate d) {
        return d == null ? CompiledMeasure.NONE : d.toString().substring(0, 7);
    }

    private static final class RuleAcc implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final String rule;
        final String policy;
        long findings;
        long lines;
        BigDecimal atRisk = BigDecimal.ZERO;
        final Set<String> carcs = new HashSet<>();

        RuleAcc(String rule, String policy) {
            this.rule = rule;
            this.policy = policy;
        }

        void merge(RuleAcc o) {
            findings += o.findings;
            lines += o.lines;
            atRisk = atRisk.add(o.atRisk);
            carcs.addAll(o.carcs);
        }
    }
}
