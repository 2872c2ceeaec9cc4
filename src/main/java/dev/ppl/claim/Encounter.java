package dev.ppl.claim;

/**
 * The visit the injection was part of.
 *
 * @param purpose {@code injection-only} or {@code evaluation}, or null when not documented
 * @param note the E/M documentation text, or null
 */
public record Encounter(String purpose, String note) {}
