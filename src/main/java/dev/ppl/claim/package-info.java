/**
 * The claim model: immutable records for everything in the PPL claim contract
 * ({@code docs/claim-format.md}). A {@code null} optional field means "not documented";
 * lists are never null (empty instead).
 */
package dev.ppl.claim;
