/**
 * {@code ppl explain}: why a claim got its decision. Policies are compiled with tracing; a
 * {@link dev.ppl.runtime.Tracer} records each sub-condition's value, and the record is read back
 * against the rules' syntax trees into sentences about the claim's own lines.
 */
package dev.ppl.explain;
