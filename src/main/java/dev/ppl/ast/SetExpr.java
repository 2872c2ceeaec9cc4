package dev.ppl.ast;

import dev.ppl.source.Span;
import java.util.List;

/** A code set expression: a literal, a reference to another set, a union or a difference. */
public sealed interface SetExpr {
    Span span();

    /** {@code { 96372, 99202-99205, D51.* }}. */
    record Literal(List<Element> elements, Span span) implements SetExpr {
        public Literal {
            elements = List.copyOf(elements);
        }
    }

    /** A single code, a range ({@code to} not null) or a pattern ending in {@code *}. */
    record Element(String from, String to, Span span) {}

    record Ref(Name name, Span span) implements SetExpr {}

    record Union(SetExpr left, SetExpr right, Span span) implements SetExpr {}

    record Difference(SetExpr left, SetExpr right, Span span) implements SetExpr {}
}
