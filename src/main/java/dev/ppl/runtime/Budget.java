package dev.ppl.runtime;

/**
 * The work one claim's evaluation may do. Work is counted in steps, so a claim that goes over the
 * budget does so on every machine and every run: one step for each list element a rule or
 * quantifier visits, and one per character a text function reads ({@code similarity()} reads both
 * texts). An optional wall-clock deadline is checked every few thousand steps on top. Text
 * functions read at most {@link #maxTextLength()} characters of a text.
 *
 * <p>One budget serves one evaluation on one thread; it is not thread-safe.
 */
public final class Budget {
    /** Steps between two looks at the clock. */
    private static final long CLOCK_EVERY = 4096;

    private final long maxSteps;
    private final long deadline;
    private final boolean timed;
    private final int maxTextLength;
    private long left;
    private long nextCheck;
    private CompiledRule rule;

    /**
     * @param maxSteps steps the evaluation may take
     * @param timeoutNanos wall-clock time it may take from now, or 0 for no deadline
     * @param maxTextLength characters a text function reads of each text
     */
    public Budget(long maxSteps, long timeoutNanos, int maxTextLength) {
        if (maxSteps <= 0 || maxTextLength <= 0 || timeoutNanos < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxSteps = maxSteps;
        this.timed = timeoutNanos > 0;
        this.deadline = timed ? System.nanoTime() + timeoutNanos : 0;
        this.maxTextLength = maxTextLength;
        this.left = maxSteps;
        this.nextCheck = timed ? maxSteps - CLOCK_EVERY : 0;
    }

    /** A budget that never runs out (tools that trace one claim, tests). */
    public static Budget unlimited() {
        return new Budget(Long.MAX_VALUE, 0, Integer.MAX_VALUE);
    }

    /**
     * Spends steps.
     *
     * @throws EvaluationLimitException when the steps or the time are used up
     */
    public void spend(long steps) {
        left -= steps;
        if (left < nextCheck) {
            check();
        }
    }

    private void check() {
        if (left < 0) {
            throw new EvaluationLimitException(EvaluationLimitException.Limit.STEPS, maxSteps, running());
        }
        if (timed) {
            if (System.nanoTime() - deadline > 0) {
                throw new EvaluationLimitException(EvaluationLimitException.Limit.TIME, 0, running());
            }
            nextCheck = left - CLOCK_EVERY;
        } else {
            nextCheck = 0;
        }
    }

    /** Spends one step per character of a text read (at most {@link #maxTextLength()} of it). */
    public void read(String text) {
        spend(1 + Math.min(text.length(), maxTextLength));
    }

    /** The text a text function reads: the first {@link #maxTextLength()} characters. */
    public String cut(String text) {
        return text.length() <= maxTextLength ? text : text.substring(0, maxTextLength);
    }

    /** Characters a text function reads of each text. */
    public int maxTextLength() {
        return maxTextLength;
    }

    /** Steps spent so far. */
    public long spent() {
        return maxSteps - left;
    }

    private String running() {
        return rule == null ? null : rule.policy().ref() + "/" + rule.id();
    }

    /** Names the rule now running, for the message when the budget runs out. */
    void running(CompiledRule rule) {
        this.rule = rule;
    }
}
