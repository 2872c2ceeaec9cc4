package dev.ppl.runtime;

/**
 * Receives the value of each traced sub-condition while a rule is evaluated (for {@code ppl
 * explain}); only policies compiled with tracing call it.
 */
public interface Tracer {

    /** A rule starts evaluating for one combination of its {@code for each} variables. */
    void enter(CompiledRule rule, Frame frame);

    /** A sub-condition was evaluated. */
    void condition(TracePoint point, boolean value, Frame frame);

    /** A traced condition: its source text and position. */
    record TracePoint(String text, int line, int column) {}
}
