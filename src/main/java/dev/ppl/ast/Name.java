package dev.ppl.ast;

import dev.ppl.source.Span;

/** An identifier or word as written, with where it was written. */
public record Name(String text, Span span) {}
