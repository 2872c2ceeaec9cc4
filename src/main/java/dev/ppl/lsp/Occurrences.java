package dev.ppl.lsp;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.Name;
import dev.ppl.ast.PolicyFile;
import dev.ppl.ast.SetExpr;
import dev.ppl.ast.Template;
import dev.ppl.ast.TestCase;
import dev.ppl.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every name written in one policy file and what kind of thing it names: the declarations and uses
 * of code sets, tables, rules, {@code let}s, bound variables and base policies, and the words hover
 * explains (claim fields, functions, units, codes, CARC and RARC codes). Built from the syntax tree.
 */
final class Occurrences {

    /** What a name is. */
    enum Kind {
        POLICY,
        SET,
        TABLE,
        RULE,
        LET,
        VAR,
        /** A member access ({@code l.code}, {@code row.units}); {@link Occurrence#node} is the {@link Expr.Member}. */
        MEMBER,
        FUNCTION,
        UNIT,
        CODE,
        GROUP,
        CARC,
        RARC
    }

    /**
     * One name written in the file.
     *
     * @param kind what it names
     * @param name the name as written
     * @param span where
     * @param declaration whether this is where it is declared
     * @param node for {@code let}s and variables the {@link Name} that declares them (shared by all
     *     their uses); for members the {@link Expr.Member}; else null
     * @param owner the rule or measure it is written in, or null
     * @param binder for {@code let}s and variables the node that binds them ({@link Decl.Binding},
     *     {@link Decl.Let}, a quantifier, {@code count} or {@code sum}), whose type the checker knows
     */
    record Occurrence(Kind kind, String name, Span span, boolean declaration, Object node, Decl owner, Object binder) {}

    private final List<Occurrence> all = new ArrayList<>();
    private final Deque<Map<String, Name>> scopes = new ArrayDeque<>();
    private final Map<Name, Object> binders = new java.util.IdentityHashMap<>();
    private Decl owner;

    private Occurrences() {}

    /** The names written in a file, in the order written. */
    static List<Occurrence> of(PolicyFile file) {
        Occurrences o = new Occurrences();
        o.file(file);
        o.all.sort(java.util.Comparator.comparingInt(x -> x.span().start()));
        return o.all;
    }

    /** The innermost name at an offset, or null. */
    static Occurrence at(List<Occurrence> all, int offset) {
        Occurrence best = null;
        for (Occurrence o : all) {
            if (o.span().start() <= offset && offset <= o.span().end()
                    && (best == null || o.span().end() - o.span().start() <= best.span().end() - best.span().start())) {
                best = o;
            }
        }
        return best;
    }

    private void add(Kind kind, Name name, boolean declaration, Object node) {
        if (name != null) {
            all.add(new Occurrence(kind, name.text(), name.span(), declaration, node, owner,
                    node == null ? null : binders.get(node)));
        }
    }

    private void file(PolicyFile file) {
        add(Kind.POLICY, file.header().id(), true, null);
        add(Kind.POLICY, file.header().extendsId(), false, null);
        for (Decl d : file.decls()) {
            owner = d;
            scopes.clear();
            scopes.push(new HashMap<>());
            if (d instanceof Decl.CodeSet s) {
                add(Kind.SET, s.name(), true, null);
                set(s.codes());
            } else if (d instanceof Decl.Table t) {
                add(Kind.TABLE, t.name(), true, null);
            } else if (d instanceof Decl.Rule r) {
                rule(r);
            } else if (d instanceof Decl.Disable dis) {
                add(Kind.RULE, dis.ruleId(), false, null);
            } else if (d instanceof Decl.Test t) {
                test(t.body());
            } else if (d instanceof Decl.Measure m) {
                measure(m);
            }
        }
        owner = null;
    }

    private void rule(Decl.Rule r) {
        // an override declares the rule here and names the base's rule it replaces
        add(Kind.RULE, r.id(), true, null);
        bindings(r.bindings());
        expr(r.where());
        lets(r.lets());
        for (Decl.Branch b : r.branches()) {
            expr(b.when());
            Decl.Outcome o = b.outcome();
            expr(o.line());
            add(Kind.GROUP, o.group(), false, null);
            add(Kind.CARC, o.carc(), false, null);
            o.rarc().forEach(n -> add(Kind.RARC, n, false, null));
            template(o.message());
            template(o.fix());
            template(o.cites());
        }
    }

    private void measure(Decl.Measure m) {
        add(Kind.RULE, m.id(), true, null);
        bindings(m.bindings());
        expr(m.where());
        lets(m.lets());
        m.dimensions().forEach(n -> {
            Name bound = lookup(n.text());
            if (bound != null) {
                add(Kind.LET, n, false, bound);
            }
        });
        expr(m.item());
        expr(m.volume());
        for (Decl.Benchmark b : m.benchmarks()) {
            expr(b.value());
            declare(Kind.LET, b.name(), b);
        }
        for (Decl.Flag f : m.flags()) {
            expr(f.when());
            template(f.message());
            template(f.fix());
            template(f.cites());
        }
    }

    private void test(TestCase body) {
        for (TestCase.Expectation e : body.expectations()) {
            if (e instanceof TestCase.Fires f) {
                add(Kind.RULE, f.rule(), false, null);
            } else if (e instanceof TestCase.Silent s) {
                add(Kind.RULE, s.rule(), false, null);
            }
        }
    }

    private void bindings(List<Decl.Binding> bindings) {
        for (Decl.Binding b : bindings) {
            expr(b.source());
            declare(Kind.VAR, b.var(), b);
        }
    }

    private void lets(List<Decl.Let> lets) {
        for (Decl.Let l : lets) {
            expr(l.value());
            declare(Kind.LET, l.name(), l);
        }
    }

    private void declare(Kind kind, Name name, Object binder) {
        scopes.peek().put(name.text(), name);
        binders.put(name, binder);
        add(kind, name, true, name);
    }

    private Name lookup(String name) {
        for (Map<String, Name> scope : scopes) {
            Name n = scope.get(name);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private void template(Template t) {
        if (t != null) {
            for (Template.Part p : t.parts()) {
                if (p instanceof Template.Hole h) {
                    expr(h.expr());
                }
            }
        }
    }

    private void set(SetExpr s) {
        if (s instanceof SetExpr.Literal l) {
            l.elements().forEach(e -> {
                if (e.to() == null && !e.from().endsWith("*")) {
                    all.add(new Occurrence(Kind.CODE, e.from(), e.span(), false, null, owner, null));
                }
            });
        } else if (s instanceof SetExpr.Ref r) {
            add(Kind.SET, r.name(), false, null);
        } else if (s instanceof SetExpr.Union u) {
            set(u.left());
            set(u.right());
        } else if (s instanceof SetExpr.Difference d) {
            set(d.left());
            set(d.right());
        }
    }

    /** Walks a body where {@code var} is bound. */
    private void bound(Name var, Object binder, Runnable body) {
        scopes.push(new HashMap<>());
        declare(Kind.VAR, var, binder);
        body.run();
        scopes.pop();
    }

    private void expr(Expr e) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.NameRef n) {
            Name bound = lookup(n.name());
            Name written = new Name(n.name(), n.span());
            if (bound != null) {
                add(kindOf(bound), written, false, bound);
            } else {
                add(Kind.SET, written, false, null);
            }
        } else if (e instanceof Expr.Member m) {
            expr(m.target());
            add(Kind.MEMBER, m.member(), false, m);
        } else if (e instanceof Expr.Lookup l) {
            add(Kind.TABLE, l.table(), false, null);
            l.keys().forEach(this::expr);
            expr(l.on());
        } else if (e instanceof Expr.Call c) {
            add(Kind.FUNCTION, c.function(), false, null);
            c.args().forEach(this::expr);
        } else if (e instanceof Expr.QuantityLit q) {
            add(Kind.UNIT, q.unit(), false, null);
        } else if (e instanceof Expr.CodeLit c) {
            all.add(new Occurrence(Kind.CODE, c.text(), c.span(), false, null, owner, null));
        } else if (e instanceof Expr.NumberLit n) {
            all.add(new Occurrence(Kind.CODE, n.text(), n.span(), false, null, owner, null));
        } else if (e instanceof Expr.SetLit s) {
            set(s.set());
        } else if (e instanceof Expr.Negate n) {
            expr(n.operand());
        } else if (e instanceof Expr.Not n) {
            expr(n.operand());
        } else if (e instanceof Expr.Arithmetic a) {
            expr(a.left());
            expr(a.right());
        } else if (e instanceof Expr.Compare c) {
            expr(c.left());
            expr(c.right());
        } else if (e instanceof Expr.And a) {
            expr(a.left());
            expr(a.right());
        } else if (e instanceof Expr.Or o) {
            expr(o.left());
            expr(o.right());
        } else if (e instanceof Expr.In i) {
            expr(i.element());
            expr(i.container());
        } else if (e instanceof Expr.Is i) {
            expr(i.operand());
        } else if (e instanceof Expr.Within w) {
            expr(w.date());
            expr(w.window());
            expr(w.reference());
        } else if (e instanceof Expr.Quantified q) {
            expr(q.source());
            bound(q.var(), q, () -> {
                expr(q.where());
                expr(q.satisfies());
            });
        } else if (e instanceof Expr.Count c) {
            expr(c.source());
            bound(c.var(), c, () -> expr(c.where()));
        } else if (e instanceof Expr.Sum s) {
            expr(s.source());
            bound(s.var(), s, () -> {
                expr(s.value());
                expr(s.where());
            });
        }
        // strings, dates and true/false name nothing
    }

    /** Whether a declaring name is a {@code let} (or benchmark) or a bound variable. */
    private Kind kindOf(Name declaring) {
        for (Occurrence o : all) {
            if (o.node() == declaring && o.declaration()) {
                return o.kind();
            }
        }
        return Kind.VAR;
    }
}
