/** Compilation: checked policies become trees of evaluation nodes ({@link dev.ppl.runtime.Node}). */
package dev.ppl.compile;
