package dev.ppl.ast;

import dev.ppl.source.Span;
import java.util.List;

/** A message string with {@code {expression}} holes filled from the claim. */
public record Template(List<Part> parts, Span span) {

    public Template {
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    public sealed interface Part {}

    public record Literal(String text) implements Part {}

    public record Hole(Expr expr) implements Part {}
}
