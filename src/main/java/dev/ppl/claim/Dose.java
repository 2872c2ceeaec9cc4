package dev.ppl.claim;

/**
 * A documented dose, e.g. 1000 mcg.
 *
 * @param value the amount
 * @param unit the unit as documented ({@code mg}, {@code mcg}, {@code g}, {@code mL}, {@code units}, ...)
 */
public record Dose(double value, String unit) {}
