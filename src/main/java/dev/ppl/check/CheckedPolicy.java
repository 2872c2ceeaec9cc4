package dev.ppl.check;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.PolicyFile;
import dev.ppl.value.CodeSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy that passed the checker, with the side tables the compiler reads: the type of every
 * expression, what every name refers to, literal values, fields and functions.
 *
 * @param file the syntax tree
 * @param info the checked header
 * @param base the checked base policy when this one extends another, or null
 * @param sets code sets declared here, by name
 * @param tables tables declared here, by name
 * @param rules rules declared here (including overrides)
 * @param disabled ids of base rules disabled here
 * @param tests tests declared here
 * @param facts the side tables
 */
public record CheckedPolicy(
        PolicyFile file,
        PolicyInfo info,
        CheckedPolicy base,
        Map<String, CodeSet> sets,
        Map<String, TableSymbol> tables,
        List<Decl.Rule> rules,
        List<String> disabled,
        List<Decl.Test> tests,
        Facts facts) {

    /**
     * The rules that run for this policy: the base's effective rules minus those disabled or
     * overridden here, then this policy's own rules.
     */
    public List<RuleRef> effectiveRules() {
        java.util.ArrayList<RuleRef> out = new java.util.ArrayList<>();
        if (base != null) {
            java.util.Set<String> replaced = new java.util.HashSet<>(disabled);
            rules.forEach(r -> replaced.add(r.id().text()));
            for (RuleRef r : base.effectiveRules()) {
                if (!replaced.contains(r.rule().id().text())) {
                    out.add(r);
                }
            }
        }
        rules.forEach(r -> out.add(new RuleRef(r, this)));
        return out;
    }

    /** The audit measures declared here (measures are not inherited through {@code extends}). */
    public List<Decl.Measure> measures() {
        return file.decls().stream().filter(d -> d instanceof Decl.Measure).map(d -> (Decl.Measure) d).toList();
    }

    /** A rule and the checked policy it was declared in (whose side tables describe it). */
    public record RuleRef(Decl.Rule rule, CheckedPolicy owner) {}

    /** Side tables keyed by AST node identity. */
    public static final class Facts {
        final Map<Expr, Type> types;
        final Map<Expr, Symbol> symbols;
        final Map<Expr, Object> constants = new IdentityHashMap<>();
        final Map<Expr, ClaimSchema.Field> fields;
        final Map<Expr, Integer> columns = new IdentityHashMap<>();
        final Map<Expr, TableSymbol> lookups = new IdentityHashMap<>();
        final Map<Expr, Builtin> calls = new IdentityHashMap<>();
        final Map<Object, Symbol.Var> bound = new IdentityHashMap<>();
        final Map<Decl, int[]> frameSizes = new IdentityHashMap<>();

        public Facts() {
            this(0);
        }

        /**
         * Side tables for a policy of {@code chars} characters: every expression has a type, and a
         * large policy has tens of thousands of them, so that map starts at its likely size (about
         * one expression for every 16 characters of the bundled and generated policies, a margin
         * added) instead of doubling up to it; so do the names and the claim fields they read.
         */
        Facts(int chars) {
            types = new IdentityHashMap<>(Math.max(32, chars / 12));
            symbols = new IdentityHashMap<>(Math.max(32, chars / 32));
            fields = new IdentityHashMap<>(Math.max(32, chars / 40));
        }

        /** The type of an expression. */
        public Type type(Expr e) {
            return types.get(e);
        }

        /** What a name refers to (for {@link Expr.NameRef}). */
        public Symbol symbol(Expr e) {
            return symbols.get(e);
        }

        /**
         * The value of a literal: {@code Double}, {@code String} (text and coerced codes), {@code
         * LocalDate}, {@code Quantity}, {@code Duration}, {@code CodeSet}, {@code Boolean}, or a
         * compiled {@code java.util.regex.Pattern} for a {@code matches} pattern.
         */
        public Object constant(Expr e) {
            return constants.get(e);
        }

        /** The claim field a member access reads, or null for a table column. */
        public ClaimSchema.Field field(Expr e) {
            return fields.get(e);
        }

        /** The column index a member access on a table row reads. */
        public Integer column(Expr e) {
            return columns.get(e);
        }

        /** The table a lookup reads. */
        public TableSymbol lookup(Expr e) {
            return lookups.get(e);
        }

        public Builtin call(Expr e) {
            return calls.get(e);
        }

        /** The variable bound by a binding, let, or quantifier/count/sum node. */
        public Symbol.Var bound(Object node) {
            return bound.get(node);
        }

        /** {object slots, number slots} a rule's or measure's frame needs. */
        public int[] frameSize(Decl ruleOrMeasure) {
            return frameSizes.get(ruleOrMeasure);
        }
    }

    /** All code sets visible to this policy's rules, the base's included. */
    public CodeSet set(String name) {
        CodeSet s = sets.get(name);
        return s != null || base == null ? s : base.set(name);
    }

    /** All tables visible to this policy's rules, the base's included. */
    public TableSymbol table(String name) {
        TableSymbol t = tables.get(name);
        return t != null || base == null ? t : base.table(name);
    }
}
