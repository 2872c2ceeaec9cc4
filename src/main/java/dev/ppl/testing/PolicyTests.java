package dev.ppl.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.ast.Decl;
import dev.ppl.ast.TestCase;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.runtime.CompiledRule;
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
        return run(set, sources, path -> true);
    }

    /**
     * Runs the tests written in the policy files whose name {@code files} accepts (an editor runs
     * one file's), against the whole set.
     *
     * @param sources the sources the set was compiled from (to read test claim files)
     */
    public static List<TestResult> run(PolicySet set, List<PolicySource> sources, java.util.function.Predicate<String> files) {
        Map<String, PolicySource> byPath = new HashMap<>();
        sources.forEach(s -> byPath.put(s.path(), s));
        List<TestResult> results = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (PolicySet.Entry entry : set.entries()) {
            SourceFile file = entry.checked().file().source();
            // a layered policy is compiled once per base version; its tests run once
            if (!files.test(file.path()) || seen.put(file.path(), Boolean.TRUE) != null) {
                continue;
            }
            for (Decl.Test test : entry.checked().tests()) {
                long start = System.nanoTime();
                TestResult r = run(set, entry, test, byPath.get(file.path()));
                results.add(new TestResult(r.policy(), r.name(), r.location(), r.problem(), r.checks(), r.decision(),
                        r.rules(), (System.nanoTime() - start) / 1e9));
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
                SourceFile claimFile;
                try {
                    claimFile = source == null ? null : source.tables().load(body.claimFile().value());
                } catch (dev.ppl.check.TableLoader.Refused refused) {
                    return failed(policy, name, location, "claim file refused: " + refused.getMessage());
                }
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
        List<TestResult.Check> checks = new ArrayList<>();
        for (TestCase.Expectation e : body.expectations()) {
            checks.add(check(e, decision, read.isOk() ? read.claim() : null, set, file));
        }
        return new TestResult(policy, name, location, null, checks, decision,
                read.isOk() ? rules(set, read.claim(), decision) : Map.of(), 0);
    }

    /** Every rule that judged the claim, and whether it fired. */
    private static Map<TestResult.RuleKey, Boolean> rules(PolicySet set, Claim claim, Decision decision) {
        Map<TestResult.RuleKey, Boolean> out = new HashMap<>();
        for (PolicySet.Entry entry : set.entries()) {
            if (PolicySet.judges(entry.compiled().info(), claim)) {
                for (CompiledRule rule : entry.compiled().rules()) {
                    out.putIfAbsent(new TestResult.RuleKey(rule.policy().ref(), rule.id()), false);
                }
            }
        }
        for (Finding f : decision.findings()) {
            out.computeIfPresent(new TestResult.RuleKey(f.policy(), f.rule()), (k, v) -> true);
        }
        return out;
    }

    private static TestResult failed(String policy, String name, String location, String why) {
        return new TestResult(policy, name, location, why, List.of(), null, Map.of(), 0);
    }

    private static TestResult.Check check(TestCase.Expectation e, Decision d, Claim claim, PolicySet set, SourceFile file) {
        String where = "line " + file.line(e.span().start());
        String written = file.slice(e.span()).replaceAll("\\s+", " ");
        List<Finding> findings = d.findings();
        if (e instanceof TestCase.Fires f) {
            List<Integer> sameRule = new ArrayList<>();
            for (int i = 0; i < findings.size(); i++) {
                Finding found = findings.get(i);
                if (found.rule().equals(f.rule().text())) {
                    if (differences(f, found).isEmpty()) {
                        return new TestResult.Check(TestResult.Kind.FIRES, written, where, true, List.of(), List.of(i));
                    }
                    sameRule.add(i);
                }
            }
            List<String> actual = new ArrayList<>();
            for (int i : sameRule) {
                Finding found = findings.get(i);
                actual.add(f.rule().text() + " " + brief(found) + ": " + String.join("; ", differences(f, found)));
            }
            if (actual.isEmpty()) {
                actual.add(f.rule().text() + " did not fire" + whyNotJudged(f.rule().text(), claim, set));
            }
            return new TestResult.Check(TestResult.Kind.FIRES, written, where, false, actual, sameRule);
        }
        if (e instanceof TestCase.Silent s) {
            List<Integer> fired = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < findings.size(); i++) {
                Finding found = findings.get(i);
                if (found.rule().equals(s.rule().text()) && (s.line() == null || s.line().equals(found.line()))) {
                    fired.add(i);
                    actual.add(s.rule().text() + " fired " + brief(found) + ": " + found.message());
                }
            }
            return new TestResult.Check(TestResult.Kind.SILENT, written, where, fired.isEmpty(), actual, fired);
        }
        TestCase.Outcome o = (TestCase.Outcome) e;
        String want = o.severity() == null ? "clean" : o.severity().key();
        if (want.equals(d.outcome())) {
            return new TestResult.Check(TestResult.Kind.OUTCOME, written, where, true, List.of(), List.of());
        }
        List<String> actual = new ArrayList<>();
        List<Integer> worst = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).severity().equals(d.outcome())) {
                worst.add(i);
                actual.add("outcome " + d.outcome() + " from " + findings.get(i).rule() + " " + brief(findings.get(i)));
            }
        }
        if (actual.isEmpty()) {
            actual.add("outcome " + d.outcome());
        }
        return new TestResult.Check(TestResult.Kind.OUTCOME, written, where, false, actual, worst);
    }

    /** How a finding of the expected rule differs from the expectation, in words. */
    private static List<String> differences(TestCase.Fires f, Finding found) {
        List<String> out = new ArrayList<>();
        if (f.line() != null && !f.line().equals(found.line())) {
            out.add("it is on " + (found.line() == null ? "the claim" : "line " + found.line()) + ", not line " + f.line());
        }
        if (f.severity() != null && !f.severity().key().equals(found.severity())) {
            out.add("its severity is " + found.severity() + ", not " + f.severity().key());
        }
        if (f.carc() != null && !f.carc().equals(found.carc())) {
            out.add("its carc is " + (found.carc() == null ? "not given" : found.carc()) + ", not " + f.carc());
        }
        return out;
    }

    /** Why a rule's policy did not look at the claim at all, when that is the reason it did not fire. */
    private static String whyNotJudged(String rule, Claim claim, PolicySet set) {
        if (claim == null) {
            return " (the claim could not be read, so no rule ran)";
        }
        String why = null;
        for (PolicySet.Entry entry : set.entries()) {
            for (CompiledRule r : entry.compiled().rules()) {
                if (r.id().equals(rule)) {
                    String reason = PolicySet.whyNotJudged(entry.compiled().info(), claim);
                    if (reason == null) {
                        return "";
                    }
                    why = why != null ? why : entry.compiled().info().ref() + " did not judge this claim: " + reason;
                }
            }
        }
        return why == null ? "" : " (" + why + ")";
    }

    /** {@code on line 1 deny CO-4}. */
    static String brief(Finding f) {
        return (f.line() == null ? "on the claim" : "on line " + f.line()) + " " + f.severity()
                + (f.carc() == null ? "" : " " + (f.group() == null ? "" : f.group() + "-") + f.carc());
    }

    static String describe(Finding f) {
        return (f.line() == null ? "claim " : "line " + f.line()) + "  " + f.severity().toUpperCase(Locale.ROOT)
                + (f.carc() == null ? "" : " " + f.group() + "-" + f.carc()) + "  " + f.rule() + "  " + f.message();
    }
}
