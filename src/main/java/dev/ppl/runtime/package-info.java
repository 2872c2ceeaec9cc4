/**
 * Evaluation: compiled policies are trees of small typed nodes ({@link dev.ppl.runtime.Node})
 * run over a claim; a rule may also carry a generated {@link dev.ppl.runtime.RuleBody} (see
 * {@code dev.ppl.codegen}) that runs instead of its tree when no tracer listens. Everything here
 * is immutable after compilation and safe to share between threads; per-evaluation state lives
 * in a {@link dev.ppl.runtime.Frame}.
 */
package dev.ppl.runtime;
