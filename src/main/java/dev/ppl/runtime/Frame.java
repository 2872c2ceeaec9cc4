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
    /**
     * The values derived from claim texts so far ({@link #derived}): the derivation, the text (both
     * by identity) and the value, the most recent {@link #DERIVED} of them. A claim has a few notes;
     * a claim with more recomputes the oldest, which gives the same values.
     */
    private Object[] derived;
    /** How many entries of {@link #derived} are in use, and the next one to fill. */
    private int derivedCount;
    private int derivedNext;
    private static final int DERIVED = 16;

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

    /**
     * {@code derive.apply(text)}, computed once per text and frame (one claim's evaluation of one
     * policy): a function that reads the same claim text in several rules or several loop passes
     * (a note compared with each history note) derives from it once. {@code derive} must be one
     * object per derivation (a constant) and give the same value for the same text.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(String text, java.util.function.Function<String, T> derive) {
        if (derived == null) {
            derived = new Object[3 * DERIVED];
        }
        for (int i = 0; i < 3 * derivedCount; i += 3) {
            if (derived[i] == text && derived[i + 1] == derive) {
                return (T) derived[i + 2];
            }
        }
        T v = derive.apply(text);
        int at = 3 * derivedNext;
        derivedNext = (derivedNext + 1) % DERIVED;
        derivedCount = Math.min(derivedCount + 1, DERIVED);
        derived[at] = text;
        derived[at + 1] = derive;
        derived[at + 2] = v;
        return v;
    }

    public ClaimContext claim() {
        return claim;
    }

    public Tracer tracer() {
        return tracer;
    }
}
