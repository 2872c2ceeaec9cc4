package dev.ppl.ast;

import dev.ppl.source.Span;

/** A string literal's value (escapes resolved) and where it was written (quotes included). */
public record Text(String value, Span span) {}
