package dev.ppl.audit;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;

/**
 * What an audit found over a corpus of claims: every measure's groups with their figures and
 * flags, and the rule findings over time. No PHI: patients appear only as keyed hashes, and no
 * note text or finding message about a claim is kept.
 *
 * @param claims claims read (valid ones; see {@code invalid})
 * @param invalid records that could not be read as claims
 * @param lines service lines read
 * @param charges total charges on the lines read
 * @param measures one result per measure, in policy order
 * @param findingsByMonth deny, reject and review findings per month of service, then per CARC
 * @param rules per rule: findings, lines and charges on the lines it flagged
 * @param atRisk charges on lines with at least one deny, reject or review finding
 * @param remits what the remittances said, or null when none were read
 */
public record AuditResult(
        long claims,
        long invalid,
        long lines,
        BigDecimal charges,
        List<MeasureResult> measures,
        SortedMap<String, SortedMap<String, Long>> findingsByMonth,
        List<RuleTally> rules,
        BigDecimal atRisk,
        RemitResult remits) {

    /**
     * One measure over the corpus.
     *
     * @param key {@code policy-id/measure-id}
     * @param kind rate, count, sum, average or distinct
     * @param dimensions what the groups are, e.g. {@code [provider]}
     * @param minimumVolume groups below it are not compared or flagged (null: every group)
     * @param volumeName what the volume counts: "items" or the distinct values named in the policy
     * @param peers groups with at least the minimum volume
     * @param peerMedian the peers' median value
     * @param peer90 the peers' 90th percentile value (nearest rank)
     * @param benchmarks the benchmark values, by name
     * @param groups every group, flagged first then by value, highest first
     */
    public record MeasureResult(
            String key,
            String description,
            String cites,
            String kind,
            List<String> dimensions,
            Integer minimumVolume,
            boolean distinctVolume,
            int peers,
            double peerMedian,
            double peer90,
            SortedMap<String, Double> benchmarks,
            List<GroupResult> groups) {

        /** The groups a flag was raised on. */
        public List<GroupResult> flagged() {
            return groups.stream().filter(g -> g.flag() != null).toList();
        }
    }

    /**
     * One group of a measure.
     *
     * @param key the dimension values, in the measure's order (patients as keyed hashes)
     * @param items items counted (for a rate: the denominator)
     * @param numerator items for which a rate's condition held (0 for other kinds)
     * @param value the measure's value: a rate in percent, a count, sum, average or distinct count
     * @param volume items, or the distinct values of {@code volume distinct}
     * @param exact false when a distinct count was estimated (over 1024 distinct values)
     * @param percentile percent of peers whose value is at most this one; NaN below the minimum volume
     * @param flag the first flag whose condition held, or null
     * @param claims a few claim ids behind the group (for a rate, ones where the condition held)
     */
    public record GroupResult(
            List<String> key,
            long items,
            long numerator,
            double value,
            double volume,
            boolean exact,
            double percentile,
            Flag flag,
            List<String> claims) {}

    /** A raised flag, worded with the group's own figures. */
    public record Flag(String level, String message, String fix, String cites) {}

    /**
     * Findings of one rule over the corpus.
     *
     * @param rule the rule id
     * @param policy the policy id
     * @param findings deny, reject and review findings
     * @param lines distinct claim lines those findings were about
     * @param atRisk charges on those lines
     * @param carcs the CARC codes the findings carried
     */
    public record RuleTally(String rule, String policy, long findings, long lines, BigDecimal atRisk, List<String> carcs) {}

    /**
     * Remittances matched to the claims.
     *
     * @param claims remitted claims (CLP) read
     * @param matched remitted claims whose CLP01 matched a claim id of the corpus
     * @param deniedByMonth denied lines per month of service, then per CARC
     * @param deniedByCarc denied lines per CARC
     * @param deniedByPayer denied lines per payer
     * @param deniedByProvider denied lines per billing provider
     * @param deniedByCode denied lines per procedure code
     * @param predicted per rule: lines it flagged, how many the payer denied and with which CARC
     * @param unpredicted payer denials on lines no rule flagged, per CARC
     */
    public record RemitResult(
            long claims,
            long matched,
            SortedMap<String, SortedMap<String, Long>> deniedByMonth,
            SortedMap<String, Long> deniedByCarc,
            SortedMap<String, Long> deniedByPayer,
            SortedMap<String, Long> deniedByProvider,
            SortedMap<String, Long> deniedByCode,
            List<Prediction> predicted,
            SortedMap<String, Long> unpredicted) {}

    /**
     * How one rule's flags fared with the payer.
     *
     * @param rule the rule id
     * @param flagged remitted lines the rule flagged
     * @param denied of those, lines the payer denied (paid nothing, with a CARC)
     * @param carcs the payer's CARCs on those denied lines, with counts
     */
    public record Prediction(String rule, long flagged, long denied, SortedMap<String, Long> carcs) {}
}
