package dev.ppl.testing;

import dev.ppl.api.Decision;
import java.util.List;

/**
 * The result of one policy test.
 *
 * @param policy {@code id@version} of the policy the test is written in
 * @param name the test's name
 * @param location {@code file:line} of the test
 * @param failures what did not hold, one line each; empty when the test passed
 * @param decision the decision the claim got, or null when the claim could not be built
 */
public record TestResult(String policy, String name, String location, List<String> failures, Decision decision) {

    public TestResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
