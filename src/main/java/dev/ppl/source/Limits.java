package dev.ppl.source;

/**
 * The sizes PPL accepts in policy text, checked with a diagnostic before anything can run out of
 * stack or memory (docs/limits.md). Real policies stay far below them; they are there so that a
 * mistaken or hostile file gets an error naming the limit instead of a crash.
 */
public final class Limits {
    private Limits() {}

    /** Characters in one policy file (1 MiB); a larger file is not parsed (PPL0120). */
    public static final int POLICY_FILE_CHARS = 1 << 20;

    /** Characters in one table file named by {@code from} (64 MiB); a larger file is not read (PPL0260). */
    public static final int TABLE_FILE_CHARS = 64 << 20;

    /**
     * Levels of nesting in one expression, code set expression or test claim: each operator,
     * parenthesis, {@code not}, quantifier, function call and JSON object or array is a level
     * (PPL0121). {@code a or b or c} is three levels deep; write long alternatives as a code set.
     */
    public static final int NESTING_DEPTH = 100;

    /** Rules in one policy file (PPL0122). */
    public static final int RULES_PER_POLICY = 1000;

    /**
     * The stack of the thread that parses, checks and compiles policies (16 MiB). At {@link
     * #NESTING_DEPTH} the compiler needs less than a quarter of it (measured by the tests); host
     * threads evaluating compiled policies need no more than their default stack.
     */
    public static final long COMPILER_STACK_BYTES = 16L << 20;
}
