package dev.ppl.audit;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ServiceLine;
import dev.ppl.formats.x12.Remittance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Remittances (X12 835) indexed by claim id, to be matched with claims as they stream past:
 * CLP01 = the claim id, and each SVC to a claim line by its line item control number (REF*6R)
 * when it is a line number, else to the first unmatched line with the same procedure code. The
 * index holds the remittances, never the claims.
 */
public final class Remittances {
    private final Map<String, Remittance.RemittedClaim> byClaimId = new LinkedHashMap<>();
    private final long claims;

    private Remittances(List<Remittance> files) {
        long n = 0;
        for (Remittance r : files) {
            for (Remittance.RemittedClaim c : r.claims()) {
                n++;
                if (c.claimId() != null) {
                    byClaimId.put(c.claimId(), c); // a later remittance of the same claim (a correction) wins
                }
            }
        }
        this.claims = n;
    }

    /** The remitted claims of these files. */
    public static Remittances of(List<Remittance> files) {
        return new Remittances(files);
    }

    Tally tally() {
        return new Tally();
    }

    /** Denials and predictions over the claims added so far; merges like {@link Audit.Tally}. */
    final class Tally {
        private final Set<String> matched = new HashSet<>();
        private final TreeMap<String, TreeMap<String, Long>> byMonth = new TreeMap<>();
        private final TreeMap<String, Long> byCarc = new TreeMap<>();
        private final TreeMap<String, Long> byPayer = new TreeMap<>();
        private final TreeMap<String, Long> byProvider = new TreeMap<>();
        private final TreeMap<String, Long> byCode = new TreeMap<>();
        private final Map<String, long[]> predicted = new HashMap<>();
        private final Map<String, TreeMap<String, Long>> predictedCarcs = new HashMap<>();
        private final TreeMap<String, Long> unpredicted = new TreeMap<>();

        void add(Claim claim, Decision decision) {
            Remittance.RemittedClaim rc = byClaimId.get(claim.claimId());
            if (rc == null || !matched.add(claim.claimId())) {
                return;
            }
            Map<Integer, Set<String>> rulesByLine = new HashMap<>();
            if (decision != null) {
                for (Finding f : decision.findings()) {
                    if (f.line() != null && !f.severity().equals("info") && !f.policy().startsWith("ppl@")) {
                        rulesByLine.computeIfAbsent(f.line(), k -> new java.util.TreeSet<>()).add(f.rule());
                    }
                }
            }
            Set<Integer> used = new HashSet<>();
            for (Remittance.RemittedLine rl : rc.lines()) {
                ServiceLine line = match(claim, rl, used);
                boolean denied = rl.denied() || rc.denied();
                String carc = carc(rc, rl);
                Set<String> rules = line == null ? Set.of() : rulesByLine.getOrDefault(line.line(), Set.of());
                if (denied) {
                    LocalDate date = rl.serviceDate() != null ? rl.serviceDate()
                            : line != null && line.serviceDate() != null ? line.serviceDate() : CompiledMeasure.firstDate(claim);
                    denial(Audit.month(date), carc, claim.payer() == null || claim.payer().id() == null
                            ? CompiledMeasure.NONE : claim.payer().id(),
                            claim.billingProvider() == null || claim.billingProvider().npi() == null ? CompiledMeasure.NONE
                                    : claim.billingProvider().npi(), rl.code());
                    if (rules.isEmpty()) {
                        unpredicted.merge(carc, 1L, Long::sum);
                    }
                }
                for (String rule : rules) {
                    long[] counts = predicted.computeIfAbsent(rule, k -> new long[2]);
                    counts[0]++;
                    if (denied) {
                        counts[1]++;
                        predictedCarcs.computeIfAbsent(rule, k -> new TreeMap<>()).merge(carc, 1L, Long::sum);
                    }
                }
            }
        }

        private static String carc(Remittance.RemittedClaim rc, Remittance.RemittedLine rl) {
            String carc = rl.mainCarc();
            if (carc == null) {
                carc = Remittance.Adjustment.main(rc.adjustments()) == null ? "(none)"
                        : Remittance.Adjustment.main(rc.adjustments());
            }
            return carc;
        }

        private void denial(String month, String carc, String payer, String provider, String code) {
            byMonth.computeIfAbsent(month, k -> new TreeMap<>()).merge(carc, 1L, Long::sum);
            byCarc.merge(carc, 1L, Long::sum);
            byPayer.merge(payer, 1L, Long::sum);
            byProvider.merge(provider, 1L, Long::sum);
            byCode.merge(code, 1L, Long::sum);
        }

        private ServiceLine match(Claim claim, Remittance.RemittedLine rl, Set<Integer> used) {
            if (rl.lineNumber() != null) {
                ServiceLine l = claim.line(rl.lineNumber());
                if (l != null && used.add(l.line())) {
                    return l;
                }
            }
            for (ServiceLine l : claim.lines()) {
                if (l.code() != null && l.code().equals(rl.code()) && !used.contains(l.line())
                        && (rl.serviceDate() == null || rl.serviceDate().equals(l.serviceDate()))) {
                    used.add(l.line());
                    return l;
                }
            }
            return null;
        }

        Tally empty() {
            return new Tally();
        }

        void merge(Tally o) {
            matched.addAll(o.matched);
            o.byMonth.forEach((m, c) -> c.forEach((k, v) -> byMonth.computeIfAbsent(m, x -> new TreeMap<>()).merge(k, v, Long::sum)));
            o.byCarc.forEach((k, v) -> byCarc.merge(k, v, Long::sum));
            o.byPayer.forEach((k, v) -> byPayer.merge(k, v, Long::sum));
            o.byProvider.forEach((k, v) -> byProvider.merge(k, v, Long::sum));
            o.byCode.forEach((k, v) -> byCode.merge(k, v, Long::sum));
            o.predicted.forEach((k, v) -> {
                long[] mine = predicted.computeIfAbsent(k, x -> new long[2]);
                mine[0] += v[0];
                mine[1] += v[1];
            });
            o.predictedCarcs.forEach((k, v) -> v.forEach((c, n) ->
                    predictedCarcs.computeIfAbsent(k, x -> new TreeMap<>()).merge(c, n, Long::sum)));
            o.unpredicted.forEach((k, v) -> unpredicted.merge(k, v, Long::sum));
        }

        AuditResult.RemitResult result() {
            // denials on remitted claims that are not in the corpus still count in the trends
            Tally all = new Tally();
            all.merge(this);
            for (Remittance.RemittedClaim rc : byClaimId.values()) {
                if (matched.contains(rc.claimId())) {
                    continue;
                }
                for (Remittance.RemittedLine rl : rc.lines()) {
                    if (rl.denied() || rc.denied()) {
                        String carc = carc(rc, rl);
                        all.denial(Audit.month(rl.serviceDate()), carc, rc.payer() == null ? CompiledMeasure.NONE
                                : rc.payer(), "(claim not in the corpus)", rl.code());
                        all.unpredicted.merge(carc, 1L, Long::sum);
                    }
                }
            }
            List<AuditResult.Prediction> predictions = new ArrayList<>();
            new TreeMap<>(all.predicted).forEach((rule, c) -> predictions.add(new AuditResult.Prediction(rule, c[0], c[1],
                    new TreeMap<>(all.predictedCarcs.getOrDefault(rule, new TreeMap<>())))));
            TreeMap<String, java.util.SortedMap<String, Long>> months = new TreeMap<>();
            all.byMonth.forEach((k, v) -> months.put(k, new TreeMap<>(v)));
            return new AuditResult.RemitResult(claims, matched.size(), months, new TreeMap<>(all.byCarc),
                    new TreeMap<>(all.byPayer), new TreeMap<>(all.byProvider), new TreeMap<>(all.byCode),
                    List.copyOf(predictions), new TreeMap<>(all.unpredicted));
        }
    }
}
