/**
 * {@code ppl fmt}: lays policy files out in one canonical layout from ANTLR's token stream,
 * keeping every comment (comments live on the hidden channel, so the AST does not carry them).
 */
package dev.ppl.format;
