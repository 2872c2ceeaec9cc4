package dev.ppl.runtime;

/** The evaluation nodes a compiled expression is made of, one interface per result kind. */
public final class Node {
    private Node() {}

    /** A condition. */
    @FunctionalInterface
    public interface Bool {
        boolean test(Frame f);
    }

    /** A number; {@code NaN} means missing (every comparison with it is false). */
    @FunctionalInterface
    public interface Num {
        double num(Frame f);
    }

    /** Any other value; {@code null} means missing. */
    @FunctionalInterface
    public interface Obj {
        Object get(Frame f);
    }
}
