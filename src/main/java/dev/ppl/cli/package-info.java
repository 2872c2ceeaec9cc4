/** The {@code ppl} command line: a thin client of {@link dev.ppl.api}. */
package dev.ppl.cli;
