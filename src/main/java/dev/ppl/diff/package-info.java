/**
 * What-if replay of a policy change ({@code ppl diff}): the decisions of two policy sets on the
 * same claims compared claim by claim ({@link dev.ppl.diff.ClaimChange}) and counted ({@link
 * dev.ppl.diff.DiffTally}). Nothing here holds more than one claim's decisions; the counters grow
 * with the number of rules, CARCs and outcome transitions, not with the number of claims.
 */
package dev.ppl.diff;
