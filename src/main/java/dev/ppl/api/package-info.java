/**
 * The door for host applications: build a {@link dev.ppl.api.PolicyEngine} once from policy
 * files, then {@link dev.ppl.api.PolicyEngine#evaluate evaluate} claims (the model is in {@code
 * dev.ppl.claim}) into {@link dev.ppl.api.Decision}s. Everything here is immutable and safe to
 * share between threads.
 */
package dev.ppl.api;
