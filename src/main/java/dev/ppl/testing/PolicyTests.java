package dev.ppl.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.ast.Decl;
import dev.ppl.ast.TestCase;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the {@code test} blocks of a policy set. Each test's claim is evaluated against the whole
 * set (so a test sees what a host would see); expectations name rules by id.
 */
public final class PolicyTests {
    private PolicyTests() {}

    /**
     * Runs every test of every policy in the set.
     *
     * @param sources the sources the set was compiled from (to read test claim files)
     */
    public static List<TestResult> run(PolicySet set, List<PolicySource> sources) {
        Map<String, PolicySource> byPath = new HashMap<>();
        sources.forEach(s -> byPath.put(s.path(), s));
        List<TestResult> results = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (PolicySet.Entry entry : set.entries()) {
            SourceFile file = entry.checked().file().source();
            // a layered policy is compiled once per base version; its tests run once
            if (seen.put(file.path(), Boolean.TRUE) != null) {
                continue;
            }
            for (Decl.Test test : entry.checked().tests()) {
                results.add(run(set, entry, test, byPath.get(file.path())));
            }
        }
        return results;
    }

    private static TestResult run(PolicySet set, PolicySet.Entry entry, Decl.Test test, PolicySource source) {
        SourceFile file = entry.checked().file().source();
        String location = file.path() + ":" + file.line(test.span().start());
        String policy = entry.checked().info().ref();
        String name = test.name().value();
        TestCase body = test.body();
        ObjectNode claim;
        try {
            String text = body.inlineClaim();
            if (text == null) {
                SourceFile claimFile = source == null ? null : source.tables().load(body.claimFile().value());
                if (claimFile == null) {
                    return failed(policy, name, location, "claim file `" + body.claimFile().value()
                            + "` not found (paths are relative to the policy file)");
                }
                text = claimFile.text();
            }
            claim = ClaimPatcher.parse(text);
        } catch (Exception e) {
            return failed(policy, name, location, "the test's claim is not a JSON object: " + e.getMessage());
        }
        for (TestCase.Patch patch : body.patches()) {
            String problem = ClaimPatcher.apply(claim, patch);
            if (problem != null) {
                return failed(policy, name, location, "line " + file.line(patch.span().start()) + ": " + problem);
            }
        }
        ClaimReadResult read = ClaimJson.read(claim);
        Decision decision = read.isOk() ? set.evaluate(read.claim()) : PolicyEngine.rejected(read.claimId(), read.errors());
        List<String> failures = new ArrayList<>();
        for (TestCase.Expectation e : body.expectations()) {
            String problem = check(e, decision);
            if (problem != null) {
                failures.add(problem);
            }
        }
        if (!failures.isEmpty()) {
            failures.add("findings were:" + (decision.findings().isEmpty() ? " none" : ""));
            for (Finding f : decision.findings()) {
                failures.add("  " + describe(f));
            }
        }
        return new TestResult(policy, name, location, failures, decision);
    }

    private static TestResult failed(String policy, String name, String location, String why) {
        return new TestResult(policy, name, location, List.of(why), null);
    }

    private static String check(TestCase.Expectation e, Decision d) {
        if (e instanceof TestCase.Fires f) {
            for (Finding found : d.findings()) {
                if (found.rule().equals(f.rule().text()) && (f.line() == null || f.line().equals(found.line()))
                        && (f.severity() == null || f.severity().key().equals(found.severity()))
                        && (f.carc() == null || f.carc().equals(found.carc()))) {
                    return null;
                }
            }
            return "expected " + f.rule().text() + (f.line() == null ? "" : " on line " + f.line())
                    + (f.severity() == null ? "" : " " + f.severity().key()) + (f.carc() == null ? "" : " carc " + f.carc())
                    + ", but it did not fire that way";
        }
        if (e instanceof TestCase.Silent s) {
            for (Finding found : d.findings()) {
                if (found.rule().equals(s.rule().text()) && (s.line() == null || s.line().equals(found.line()))) {
                    return "expected no " + s.rule().text() + (s.line() == null ? "" : " on line " + s.line())
                            + ", but it fired: " + found.message();
                }
            }
            return null;
        }
        TestCase.Outcome o = (TestCase.Outcome) e;
        String want = o.severity() == null ? "clean" : o.severity().key();
        return want.equals(d.outcome()) ? null : "expected outcome " + want + ", got " + d.outcome();
    }

    static String describe(Finding f) {
        return (f.line() == null ? "claim" : "line " + f.line()) + " " + f.rule() + " "
                + f.severity().toUpperCase(Locale.ROOT) + (f.carc() == null ? "" : " " + f.group() + "-" + f.carc())
                + ": " + f.message();
    }
}
