package dev.ppl.ast;

import dev.ppl.source.Span;
import java.util.List;

/**
 * A test written beside the rules: a claim, edits to it, and what must (not) be found.
 *
 * @param claimFile path of the base claim, relative to the policy file; or null
 * @param inlineClaim the claim written inline as JSON text; or null
 * @param patches edits applied to the claim, in order
 * @param expectations what the evaluation must show
 */
public record TestCase(Text claimFile, String inlineClaim, List<Patch> patches, List<Expectation> expectations) {

    public TestCase {
        patches = List.copyOf(patches);
        expectations = List.copyOf(expectations);
    }

    /**
     * An edit of the claim JSON. {@code line} selects the service line with that line number
     * (null for claim-level paths); {@code path} is dotted with optional [index] steps; {@code
     * json} is the new value as JSON text, or null to remove.
     */
    public record Patch(Integer line, String path, String json, Span span) {}

    /** What a test expects. */
    public sealed interface Expectation {
        Span span();
    }

    /** The rule fires (on the line, with the severity and CARC when given). */
    public record Fires(Name rule, Integer line, Severity severity, String carc, Span span) implements Expectation {}

    /** The rule does not fire (on that line, when given). */
    public record Silent(Name rule, Integer line, Span span) implements Expectation {}

    /** The decision's outcome: a severity, or null for clean. */
    public record Outcome(Severity severity, Span span) implements Expectation {}
}
