package dev.ppl.testing;

import dev.ppl.api.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The result of one policy test.
 *
 * @param policy {@code id@version} of the policy the test is written in
 * @param name the test's name
 * @param location {@code file:line} of the test
 * @param problem why the test could not run (its claim file is missing, a patch does not
 *     apply, ...), or null when it ran
 * @param checks each expectation and whether it held, in the order written
 * @param decision the decision the claim got, or null when the test could not run
 * @param rules for coverage: every rule that judged the test's claim ({@code policy@version rule})
 *     and whether it fired
 * @param seconds how long the test took
 */
public record TestResult(
        String policy,
        String name,
        String location,
        String problem,
        List<Check> checks,
        Decision decision,
        Map<RuleKey, Boolean> rules,
        double seconds) {

    public TestResult {
        checks = List.copyOf(checks);
        rules = Map.copyOf(rules);
    }

    /** A rule of a policy version. */
    public record RuleKey(String policy, String rule) {}

    /**
     * One expectation and what happened.
     *
     * @param kind what the expectation is about
     * @param expectation the expectation as written, e.g. {@code expect em-same-day-needs-25 on line 1 deny}
     * @param location {@code line N} of the expectation in the test's file
     * @param passed whether it held
     * @param actual when it failed: what was found instead, one line each
     * @param matched the findings (indexes into the decision's findings) it matched or was contradicted by
     */
    public record Check(Kind kind, String expectation, String location, boolean passed, List<String> actual, List<Integer> matched) {
        public Check {
            actual = List.copyOf(actual);
            matched = List.copyOf(matched);
        }
    }

    /** The three kinds of expectation: a rule fires, a rule stays silent, the decision's outcome. */
    public enum Kind {
        FIRES,
        SILENT,
        OUTCOME
    }

    public boolean passed() {
        return problem == null && checks.stream().allMatch(Check::passed);
    }

    /** What did not hold, one line each (the findings follow, for context); empty when it passed. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        if (problem != null) {
            out.add(problem);
            return out;
        }
        for (Check c : checks) {
            if (!c.passed()) {
                out.add("expected: " + c.expectation().replaceFirst("^expect ", "") + "  (" + c.location() + ")");
                c.actual().forEach(a -> out.add("  actual: " + a));
            }
        }
        if (!out.isEmpty()) {
            // the whole decision, each finding marked: = as expected, ! expected not to fire, ? the rule expected, but not this way
            out.add(decision.findings().isEmpty() ? "findings: none"
                    : "findings (= as expected, ! expected not to fire, ? the expected rule, but not as expected):");
            for (int i = 0; i < decision.findings().size(); i++) {
                char mark = ' ';
                for (Check c : checks) {
                    if (!c.matched().contains(i)) {
                        continue;
                    }
                    if (c.kind() == Kind.SILENT) {
                        mark = '!';
                    } else if (c.kind() == Kind.FIRES && mark != '!') {
                        mark = c.passed() ? '=' : '?';
                    }
                }
                out.add(" " + mark + " " + PolicyTests.describe(decision.findings().get(i)));
            }
        }
        return out;
    }
}
