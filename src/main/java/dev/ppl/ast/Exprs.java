package dev.ppl.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walking expressions: the direct children of a node, and every expression a rule holds. */
public final class Exprs {
    private Exprs() {}

    /** The direct sub-expressions of an expression, in source order. */
    public static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>(3);
        if (e instanceof Expr.Member m) {
            out.add(m.target());
        } else if (e instanceof Expr.Lookup l) {
            out.addAll(l.keys());
            add(out, l.on());
        } else if (e instanceof Expr.Call c) {
            out.addAll(c.args());
        } else if (e instanceof Expr.Negate n) {
            out.add(n.operand());
        } else if (e instanceof Expr.Not n) {
            out.add(n.operand());
        } else if (e instanceof Expr.Arithmetic a) {
            out.add(a.left());
            out.add(a.right());
        } else if (e instanceof Expr.Compare c) {
            out.add(c.left());
            out.add(c.right());
        } else if (e instanceof Expr.And a) {
            out.add(a.left());
            out.add(a.right());
        } else if (e instanceof Expr.Or o) {
            out.add(o.left());
            out.add(o.right());
        } else if (e instanceof Expr.In in) {
            out.add(in.element());
            out.add(in.container());
        } else if (e instanceof Expr.Is is) {
            out.add(is.operand());
        } else if (e instanceof Expr.Within w) {
            out.add(w.date());
            out.add(w.window());
            out.add(w.reference());
        } else if (e instanceof Expr.Quantified q) {
            out.add(q.source());
            add(out, q.where());
            add(out, q.satisfies());
        } else if (e instanceof Expr.Count c) {
            out.add(c.source());
            add(out, c.where());
        } else if (e instanceof Expr.Sum s) {
            out.add(s.source());
            add(out, s.where());
            out.add(s.value());
        }
        return out;
    }

    /** Calls {@code visit} on the expression and every expression below it. */
    public static void walk(Expr e, Consumer<Expr> visit) {
        visit.accept(e);
        for (Expr child : children(e)) {
            walk(child, visit);
        }
    }

    /**
     * The top-level expressions of a rule: binding sources, the filter, lets, branch conditions,
     * finding lines and the holes of its messages.
     */
    public static List<Expr> ofRule(Decl.Rule r) {
        List<Expr> out = new ArrayList<>();
        r.bindings().forEach(b -> out.add(b.source()));
        add(out, r.where());
        r.lets().forEach(l -> out.add(l.value()));
        for (Decl.Branch b : r.branches()) {
            out.add(b.when());
            add(out, b.outcome().line());
            holes(b.outcome().message(), out);
            holes(b.outcome().fix(), out);
            holes(b.outcome().cites(), out);
        }
        return out;
    }

    /**
     * The top-level expressions of a measure: binding sources, the filter, lets, the item value,
     * the volume key, benchmarks, flag conditions and the holes of their messages.
     */
    public static List<Expr> ofMeasure(Decl.Measure m) {
        List<Expr> out = new ArrayList<>();
        m.bindings().forEach(b -> out.add(b.source()));
        add(out, m.where());
        m.lets().forEach(l -> out.add(l.value()));
        add(out, m.item());
        add(out, m.volume());
        m.benchmarks().forEach(b -> out.add(b.value()));
        for (Decl.Flag f : m.flags()) {
            out.add(f.when());
            holes(f.message(), out);
            holes(f.fix(), out);
            holes(f.cites(), out);
        }
        return out;
    }

    private static void holes(Template t, List<Expr> out) {
        if (t != null) {
            for (Template.Part p : t.parts()) {
                if (p instanceof Template.Hole h) {
                    out.add(h.expr());
                }
            }
        }
    }

    private static void add(List<Expr> out, Expr e) {
        if (e != null) {
            out.add(e);
        }
    }
}
