package dev.ppl.claim;

/**
 * The payer a claim is sent to.
 *
 * @param id payer key used to select policies, e.g. {@code medicare}, {@code medicaid-tx}
 * @param type the kind of payer
 * @param jurisdiction MAC jurisdiction (e.g. {@code JF}) or state, or null
 */
public record Payer(String id, PayerType type, String jurisdiction) {}
