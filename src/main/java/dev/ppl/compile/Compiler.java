package dev.ppl.compile;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.Template;
import dev.ppl.check.Builtin;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.ClaimSchema;
import dev.ppl.check.Symbol;
import dev.ppl.check.TableSymbol;
import dev.ppl.check.Type;
import dev.ppl.runtime.CompiledPolicy;
import dev.ppl.runtime.CompiledRule;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Node;
import dev.ppl.runtime.Tracer;
import dev.ppl.source.SourceFile;
import dev.ppl.value.CodeSet;
import dev.ppl.value.Duration;
import dev.ppl.value.Numbers;
import dev.ppl.value.Quantity;
import dev.ppl.value.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a checked policy into a tree of evaluation nodes. Every decision that depends on types
 * (which comparison, which slot, which field accessor) is made here, once; the nodes only
 * compute.
 */
public final class Compiler {
    private final boolean trace;

    private Compiler(boolean trace) {
        this.trace = trace;
    }

    /**
     * Compiles a checked policy.
     *
     * @param digest identifies its source text
     * @param base the compiled base policy when it extends one, else null
     */
    public static CompiledPolicy compile(CheckedPolicy policy, String digest, CompiledPolicy base) {
        return new Compiler(false).policy(policy, digest, base);
    }

    /** Compiles with every sub-condition reporting its value to the frame's tracer (for explain). */
    public static CompiledPolicy compileTraced(CheckedPolicy policy, String digest, CompiledPolicy base) {
        return new Compiler(true).policy(policy, digest, base);
    }

    /**
     * A value node for one expression of a checked policy's rule, for tools that show values
     * (explain): run it on a {@link Frame} holding the rule's variables. Numbers come out as
     * {@code Double}, conditions as {@code Boolean}, missing values as null.
     */
    public static Node.Obj value(CheckedPolicy owner, Expr e) {
        return new Compiler(false).new RuleCompiler(owner).obj(e);
    }

    /** A condition node for one expression of a checked policy's rule (untraced). */
    public static Node.Bool condition(CheckedPolicy owner, Expr e) {
        return new Compiler(false).new RuleCompiler(owner).bool(e);
    }

    /** A number node for one expression of a checked policy's rule: {@code NaN} when missing. */
    public static Node.Num number(CheckedPolicy owner, Expr e) {
        return new Compiler(false).new RuleCompiler(owner).num(e);
    }

    /**
     * The parts of a rule's {@code where} by the binding after which each is tested, as {@link
     * CompiledRule.Binding#filter()} tests them; null when the rule has no {@code where}.
     */
    public static List<List<Expr>> filtersByLevel(CheckedPolicy owner, Decl.Rule r) {
        return r.where() == null ? null : new Compiler(false).new RuleCompiler(owner).filtersByLevel(r);
    }

    private CompiledPolicy policy(CheckedPolicy policy, String digest, CompiledPolicy base) {
        List<CompiledRule> rules = new ArrayList<>();
        int refs = 0;
        int nums = 0;
        for (CheckedPolicy.RuleRef ref : policy.effectiveRules()) {
            rules.add(new RuleCompiler(ref.owner()).rule(ref.rule()));
            int[] size = ref.owner().facts().frameSize(ref.rule());
            refs = Math.max(refs, size[0]);
            nums = Math.max(nums, size[1]);
        }
        return new CompiledPolicy(policy.info(), digest, base, rules, refs, nums);
    }

    /** Compiles the rules of one checked policy, reading its side tables. */
    private final class RuleCompiler {
        private final CheckedPolicy owner;
        private final CheckedPolicy.Facts facts;
        private final SourceFile source;

        RuleCompiler(CheckedPolicy owner) {
            this.owner = owner;
            this.facts = owner.facts();
            this.source = owner.file().source();
        }

        CompiledRule rule(Decl.Rule r) {
            List<CompiledRule.Binding> bindings = new ArrayList<>();
            List<List<Expr>> filters = trace || r.where() == null ? null : filtersByLevel(r);
            for (int level = 0; level < r.bindings().size(); level++) {
                Decl.Binding b = r.bindings().get(level);
                Node.Bool filter = filters == null || filters.get(level).isEmpty() ? null : allOf(filters.get(level));
                bindings.add(new CompiledRule.Binding(facts.bound(b).slot(), obj(b.source()), filter));
            }
            List<CompiledRule.Let> lets = new ArrayList<>();
            for (Decl.Let let : r.lets()) {
                Symbol.Var v = facts.bound(let);
                lets.add(v.numericSlot()
                        ? new CompiledRule.Let(v.slot(), true, num(let.value()), null)
                        : new CompiledRule.Let(v.slot(), false, null, obj(let.value())));
            }
            List<CompiledRule.Branch> branches = new ArrayList<>();
            for (Decl.Branch b : r.branches()) {
                Decl.Outcome o = b.outcome();
                Template cites = o.cites();
                CompiledRule.Template citation = cites != null ? template(cites)
                        : r.cites() != null ? literal(r.cites().value())
                        : owner.info().cites().isEmpty() ? null : literal(String.join("; ", owner.info().cites()));
                // List.copyOf: a list Finding's own List.copyOf keeps as it is, not copied per finding
                branches.add(new CompiledRule.Branch(bool(b.when()), o.severity(), o.line() == null ? null : obj(o.line()),
                        o.group() == null ? null : o.group().text(), o.carc() == null ? null : o.carc().text(),
                        List.copyOf(o.rarc().stream().map(dev.ppl.ast.Name::text).toList()), message(o),
                        o.fix() == null ? null : template(o.fix()), citation));
            }
            return new CompiledRule(r.id().text(), r.description() == null ? null : r.description().value(), owner.info(),
                    source.path() + ":" + source.line(r.span().start()), bindings,
                    r.where() == null ? null : bool(r.where()), lets, branches);
        }

        /**
         * The conjuncts of the rule's filter by the binding after which each can be tested: the
         * innermost {@code for each} variable it reads (the first when it reads none). Testing a
         * conjunct as soon as its variables are bound gives the same combinations as testing the
         * whole filter on each; conditions have no effects, and a missing value makes a test false
         * wherever it is tested.
         */
        private List<List<Expr>> filtersByLevel(Decl.Rule r) {
            List<Integer> slots = new ArrayList<>();
            for (Decl.Binding b : r.bindings()) {
                slots.add(facts.bound(b).slot());
            }
            List<List<Expr>> byLevel = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                byLevel.add(new ArrayList<>());
            }
            for (Expr conjunct : conjuncts(r.where(), new ArrayList<>())) {
                int[] level = {0};
                dev.ppl.ast.Exprs.walk(conjunct, e -> {
                    if (e instanceof Expr.NameRef n && facts.symbol(n) instanceof Symbol.Var v) {
                        level[0] = Math.max(level[0], slots.indexOf(v.slot()));
                    }
                });
                byLevel.get(level[0]).add(conjunct);
            }
            return byLevel;
        }

        private static List<Expr> conjuncts(Expr e, List<Expr> out) {
            if (e instanceof Expr.And a) {
                conjuncts(a.left(), out);
                conjuncts(a.right(), out);
            } else {
                out.add(e);
            }
            return out;
        }

        /** The conjuncts in source order, as one condition. */
        private Node.Bool allOf(List<Expr> conjuncts) {
            Node.Bool all = bool(conjuncts.get(0));
            for (int i = 1; i < conjuncts.size(); i++) {
                Node.Bool left = all;
                Node.Bool right = bool(conjuncts.get(i));
                all = f -> left.test(f) && right.test(f);
            }
            return all;
        }

        private CompiledRule.Template literal(String text) {
            return new CompiledRule.Template(List.of(text));
        }

        /**
         * A review without codes is an internal hold no payer sends: its message says so, so a
         * biller never reads it as a denial (see {@link CompiledRule#INTERNAL_REVIEW}).
         */
        private CompiledRule.Template message(Decl.Outcome o) {
            CompiledRule.Template message = template(o.message());
            if (o.severity() != dev.ppl.ast.Severity.REVIEW || o.carc() != null) {
                return message;
            }
            List<Object> parts = new ArrayList<>(message.parts());
            parts.add(CompiledRule.INTERNAL_REVIEW);
            return new CompiledRule.Template(parts);
        }

        private CompiledRule.Template template(Template t) {
            List<Object> parts = new ArrayList<>();
            for (Template.Part p : t.parts()) {
                if (p instanceof Template.Literal l) {
                    parts.add(l.text());
                } else {
                    parts.add(display(((Template.Hole) p).expr()));
                }
            }
            return new CompiledRule.Template(parts);
        }

        /** A node giving the display text of a value in a message. */
        private Node.Obj display(Expr e) {
            Type t = facts.type(e);
            if (t == Type.Simple.NUMBER) {
                Node.Num n = num(e);
                return f -> Numbers.format(n.num(f));
            }
            if (t == Type.Simple.BOOL) {
                Node.Bool b = bool(e);
                return f -> b.test(f) ? "yes" : "no";
            }
            Node.Obj o = obj(e);
            return f -> Display.of(o.get(f));
        }

        // ---------------------------------------------------------- conditions

        Node.Bool bool(Expr e) {
            Node.Bool node = boolUntraced(e);
            if (!trace || e instanceof Expr.And || e instanceof Expr.Or || e instanceof Expr.Not) {
                return node;
            }
            Tracer.TracePoint point = new Tracer.TracePoint(source.slice(e.span()), source.line(e.span().start()),
                    source.column(e.span().start()));
            return f -> {
                boolean v = node.test(f);
                if (f.tracer() != null) {
                    f.tracer().condition(point, v, f);
                }
                return v;
            };
        }

        private Node.Bool boolUntraced(Expr e) {
            Object constant = facts.constant(e);
            if (constant instanceof Boolean b) {
                return f -> b;
            }
            if (e instanceof Expr.And a) {
                Node.Bool l = bool(a.left());
                Node.Bool r = bool(a.right());
                return f -> l.test(f) && r.test(f);
            }
            if (e instanceof Expr.Or o) {
                Node.Bool l = bool(o.left());
                Node.Bool r = bool(o.right());
                return f -> l.test(f) || r.test(f);
            }
            if (e instanceof Expr.Not n) {
                Node.Bool inner = bool(n.operand());
                return f -> !inner.test(f);
            }
            if (e instanceof Expr.Compare c) {
                return compare(c);
            }
            if (e instanceof Expr.In in) {
                return in(in);
            }
            if (e instanceof Expr.Is is) {
                return is(is);
            }
            if (e instanceof Expr.Within w) {
                return within(w);
            }
            if (e instanceof Expr.Quantified q) {
                return quantified(q);
            }
            if (e instanceof Expr.Call c) {
                return Builtins.bool(facts.call(c), args(c), facts.constant(c));
            }
            if (e instanceof Expr.NameRef n && facts.symbol(n) instanceof Symbol.Var v) {
                int slot = v.slot();
                return f -> Boolean.TRUE.equals(f.refs[slot]);
            }
            Node.Obj o = obj(e);
            return f -> Boolean.TRUE.equals(o.get(f));
        }

        private Node.Bool compare(Expr.Compare c) {
            Type l = facts.type(c.left());
            Type r = facts.type(c.right());
            int op = Comparison.op(c.op());
            if (l == Type.Simple.NUMBER && r == Type.Simple.NUMBER) {
                Node.Num a = num(c.left());
                Node.Num b = num(c.right());
                return switch (op) {
                    case Comparison.EQ -> f -> a.num(f) == b.num(f);
                    case Comparison.NE -> f -> Comparison.notEqual(a.num(f), b.num(f));
                    case Comparison.LT -> f -> a.num(f) < b.num(f);
                    case Comparison.LE -> f -> a.num(f) <= b.num(f);
                    case Comparison.GT -> f -> a.num(f) > b.num(f);
                    default -> f -> a.num(f) >= b.num(f);
                };
            }
            Node.Obj a = obj(c.left());
            Node.Obj b = obj(c.right());
            if (l instanceof Type.Quantity || r instanceof Type.Quantity) {
                return f -> Comparison.quantities(a.get(f), b.get(f), op);
            }
            if (l == Type.Simple.DATE) {
                return f -> Comparison.dates(a.get(f), b.get(f), op);
            }
            boolean equal = op == Comparison.EQ;
            if (l instanceof Type.Entity) {
                return f -> Comparison.identical(a.get(f), b.get(f), equal);
            }
            if (l == Type.Simple.DIAGNOSIS || r == Type.Simple.DIAGNOSIS) {
                return f -> Comparison.diagnoses(a.get(f), b.get(f), equal);
            }
            return f -> Comparison.values(a.get(f), b.get(f), equal);
        }

        private Node.Bool in(Expr.In in) {
            Type container = facts.type(in.container());
            Node.Bool node;
            if (container instanceof Type.CodeSetOf) {
                Node.Obj element = obj(in.element());
                Object constant = facts.constant(in.container());
                if (constant instanceof CodeSet set) {
                    node = f -> Membership.inSet(element.get(f), set);
                } else {
                    Node.Obj setNode = obj(in.container());
                    node = f -> {
                        Object v = element.get(f);
                        return v != null && ((CodeSet) setNode.get(f)).contains((String) v);
                    };
                }
            } else {
                Node.Obj list = obj(in.container());
                Type element = ((Type.ListOf) container).element();
                if (element == Type.Simple.NUMBER) {
                    Node.Num value = num(in.element());
                    node = f -> Membership.inNumbers(f, value.num(f), list.get(f));
                } else {
                    Node.Obj value = obj(in.element());
                    boolean diagnosis = element == Type.Simple.DIAGNOSIS;
                    node = f -> Membership.inList(f, value.get(f), list.get(f), diagnosis);
                }
            }
            if (!in.negated()) {
                return node;
            }
            // `x not in S` is false, like every test, when x is missing
            Node.Obj present = obj(in.element());
            Node.Bool positive = node;
            if (facts.type(in.element()) == Type.Simple.NUMBER) {
                Node.Num n = num(in.element());
                return f -> !Double.isNaN(n.num(f)) && !positive.test(f);
            }
            return f -> present.get(f) != null && !positive.test(f);
        }

        private Node.Bool is(Expr.Is is) {
            Type t = facts.type(is.operand());
            Node.Bool test;
            if (t == Type.Simple.NUMBER) {
                Node.Num n = num(is.operand());
                Node.Bool present = f -> !Double.isNaN(n.num(f));
                test = switch (is.check()) {
                    case PRESENT -> present;
                    case MISSING, BLANK -> f -> !present.test(f);
                };
            } else {
                Node.Obj o = obj(is.operand());
                test = switch (is.check()) {
                    case PRESENT -> f -> !Display.isEmpty(o.get(f));
                    case MISSING -> f -> Display.isEmpty(o.get(f));
                    case BLANK -> f -> Display.isBlank(o.get(f));
                };
            }
            if (!is.negated()) {
                return test;
            }
            Node.Bool positive = test;
            return f -> !positive.test(f);
        }

        private Node.Bool within(Expr.Within w) {
            Node.Obj date = obj(w.date());
            Node.Obj ref = obj(w.reference());
            Duration window = (Duration) facts.constant(w.window());
            Expr.Direction direction = w.direction();
            return f -> Arithmetic.within(date.get(f), ref.get(f), window, direction);
        }

        private Node.Bool quantified(Expr.Quantified q) {
            Node.Obj source = obj(q.source());
            int slot = facts.bound(q).slot();
            Node.Bool where = q.where() == null ? f -> true : bool(q.where());
            if (q.quantifier() == Expr.Quantifier.EVERY) {
                Node.Bool test = bool(q.satisfies());
                return f -> {
                    List<?> items = (List<?>) source.get(f);
                    if (items == null) {
                        return true;
                    }
                    for (int i = 0; i < items.size(); i++) {
                        f.step();
                        f.refs[slot] = items.get(i);
                        if (where.test(f) && !test.test(f)) {
                            return false;
                        }
                    }
                    return true;
                };
            }
            boolean wanted = q.quantifier() == Expr.Quantifier.ANY;
            return f -> {
                List<?> items = (List<?>) source.get(f);
                if (items != null) {
                    for (int i = 0; i < items.size(); i++) {
                        f.step();
                        f.refs[slot] = items.get(i);
                        if (where.test(f)) {
                            return wanted;
                        }
                    }
                }
                return !wanted;
            };
        }

        // ------------------------------------------------------------- numbers

        Node.Num num(Expr e) {
            Object constant = facts.constant(e);
            if (constant instanceof Double d) {
                double v = d;
                return f -> v;
            }
            if (e instanceof Expr.NameRef n) {
                Symbol s = facts.symbol(n);
                if (s instanceof Symbol.Var v) {
                    int slot = v.slot();
                    if (v.numericSlot()) {
                        return f -> f.nums[slot];
                    }
                    return f -> f.refs[slot] instanceof Number x ? x.doubleValue() : Double.NaN;
                }
            }
            if (e instanceof Expr.Member m) {
                ClaimSchema.Field field = facts.field(m);
                Node.Obj target = obj(m.target());
                if (field != null) {
                    return Fields.num(field, target);
                }
                int column = facts.column(m);
                return f -> Fields.numberColumn(target.get(f), column);
            }
            if (e instanceof Expr.Negate n) {
                Node.Num inner = num(n.operand());
                return f -> -inner.num(f);
            }
            if (e instanceof Expr.Arithmetic a) {
                return arithmetic(a);
            }
            if (e instanceof Expr.Count c) {
                Node.Obj source = obj(c.source());
                int slot = facts.bound(c).slot();
                Node.Bool where = c.where() == null ? f -> true : bool(c.where());
                return f -> {
                    List<?> items = (List<?>) source.get(f);
                    int count = 0;
                    if (items != null) {
                        for (int i = 0; i < items.size(); i++) {
                            f.step();
                            f.refs[slot] = items.get(i);
                            if (where.test(f)) {
                                count++;
                            }
                        }
                    }
                    return count;
                };
            }
            if (e instanceof Expr.Sum s) {
                Node.Obj source = obj(s.source());
                int slot = facts.bound(s).slot();
                Node.Bool where = s.where() == null ? f -> true : bool(s.where());
                Node.Num value = num(s.value());
                return f -> {
                    List<?> items = (List<?>) source.get(f);
                    double sum = 0;
                    if (items != null) {
                        for (int i = 0; i < items.size(); i++) {
                            f.step();
                            f.refs[slot] = items.get(i);
                            if (where.test(f)) {
                                double v = value.num(f);
                                if (!Double.isNaN(v)) {
                                    sum += v;
                                }
                            }
                        }
                    }
                    return sum;
                };
            }
            if (e instanceof Expr.Call c) {
                return Builtins.num(facts.call(c), args(c));
            }
            Node.Obj o = obj(e);
            return f -> o.get(f) instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        private Node.Num arithmetic(Expr.Arithmetic a) {
            Type l = facts.type(a.left());
            Type r = facts.type(a.right());
            if (l instanceof Type.Quantity && r instanceof Type.Quantity) {
                Node.Obj x = obj(a.left());
                Node.Obj y = obj(a.right());
                return f -> Arithmetic.ratio(x.get(f), y.get(f));
            }
            Node.Num x = num(a.left());
            Node.Num y = num(a.right());
            return switch (a.op()) {
                case '+' -> f -> x.num(f) + y.num(f);
                case '-' -> f -> x.num(f) - y.num(f);
                case '*' -> f -> x.num(f) * y.num(f);
                default -> f -> {
                    double d = y.num(f);
                    return d == 0 ? Double.NaN : x.num(f) / d;
                };
            };
        }

        // -------------------------------------------------------------- values

        Node.Obj obj(Expr e) {
            Type t = facts.type(e);
            Object constant = facts.constant(e);
            if (constant != null && !(constant instanceof com.google.re2j.Pattern)) {
                return f -> constant;
            }
            if (t == Type.Simple.NUMBER) {
                Node.Num n = num(e);
                return f -> {
                    double d = n.num(f);
                    return Double.isNaN(d) ? null : d;
                };
            }
            if (t == Type.Simple.BOOL) {
                Node.Bool b = bool(e);
                return f -> b.test(f);
            }
            if (e instanceof Expr.NameRef n) {
                Symbol s = facts.symbol(n);
                if (s instanceof Symbol.Var v) {
                    int slot = v.slot();
                    return f -> f.refs[slot];
                }
                if (s instanceof Symbol.ClaimRoot) {
                    return f -> f.claim().claim();
                }
                if (s instanceof Symbol.ClaimField cf) {
                    return Fields.obj(cf.field(), f -> f.claim().claim());
                }
                CodeSet set = ((Symbol.SetRef) s).set();
                return f -> set;
            }
            if (e instanceof Expr.Member m) {
                ClaimSchema.Field field = facts.field(m);
                Node.Obj target = obj(m.target());
                if (field != null) {
                    return Fields.obj(field, target);
                }
                int column = facts.column(m);
                return f -> Fields.column(target.get(f), column);
            }
            if (e instanceof Expr.Lookup l) {
                return lookup(l);
            }
            if (e instanceof Expr.Negate n) {
                Node.Obj inner = obj(n.operand());
                return f -> Arithmetic.negate(inner.get(f));
            }
            if (e instanceof Expr.Arithmetic a) {
                return arithmeticObj(a, t);
            }
            if (e instanceof Expr.Sum s) {
                return quantitySum(s);
            }
            if (e instanceof Expr.Call c) {
                return Builtins.obj(facts.call(c), args(c));
            }
            throw new IllegalStateException("no value node for " + e.getClass().getSimpleName() + " of type " + t);
        }

        private Node.Obj lookup(Expr.Lookup l) {
            TableSymbol table = facts.lookup(l);
            Table data = table.table();
            List<Node.Obj> keys = new ArrayList<>();
            l.keys().forEach(k -> keys.add(obj(k)));
            Node.Obj on = l.on() == null ? null : obj(l.on());
            if (keys.size() == 1) {
                Node.Obj key = keys.get(0);
                return f -> {
                    Object k = key.get(f);
                    return k == null ? null : data.find(String.valueOf(k), on == null ? null : (LocalDate) on.get(f));
                };
            }
            if (keys.size() == 2 && data.pairKeyed()) {
                Node.Obj first = keys.get(0);
                Node.Obj second = keys.get(1);
                return f -> {
                    Object a = first.get(f);
                    Object b = a == null ? null : second.get(f);
                    return b == null ? null
                            : data.find(String.valueOf(a), String.valueOf(b), on == null ? null : (LocalDate) on.get(f));
                };
            }
            return f -> {
                Object[] parts = new Object[keys.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = keys.get(i).get(f);
                    if (parts[i] == null) {
                        return null;
                    }
                }
                return data.find(Table.compositeKey(parts), on == null ? null : (LocalDate) on.get(f));
            };
        }

        private Node.Obj arithmeticObj(Expr.Arithmetic a, Type t) {
            Type l = facts.type(a.left());
            Type r = facts.type(a.right());
            char op = a.op();
            if (t == Type.Simple.DATE) {
                Node.Obj date = obj(a.left());
                Duration d = (Duration) facts.constant(a.right());
                return op == '+' ? f -> Arithmetic.after(date.get(f), d) : f -> Arithmetic.before(date.get(f), d);
            }
            if (l instanceof Type.Quantity && r instanceof Type.Quantity) {
                Node.Obj x = obj(a.left());
                Node.Obj y = obj(a.right());
                double sign = op == '+' ? 1 : -1;
                return f -> Arithmetic.plus(x.get(f), y.get(f), sign);
            }
            Node.Obj quantity = obj(l instanceof Type.Quantity ? a.left() : a.right());
            Node.Num factor = num(l instanceof Type.Quantity ? a.right() : a.left());
            boolean divide = op == '/';
            return f -> Arithmetic.scale(quantity.get(f), factor.num(f), divide);
        }

        private Node.Obj quantitySum(Expr.Sum s) {
            Node.Obj source = obj(s.source());
            int slot = facts.bound(s).slot();
            Node.Bool where = s.where() == null ? f -> true : bool(s.where());
            Node.Obj value = obj(s.value());
            return f -> {
                List<?> items = (List<?>) source.get(f);
                Quantity total = null;
                if (items != null) {
                    for (int i = 0; i < items.size(); i++) {
                        f.step();
                        f.refs[slot] = items.get(i);
                        if (where.test(f) && value.get(f) instanceof Quantity q) {
                            total = Arithmetic.addToSum(total, q);
                            if (total == null) {
                                return null;
                            }
                        }
                    }
                }
                return total;
            };
        }

        private List<Arg> args(Expr.Call c) {
            List<Arg> args = new ArrayList<>();
            for (Expr a : c.args()) {
                Type t = facts.type(a);
                args.add(new Arg(t, t == Type.Simple.NUMBER ? num(a) : null, t == Type.Simple.NUMBER ? null : obj(a),
                        facts.constant(a)));
            }
            return args;
        }
    }

    /** A compiled call argument: a number node for numbers, a value node otherwise; its value when the policy compiles, or null. */
    record Arg(Type type, Node.Num num, Node.Obj obj, Object constant) {
        double number(Frame f) {
            return num.num(f);
        }

        Object value(Frame f) {
            return obj.get(f);
        }

        /** A true/false argument: anything but {@code true} (false, or missing) is false. */
        Node.Bool bool() {
            return f -> Boolean.TRUE.equals(obj.get(f));
        }
    }
}
