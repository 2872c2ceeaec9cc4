package dev.ppl.lint;

import dev.ppl.ast.Expr;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.Symbol;
import dev.ppl.check.Type;
import dev.ppl.source.SourceFile;
import dev.ppl.value.CodeSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Obvious contradictions in a chain of {@code and}: the same value compared with two different
 * constants, with a constant and its negation, bounds that leave nothing between them, or a
 * constant that a set membership test excludes. Values are "the same" when they are written the
 * same way (ignoring spaces) in one chain, where every variable means one thing.
 */
final class Contradiction {
    private Contradiction() {}

    /** One constraint on a value: {@code value op constant}, or membership in a set. */
    private record Fact(String op, Object constant, String written, CodeSet set, String setName, boolean negated) {}

    /** Why a conjunction can never be true, and the likely fix. */
    record Found(String why, String help) {}

    /** Why the conjunction can never be true, or null. */
    static Found find(List<Expr> conjuncts, CheckedPolicy p, SourceFile source) {
        Map<String, List<Fact>> bySubject = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Compare cmp) {
                Object l = constant(cmp.left(), p);
                Object r = constant(cmp.right(), p);
                if ((l == null) == (r == null)) {
                    continue;
                }
                Expr subject = l == null ? cmp.left() : cmp.right();
                Expr value = l == null ? cmp.right() : cmp.left();
                String op = l == null ? cmp.op() : flip(cmp.op());
                Object normalized = normalize(l == null ? r : l, p.facts().type(subject));
                add(bySubject, shown, subject, source, new Fact(op, normalized, source.slice(value.span()), null, null, false));
            } else if (c instanceof Expr.In in && constant(in.element(), p) == null) {
                CodeSet set = set(in.container(), p);
                if (set != null) {
                    String name = in.container() instanceof Expr.NameRef n ? n.name() : source.slice(in.container().span());
                    add(bySubject, shown, in.element(), source, new Fact("in", null, null, set, name, in.negated()));
                }
            }
        }
        for (Map.Entry<String, List<Fact>> e : bySubject.entrySet()) {
            Found why = contradiction(shown.get(e.getKey()), e.getValue());
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static void add(Map<String, List<Fact>> bySubject, Map<String, String> shown, Expr subject, SourceFile source,
            Fact fact) {
        String written = source.slice(subject.span());
        String key = written.replaceAll("\\s+", "");
        bySubject.computeIfAbsent(key, k -> new ArrayList<>()).add(fact);
        shown.putIfAbsent(key, written);
    }

    private static Found contradiction(String subject, List<Fact> facts) {
        Fact equal = null;
        Fact lower = null;
        Fact upper = null;
        for (Fact f : facts) {
            if (f.op().equals("=")) {
                if (equal != null && !Objects.equals(equal.constant(), f.constant())) {
                    return new Found("`" + subject + "` cannot be both `" + equal.written() + "` and `" + f.written() + "`",
                            "did you mean `or`? To accept either, write `" + subject + " in { " + equal.written() + ", "
                                    + f.written() + " }`");
                }
                equal = f;
            }
        }
        for (Fact f : facts) {
            if (equal != null && f.op().equals("!=") && Objects.equals(equal.constant(), f.constant())) {
                return new Found("`" + subject + "` cannot be `" + equal.written() + "` and not `" + f.written() + "`",
                        "one of the two tests is wrong; remove it or compare with another value");
            }
            if (equal != null && f.set() != null && equal.constant() instanceof String code
                    && f.set().contains(code) == f.negated()) {
                return new Found("`" + subject + "` is `" + equal.written() + "` here, which is " + (f.negated() ? "" : "not ")
                        + "in `" + f.setName() + "`", "with `and` both tests must hold; check the code and the set, "
                        + "or join them with `or`");
            }
            if (f.constant() instanceof Double || f.constant() instanceof LocalDate) {
                if (f.op().startsWith(">") && (lower == null || compare(f.constant(), lower.constant()) >= 0)) {
                    lower = f;
                }
                if (f.op().startsWith("<") && (upper == null || compare(f.constant(), upper.constant()) <= 0)) {
                    upper = f;
                }
            }
        }
        if (lower != null && upper != null && lower.constant().getClass() == upper.constant().getClass()) {
            int cmp = compare(lower.constant(), upper.constant());
            boolean strict = lower.op().equals(">") || upper.op().equals("<");
            if (cmp > 0 || (cmp == 0 && strict)) {
                return new Found("`" + subject + "` cannot be " + words(lower) + " and " + words(upper),
                        "check the bounds: a range is `x >= low and x <= high`; outside it is `x < low or x > high`");
            }
        }
        if (equal != null && (equal.constant() instanceof Double || equal.constant() instanceof LocalDate)) {
            for (Fact bound : new Fact[] {lower, upper}) {
                if (bound != null && bound.constant().getClass() == equal.constant().getClass()
                        && !holds(compare(equal.constant(), bound.constant()), bound.op())) {
                    return new Found("`" + subject + "` cannot be `" + equal.written() + "` and " + words(bound),
                            "the value it must equal is outside the bound; check both numbers");
                }
            }
        }
        return null;
    }

    private static boolean holds(int cmp, String op) {
        return switch (op) {
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    private static String words(Fact f) {
        String w = switch (f.op()) {
            case ">" -> "more than";
            case ">=" -> "at least";
            case "<" -> "less than";
            default -> "at most";
        };
        return w + " `" + f.written() + "`";
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    /** The literal value of an expression: numbers, text, codes, dates; null for anything else. */
    private static Object constant(Expr e, CheckedPolicy p) {
        Object c = p.facts().constant(e);
        return c instanceof Double || c instanceof String || c instanceof LocalDate ? c : null;
    }

    private static Object normalize(Object constant, Type subjectType) {
        if (constant instanceof String s) {
            String t = s.trim();
            return subjectType == Type.Simple.DIAGNOSIS ? t.replace(".", "").toUpperCase(java.util.Locale.ROOT) : t;
        }
        return constant;
    }

    private static CodeSet set(Expr container, CheckedPolicy p) {
        if (p.facts().constant(container) instanceof CodeSet s) {
            return s;
        }
        return p.facts().symbol(container) instanceof Symbol.SetRef ref ? ref.set() : null;
    }
}
