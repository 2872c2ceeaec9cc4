/**
 * Checking: resolves names, code sets and tables, type-checks every expression against the claim
 * model, and records the results in side tables ({@link dev.ppl.check.CheckedPolicy}) for the
 * compiler. All errors of a file are reported together.
 */
package dev.ppl.check;
