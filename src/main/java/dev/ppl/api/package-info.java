/**
 * The door for host applications.
 *
 * <ul>
 *   <li>{@link dev.ppl.api.PolicyEngine}: build it once from policy directories, the classpath or
 *       the bundled library ({@link dev.ppl.api.PolicyEngine.Builder}), then {@link
 *       dev.ppl.api.PolicyEngine#evaluate evaluate} claims (the model is in {@code
 *       dev.ppl.claim}) into {@link dev.ppl.api.Decision}s made of {@link dev.ppl.api.Finding}s.
 *   <li>Hot reload: {@link dev.ppl.api.PolicyEngine#reload()}, or a directory watcher ({@link
 *       dev.ppl.api.PolicyEngine.Builder#watch()}); every reload, applied or turned down with its
 *       diagnostics, is told to the {@link dev.ppl.api.ReloadListener}s as a {@link
 *       dev.ppl.api.ReloadEvent}.
 *   <li>{@link dev.ppl.api.DecisionLog}: one JSON line per decision, without PHI by default.
 *   <li>{@link dev.ppl.api.DecisionJson}: decisions in the contract's JSON shape.
 * </ul>
 *
 * <p>Compiled policy sets ({@link dev.ppl.api.PolicySet}) and decisions are immutable; the engine
 * swaps whole sets through one atomic reference, so everything here is safe to share between
 * threads and a decision never mixes two sets. Nothing here keeps static mutable state.
 */
package dev.ppl.api;
