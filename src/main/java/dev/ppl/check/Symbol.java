package dev.ppl.check;

import dev.ppl.value.CodeSet;

/** What a name in an expression refers to. */
public sealed interface Symbol {

    /**
     * A variable bound by {@code for each}, {@code let} or a quantifier. Numeric {@code let}s live
     * in the frame's number slots, everything else in its object slots.
     */
    record Var(String name, int slot, Type type, boolean numericSlot) implements Symbol {}

    /** {@code claim} itself. */
    record ClaimRoot() implements Symbol {}

    /** A claim field used without {@code claim.}: {@code lines}, {@code injections}, ... */
    record ClaimField(ClaimSchema.Field field) implements Symbol {}

    /** A named code set. */
    record SetRef(CodeSet set, Type element) implements Symbol {}
}
