/** Policy source text, positions in it, and the diagnostics every phase reports against it. */
package dev.ppl.source;
