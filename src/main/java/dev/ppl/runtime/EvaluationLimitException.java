package dev.ppl.runtime;

/**
 * An evaluation went over its {@link Budget}. The engine turns it into a reject decision for that
 * claim; it never reaches a host.
 */
public final class EvaluationLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which limit was reached. */
    public enum Limit {
        /** The step budget. */
        STEPS,
        /** The wall-clock timeout. */
        TIME
    }

    private final Limit limit;
    private final long steps;
    private final String rule;

    EvaluationLimitException(Limit limit, long steps, String rule) {
        super(limit == Limit.STEPS ? "over the budget of " + steps + " evaluation steps" : "over the time limit",
                null, false, false);
        this.limit = limit;
        this.steps = steps;
        this.rule = rule;
    }

    public Limit limit() {
        return limit;
    }

    /** The step budget that was used up ({@link Limit#STEPS}). */
    public long steps() {
        return steps;
    }

    /** The rule that was running, {@code policy@version/rule}, or null. */
    public String rule() {
        return rule;
    }
}
