/** Turning policy text into the syntax tree: the generated ANTLR parser and the AST builder. */
package dev.ppl.syntax;
