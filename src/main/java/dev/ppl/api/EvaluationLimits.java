package dev.ppl.api;

import dev.ppl.runtime.Budget;
import java.time.Duration;
import java.util.Objects;

/**
 * How much work the engine may do for one claim. A claim that needs more gets a {@code reject}
 * decision with one finding, {@code evaluation-limit}, that names the limit and what to do; the
 * evaluation stops there and the engine goes on with the next claim. Give your own to {@link
 * PolicyEngine.Builder#limits}; {@code ppl eval} has {@code --max-steps}, {@code --max-history},
 * {@code --max-text-length} and {@code --claim-timeout}.
 *
 * <p>Work is counted in <em>steps</em>, so a claim is over or under the budget the same way on
 * every machine and every run: one step for each element a rule's {@code for each} or a quantifier
 * ({@code any}, {@code every}, {@code count}, {@code sum}, {@code in} a list) visits, and one per
 * character a text function ({@code similarity}, {@code contains}, {@code matches}, {@code words},
 * {@code length}, {@code lower}) reads. The bundled library spends a few hundred steps on a
 * typical claim. The wall-clock timeout is off by default: time depends on the machine and its
 * load, so the same claim could pass on one run and be rejected on the next.
 *
 * @param maxSteps steps one claim's evaluation may take (default {@value #DEFAULT_MAX_STEPS})
 * @param maxHistoryEntries history entries a claim may carry (default {@value
 *     #DEFAULT_MAX_HISTORY_ENTRIES}); a claim with more is rejected, not judged on part of its history
 * @param maxTextLength characters of each text a text function reads (default {@value
 *     #DEFAULT_MAX_TEXT_LENGTH}); {@code similarity()} compares the first this many characters of
 *     two notes
 * @param timeout wall-clock time one claim's evaluation may take, or null for none (the default)
 */
public record EvaluationLimits(long maxSteps, int maxHistoryEntries, int maxTextLength, Duration timeout) {
    public static final long DEFAULT_MAX_STEPS = 10_000_000;
    public static final int DEFAULT_MAX_HISTORY_ENTRIES = 1_000;
    public static final int DEFAULT_MAX_TEXT_LENGTH = 20_000;

    /** The defaults: bounded steps, history and text length, no timeout. */
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(DEFAULT_MAX_STEPS,
            DEFAULT_MAX_HISTORY_ENTRIES, DEFAULT_MAX_TEXT_LENGTH, null);

    public EvaluationLimits {
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps must be positive, not " + maxSteps);
        }
        if (maxHistoryEntries < 0) {
            throw new IllegalArgumentException("maxHistoryEntries must not be negative, not " + maxHistoryEntries);
        }
        if (maxTextLength <= 0) {
            throw new IllegalArgumentException("maxTextLength must be positive, not " + maxTextLength);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    public EvaluationLimits withMaxSteps(long steps) {
        return new EvaluationLimits(steps, maxHistoryEntries, maxTextLength, timeout);
    }

    public EvaluationLimits withMaxHistoryEntries(int entries) {
        return new EvaluationLimits(maxSteps, entries, maxTextLength, timeout);
    }

    public EvaluationLimits withMaxTextLength(int characters) {
        return new EvaluationLimits(maxSteps, maxHistoryEntries, characters, timeout);
    }

    /** With a wall-clock timeout per claim, or none for null. */
    public EvaluationLimits withTimeout(Duration timeout) {
        return new EvaluationLimits(maxSteps, maxHistoryEntries, maxTextLength, timeout);
    }

    /** A fresh budget for one evaluation. */
    Budget budget() {
        return new Budget(maxSteps, timeout == null ? 0 : Math.max(1, saturatedNanos(timeout)), maxTextLength);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    @Override
    public String toString() {
        return "EvaluationLimits[maxSteps=" + maxSteps + ", maxHistoryEntries=" + maxHistoryEntries + ", maxTextLength="
                + maxTextLength + ", timeout=" + Objects.requireNonNullElse(timeout, "none") + "]";
    }
}
