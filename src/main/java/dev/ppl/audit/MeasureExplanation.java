package dev.ppl.audit;

import java.util.List;

/**
 * Why an audit measure gave some groups their figures and flags: where the measure is declared
 * and what it counts, the peers and benchmarks the groups were compared with, every flag's
 * condition judged on each group, and a sample of the items (claim ids and lines) behind each.
 * Like {@link AuditResult} it holds no PHI: patients appear only as keyed hashes.
 *
 * @param measure the measure's result over the whole corpus (peers, median, 90th percentile, benchmarks)
 * @param policy the policy id
 * @param version the policy version the measure was read from
 * @param where {@code path:line} of the measure's declaration
 * @param definition the measure's source text up to its first flag
 * @param groups the explained groups, in the result's order (flagged first, then by value)
 */
public record MeasureExplanation(
        AuditResult.MeasureResult measure,
        String policy,
        String version,
        String where,
        String definition,
        List<GroupExplanation> groups) {

    /**
     * One group.
     *
     * @param group its figures and flag
     * @param compared false when it is below the minimum volume, so it is not compared or flagged
     * @param flags every flag of the measure in order, with whether its condition held (the first that held is raised)
     * @param held items behind the group for which a rate's condition held (for other kinds: items), a sample
     * @param notHeld items for which a rate's condition did not hold, a sample
     */
    public record GroupExplanation(
            AuditResult.GroupResult group,
            boolean compared,
            List<FlagCheck> flags,
            List<Item> held,
            List<Item> notHeld) {}

    /**
     * A flag's condition judged on one group.
     *
     * @param where {@code path:line} of the flag
     * @param condition its condition as written
     */
    public record FlagCheck(String level, String where, String condition, boolean met) {}

    /**
     * One item a measure counted.
     *
     * @param claimId the claim it came from
     * @param line the claim line it is about, or null when the measure counts claims
     * @param held for a rate: whether the condition held (it is in the numerator); otherwise true
     * @param value a sum's or average's number, or a distinct measure's values, as text; null otherwise
     */
    public record Item(String claimId, Integer line, boolean held, String value) implements java.io.Serializable {}
}
