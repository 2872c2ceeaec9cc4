package dev.ppl.claim;

/**
 * The drug identification on a drug line (X12 loop 2410).
 *
 * @param ndc the 11-digit National Drug Code as billed (may be malformed: policies judge it)
 * @param quantity the NDC quantity, or null
 * @param unit NDC unit of measure: {@code F2 GR ME ML UN}, or null
 * @param container {@code single-dose} or {@code multi-dose}, or null when not documented
 */
public record Drug(String ndc, Double quantity, String unit, String container) {}
