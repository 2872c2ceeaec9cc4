package dev.ppl.explain;

import dev.ppl.api.Finding;
import java.util.List;
import java.util.Map;

/**
 * Why a claim got its decision: for every loaded policy version, whether it judged the claim
 * (and if not, why not), and for every rule that ran, each combination it checked, the value of
 * every sub-condition in words, and the finding it produced.
 *
 * @param claimId the claim
 * @param outcome the decision's outcome
 * @param claim the claim in one line: payer, jurisdiction, dates of service
 * @param policies one part per policy version, in load order
 * @param findings the decision's findings
 */
public record Explanation(String claimId, String outcome, String claim, List<PolicyPart> policies, List<Finding> findings) {

    public Explanation {
        policies = List.copyOf(policies);
        findings = List.copyOf(findings);
    }

    /**
     * One policy version.
     *
     * @param policy {@code id@version}
     * @param source its file
     * @param base {@code id@version} of the base version it was layered on, or null
     * @param judged whether it judged the claim
     * @param reason why it did not, in words; null when it did
     * @param outOfRange lines it did not judge because their date of service is outside its dates
     * @param rules its rules, when it judged the claim
     */
    public record PolicyPart(String policy, String source, String base, boolean judged, String reason,
            List<String> outOfRange, List<RulePart> rules) {
        public PolicyPart {
            outOfRange = List.copyOf(outOfRange);
            rules = List.copyOf(rules);
        }
    }

    /**
     * One rule.
     *
     * @param rule its id
     * @param policy {@code id@version} of the policy that declares it (a base, for inherited rules)
     * @param description its description, or null
     * @param status {@code fired}, {@code silent} or {@code not-run}
     * @param summary one line on what happened, in words
     * @param checks the combinations its {@code for each} filter let through, each checked
     * @param skipped the combinations its filter left out, and why
     */
    public record RulePart(String rule, String policy, String description, String status, String summary,
            List<CheckPart> checks, List<Skipped> skipped) {
        public RulePart {
            checks = List.copyOf(checks);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * One combination a rule checked.
     *
     * @param bindings each {@code for each} variable and what it stood for
     * @param lets each {@code let} and its value
     * @param branches each {@code when} branch
     */
    public record CheckPart(Map<String, String> bindings, Map<String, String> lets, List<BranchPart> branches) {
        public CheckPart {
            bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
            lets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lets));
            branches = List.copyOf(branches);
        }
    }

    /** A combination the filter left out: the variables and the reason in words. */
    public record Skipped(Map<String, String> bindings, String why) {
        public Skipped {
            bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
        }
    }

    /**
     * One {@code when} branch on one combination.
     *
     * @param when the condition as written
     * @param met whether it held
     * @param condition the condition's parts and their values
     * @param finding the finding it produced, or null
     * @param dropped why the finding is not in the decision (its line's date is outside the
     *     policy's dates), or null
     */
    public record BranchPart(String when, boolean met, Condition condition, Finding finding, String dropped) {}

    /**
     * A condition and its value.
     *
     * @param kind {@code all} (an {@code and} chain), {@code any} (an {@code or} chain), {@code
     *     not}, {@code test} (a single test), or {@code item} (one item a quantifier looked at)
     * @param text the condition as written
     * @param met whether it held; null when evaluation did not get to it
     * @param words what was found, as a fact about the claim; null for {@code all}/{@code any}/{@code not}
     * @param parts its parts: the conditions of a chain, or the items of a quantifier
     */
    public record Condition(String kind, String text, Boolean met, String words, List<Condition> parts) {
        public Condition {
            parts = List.copyOf(parts);
        }
    }
}
