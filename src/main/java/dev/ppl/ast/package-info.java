/**
 * The syntax tree of a policy file: records in sealed families, each node with its {@link
 * dev.ppl.source.Span}. Types and resolved names live in the checker's side tables, not here.
 */
package dev.ppl.ast;
