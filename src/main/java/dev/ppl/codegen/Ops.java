package dev.ppl.codegen;

/**
 * The conversions generated rules call between the operand stack's kinds and the values the
 * shared helpers of {@code dev.ppl.compile} ({@code Comparison}, {@code Membership}, {@code
 * Arithmetic}, {@code Builtins}, {@code Fields}) take. What a construct computes lives in those
 * helpers, called by the node trees too; only what is particular to the stack lives here. They are
 * small and static, so the JIT inlines them into the rule's method.
 */
public final class Ops {
    private Ops() {}

    /** A number read from an object slot or value: {@code NaN} unless it is a number. */
    public static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A number as a value: null when missing. */
    public static Object boxed(double d) {
        return Double.isNaN(d) ? null : d;
    }
}
