/**
 * Lint: warnings about policies that check but are probably not what was meant (no citation,
 * unused sets and tables, untested rules, codes missing from tables,
 * conditions that are never true), run by {@code ppl check}; and SARIF output for diagnostics.
 */
package dev.ppl.lint;
