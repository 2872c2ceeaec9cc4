package dev.ppl.claim;

/**
 * A drug in one injection.
 *
 * @param line the line number billing this drug, or null when the drug was not billed
 * @param name the drug's name as documented, or null
 * @param dose the documented dose, or null
 */
public record InjectedDrug(Integer line, String name, Dose dose) {}
