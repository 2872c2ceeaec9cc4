package dev.ppl.ast;

import dev.ppl.source.Span;
import java.time.LocalDate;
import java.util.List;

/** Expressions over the claim. */
public sealed interface Expr {
    Span span();

    record NameRef(String name, Span span) implements Expr {}

    record Member(Expr target, Name member, Span span) implements Expr {}

    /** {@code TABLE[key, ...]} or {@code TABLE[key on date]}. */
    record Lookup(Name table, List<Expr> keys, Expr on, Span span) implements Expr {
        public Lookup {
            keys = List.copyOf(keys);
        }
    }

    record Call(Name function, List<Expr> args, Span span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    record NumberLit(String text, Span span) implements Expr {}

    record StringLit(String value, Span span) implements Expr {}

    record DateLit(LocalDate value, Span span) implements Expr {}

    /** {@code 10 mg}, {@code 30 days}: the unit name is checked by the checker. */
    record QuantityLit(String number, Name unit, Span span) implements Expr {}

    /** A code-shaped token: {@code J3420}, {@code D51.0}. */
    record CodeLit(String text, Span span) implements Expr {}

    record BoolLit(boolean value, Span span) implements Expr {}

    record SetLit(SetExpr.Literal set, Span span) implements Expr {}

    record Negate(Expr operand, Span span) implements Expr {}

    record Not(Expr operand, Span span) implements Expr {}

    /** Arithmetic: {@code + - * /}. */
    record Arithmetic(char op, Expr left, Expr right, Span span) implements Expr {}

    /** Comparison: {@code = != < <= > >=}. */
    record Compare(String op, Expr left, Expr right, Span span) implements Expr {}

    record And(Expr left, Expr right, Span span) implements Expr {}

    record Or(Expr left, Expr right, Span span) implements Expr {}

    /** {@code element [not] in container}. */
    record In(Expr element, Expr container, boolean negated, Span span) implements Expr {}

    /** {@code x is [not] present|missing|blank}. */
    record Is(Expr operand, Check check, boolean negated, Span span) implements Expr {}

    /** What {@code is} checks. */
    enum Check {
        PRESENT,
        MISSING,
        BLANK
    }

    /** {@code a within 30 days before|after|of b}. */
    record Within(Expr date, Expr window, Direction direction, Expr reference, Span span) implements Expr {}

    /** Where a {@link Within} window lies relative to its reference date. */
    enum Direction {
        BEFORE,
        AFTER,
        OF
    }

    /** {@code any|no x in C [where P]}, {@code every x in C [where F] satisfies P}. */
    record Quantified(
            Quantifier quantifier, Name var, Expr source, Expr where, Expr satisfies, Span span)
            implements Expr {}

    /** The quantifiers. */
    enum Quantifier {
        ANY,
        NO,
        EVERY
    }

    /** {@code count(x in C [where P])}. */
    record Count(Name var, Expr source, Expr where, Span span) implements Expr {}

    /** {@code sum(value for x in C [where P])}. */
    record Sum(Expr value, Name var, Expr source, Expr where, Span span) implements Expr {}
}
