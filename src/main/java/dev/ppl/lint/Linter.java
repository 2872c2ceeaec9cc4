package dev.ppl.lint;

import dev.ppl.api.PolicySet;
import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.Exprs;
import dev.ppl.ast.SetExpr;
import dev.ppl.ast.TestCase;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.Symbol;
import dev.ppl.check.TableSymbol;
import dev.ppl.check.Type;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import dev.ppl.value.CodeSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Warnings about policies that check but are probably not what their author meant. Runs over a
 * compiled {@link PolicySet} (so it sees every version and every layer together) as part of
 * {@code ppl check}; evaluation never runs it. The checks are an ordered table: adding a check
 * is adding a row.
 */
public final class Linter {

    /** One lint check: its code and what it looks at. */
    private record Check(String code, BiConsumer<Context, Diagnostics> run) {}

    private static final List<Check> CHECKS = List.of(
            new Check("PPL0901", Linter::citations),
            new Check("PPL0903", Linter::unusedCodeSets),
            new Check("PPL0904", Linter::unusedTables),
            new Check("PPL0905", Linter::untestedRules),
            new Check("PPL0906", Linter::codesMissingFromTables),
            new Check("PPL0907", Linter::impossibleConditions),
            new Check("PPL0908", Linter::measuresWithoutMinimum));

    private Linter() {}

    /** The codes of every lint check, in the order they run. */
    public static List<String> codes() {
        return CHECKS.stream().map(Check::code).toList();
    }

    /** Runs every check over the set's policies, adding warnings to {@code diagnostics}. */
    public static void lint(PolicySet set, Diagnostics diagnostics) {
        Context context = new Context(set);
        for (Check check : CHECKS) {
            check.run().accept(context, diagnostics);
        }
    }

    /** The policy files of a set, each once (a layered policy is compiled once per base version). */
    private static final class Context {
        final List<CheckedPolicy> policies = new ArrayList<>();

        Context(PolicySet set) {
            Set<String> seen = new HashSet<>();
            for (PolicySet.Entry e : set.entries()) {
                if (seen.add(e.checked().file().source().path())) {
                    policies.add(e.checked());
                }
            }
        }

        /** The policies that extend {@code base}'s id, directly or through other layers. */
        List<CheckedPolicy> descendants(CheckedPolicy base) {
            List<CheckedPolicy> out = new ArrayList<>();
            Set<String> ids = new HashSet<>(Set.of(base.info().id()));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (CheckedPolicy p : policies) {
                    if (p.info().extendsId() != null && ids.contains(p.info().extendsId()) && !out.contains(p)) {
                        out.add(p);
                        ids.add(p.info().id());
                        grew = true;
                    }
                }
            }
            return out;
        }
    }

    // ----------------------------------------------------------------- PPL0901

    private static void citations(Context context, Diagnostics diagnostics) {
        for (CheckedPolicy p : context.policies) {
            if (!p.file().header().cites().isEmpty()) {
                continue;
            }
            for (Decl.Rule r : p.rules()) {
                if (r.cites() == null && r.branches().stream().allMatch(b -> b.outcome().cites() == null)) {
                    diagnostics.warning("PPL0901", source(p), r.id().span(), "rule `" + r.id().text() + "` cites no source",
                            "add `cites \"...\"` naming the LCD, NCCI table or payer manual section it implements");
                }
            }
        }
    }

    // ---------------------------------------------------------- PPL0903, 0904

    private static void unusedCodeSets(Context context, Diagnostics diagnostics) {
        for (CheckedPolicy p : context.policies) {
            Set<String> used = usedNames(p, context);
            for (Decl d : p.file().decls()) {
                if (d instanceof Decl.CodeSet s && !used.contains(s.name().text())) {
                    diagnostics.warning("PPL0903", source(p), s.name().span(), "code set `" + s.name().text()
                            + "` is never used", "remove it, or test a code against it in a rule, e.g. `l.code in "
                            + s.name().text() + "`");
                }
            }
        }
    }

    private static void unusedTables(Context context, Diagnostics diagnostics) {
        for (CheckedPolicy p : context.policies) {
            Set<String> used = usedNames(p, context);
            for (Decl d : p.file().decls()) {
                if (d instanceof Decl.Table t && !used.contains(t.name().text())) {
                    diagnostics.warning("PPL0904", source(p), t.name().span(), "table `" + t.name().text()
                            + "` is never used", "remove it, or look a row up in a rule, e.g. `" + t.name().text()
                            + "[l.code]`");
                }
            }
        }
    }

    /** Code set and table names used by a policy's rules and sets, and by the policies built on it. */
    private static Set<String> usedNames(CheckedPolicy p, Context context) {
        Set<String> used = new HashSet<>();
        List<CheckedPolicy> users = new ArrayList<>(List.of(p));
        users.addAll(context.descendants(p));
        for (CheckedPolicy user : users) {
            for (Decl d : user.file().decls()) {
                if (d instanceof Decl.CodeSet s) {
                    setRefs(s.codes(), s.name().text(), used);
                } else if (d instanceof Decl.Rule || d instanceof Decl.Measure) {
                    for (Expr top : d instanceof Decl.Rule r ? Exprs.ofRule(r) : Exprs.ofMeasure((Decl.Measure) d)) {
                        Exprs.walk(top, e -> {
                            if (e instanceof Expr.NameRef n && !(user.facts().symbol(n) instanceof Symbol.Var)) {
                                used.add(n.name());
                            } else if (e instanceof Expr.Lookup l) {
                                used.add(l.table().text());
                            }
                        });
                    }
                }
            }
        }
        return used;
    }

    private static void setRefs(SetExpr e, String self, Set<String> used) {
        if (e instanceof SetExpr.Ref r && !r.name().text().equals(self)) {
            used.add(r.name().text());
        } else if (e instanceof SetExpr.Union u) {
            setRefs(u.left(), self, used);
            setRefs(u.right(), self, used);
        } else if (e instanceof SetExpr.Difference d) {
            setRefs(d.left(), self, used);
            setRefs(d.right(), self, used);
        }
    }

    // ----------------------------------------------------------------- PPL0905

    private static void untestedRules(Context context, Diagnostics diagnostics) {
        Set<String> named = new HashSet<>();
        for (CheckedPolicy p : context.policies) {
            for (Decl.Test t : p.tests()) {
                for (TestCase.Expectation e : t.body().expectations()) {
                    if (e instanceof TestCase.Fires f) {
                        named.add(f.rule().text());
                    } else if (e instanceof TestCase.Silent s) {
                        named.add(s.rule().text());
                    }
                }
            }
        }
        for (CheckedPolicy p : context.policies) {
            for (Decl.Rule r : p.rules()) {
                if (!named.contains(r.id().text())) {
                    diagnostics.warning("PPL0905", source(p), r.id().span(), "no test names rule `" + r.id().text() + "`",
                            "add a test with `expect " + r.id().text() + "` on a claim it should deny, and one with `expect no "
                                    + r.id().text() + "` on a claim it should pass; `ppl test` reports what each rule covers");
                }
            }
        }
    }

    // ----------------------------------------------------------------- PPL0906

    /**
     * A rule that tests codes against a set and looks codes up in a table expects every listed
     * code of the set to have a row: a listed code of the same family as the table's keys (the
     * same HCPCS letter, or CPT digits) with no row would read as missing.
     */
    private static void codesMissingFromTables(Context context, Diagnostics diagnostics) {
        Set<String> reported = new HashSet<>();
        for (CheckedPolicy p : context.policies) {
            for (Decl.Rule r : p.rules()) {
                Map<String, CodeSet> sets = new LinkedHashMap<>();
                Map<String, TableSymbol> tables = new LinkedHashMap<>();
                for (Expr top : Exprs.ofRule(r)) {
                    Exprs.walk(top, e -> {
                        if (p.facts().symbol(e) instanceof Symbol.SetRef s && s.element() == Type.Simple.CODE) {
                            sets.put(((Expr.NameRef) e).name(), s.set());
                        } else if (e instanceof Expr.Lookup l) {
                            TableSymbol t = p.facts().lookup(l);
                            if (t != null && t.keyTypes().size() == 1 && t.keyTypes().get(0) == Type.Simple.CODE) {
                                tables.put(t.name(), t);
                            }
                        }
                    });
                }
                for (TableSymbol table : tables.values()) {
                    Set<String> families = new HashSet<>();
                    table.table().keys().forEach(k -> families.add(family(k)));
                    for (Map.Entry<String, CodeSet> set : sets.entrySet()) {
                        for (String code : new TreeSet<>(set.getValue().listedCodes())) {
                            if (!families.contains(family(code)) || table.table().containsKey(code)
                                    || !reported.add(set.getKey() + " " + code + " " + table.name())) {
                                continue;
                            }
                            Located at = element(p, code);
                            diagnostics.warning("PPL0906", at.source(), at.span(), "`" + code + "` in code set `"
                                    + set.getKey() + "` has no row in table `" + table.name() + "`", "rule `" + r.id().text()
                                    + "` looks codes of `" + set.getKey() + "` up in `" + table.name() + "`; add a row for `"
                                    + code + "` or take it out of the set (its lookup would be missing)");
                        }
                    }
                }
            }
        }
    }

    /** CPT/HCPCS code families: the HCPCS Level II letter, CPT category II/III (ends in F/T), or CPT digits. */
    private static String family(String code) {
        if (code.isEmpty()) {
            return "";
        }
        if (Character.isLetter(code.charAt(0))) {
            return code.substring(0, 1);
        }
        return Character.isLetter(code.charAt(code.length() - 1)) ? "cpt-" + code.charAt(code.length() - 1) : "cpt";
    }

    private record Located(SourceFile source, Span span) {}

    /** Where a code is written in a set declaration of the policy or its bases. */
    private static Located element(CheckedPolicy p, String code) {
        for (CheckedPolicy q = p; q != null; q = q.base()) {
            for (Decl d : q.file().decls()) {
                if (d instanceof Decl.CodeSet s) {
                    Span found = find(s.codes(), code);
                    if (found != null) {
                        return new Located(source(q), found);
                    }
                }
            }
        }
        return new Located(source(p), p.file().header().id().span());
    }

    private static Span find(SetExpr e, String code) {
        if (e instanceof SetExpr.Literal lit) {
            for (SetExpr.Element el : lit.elements()) {
                if (el.to() == null && el.from().equals(code)) {
                    return el.span();
                }
            }
        } else if (e instanceof SetExpr.Union u) {
            Span s = find(u.left(), code);
            return s != null ? s : find(u.right(), code);
        } else if (e instanceof SetExpr.Difference d) {
            return find(d.left(), code);
        }
        return null;
    }

    // ----------------------------------------------------------------- PPL0908

    private static void measuresWithoutMinimum(Context context, Diagnostics diagnostics) {
        for (CheckedPolicy p : context.policies) {
            for (Decl.Measure m : p.measures()) {
                boolean comparesPeers = m.dimensions().stream().anyMatch(d -> !d.text().equals("month"));
                if (!m.flags().isEmpty() && m.minimumVolume() == null && comparesPeers
                        && m.flags().stream().anyMatch(f -> mentions(f.when(), "percentile", "peerMedian", "peer90"))) {
                    diagnostics.warning("PPL0908", source(p), m.id().span(), "measure `" + m.id().text()
                            + "` compares groups with their peers but has no minimum volume",
                            "add e.g. `minimum volume 30`: a rate over a handful of claims is noise");
                }
            }
        }
    }

    private static boolean mentions(Expr e, String... names) {
        boolean[] found = {false};
        Exprs.walk(e, x -> found[0] |= x instanceof Expr.NameRef n && List.of(names).contains(n.name()));
        return found[0];
    }

    // ----------------------------------------------------------------- PPL0907

    private static void impossibleConditions(Context context, Diagnostics diagnostics) {
        for (CheckedPolicy p : context.policies) {
            for (Decl.Rule r : p.rules()) {
                for (Expr top : Exprs.ofRule(r)) {
                    conjunctions(top, false, p, diagnostics);
                }
            }
        }
    }

    /** Finds each maximal chain of {@code and} and checks it. */
    private static void conjunctions(Expr e, boolean underAnd, CheckedPolicy p, Diagnostics diagnostics) {
        if (e instanceof Expr.And and && !underAnd) {
            Contradiction.Found found = Contradiction.find(conjuncts(and), p, source(p));
            if (found != null) {
                diagnostics.warning("PPL0907", source(p), e.span(), "this condition is never true: " + found.why(),
                        found.help());
            }
        }
        for (Expr child : Exprs.children(e)) {
            conjunctions(child, e instanceof Expr.And, p, diagnostics);
        }
    }

    private static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.And a) {
            out.addAll(conjuncts(a.left()));
            out.addAll(conjuncts(a.right()));
        } else {
            out.add(e);
        }
        return out;
    }

    static SourceFile source(CheckedPolicy p) {
        return p.file().source();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
