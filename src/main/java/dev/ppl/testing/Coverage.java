package dev.ppl.testing;

import dev.ppl.api.PolicySet;
import dev.ppl.check.CheckedPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules the tests exercise. A rule has two outcomes to cover: firing on some test's claim
 * and staying silent on another's (a rule only ever seen firing may fire on everything). A rule
 * is judged on a claim when its policy applies to the claim's payer and dates.
 *
 * @param policies per policy version, in load order
 */
public record Coverage(List<PolicyCoverage> policies) {

    public Coverage {
        policies = List.copyOf(policies);
    }

    /**
     * One policy version's rules.
     *
     * @param policy {@code id@version}
     * @param source the policy file
     * @param rules its own rules (inherited ones count for the policy that declares them)
     */
    public record PolicyCoverage(String policy, String source, List<RuleCoverage> rules) {
        public PolicyCoverage {
            rules = List.copyOf(rules);
        }

        public int covered() {
            return rules.stream().mapToInt(RuleCoverage::outcomesCovered).sum();
        }

        public int outcomes() {
            return 2 * rules.size();
        }
    }

    /**
     * One rule across the suite.
     *
     * @param rule the rule id
     * @param fired in how many tests it fired
     * @param silent in how many tests it was judged and did not fire
     */
    public record RuleCoverage(String rule, int fired, int silent) {
        public int outcomesCovered() {
            return (fired > 0 ? 1 : 0) + (silent > 0 ? 1 : 0);
        }

        public boolean full() {
            return fired > 0 && silent > 0;
        }
    }

    /** Coverage of every rule declared in the set by the test results. */
    public static Coverage of(PolicySet set, List<TestResult> results) {
        Map<String, PolicyCoverage> byPolicy = new LinkedHashMap<>();
        for (PolicySet.Entry entry : set.entries()) {
            CheckedPolicy checked = entry.checked();
            String ref = checked.info().ref();
            if (byPolicy.containsKey(ref)) {
                continue;
            }
            List<RuleCoverage> rules = new ArrayList<>();
            for (CheckedPolicy.RuleRef r : checked.effectiveRules()) {
                if (r.owner() != checked) {
                    continue;
                }
                TestResult.RuleKey key = new TestResult.RuleKey(ref, r.rule().id().text());
                int fired = 0;
                int silent = 0;
                for (TestResult t : results) {
                    Boolean outcome = t.rules().get(key);
                    if (outcome != null) {
                        fired += outcome ? 1 : 0;
                        silent += outcome ? 0 : 1;
                    }
                }
                rules.add(new RuleCoverage(key.rule(), fired, silent));
            }
            byPolicy.put(ref, new PolicyCoverage(ref, checked.file().source().path(), rules));
        }
        return new Coverage(new ArrayList<>(byPolicy.values()));
    }

    public int covered() {
        return policies.stream().mapToInt(PolicyCoverage::covered).sum();
    }

    public int outcomes() {
        return policies.stream().mapToInt(PolicyCoverage::outcomes).sum();
    }

    /** Covered outcomes as a percentage; 100 when there are no rules. */
    public double percent() {
        return outcomes() == 0 ? 100 : 100.0 * covered() / outcomes();
    }
}
