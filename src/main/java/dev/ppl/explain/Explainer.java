package dev.ppl.explain;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyException;
import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.Exprs;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.PolicyInfo;
import dev.ppl.check.Symbol;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ServiceLine;
import dev.ppl.runtime.CompiledRule;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Tracer;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Explains decisions ({@code ppl explain}). Compiles the policies with tracing, evaluates a
 * claim while recording every sub-condition's value, and turns the record into an {@link
 * Explanation}: per policy, per rule, per combination of its variables, which conditions held,
 * in words about the claim's own lines. The decision is the one {@code ppl eval} gives.
 */
public final class Explainer {
    private final PolicySet set;
    private final Map<CompiledRule, RuleView> views = new IdentityHashMap<>();

    private Explainer(PolicySet set) {
        this.set = set;
        for (PolicySet.Entry entry : set.entries()) {
            List<CompiledRule> compiled = entry.compiled().rules();
            List<CheckedPolicy.RuleRef> declared = entry.checked().effectiveRules();
            for (int i = 0; i < compiled.size() && i < declared.size(); i++) {
                views.put(compiled.get(i), new RuleView(compiled.get(i), declared.get(i)));
            }
        }
    }

    /**
     * Compiles the policies for explaining.
     *
     * @throws PolicyException when a policy has errors
     */
    public static Explainer of(List<PolicySource> sources) {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, diagnostics, true);
        if (diagnostics.hasErrors()) {
            throw new PolicyException(diagnostics.render(), diagnostics.all());
        }
        return new Explainer(set);
    }

    /** Evaluates the claim and explains its decision. */
    public Explanation explain(Claim claim) {
        Recorder recorder = new Recorder();
        Decision decision = set.evaluate(claim, recorder);
        List<Explanation.PolicyPart> policies = new ArrayList<>();
        for (PolicySet.Entry entry : set.entries()) {
            policies.add(policy(entry, claim, decision, recorder));
        }
        return new Explanation(claim.claimId(), decision.outcome(), describe(claim), policies, decision.findings());
    }

    private static String describe(Claim claim) {
        String payer = claim.payer() == null ? "payer not given"
                : "payer " + Objects.requireNonNullElse(claim.payer().id(), "(no id)") + " (type "
                        + (claim.payer().type() == null ? "not given" : claim.payer().type().key()) + ", jurisdiction "
                        + Objects.requireNonNullElse(claim.payer().jurisdiction(), "not given") + ")";
        TreeSet<String> dates = new TreeSet<>();
        claim.lines().forEach(l -> dates.add(String.valueOf(l.serviceDate())));
        return payer + "; " + claim.lines().size() + " line" + (claim.lines().size() == 1 ? "" : "s")
                + (dates.isEmpty() ? "" : ", dates of service " + String.join(", ", dates));
    }

    private Explanation.PolicyPart policy(PolicySet.Entry entry, Claim claim, Decision decision, Recorder recorder) {
        PolicyInfo info = entry.compiled().info();
        String source = entry.checked().file().source().path();
        String base = entry.compiled().base() == null ? null : entry.compiled().base().info().ref();
        String why = PolicySet.whyNotJudged(info, claim);
        if (why != null) {
            return new Explanation.PolicyPart(info.ref(), source, base, false, why, List.of(), List.of());
        }
        List<String> outOfRange = new ArrayList<>();
        for (ServiceLine l : claim.lines()) {
            if (!info.inForce(l.serviceDate())) {
                outOfRange.add("line " + l.line() + " (" + l.code() + ", " + l.serviceDate() + ")");
            }
        }
        List<Explanation.RulePart> rules = new ArrayList<>();
        for (CompiledRule rule : entry.compiled().rules()) {
            RuleView view = views.get(rule);
            if (view != null) {
                rules.add(view.explain(recorder.runs(rule), info, decision));
            }
        }
        return new Explanation.PolicyPart(info.ref(), source, base, true, null, outOfRange, rules);
    }

    // =================================================================== rules

    /** One compiled rule with its syntax tree, its policy's side tables, and how to show its values. */
    private static final class RuleView {
        final CompiledRule compiled;
        final Decl.Rule rule;
        final CheckedPolicy owner;
        final SourceFile source;
        final Map<String, Expr> byPoint = new HashMap<>();
        final Words words;

        RuleView(CompiledRule compiled, CheckedPolicy.RuleRef ref) {
            this.compiled = compiled;
            this.rule = ref.rule();
            this.owner = ref.owner();
            this.source = owner.file().source();
            this.words = new Words(owner);
            for (Expr top : Exprs.ofRule(rule)) {
                Exprs.walk(top, e -> byPoint.putIfAbsent(key(e.span()), e));
            }
        }

        private String key(Span span) {
            return source.line(span.start()) + ":" + source.column(span.start()) + ":" + source.slice(span);
        }

        Expr expr(Tracer.TracePoint point) {
            return byPoint.get(point.line() + ":" + point.column() + ":" + point.text());
        }

        Explanation.RulePart explain(List<Recorder.Run> runs, PolicyInfo info, Decision decision) {
            List<Explanation.CheckPart> checks = new ArrayList<>();
            List<Explanation.Skipped> skipped = new ArrayList<>();
            List<Finding> produced = new ArrayList<>();
            for (Recorder.Run run : runs) {
                Map<String, String> bindings = bindings(run);
                List<Node> roots = tree(run.events);
                if (rule.where() != null) {
                    List<Node> filter = within(roots, rule.where().span());
                    Explanation.Condition c = condition(rule.where(), filter, run);
                    if (!Boolean.TRUE.equals(c.met())) {
                        skipped.add(new Explanation.Skipped(bindings, firstReason(c)));
                        continue;
                    }
                }
                Map<String, String> lets = new LinkedHashMap<>();
                List<Explanation.BranchPart> branches = new ArrayList<>();
                int index = 0;
                for (Decl.Branch b : rule.branches()) {
                    CompiledRule.Branch compiledBranch = compiled.branches().get(index++);
                    List<Node> events = within(roots, b.when().span());
                    Explanation.Condition c = condition(b.when(), events, run);
                    if (lets.isEmpty() && !events.isEmpty()) {
                        lets.putAll(lets(events.get(0).event, run));
                    }
                    boolean met = Boolean.TRUE.equals(c.met());
                    Finding finding = null;
                    String dropped = null;
                    if (met) {
                        Recorder.Event last = last(events);
                        Object line = b.outcome().line() == null || last == null ? null
                                : words.value(b.outcome().line(), last, run);
                        Integer number = line instanceof ServiceLine l ? l.line() : null;
                        finding = find(decision, number, message(compiledBranch, last, run));
                        if (finding == null) {
                            dropped = line instanceof ServiceLine l && !info.inForce(l.serviceDate())
                                    ? "line " + l.line() + "'s date of service (" + l.serviceDate() + ") is outside this "
                                            + "policy's dates (" + info.effectiveRange() + "), so the finding is not kept"
                                    : "the finding is not in the decision";
                        } else {
                            produced.add(finding);
                        }
                    }
                    branches.add(new Explanation.BranchPart(text(b.when()), met, c, finding, dropped));
                }
                checks.add(new Explanation.CheckPart(bindings, lets, branches));
            }
            String status = !produced.isEmpty() ? "fired" : checks.isEmpty() ? "not-run" : "silent";
            return new Explanation.RulePart(compiled.id(), compiled.policy().ref(), compiled.description(), status,
                    summary(status, runs, checks, skipped, produced), checks, skipped);
        }

        /** The decision's finding from this rule on this line with this message (a rule's branches differ in it). */
        private Finding find(Decision decision, Integer line, String message) {
            for (Finding f : decision.findings()) {
                if (f.rule().equals(compiled.id()) && f.policy().equals(compiled.policy().ref())
                        && Objects.equals(f.line(), line) && (message == null || f.message().equals(message))) {
                    return f;
                }
            }
            return null;
        }

        /** The branch's message as it was rendered for the finding, from the variables at the end of its condition. */
        private static String message(CompiledRule.Branch branch, Recorder.Event at, Recorder.Run run) {
            if (at == null) {
                return null;
            }
            Frame frame = new Frame(run.claim, run.refSlots, run.numSlots);
            System.arraycopy(at.refs(), 0, frame.refs, 0, Math.min(at.refs().length, frame.refs.length));
            System.arraycopy(at.nums(), 0, frame.nums, 0, Math.min(at.nums().length, frame.nums.length));
            try {
                return branch.message().render(frame);
            } catch (RuntimeException e) {
                return null;
            }
        }

        private String summary(String status, List<Recorder.Run> runs, List<Explanation.CheckPart> checks,
                List<Explanation.Skipped> skipped, List<Finding> produced) {
            if (status.equals("fired")) {
                List<String> where = new ArrayList<>();
                for (Finding f : produced) {
                    where.add((f.line() == null ? "the claim" : "line " + f.line()) + ": " + f.severity()
                            + (f.carc() == null ? "" : " " + (f.group() == null ? "" : f.group() + "-") + f.carc()));
                }
                return "fired on " + String.join("; ", where.stream().distinct().toList());
            }
            if (runs.isEmpty()) {
                return "did not run: " + emptySource();
            }
            if (checks.isEmpty()) {
                return "did not apply: nothing passed `" + text(rule.where()) + "`";
            }
            return "checked " + checks.size() + " time" + (checks.size() == 1 ? "" : "s") + "; no condition held"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " left out by its filter)");
        }

        /** Why a rule with {@code for each} never started: the first list it ranges over was empty. */
        private String emptySource() {
            if (rule.bindings().isEmpty()) {
                return "it was not evaluated";
            }
            Expr src = rule.bindings().get(0).source();
            if (src instanceof Expr.NameRef n && owner.facts().symbol(n) instanceof Symbol.ClaimField) {
                return "the claim has no " + Words.fieldWords(n.name());
            }
            return "`" + text(src) + "` is empty" + (rule.bindings().size() > 1 ? " for every combination" : "");
        }

        private Map<String, String> bindings(Recorder.Run run) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Decl.Binding b : rule.bindings()) {
                Symbol.Var v = owner.facts().bound(b);
                out.put(b.var().text(), Words.show(run.bindings[v.slot()]));
            }
            return out;
        }

        private Map<String, String> lets(Recorder.Event at, Recorder.Run run) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Decl.Let let : rule.lets()) {
                Symbol.Var v = owner.facts().bound(let);
                out.put(let.name().text(), v.numericSlot() ? Words.show(Double.isNaN(at.nums()[v.slot()]) ? null
                        : at.nums()[v.slot()]) : Words.show(at.refs()[v.slot()]));
            }
            return out;
        }

        // ------------------------------------------------ events as a tree

        /** An evaluated sub-condition and the ones evaluated inside it. */
        static final class Node {
            final Expr expr;
            final Recorder.Event event;
            final List<Node> children;

            Node(Expr expr, Recorder.Event event, List<Node> children) {
                this.expr = expr;
                this.event = event;
                this.children = children;
            }
        }

        /**
         * Rebuilds the evaluation tree: a node's value is reported after its parts', so the
         * events just before a node that lie inside its span are its parts.
         */
        private List<Node> tree(List<Recorder.Event> events) {
            List<Node> stack = new ArrayList<>();
            for (Recorder.Event e : events) {
                Expr expr = expr(e.point());
                if (expr == null) {
                    continue;
                }
                List<Node> children = new ArrayList<>();
                // an earlier evaluation of the same condition (the previous item of a quantifier) is a sibling
                while (!stack.isEmpty() && stack.get(stack.size() - 1).expr != expr
                        && inside(stack.get(stack.size() - 1).expr.span(), expr.span())) {
                    children.add(0, stack.remove(stack.size() - 1));
                }
                stack.add(new Node(expr, e, children));
            }
            return stack;
        }

        private static boolean inside(Span inner, Span outer) {
            return inner.start() >= outer.start() && inner.end() <= outer.end();
        }

        private static List<Node> within(List<Node> nodes, Span span) {
            List<Node> out = new ArrayList<>();
            for (Node n : nodes) {
                if (inside(n.expr.span(), span)) {
                    out.add(n);
                }
            }
            return out;
        }

        private static Recorder.Event last(List<Node> nodes) {
            return nodes.isEmpty() ? null : nodes.get(nodes.size() - 1).event;
        }

        // ------------------------------------------------ conditions

        /** The condition {@code e} as evaluated, from the nodes evaluated at its level. */
        private Explanation.Condition condition(Expr e, List<Node> nodes, Recorder.Run run) {
            if (e instanceof Expr.And || e instanceof Expr.Or) {
                boolean and = e instanceof Expr.And;
                List<Expr> chain = new ArrayList<>();
                flatten(e, and, chain);
                List<Explanation.Condition> parts = new ArrayList<>();
                Boolean met = and ? Boolean.TRUE : Boolean.FALSE;
                boolean decided = false;
                for (Expr part : chain) {
                    Explanation.Condition c = condition(part, nodes, run);
                    parts.add(c);
                    if (!decided) {
                        if (c.met() == null) {
                            met = null;
                            decided = true;
                        } else if (c.met() != and) {
                            met = c.met();
                            decided = true;
                        }
                    }
                }
                return new Explanation.Condition(and ? "all" : "any", text(e), met, null, parts);
            }
            if (e instanceof Expr.Not n) {
                Explanation.Condition inner = condition(n.operand(), nodes, run);
                return new Explanation.Condition("not", text(e), inner.met() == null ? null : !inner.met(), null,
                        List.of(inner));
            }
            Node node = null;
            for (Node candidate : nodes) {
                if (candidate.expr == e) {
                    node = candidate;
                    break;
                }
            }
            if (node == null) {
                return new Explanation.Condition("test", text(e), null, null, List.of());
            }
            if (e instanceof Expr.Quantified q) {
                return quantified(q, node, run);
            }
            return new Explanation.Condition("test", text(e), node.event.value(), words.test(e, node.event, run),
                    List.of());
        }

        private static void flatten(Expr e, boolean and, List<Expr> out) {
            if (and && e instanceof Expr.And a) {
                flatten(a.left(), true, out);
                flatten(a.right(), true, out);
            } else if (!and && e instanceof Expr.Or o) {
                flatten(o.left(), false, out);
                flatten(o.right(), false, out);
            } else {
                out.add(e);
            }
        }

        /**
         * A quantifier: its parts are the items it looked at, each with the conditions that
         * decided it (all of them for the item that decided the quantifier).
         */
        private Explanation.Condition quantified(Expr.Quantified q, Node node, Recorder.Run run) {
            int slot = owner.facts().bound(q).slot();
            List<Object> items = new ArrayList<>();
            List<List<Node>> groups = new ArrayList<>();
            for (Node child : node.children) {
                Object item = child.event.refs()[slot];
                if (items.isEmpty() || items.get(items.size() - 1) != item) {
                    items.add(item);
                    groups.add(new ArrayList<>());
                }
                groups.get(groups.size() - 1).add(child);
            }
            List<Explanation.Condition> parts = new ArrayList<>();
            Explanation.Condition deciding = null;
            for (int i = 0; i < items.size(); i++) {
                List<Explanation.Condition> reasons = new ArrayList<>();
                Boolean matched = Boolean.TRUE;
                if (q.where() != null) {
                    Explanation.Condition where = condition(q.where(), groups.get(i), run);
                    reasons.add(where);
                    matched = where.met();
                }
                boolean decides;
                if (q.quantifier() == Expr.Quantifier.EVERY) {
                    // every: an item the filter keeps that fails the test decides it
                    Boolean satisfied = null;
                    if (q.satisfies() != null && Boolean.TRUE.equals(matched)) {
                        Explanation.Condition test = condition(q.satisfies(), groups.get(i), run);
                        reasons.add(test);
                        satisfied = test.met();
                    }
                    decides = Boolean.TRUE.equals(matched) && Boolean.FALSE.equals(satisfied);
                    matched = Boolean.TRUE.equals(matched) ? satisfied : matched;
                } else {
                    decides = Boolean.TRUE.equals(matched);
                }
                Explanation.Condition item = new Explanation.Condition("item", Words.show(items.get(i)), matched,
                        Words.show(items.get(i)), decides ? flattenParts(reasons) : deciding(reasons));
                parts.add(item);
                if (decides) {
                    deciding = item;
                }
            }
            String headline = words.quantifier(q, node.event.value(), deciding == null ? null : deciding.words(),
                    items.size(), text(q.where()), text(q.satisfies()));
            return new Explanation.Condition("test", text(q), node.event.value(), headline, parts);
        }

        /** The leaves of the conditions, for the item that decided a quantifier. */
        private static List<Explanation.Condition> flattenParts(List<Explanation.Condition> conditions) {
            List<Explanation.Condition> out = new ArrayList<>();
            for (Explanation.Condition c : conditions) {
                if (c.kind().equals("all")) {
                    out.addAll(flattenParts(c.parts()));
                } else {
                    out.add(c);
                }
            }
            return out;
        }

        /** For an item that did not decide: only the condition that ruled it out. */
        private static List<Explanation.Condition> deciding(List<Explanation.Condition> conditions) {
            for (Explanation.Condition c : flattenParts(conditions)) {
                if (Boolean.FALSE.equals(c.met())) {
                    return List.of(c);
                }
            }
            return flattenParts(conditions);
        }

        /** The first condition that did not hold, in words. */
        private static String firstReason(Explanation.Condition c) {
            for (Explanation.Condition part : flattenParts(List.of(c))) {
                if (Boolean.FALSE.equals(part.met()) && part.words() != null) {
                    return part.words();
                }
            }
            return c.words() != null ? c.words() : "`" + c.text() + "` does not hold";
        }

        private String text(Expr e) {
            return e == null ? null : source.slice(e.span()).replaceAll("\\s+", " ");
        }
    }
}
