package dev.ppl.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.EvaluationLimits;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicyException;
import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.explain.Explainer;
import dev.ppl.explain.ExplanationText;
import dev.ppl.lint.Linter;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import dev.ppl.testing.PolicyTests;
import dev.ppl.testing.TestResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the playground does with an edited policy and a claim: the diagnostics {@code ppl check}
 * gives (codes, messages, line and column), then, when the policies have no errors, the decision
 * {@code ppl eval} gives, the explanation {@code ppl explain} gives, and the edited policy's own
 * tests as {@code ppl test} runs them. The edited policy is checked together with the policy
 * library, so {@code extends} works; it replaces the library's file of the same name, or joins
 * the library as a new file at its top. It reads files only as the library's policies do, inside
 * the library's root (docs/limits.md#files-a-policy-may-read).
 */
public final class Workbench {
    /** The name a policy that is not one of the library's files stands as, relative to the library's top. */
    public static final String NEW_POLICY = "playground.ppl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<List<PolicySource>> library;
    private final Path directory;
    private final EvaluationLimits limits;

    /**
     * @param directory the policy directory, or null for the bundled library
     * @param limits the work one claim's evaluation may do
     */
    public Workbench(Path directory, EvaluationLimits limits) {
        this.directory = directory;
        this.limits = Objects.requireNonNull(limits, "limits");
        // read afresh on every run, so files changed on disk are seen without a restart
        this.library = directory == null ? PolicySource::bundled : () -> PolicySource.directory(directory);
    }

    /** The library's policy files, in path order. */
    public List<PolicySource> library() {
        return library.get();
    }

    /** The name a new policy gets in diagnostics. */
    public String newPolicyName() {
        return unsaved(NEW_POLICY, "").path();
    }

    private PolicySource unsaved(String relative, String text) {
        return directory == null ? PolicySource.unsavedBundled(relative, text) : PolicySource.unsaved(directory, relative, text);
    }

    /**
     * Checks the library with {@code policy} in it as {@code name} (a library file's name, or null
     * for a new policy), evaluates and explains {@code claim} (claim JSON) when the policies have
     * no errors, and runs the edited policy's tests.
     */
    public ObjectNode run(String name, String policy, String claim) {
        List<PolicySource> sources = new ArrayList<>();
        PolicySource edited = null;
        for (PolicySource s : library()) {
            if (s.path().equals(name)) {
                // the file as typed, reading tables and test claims exactly where the file on disk would
                edited = new PolicySource(s.path(), policy, s.tables());
                sources.add(edited);
            } else {
                sources.add(s);
            }
        }
        if (edited == null) {
            edited = unsaved(NEW_POLICY, policy);
            sources.add(edited);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("policy", edited.path());

        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, diagnostics);
        Linter.lint(set, diagnostics);
        ArrayNode list = out.putArray("diagnostics");
        int errors = 0;
        for (Diagnostic d : diagnostics.all()) {
            list.add(diagnostic(d));
            errors += d.isError() ? 1 : 0;
        }
        int warnings = diagnostics.all().size() - errors;
        int policies = set.entries().size();
        out.put("errors", errors).put("warnings", warnings);
        out.put("summary", String.format("checked %d file%s, %d polic%s: %d error%s, %d warning%s", sources.size(),
                sources.size() == 1 ? "" : "s", policies, policies == 1 ? "y" : "ies", errors, errors == 1 ? "" : "s",
                warnings, warnings == 1 ? "" : "s"));
        if (errors > 0) {
            out.putNull("decision");
            out.putNull("explanation");
            out.putArray("tests");
            out.put("note", "the policies have errors, so no claim was evaluated: fix the errors above");
            return out;
        }

        ClaimReadResult read = ClaimJson.read(claim);
        Decision decision = read.isOk() ? set.evaluate(read.claim(), limits) : PolicyEngine.rejected(read.claimId(), read.errors());
        out.set("decision", DecisionJson.toJson(decision));
        ArrayNode claimErrors = out.putArray("claimErrors");
        read.errors().forEach(e -> claimErrors.add(e.render()));
        if (read.isOk()) {
            try {
                out.put("explanation", ExplanationText.render(Explainer.of(sources).explain(read.claim())));
            } catch (PolicyException e) {
                // the set compiled without errors a moment ago; only a file changed on disk since can do this
                out.put("explanation", "cannot explain: " + e.getMessage());
            }
        } else {
            out.put("explanation", "the claim cannot be read, so no rule ran; fix the fields named in the decision");
        }
        out.set("tests", tests(set, sources, edited.path()));
        return out;
    }

    private static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", d.source().path());
        o.put("line", d.line()).put("column", d.column());
        int end = Math.max(d.span().start(), d.span().end());
        o.put("endLine", d.source().line(end)).put("endColumn", d.source().column(end));
        o.put("level", d.level().label());
        o.put("code", d.code());
        o.put("message", d.message());
        if (d.help() == null) {
            o.putNull("help");
        } else {
            o.put("help", d.help());
        }
        o.put("rendered", d.render());
        return o;
    }

    /** The edited policy's tests, as {@code ppl test} reports them. */
    private static ArrayNode tests(PolicySet set, List<PolicySource> sources, String file) {
        ArrayNode out = JSON.createArrayNode();
        for (TestResult r : PolicyTests.run(set, sources, file::equals)) {
            ObjectNode t = out.addObject();
            t.put("name", r.name()).put("location", r.location()).put("passed", r.passed());
            ArrayNode failures = t.putArray("failures");
            r.failures().forEach(failures::add);
        }
        return out;
    }
}
