package dev.ppl.runtime;

/** The state of one rule evaluation: the claim and the slots of the rule's variables. */
public final class Frame {
    final ClaimContext claim;
    public final Object[] refs;
    public final double[] nums;
    Tracer tracer;

    public Frame(ClaimContext claim, int refSlots, int numSlots) {
        this.claim = claim;
        this.refs = new Object[refSlots];
        this.nums = new double[numSlots];
    }

    public ClaimContext claim() {
        return claim;
    }

    public Tracer tracer() {
        return tracer;
    }
}
