package dev.ppl.explain;

import dev.ppl.runtime.ClaimContext;
import dev.ppl.runtime.CompiledRule;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Tracer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what a traced evaluation did: each time a rule starts on one combination of its
 * {@code for each} variables, and each sub-condition's value with a copy of the variables at
 * that moment (so values can be shown afterwards).
 */
final class Recorder implements Tracer {

    /** One sub-condition evaluated: where, its value, and the rule's variables then. */
    record Event(TracePoint point, boolean value, Object[] refs, double[] nums) {}

    /** One run of a rule over one combination of its variables. */
    static final class Run {
        final Object[] bindings;
        final ClaimContext claim;
        final int refSlots;
        final int numSlots;
        final List<Event> events = new ArrayList<>();

        Run(Frame frame) {
            this.bindings = frame.refs.clone();
            this.claim = frame.claim();
            this.refSlots = frame.refs.length;
            this.numSlots = frame.nums.length;
        }
    }

    private final Map<CompiledRule, List<Run>> runs = new IdentityHashMap<>();
    private Run current;

    @Override
    public void enter(CompiledRule rule, Frame frame) {
        current = new Run(frame);
        runs.computeIfAbsent(rule, k -> new ArrayList<>()).add(current);
    }

    @Override
    public void condition(TracePoint point, boolean value, Frame frame) {
        if (current != null) {
            current.events.add(new Event(point, value, frame.refs.clone(), frame.nums.clone()));
        }
    }

    /** The runs of a rule, in order; empty when it never started (its lists were empty). */
    List<Run> runs(CompiledRule rule) {
        return runs.getOrDefault(rule, List.of());
    }
}
