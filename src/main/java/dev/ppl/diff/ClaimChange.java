package dev.ppl.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.Finding;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ServiceLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one claim's decision changed between two policy sets (docs/schema/diff.schema.json).
 *
 * <p>Two findings are the same finding when they agree on the policy id (not its version: a
 * version bump alone changes nothing a payer sees), rule, claim line, severity, adjustment group,
 * CARC and RARCs. A change of wording (message, fix, citation) or of the rule's place in its file
 * is not a change of the decision. Findings are compared as multisets, so a rule that fires twice
 * where it fired once adds one finding.
 *
 * <p>A line's outcome is the worst severity among the findings on it and the claim-level findings
 * (a claim-level denial takes every line with it), or clean. The lines whose outcome changed are
 * the ones whose charges moved.
 *
 * @param claimId the claim's id
 * @param file the input file the claim came from
 * @param record its record number in that file (1 for a file holding one claim)
 * @param before the outcome under the old policies
 * @param after the outcome under the new policies
 * @param added findings the new policies make and the old did not (their source is in the new policies)
 * @param removed findings the old policies made and the new do not (their source is in the old policies)
 * @param linesMoved the claim lines whose outcome changed, in claim order
 * @param dollarsMoved the charges of those lines (a line without a charge counts 0)
 */
public record ClaimChange(
        String claimId,
        String file,
        long record,
        String before,
        String after,
        List<Finding> added,
        List<Finding> removed,
        List<Integer> linesMoved,
        BigDecimal dollarsMoved) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Outcomes from worst to best. */
    public static final List<String> OUTCOMES = List.of("reject", "deny", "review", "info", "clean");

    public ClaimChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        linesMoved = List.copyOf(linesMoved);
    }

    /** {@code clean->deny}: the outcome before and after. */
    public String transition() {
        return before + "->" + after;
    }

    /**
     * The change between two decisions of one claim, or null when the decision did not change.
     *
     * @param claim the claim as read, for its lines and charges; null when it could not be read
     */
    public static ClaimChange of(String file, long record, Claim claim, Decision before, Decision after) {
        List<Finding> removed = minus(before.findings(), after.findings());
        List<Finding> added = minus(after.findings(), before.findings());
        if (removed.isEmpty() && added.isEmpty() && before.outcome().equals(after.outcome())) {
            return null;
        }
        List<Integer> moved = new ArrayList<>();
        BigDecimal dollars = BigDecimal.ZERO;
        if (claim != null) {
            for (ServiceLine l : claim.lines()) {
                if (!lineOutcome(before, l.line()).equals(lineOutcome(after, l.line()))) {
                    moved.add(l.line());
                    if (l.charge() != null) {
                        dollars = dollars.add(l.charge());
                    }
                }
            }
        }
        String id = after.claimId() != null ? after.claimId() : before.claimId() != null ? before.claimId() : "(unknown)";
        return new ClaimChange(id, file, record, before.outcome(), after.outcome(), added, removed, moved, dollars);
    }

    /** The worst severity among the findings on {@code line} and the claim-level findings, or clean. */
    static String lineOutcome(Decision d, int line) {
        int worst = OUTCOMES.indexOf("clean");
        for (Finding f : d.findings()) {
            if (f.line() == null || f.line() == line) {
                int rank = OUTCOMES.indexOf(f.severity());
                if (rank >= 0 && rank < worst) {
                    worst = rank;
                }
            }
        }
        return OUTCOMES.get(worst);
    }

    /** The findings of {@code a} left when each finding of {@code b} takes away one of the same key. */
    private static List<Finding> minus(List<Finding> a, List<Finding> b) {
        Map<Key, Integer> left = new HashMap<>();
        for (Finding f : b) {
            left.merge(Key.of(f), 1, Integer::sum);
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : a) {
            Key k = Key.of(f);
            Integer n = left.get(k);
            if (n == null || n == 0) {
                out.add(f);
            } else {
                left.put(k, n - 1);
            }
        }
        return out;
    }

    /** What makes two findings the same finding (see the class comment). */
    private record Key(String policy, String rule, Integer line, String severity, String group, String carc,
            List<String> rarc) {
        static Key of(Finding f) {
            String policy = f.policy() == null ? null : f.policy().replaceFirst("@[^@]*$", "");
            return new Key(policy, f.rule(), f.line(), f.severity(), f.group(), f.carc(),
                    f.rarc().stream().sorted().toList());
        }
    }

    /** {@code CO-119}, the CARC with its group, or null for a finding without a CARC. */
    public static String carcOf(Finding f) {
        return f.carc() == null ? null : (f.group() == null ? "" : f.group() + "-") + f.carc();
    }

    /** Whether this change takes a paid claim (clean, or info only) to a denial or a rejection. */
    public boolean cleanBecomesDeny() {
        return (before.equals("clean") || before.equals("info")) && (after.equals("deny") || after.equals("reject"));
    }

    /** One JSON object, as {@code ppl diff --format json} writes it (docs/schema/diff.schema.json). */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("claimId", claimId);
        o.putObject("input").put("file", file).put("record", record);
        o.put("before", before);
        o.put("after", after);
        o.put("transition", transition());
        ArrayNode a = o.putArray("added");
        added.forEach(f -> a.add(DecisionJson.toJson(f)));
        ArrayNode r = o.putArray("removed");
        removed.forEach(f -> r.add(DecisionJson.toJson(f)));
        ArrayNode lines = o.putArray("linesMoved");
        linesMoved.forEach(lines::add);
        o.put("dollarsMoved", dollarsMoved.setScale(Math.max(2, dollarsMoved.scale()), java.math.RoundingMode.UNNECESSARY));
        return o;
    }
}
