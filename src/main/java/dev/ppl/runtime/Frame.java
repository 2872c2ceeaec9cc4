package dev.ppl.runtime;

/** The state of one rule evaluation: the claim and the slots of the rule's variables. */
public final class Frame {
    final ClaimContext claim;
    /** The claim's work budget: loops call {@link #step()} for each element they visit. */
    public final Budget budget;
    public final Object[] refs;
    public final double[] nums;
    Tracer tracer;

    public Frame(ClaimContext claim, int refSlots, int numSlots) {
        this.claim = claim;
        this.budget = claim.budget();
        this.refs = new Object[refSlots];
        this.nums = new double[numSlots];
    }

    /**
     * One step of work (a list element visited).
     *
     * @throws EvaluationLimitException when the claim's budget is used up
     */
    public void step() {
        budget.spend(1);
    }

    public ClaimContext claim() {
        return claim;
    }

    public Tracer tracer() {
        return tracer;
    }
}
