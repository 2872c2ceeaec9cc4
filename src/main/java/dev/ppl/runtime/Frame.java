package dev.ppl.runtime;

/** The state of one rule evaluation: the claim and the slots of the rule's variables. */
public final class Frame {
    final ClaimContext claim;
    /** The claim's work budget: loops call {@link #step()} for each element they visit. */
    public final Budget budget;
    public final Object[] refs;
    public final double[] nums;
    Tracer tracer;
    private String lastText;
    private String lastLowerCase;

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

    /**
     * {@code text.toLowerCase(Locale.ROOT)}, remembering the last text: a rule that tests one note
     * for several phrases ({@code contains(i.note, "injection given") or contains(i.note, ...)})
     * lower-cases it once.
     */
    public String lowerCase(String text) {
        if (text != lastText) {
            lastLowerCase = text.toLowerCase(java.util.Locale.ROOT);
            lastText = text;
        }
        return lastLowerCase;
    }

    public ClaimContext claim() {
        return claim;
    }

    public Tracer tracer() {
        return tracer;
    }
}
