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
    /** Per derivation, the values derived from claim texts so far, by the text's identity. */
    private java.util.IdentityHashMap<java.util.function.Function<String, ?>, java.util.IdentityHashMap<String, Object>> derived;

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
            derived = new java.util.IdentityHashMap<>(4);
        }
        java.util.IdentityHashMap<String, Object> values = derived.computeIfAbsent(derive, k -> new java.util.IdentityHashMap<>());
        Object v = values.get(text);
        if (v == null) {
            v = derive.apply(text);
            values.put(text, v);
        }
        return (T) v;
    }

    public ClaimContext claim() {
        return claim;
    }

    public Tracer tracer() {
        return tracer;
    }
}
