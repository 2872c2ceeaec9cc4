package dev.ppl.check;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.Header;
import dev.ppl.ast.Name;
import dev.ppl.ast.PolicyFile;
import dev.ppl.ast.SetExpr;
import dev.ppl.ast.Template;
import dev.ppl.ast.TestCase;
import dev.ppl.ast.Text;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import dev.ppl.value.CodeSet;
import dev.ppl.value.Duration;
import dev.ppl.value.Quantity;
import dev.ppl.value.Unit;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks one parsed policy file: header, code sets, tables, rules and tests. Reports every
 * problem it finds to the diagnostics and returns the checked policy (null when there were
 * errors).
 */
public final class Checker {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static final Pattern PROCEDURE = Pattern.compile("[0-9]{5}|[A-Z][0-9]{4}|[0-9]{4}[A-Z]");
    static final Pattern DIAGNOSIS = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.?[0-9A-Z]{1,4})?");
    static final Pattern DIAGNOSIS_PATTERN = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.?[0-9A-Z]{0,3})?\\.?\\*");
    static final Pattern MODIFIER = Pattern.compile("[0-9A-Z]{2}");
    static final Pattern NDC = Pattern.compile("[0-9]{11}");
    static final Pattern CARC = Pattern.compile("[0-9]{1,3}|[A-Z][0-9]{1,2}");
    static final Pattern RARC = Pattern.compile("(M|N|MA)[0-9]{1,3}");
    static final Set<String> GROUPS = Set.of("CO", "PR", "OA", "PI", "CR");
    static final Set<String> PAYER_TYPES = Set.of("medicare", "medicaid", "commercial");

    private final PolicyFile file;
    private final SourceFile source;
    private final CheckedPolicy base;
    private final Diagnostics diagnostics;
    private final TableLoader tableLoader;
    private final CheckedPolicy.Facts facts;
    private final Map<String, CodeSet> sets = new LinkedHashMap<>();
    private final Map<String, Decl.CodeSet> setDecls = new HashMap<>();
    private final Set<String> resolving = new LinkedHashSet<>();
    private final Set<String> failedSets = new java.util.HashSet<>();
    private final Map<String, TableSymbol> tables = new LinkedHashMap<>();
    private final Set<String> usedNames = new java.util.HashSet<>();

    private Checker(PolicyFile file, CheckedPolicy base, Diagnostics diagnostics, TableLoader tableLoader) {
        this.file = file;
        this.source = file.source();
        this.base = base;
        this.diagnostics = diagnostics;
        this.tableLoader = tableLoader;
        this.facts = new CheckedPolicy.Facts(source.text().length());
    }

    /**
     * Checks a file.
     *
     * @param base the checked base policy when the file's header says {@code extends}, else null
     * @param tableLoader reads table files named relative to the policy file
     * @return the checked policy, or null when there were errors
     */
    public static CheckedPolicy check(PolicyFile file, CheckedPolicy base, Diagnostics diagnostics, TableLoader tableLoader) {
        Checker checker = new Checker(file, base, diagnostics, tableLoader);
        int before = diagnostics.errorCount();
        CheckedPolicy result = checker.run();
        return diagnostics.errorCount() > before ? null : result;
    }

    /**
     * Checks a file for tools that read a policy being edited (the language server): the checked
     * policy is returned even when there were errors, with the side tables of the parts that
     * checked. It must never be compiled or evaluated.
     */
    public static CheckedPolicy checkForTools(PolicyFile file, CheckedPolicy base, Diagnostics diagnostics,
            TableLoader tableLoader) {
        return new Checker(file, base, diagnostics, tableLoader).run();
    }

    private CheckedPolicy run() {
        PolicyInfo info = header(file.header());
        for (Decl d : file.decls()) {
            if (d instanceof Decl.CodeSet s && declareName(s.name())) {
                setDecls.put(s.name().text(), s);
            }
        }
        for (Decl d : file.decls()) {
            if (d instanceof Decl.CodeSet s) {
                resolveSet(s.name().text(), s.name().span());
            } else if (d instanceof Decl.Table t && declareName(t.name())) {
                TableSymbol symbol = new TableChecker(t, source, diagnostics, tableLoader).check();
                if (symbol != null) {
                    tables.put(t.name().text(), symbol);
                }
            }
        }
        List<Decl.Rule> rules = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        List<Decl.Test> tests = new ArrayList<>();
        Map<String, Span> ruleIds = new HashMap<>();
        for (Decl d : file.decls()) {
            if (d instanceof Decl.Rule r) {
                Span previous = ruleIds.putIfAbsent(r.id().text(), r.id().span());
                if (previous != null) {
                    diagnostics.error("PPL0205", source, r.id().span(), "rule `" + r.id().text() + "` is defined twice",
                            "the first is at line " + source.line(previous.start()) + "; give each rule its own id");
                }
                layering(r);
                new RuleChecker(r).check();
                rules.add(r);
            } else if (d instanceof Decl.Disable dis) {
                if (requireBaseRule(dis.ruleId(), "disable")) {
                    disabled.add(dis.ruleId().text());
                }
            } else if (d instanceof Decl.Test t) {
                tests.add(t);
            } else if (d instanceof Decl.Measure m) {
                Span previous = ruleIds.putIfAbsent(m.id().text(), m.id().span());
                if (previous != null) {
                    diagnostics.error("PPL0205", source, m.id().span(), "`" + m.id().text() + "` is defined twice",
                            "the first is at line " + source.line(previous.start()) + "; give each rule and measure its own id");
                }
                new MeasureChecker(m, new RuleChecker(m), source, diagnostics).check();
            }
        }
        CheckedPolicy checked = new CheckedPolicy(file, info, base, Map.copyOf(sets), Map.copyOf(tables),
                List.copyOf(rules), List.copyOf(disabled), List.copyOf(tests), facts);
        Set<String> known = new TreeSet<>();
        checked.effectiveRules().forEach(r -> known.add(r.rule().id().text()));
        for (Decl.Test t : tests) {
            checkTest(t, known, Set.copyOf(disabled));
        }
        return checked;
    }

    // ------------------------------------------------------------------ header

    private PolicyInfo header(Header h) {
        Span at = h.id().span();
        if (h.version() == null) {
            diagnostics.error("PPL0201", source, at, "policy `" + h.id().text() + "` has no `version`",
                    "add a header line such as `version 1.0.0` (semantic version: major.minor.patch)");
        }
        Set<String> types = new LinkedHashSet<>();
        for (Name t : h.payerTypes()) {
            if (PAYER_TYPES.contains(t.text())) {
                types.add(t.text());
            } else {
                diagnostics.error("PPL0202", source, t.span(), "unknown payer type `" + t.text() + "`",
                        Suggest.help(t.text(), PAYER_TYPES, "payer types are medicare, medicaid and commercial"));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        h.payerIds().forEach(n -> ids.add(n.text()));
        if (h.payerTypes().isEmpty() && h.payerIds().isEmpty()) {
            diagnostics.error("PPL0201", source, at, "policy `" + h.id().text() + "` does not say which claims it applies to",
                    "add `applies to payer type medicare` or `applies to payer id <payer-id>`");
        }
        if (h.effectiveFrom() == null) {
            if (h.effectiveSpan() == null) {
                diagnostics.error("PPL0201", source, at, "policy `" + h.id().text() + "` has no `effective` dates",
                        "add `effective 2026-01-01 to 2026-12-31` (dates of service), or `effective from 2026-01-01`");
            }
        } else if (h.effectiveTo() != null && h.effectiveTo().isBefore(h.effectiveFrom())) {
            diagnostics.error("PPL0203", source, h.effectiveSpan(), "the effective range ends ("
                    + h.effectiveTo() + ") before it starts (" + h.effectiveFrom() + ")", "swap the two dates");
        }
        Set<String> jurisdictions = new LinkedHashSet<>();
        h.jurisdictions().forEach(n -> jurisdictions.add(n.text()));
        List<String> cites = h.cites().stream().map(Text::value).toList();
        if (h.extendsId() != null && base == null) {
            diagnostics.error("PPL0403", source, h.extendsId().span(), "base policy `" + h.extendsId().text()
                    + "` is not loaded", "load the base policy's file together with this one");
        }
        return new PolicyInfo(h.id().text(), h.version() == null ? "0.0.0" : h.version().text(),
                h.title() == null ? null : h.title().value(), types, ids, jurisdictions,
                h.effectiveFrom() == null ? java.time.LocalDate.MIN : h.effectiveFrom(), h.effectiveTo(), cites,
                h.extendsId() == null ? null : h.extendsId().text());
    }

    private boolean declareName(Name name) {
        String n = name.text();
        if (setDecls.containsKey(n) || tables.containsKey(n) || usedNames.contains(n)) {
            diagnostics.error("PPL0204", source, name.span(), "`" + n + "` is declared twice",
                    "rename one of them; code sets and tables share one namespace");
            return false;
        }
        if (base != null && (base.set(n) != null || base.table(n) != null)) {
            diagnostics.error("PPL0404", source, name.span(), "`" + n + "` is already declared by base policy `"
                    + base.info().id() + "`", "use the base's `" + n + "` as it is, or give this one another name");
            return false;
        }
        if (DIAGNOSIS.matcher(n).matches() || PROCEDURE.matcher(n).matches()) {
            diagnostics.error("PPL0204", source, name.span(), "`" + n + "` looks like a code, not a name",
                    "name code sets in words, e.g. `B12_DIAGNOSES`");
            return false;
        }
        usedNames.add(n);
        return true;
    }

    private void layering(Decl.Rule r) {
        if (r.override()) {
            requireBaseRule(r.id(), "override");
            if (r.reason() == null) {
                diagnostics.error("PPL0405", source, r.id().span(), "override of `" + r.id().text() + "` gives no reason",
                        "add `because \"...\"` after the rule id: the reason is shown to reviewers");
            }
        } else if (base != null && baseRuleIds().contains(r.id().text())) {
            diagnostics.error("PPL0406", source, r.id().span(), "rule `" + r.id().text() + "` already exists in base policy `"
                    + base.info().id() + "`", "write `override rule " + r.id().text() + " because \"...\"` to replace it");
        }
    }

    private boolean requireBaseRule(Name id, String verb) {
        if (base == null) {
            diagnostics.error("PPL0401", source, id.span(), "`" + verb + "` needs a base policy",
                    "add `extends <policy id>` to the header, or remove the `" + verb + "`");
            return false;
        }
        Set<String> ids = baseRuleIds();
        if (!ids.contains(id.text())) {
            diagnostics.error("PPL0402", source, id.span(), "base policy `" + base.info().id() + "` has no rule `"
                    + id.text() + "`", Suggest.help(id.text(), ids, "check the rule ids in the base policy"));
            return false;
        }
        return true;
    }

    private Set<String> baseRuleIds() {
        Set<String> ids = new TreeSet<>();
        base.effectiveRules().forEach(r -> ids.add(r.rule().id().text()));
        return ids;
    }

    // --------------------------------------------------------------- code sets

    private CodeSet resolveSet(String name, Span at) {
        CodeSet done = sets.get(name);
        if (done != null) {
            return done;
        }
        Decl.CodeSet decl = setDecls.get(name);
        if (decl == null) {
            return base == null ? null : base.set(name);
        }
        if (failedSets.contains(name)) {
            return null;
        }
        if (!resolving.add(name)) {
            diagnostics.error("PPL0210", source, at, "code set `" + name + "` is defined in terms of itself",
                    "break the cycle: " + String.join(" -> ", resolving) + " -> " + name);
            return null;
        }
        Type element = elementType(decl.kind());
        CodeSet set = buildSet(name, decl.codes(), element);
        resolving.remove(name);
        if (set != null) {
            sets.put(name, set);
        } else {
            failedSets.add(name);
        }
        return set;
    }

    static Type elementType(Decl.CodeKind kind) {
        return switch (kind) {
            case PROCEDURE -> Type.Simple.CODE;
            case DIAGNOSIS -> Type.Simple.DIAGNOSIS;
            case MODIFIER -> Type.Simple.MODIFIER;
            case NDC -> Type.Simple.NDC;
        };
    }

    private CodeSet buildSet(String name, SetExpr expr, Type element) {
        if (expr instanceof SetExpr.Literal lit) {
            return literalSet(name, lit, element);
        }
        if (expr instanceof SetExpr.Ref ref) {
            String n = ref.name().text();
            CodeSet target = resolveSet(n, ref.span());
            // a declared set that failed (a cycle, a bad code) was reported where it is defined
            if (target == null && !resolving.contains(n) && !setDecls.containsKey(n)) {
                diagnostics.error("PPL0209", source, ref.span(), "unknown code set `" + n + "`",
                        Suggest.help(n, allSetNames(), "declare it with `codes " + n + " = { ... }`"));
                return null;
            }
            if (target != null) {
                Type targetElement = setElementType(n);
                if (targetElement != null && targetElement != element) {
                    diagnostics.error("PPL0208", source, ref.span(), "`" + n + "` holds " + plural(targetElement)
                            + ", not " + plural(element), "combine only sets of the same kind");
                    return null;
                }
            }
            return target;
        }
        SetExpr left = expr instanceof SetExpr.Union u ? u.left() : ((SetExpr.Difference) expr).left();
        SetExpr right = expr instanceof SetExpr.Union u ? u.right() : ((SetExpr.Difference) expr).right();
        CodeSet l = buildSet(name, left, element);
        CodeSet r = buildSet(name, right, element);
        if (l == null || r == null) {
            return null;
        }
        CodeSet.Builder b = CodeSet.builder(name, element == Type.Simple.DIAGNOSIS).addAll(l);
        return expr instanceof SetExpr.Union ? b.addAll(r).build() : b.removeAll(r).build();
    }

    /** "ICD-10-CM codes" from "an ICD-10-CM code". */
    private static String plural(Type t) {
        return t.describe().replaceFirst("^(a|an) ", "") + "s";
    }

    private Type setElementType(String name) {
        Decl.CodeSet d = setDecls.get(name);
        if (d != null) {
            return elementType(d.kind());
        }
        for (CheckedPolicy p = base; p != null; p = p.base()) {
            for (Decl decl : p.file().decls()) {
                if (decl instanceof Decl.CodeSet s && s.name().text().equals(name)) {
                    return elementType(s.kind());
                }
            }
        }
        return null;
    }

    private Set<String> allSetNames() {
        Set<String> names = new TreeSet<>(setDecls.keySet());
        for (CheckedPolicy p = base; p != null; p = p.base()) {
            names.addAll(p.sets().keySet());
        }
        return names;
    }

    CodeSet literalSet(String name, SetExpr.Literal lit, Type element) {
        CodeSet.Builder b = CodeSet.builder(name, element == Type.Simple.DIAGNOSIS);
        boolean ok = true;
        for (SetExpr.Element e : lit.elements()) {
            if (!codeShape(e.from(), element, e.span(), e.to() == null)) {
                ok = false;
                continue;
            }
            if (e.to() == null) {
                b.code(e.from());
            } else if (!codeShape(e.to(), element, e.span(), false)) {
                ok = false;
            } else if (e.from().length() != e.to().length() || e.from().compareTo(e.to()) > 0
                    || (element == Type.Simple.CODE && Character.isLetter(e.from().charAt(0)) != Character.isLetter(e.to().charAt(0)))) {
                diagnostics.error("PPL0207", source, e.span(), "`" + e.from() + "-" + e.to() + "` is not a valid range",
                        "a range runs from the lower code to the higher one, both of the same form, e.g. `99202-99205`");
                ok = false;
            } else {
                b.range(e.from(), e.to());
            }
        }
        return ok ? b.build() : null;
    }

    /** Checks a code literal's form for the kind of code expected. */
    boolean codeShape(String code, Type element, Span span, boolean patternAllowed) {
        boolean ok;
        String example;
        if (element == Type.Simple.CODE) {
            ok = PROCEDURE.matcher(code).matches();
            example = "5 characters such as `96372`, `J3420` or `0075T`";
        } else if (element == Type.Simple.DIAGNOSIS) {
            ok = DIAGNOSIS.matcher(code).matches() || (patternAllowed && DIAGNOSIS_PATTERN.matcher(code).matches());
            example = "ICD-10-CM such as `D51.0`, or a pattern such as `D51.*`";
        } else if (element == Type.Simple.MODIFIER) {
            ok = MODIFIER.matcher(code).matches();
            example = "2 letters or digits such as `25`, `59` or `XS`";
        } else if (element == Type.Simple.NDC) {
            ok = NDC.matcher(code).matches();
            example = "the 11-digit NDC in 5-4-2 form without hyphens, such as `00517003125`";
        } else {
            return true;
        }
        if (!ok) {
            diagnostics.error("PPL0206", source, span, "`" + code + "` is not " + element.describe(),
                    "write " + example);
        }
        return ok;
    }

    // ------------------------------------------------------------------- tests

    /**
     * Tests name rules this policy runs; a test may also expect silence from a base rule this
     * policy disables, which is how an analyst shows the delta holds.
     */
    private void checkTest(Decl.Test t, Set<String> known, Set<String> disabled) {
        // an edit of a field claim JSON does not have would change nothing, and the test would assert less than it says
        for (TestCase.Patch patch : t.body().patches()) {
            com.fasterxml.jackson.databind.JsonNode value = null;
            if (patch.json() != null) {
                try {
                    value = JSON.readTree(patch.json());
                } catch (java.io.IOException e) {
                    value = null; // not JSON: the test run reports it
                }
            }
            ClaimJsonFields.Problem problem = ClaimJsonFields.check(patch.line() != null, patch.path(), value);
            if (problem != null) {
                diagnostics.error("PPL0502", source, patch.span(), problem.message(), problem.help());
            }
        }
        for (TestCase.Expectation e : t.body().expectations()) {
            Name rule = e instanceof TestCase.Fires f ? f.rule() : e instanceof TestCase.Silent s ? s.rule() : null;
            if (e instanceof TestCase.Fires && rule != null && disabled.contains(rule.text())) {
                diagnostics.error("PPL0501", source, rule.span(), "test expects `" + rule.text()
                        + "` to fire, but this policy disables it", "expect `no " + rule.text() + "` instead");
            } else if (rule != null && !known.contains(rule.text()) && !disabled.contains(rule.text())) {
                diagnostics.error("PPL0501", source, rule.span(), "test expects unknown rule `" + rule.text() + "`",
                        Suggest.help(rule.text(), known, "name a rule of this policy or of its base"));
            }
        }
    }

    // ------------------------------------------------------------------- rules

    /** Type-checks one rule, allocating frame slots for its variables. */
    final class RuleChecker {
        private final Decl owner;
        private Decl.Rule rule;
        private final List<Map<String, Symbol.Var>> scopes = new ArrayList<>();
        private int refSlots;
        private int numSlots;
        private int maxRef;
        private int maxNum;

        RuleChecker(Decl.Rule rule) {
            this.owner = rule;
            this.rule = rule;
        }

        /** A checker for a measure's expressions; {@link MeasureChecker} drives it. */
        RuleChecker(Decl.Measure measure) {
            this.owner = measure;
        }

        CheckedPolicy.Facts facts() {
            return facts;
        }

        /** Records the frame size the checked expressions need. */
        void done() {
            facts.frameSizes.put(owner, new int[] {maxRef, maxNum});
        }

        void check() {
            scopes.add(new HashMap<>());
            for (Decl.Binding b : rule.bindings()) {
                Type source = expr(b.source());
                Type element = elementOf(source, b.source(), "for each");
                facts.bound.put(b, bind(b.var(), element, false));
            }
            if (rule.where() != null) {
                condition(rule.where());
            }
            for (Decl.Let let : rule.lets()) {
                Type t = expr(let.value());
                facts.bound.put(let, bind(let.name(), t, t == Type.Simple.NUMBER));
            }
            for (Decl.Branch branch : rule.branches()) {
                condition(branch.when());
                outcome(branch.outcome());
            }
            done();
        }

        private void outcome(Decl.Outcome o) {
            if (o.line() != null) {
                Type t = expr(o.line());
                if (!(t instanceof Type.Entity e && e.kind() == ClaimSchema.Kind.LINE) && t != Type.Simple.ERROR) {
                    diagnostics.error("PPL0311", source, o.line().span(), "a finding is about a service line, but this is "
                            + t.describe(), "name a line variable, e.g. `deny line em`, or write `deny claim`");
                }
            }
            if (o.group() != null && !GROUPS.contains(o.group().text())) {
                diagnostics.error("PPL0315", source, o.group().span(), "unknown group code `" + o.group().text() + "`",
                        Suggest.help(o.group().text(), GROUPS, "group codes are CO, PR, OA, PI and CR"));
            }
            if (o.carc() != null && !CARC.matcher(o.carc().text()).matches()) {
                diagnostics.error("PPL0315", source, o.carc().span(), "`" + o.carc().text() + "` is not a CARC code",
                        "claim adjustment reason codes look like `16`, `50` or `B7`");
            }
            for (Name r : o.rarc()) {
                if (!RARC.matcher(r.text()).matches()) {
                    diagnostics.error("PPL0315", source, r.span(), "`" + r.text() + "` is not a RARC code",
                            "remittance advice remark codes look like `M53`, `N362` or `MA130`");
                }
            }
            boolean remit = o.severity() == dev.ppl.ast.Severity.REJECT || o.severity() == dev.ppl.ast.Severity.DENY;
            if (remit && (o.group() == null || o.carc() == null)) {
                diagnostics.error("PPL0316", source, o.severitySpan(), "a `" + o.severity().key()
                        + "` finding needs a group and a CARC code", "add e.g. `group CO carc 16` after the line");
            } else if (!remit && (o.group() == null) != (o.carc() == null)) {
                diagnostics.error("PPL0316", source, o.severitySpan(), "a `" + o.severity().key()
                        + "` finding gives a group and a CARC code together, or neither",
                        "an internal hold carries no codes: remove them; if the payer really sends this code, write"
                                + " e.g. `group CO carc 50`");
            }
            if (o.carc() == null && !o.rarc().isEmpty()) {
                diagnostics.error("PPL0316", source, o.rarc().get(0).span(), "remark codes without a CARC code",
                        "a RARC explains a CARC: add `group CO carc ...` or remove the `rarc`");
            }
            template(o.message());
            if (o.fix() != null) {
                template(o.fix());
            }
            if (o.cites() != null) {
                template(o.cites());
            }
        }

        void template(Template t) {
            for (Template.Part p : t.parts()) {
                if (p instanceof Template.Hole h) {
                    Type type = expr(h.expr());
                    if (type instanceof Type.CodeSetOf || type instanceof Type.RowOf) {
                        diagnostics.error("PPL0312", source, h.expr().span(), "a message cannot show " + type.describe(),
                                "show one of its values, e.g. a column");
                    }
                }
            }
        }

        Symbol.Var bind(Name name, Type type, boolean numeric) {
            String n = name.text();
            for (Map<String, Symbol.Var> scope : scopes) {
                if (scope.containsKey(n)) {
                    diagnostics.error("PPL0313", source, name.span(), "`" + n + "` is already defined in this rule",
                            "pick another name");
                }
            }
            Symbol.Var v = numeric ? new Symbol.Var(n, numSlots++, type, true) : new Symbol.Var(n, refSlots++, type, false);
            maxRef = Math.max(maxRef, refSlots);
            maxNum = Math.max(maxNum, numSlots);
            scopes.get(scopes.size() - 1).put(n, v);
            return v;
        }

        void push() {
            scopes.add(new HashMap<>());
        }

        void pop() {
            Map<String, Symbol.Var> scope = scopes.remove(scopes.size() - 1);
            refSlots -= scope.values().stream().filter(v -> !v.numericSlot()).count();
            numSlots -= scope.values().stream().filter(Symbol.Var::numericSlot).count();
        }

        private Symbol.Var lookupVar(String n) {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                Symbol.Var v = scopes.get(i).get(n);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        void condition(Expr e) {
            Type t = expr(e);
            if (t != Type.Simple.BOOL && t != Type.Simple.ERROR) {
                diagnostics.error("PPL0304", source, e.span(), "a condition must be true or false, but this is "
                        + t.describe(), "compare it with something, e.g. `x > 0` or `x is present`");
            }
        }

        Type elementOf(Type t, Expr e, String what) {
            if (t instanceof Type.ListOf l) {
                return l.element();
            }
            if (t != Type.Simple.ERROR) {
                diagnostics.error("PPL0309", source, e.span(), "`" + what + "` needs a list, but this is " + t.describe(),
                        "lists are `lines`, `injections`, `history`, `diagnoses`, `i.drugs`, `l.modifiers`, `l.diagnoses`");
            }
            return Type.Simple.ERROR;
        }

        private Type record(Expr e, Type t) {
            facts.types.put(e, t);
            return t;
        }

        Type expr(Expr e) {
            return record(e, infer(e));
        }

        private Type infer(Expr e) {
            if (e instanceof Expr.NumberLit n) {
                facts.constants.put(e, Double.parseDouble(n.text()));
                return Type.Simple.NUMBER;
            }
            if (e instanceof Expr.StringLit s) {
                facts.constants.put(e, s.value());
                return Type.Simple.TEXT;
            }
            if (e instanceof Expr.DateLit d) {
                facts.constants.put(e, d.value());
                return Type.Simple.DATE;
            }
            if (e instanceof Expr.BoolLit b) {
                facts.constants.put(e, b.value());
                return Type.Simple.BOOL;
            }
            if (e instanceof Expr.QuantityLit q) {
                return quantityLiteral(q);
            }
            if (e instanceof Expr.CodeLit c) {
                facts.constants.put(e, c.text());
                return DIAGNOSIS.matcher(c.text()).matches() ? Type.Simple.DIAGNOSIS : Type.Simple.CODE;
            }
            if (e instanceof Expr.SetLit s) {
                diagnostics.error("PPL0303", source, e.span(), "a `{ ... }` set can only follow `in`",
                        "write `x in { ... }`, or declare a named code set");
                return Type.Simple.ERROR;
            }
            if (e instanceof Expr.NameRef n) {
                return name(n);
            }
            if (e instanceof Expr.Member m) {
                return member(m);
            }
            if (e instanceof Expr.Lookup l) {
                return lookup(l);
            }
            if (e instanceof Expr.Call c) {
                return call(c);
            }
            if (e instanceof Expr.Negate n) {
                Type t = expr(n.operand());
                if (t != Type.Simple.NUMBER && !(t instanceof Type.Quantity) && t != Type.Simple.ERROR) {
                    return mismatch(e, "cannot negate " + t.describe(), "only numbers and quantities can be negative");
                }
                return t;
            }
            if (e instanceof Expr.Not n) {
                condition(n.operand());
                return Type.Simple.BOOL;
            }
            if (e instanceof Expr.And a) {
                condition(a.left());
                condition(a.right());
                return Type.Simple.BOOL;
            }
            if (e instanceof Expr.Or o) {
                condition(o.left());
                condition(o.right());
                return Type.Simple.BOOL;
            }
            if (e instanceof Expr.Arithmetic a) {
                return arithmetic(a);
            }
            if (e instanceof Expr.Compare c) {
                return compare(c);
            }
            if (e instanceof Expr.In in) {
                return in(in);
            }
            if (e instanceof Expr.Is is) {
                Type t = expr(is.operand());
                if (is.check() == Expr.Check.BLANK && !Type.isCodeLike(t) && !(t instanceof Type.ListOf)
                        && t != Type.Simple.ERROR) {
                    return mismatch(e, "`is blank` applies to text and lists, not " + t.describe(),
                            "use `is missing` for values that may be absent");
                }
                return Type.Simple.BOOL;
            }
            if (e instanceof Expr.Within w) {
                return within(w);
            }
            if (e instanceof Expr.Quantified q) {
                Type element = elementOf(expr(q.source()), q.source(), q.quantifier().name().toLowerCase(java.util.Locale.ROOT));
                push();
                facts.bound.put(q, bind(q.var(), element, false));
                if (q.where() != null) {
                    condition(q.where());
                }
                if (q.satisfies() != null) {
                    condition(q.satisfies());
                }
                pop();
                return Type.Simple.BOOL;
            }
            if (e instanceof Expr.Count c) {
                Type element = elementOf(expr(c.source()), c.source(), "count");
                push();
                facts.bound.put(c, bind(c.var(), element, false));
                if (c.where() != null) {
                    condition(c.where());
                }
                pop();
                return Type.Simple.NUMBER;
            }
            Expr.Sum s = (Expr.Sum) e;
            Type element = elementOf(expr(s.source()), s.source(), "sum");
            push();
            facts.bound.put(s, bind(s.var(), element, false));
            if (s.where() != null) {
                condition(s.where());
            }
            Type value = expr(s.value());
            pop();
            if (value != Type.Simple.NUMBER && !(value instanceof Type.Quantity) && value != Type.Simple.ERROR) {
                return mismatch(s.value(), "`sum` adds numbers or quantities, not " + value.describe(),
                        "sum a number such as `l.units`");
            }
            return value;
        }

        private Type quantityLiteral(Expr.QuantityLit q) {
            double amount = Double.parseDouble(q.number());
            String unitName = q.unit().text();
            ChronoUnit chrono = Duration.unit(unitName);
            if (chrono != null) {
                if (amount != Math.rint(amount)) {
                    return mismatch(q, "a duration must be a whole number of " + chrono.name().toLowerCase(java.util.Locale.ROOT),
                            "write e.g. `30 days` or `1 month`");
                }
                if (Math.abs(amount) > Duration.max(chrono)) {
                    diagnostics.error("PPL0317", source, q.span(), "a window of `" + q.number() + " " + unitName
                            + "` is longer than 100 years", "windows run up to 36500 days, 5200 weeks, 1200 months or 100 years");
                    return Type.Simple.ERROR;
                }
                facts.constants.put(q, new Duration((long) amount, chrono));
                return Type.Simple.DURATION;
            }
            Unit unit = Unit.parse(unitName);
            if (unit == null) {
                List<String> all = new ArrayList<>(Unit.spellings());
                all.addAll(List.of("days", "weeks", "months", "years"));
                diagnostics.error("PPL0306", source, q.unit().span(), "unknown unit `" + unitName + "`",
                        Suggest.help(unitName, all, "units are mcg, mg, g, mL, L, units, and days, weeks, months, years"));
                return Type.Simple.ERROR;
            }
            facts.constants.put(q, new Quantity(amount, unit));
            return new Type.Quantity(unit.dimension());
        }

        private Type name(Expr.NameRef n) {
            Symbol.Var v = lookupVar(n.name());
            if (v != null) {
                facts.symbols.put(n, v);
                return v.type();
            }
            CodeSet set = resolveSet(n.name(), n.span());
            if (set != null) {
                Type element = setElementType(n.name());
                facts.symbols.put(n, new Symbol.SetRef(set, element));
                return new Type.CodeSetOf(element);
            }
            if (tables.containsKey(n.name()) || (base != null && base.table(n.name()) != null)) {
                return mismatch(n, "table `" + n.name() + "` is used without a key",
                        "look a row up with `" + n.name() + "[key]`");
            }
            if (n.name().equals("claim")) {
                facts.symbols.put(n, new Symbol.ClaimRoot());
                return new Type.Entity(ClaimSchema.Kind.CLAIM);
            }
            ClaimSchema.Field f = ClaimSchema.field(ClaimSchema.Kind.CLAIM, n.name());
            if (f != null) {
                facts.symbols.put(n, new Symbol.ClaimField(f));
                return f.type();
            }
            Set<String> candidates = new TreeSet<>(ClaimSchema.fieldNames(ClaimSchema.Kind.CLAIM));
            scopes.forEach(s -> candidates.addAll(s.keySet()));
            candidates.addAll(allSetNames());
            candidates.addAll(tables.keySet());
            candidates.add("claim");
            diagnostics.error("PPL0301", source, n.span(), "unknown name `" + n.name() + "`",
                    Suggest.help(n.name(), candidates, "names are rule variables, code sets, tables, and claim fields such as `lines`"));
            return Type.Simple.ERROR;
        }

        private Type member(Expr.Member m) {
            Type target = expr(m.target());
            String name = m.member().text();
            if (target instanceof Type.Entity entity) {
                ClaimSchema.Field f = ClaimSchema.field(entity.kind(), name);
                if (f == null) {
                    List<String> names = ClaimSchema.fieldNames(entity.kind());
                    diagnostics.error("PPL0302", source, m.member().span(), entity.kind().noun() + " has no field `" + name + "`",
                            Suggest.help(name, names, "its fields are " + String.join(", ", names)));
                    return Type.Simple.ERROR;
                }
                facts.fields.put(m, f);
                return f.type();
            }
            if (target instanceof Type.RowOf row) {
                int index = row.table().column(name);
                if (index < 0) {
                    diagnostics.error("PPL0302", source, m.member().span(), "table `" + row.table().name() + "` has no column `"
                            + name + "`", Suggest.help(name, row.table().columns(), "its columns are "
                            + String.join(", ", row.table().columns())));
                    return Type.Simple.ERROR;
                }
                facts.columns.put(m, index);
                return row.table().columnTypes().get(index);
            }
            if (target == Type.Simple.ERROR) {
                return target;
            }
            return mismatch(m.member(), target.describe() + " has no fields", "`.` reads a field of a line, injection, drug, ...");
        }

        private Type mismatch(Object at, String message, String help) {
            Span span = at instanceof Expr e ? e.span() : ((Name) at).span();
            diagnostics.error("PPL0303", source, span, message, help);
            return Type.Simple.ERROR;
        }

        private Type lookup(Expr.Lookup l) {
            String n = l.table().text();
            TableSymbol table = tables.containsKey(n) ? tables.get(n) : base == null ? null : base.table(n);
            l.keys().forEach(this::expr);
            if (l.on() != null) {
                expr(l.on());
            }
            if (table == null) {
                Set<String> names = new TreeSet<>(tables.keySet());
                for (CheckedPolicy p = base; p != null; p = p.base()) {
                    names.addAll(p.tables().keySet());
                }
                diagnostics.error("PPL0310", source, l.table().span(), "unknown table `" + n + "`",
                        Suggest.help(n, names, "declare it with `table " + n + " from \"file.csv\"`"));
                return Type.Simple.ERROR;
            }
            if (l.keys().size() != table.keyTypes().size()) {
                return mismatch(l, "table `" + n + "` has " + table.keyTypes().size() + " key column"
                        + (table.keyTypes().size() == 1 ? "" : "s") + " but " + l.keys().size() + " given",
                        "give one value per key column, in key order");
            }
            for (int i = 0; i < l.keys().size(); i++) {
                expectLike(l.keys().get(i), table.keyTypes().get(i));
            }
            if (table.table().hasEffectiveDates() && l.on() == null) {
                return mismatch(l, "table `" + n + "` has effective dates per row, so a lookup needs a date",
                        "write `" + n + "[key on line.serviceDate]`");
            }
            if (l.on() != null && facts.types.get(l.on()) != Type.Simple.DATE && facts.types.get(l.on()) != Type.Simple.ERROR) {
                return mismatch(l.on(), "`on` needs a date, not " + facts.types.get(l.on()).describe(), "use a service date");
            }
            facts.lookups.put(l, table);
            return new Type.RowOf(table);
        }

        private Type call(Expr.Call c) {
            String n = c.function().text();
            Builtin b = Builtin.byName(n);
            List<Type> args = new ArrayList<>();
            c.args().forEach(a -> args.add(expr(a)));
            if (b == null) {
                diagnostics.error("PPL0307", source, c.function().span(), "unknown function `" + n + "`",
                        Suggest.help(n, Builtin.names(), "functions are " + String.join(", ", Builtin.names())));
                return Type.Simple.ERROR;
            }
            if (b.variadic() ? args.isEmpty() : args.size() != b.params().size()) {
                return mismatch(c, "`" + n + "` takes " + (b.variadic() ? "one or more arguments" : b.params().size()
                        + " argument" + (b.params().size() == 1 ? "" : "s")) + ", not " + args.size(), n + ": " + b.doc());
            }
            for (int i = 0; i < args.size(); i++) {
                Type want = b.params().get(b.variadic() ? 0 : i);
                Type got = args.get(i);
                boolean ok = got == Type.Simple.ERROR
                        || (want instanceof Type.Quantity ? got instanceof Type.Quantity
                        : want instanceof Type.ListOf ? got instanceof Type.ListOf
                        : want == Type.Simple.TEXT ? Type.isCodeLike(got) : want.equals(got));
                if (!ok) {
                    return mismatch(c.args().get(i), "argument " + (i + 1) + " of `" + n + "` must be " + want.describe()
                            + ", not " + got.describe(), n + ": " + b.doc());
                }
            }
            if (b == Builtin.MATCHES) {
                Expr pattern = c.args().get(1);
                if (!(pattern instanceof Expr.StringLit s)) {
                    return mismatch(pattern, "the pattern of `matches` must be written as a string", "e.g. `matches(x, \"[0-9]{11}\")`");
                }
                try {
                    // RE2: linear-time matching, so no pattern can make an evaluation backtrack for hours
                    facts.constants.put(c, com.google.re2j.Pattern.compile(s.value()));
                } catch (com.google.re2j.PatternSyntaxException ex) {
                    diagnostics.error("PPL0314", source, pattern.span(), "bad regular expression: "
                            + ex.getDescription() + (ex.getPattern().isEmpty() ? "" : " (at `" + ex.getPattern() + "`)"),
                            "patterns use RE2 syntax (docs/language.md): no backreferences such as \\1 and no lookaround"
                                    + " such as (?=...), so that matching takes time linear in the text");
                    return Type.Simple.ERROR;
                }
            }
            // an argument already in error (an unknown name) was reported where it is
            if (b == Builtin.BILLING_UNITS && args.get(0) instanceof Type.Quantity a) {
                Type.Quantity p = args.get(1) instanceof Type.Quantity q ? q : a;
                dimensions(c, a, p);
            }
            facts.calls.put(c, b);
            return b.result();
        }

        private void dimensions(Expr at, Type.Quantity a, Type.Quantity b) {
            if (a.dimension() != null && b.dimension() != null && a.dimension() != b.dimension()) {
                mismatch(at, "incompatible units: " + a.dimension().noun() + " and " + b.dimension().noun(),
                        "both sides must measure the same thing (mg with mcg, mL with L)");
            }
        }

        private Type arithmetic(Expr.Arithmetic a) {
            Type l = expr(a.left());
            Type r = expr(a.right());
            if (l == Type.Simple.ERROR || r == Type.Simple.ERROR) {
                return Type.Simple.ERROR;
            }
            char op = a.op();
            if (l == Type.Simple.NUMBER && r == Type.Simple.NUMBER) {
                return Type.Simple.NUMBER;
            }
            if (l instanceof Type.Quantity ql && r instanceof Type.Quantity qr) {
                if (ql.dimension() != null && qr.dimension() != null && ql.dimension() != qr.dimension()) {
                    return mismatch(a, "cannot " + verb(op) + " " + ql.describe() + " and " + qr.describe(),
                            "both sides must measure the same thing (mg with mcg, mL with L)");
                }
                if (op == '+' || op == '-') {
                    return ql.dimension() != null ? ql : qr;
                }
                if (op == '/') {
                    return Type.Simple.NUMBER;
                }
                return mismatch(a, "cannot multiply two quantities", "multiply a quantity by a number");
            }
            if (l instanceof Type.Quantity && r == Type.Simple.NUMBER && (op == '*' || op == '/')) {
                return l;
            }
            if (l == Type.Simple.NUMBER && r instanceof Type.Quantity && op == '*') {
                return r;
            }
            if (l == Type.Simple.DATE && r == Type.Simple.DURATION && (op == '+' || op == '-')) {
                return Type.Simple.DATE;
            }
            return mismatch(a, "cannot " + verb(op) + " " + l.describe() + " and " + r.describe(),
                    "arithmetic works on numbers, on quantities of one kind, and on a date plus a duration");
        }

        private String verb(char op) {
            return switch (op) {
                case '+' -> "add";
                case '-' -> "subtract";
                case '*' -> "multiply";
                default -> "divide";
            };
        }

        private Type compare(Expr.Compare c) {
            Type l = literalish(c.left()) ? null : expr(c.left());
            Type r = literalish(c.right()) ? null : expr(c.right());
            if (l == null && r == null) {
                l = expr(c.left());
                r = expr(c.right());
            } else if (l == null) {
                l = expectLike(c.left(), r);
            } else if (r == null) {
                r = expectLike(c.right(), l);
            }
            if (l == Type.Simple.ERROR || r == Type.Simple.ERROR) {
                return Type.Simple.BOOL;
            }
            boolean ordering = !c.op().equals("=") && !c.op().equals("!=");
            boolean ok;
            if (l instanceof Type.Quantity ql && r instanceof Type.Quantity qr) {
                dimensions(c, ql, qr);
                ok = true;
            } else if (ordering) {
                ok = l.equals(r) && (l == Type.Simple.NUMBER || l == Type.Simple.DATE);
            } else {
                ok = l.equals(r) || (Type.isCodeLike(l) && Type.isCodeLike(r));
            }
            if (!ok) {
                mismatch(c, "cannot compare " + l.describe() + " with " + r.describe(),
                        ordering ? "`<` and `>` compare numbers, quantities of one kind, or dates"
                                : "compare values of the same kind");
            }
            return Type.Simple.BOOL;
        }

        /** A bare literal whose type comes from the other side: {@code 25}, {@code XS}, {@code J3420}, {@code "11"}. */
        private boolean literalish(Expr e) {
            if (e instanceof Expr.NumberLit || e instanceof Expr.CodeLit || e instanceof Expr.StringLit) {
                return true;
            }
            return e instanceof Expr.NameRef n && lookupVar(n.name()) == null && resolveSetQuiet(n.name()) == null
                    && ClaimSchema.field(ClaimSchema.Kind.CLAIM, n.name()) == null && !n.name().equals("claim")
                    && !tables.containsKey(n.name());
        }

        private CodeSet resolveSetQuiet(String name) {
            return setDecls.containsKey(name) ? sets.get(name) : base == null ? null : base.set(name);
        }

        /** Checks a literal against the type it is compared with, coercing bare words to codes or text. */
        private Type expectLike(Expr e, Type want) {
            if (!literalish(e) || !(Type.isCodeLike(want))) {
                Type got = expr(e);
                if (got != Type.Simple.ERROR && want != Type.Simple.ERROR && !got.equals(want)
                        && !(Type.isCodeLike(got) && Type.isCodeLike(want))
                        && !(got instanceof Type.Quantity && want instanceof Type.Quantity)) {
                    mismatch(e, "expected " + want.describe() + ", found " + got.describe(), "compare values of the same kind");
                    return Type.Simple.ERROR;
                }
                return got;
            }
            String text = e instanceof Expr.NumberLit n ? n.text()
                    : e instanceof Expr.CodeLit c ? c.text()
                    : e instanceof Expr.StringLit s ? s.value() : ((Expr.NameRef) e).name();
            if (e instanceof Expr.NameRef && want == Type.Simple.TEXT && text.chars().anyMatch(Character::isLowerCase)
                    && text.length() > 3) {
                // a lower-case bare word against free text is more likely a misspelt name than a value
                return expr(e);
            }
            codeShape(text, want, e.span(), false);
            facts.constants.put(e, text);
            return record(e, want);
        }

        private Type in(Expr.In in) {
            Expr container = in.container();
            if (container instanceof Expr.SetLit lit) {
                Type element = expr(in.element());
                Type setElement = element == Type.Simple.TEXT ? Type.Simple.TEXT : element;
                if (!Type.isCodeLike(element)) {
                    if (element != Type.Simple.ERROR) {
                        mismatch(in.element(), "`in { ... }` tests codes, modifiers or text, not " + element.describe(),
                                "compare numbers with `=`, `<` or `>`");
                    }
                    return Type.Simple.BOOL;
                }
                CodeSet set = literalSet("{...}", lit.set(), setElement);
                if (set != null) {
                    facts.constants.put(container, set);
                }
                record(container, new Type.CodeSetOf(setElement));
                return Type.Simple.BOOL;
            }
            Type c = expr(container);
            Type want = c instanceof Type.CodeSetOf s ? s.element() : c instanceof Type.ListOf l ? l.element() : null;
            if (want == null) {
                if (container instanceof Expr.CodeLit code) {
                    diagnostics.error("PPL0303", source, container.span(), "`" + code.text()
                            + "` is read as a code, not as the name of a code set",
                            "name code sets in words that do not look like codes, e.g. `B12_DIAGNOSES`; or write `x = "
                            + code.text() + "`");
                } else if (c != Type.Simple.ERROR) {
                    mismatch(container, "`in` needs a code set or a list, but this is " + c.describe(),
                            "e.g. `l.code in INJECTION` or `25 in l.modifiers`");
                }
                expr(in.element());
                return Type.Simple.BOOL;
            }
            Type element = literalish(in.element()) ? expectLike(in.element(), want) : expr(in.element());
            if (element instanceof Type.ListOf && c instanceof Type.CodeSetOf) {
                mismatch(in.element(), "`in` tests one value, but this is " + element.describe(),
                        "write `any x in <list> where x in <set>`");
            } else if (element != Type.Simple.ERROR && want != Type.Simple.ERROR && !element.equals(want)
                    && !(Type.isCodeLike(element) && Type.isCodeLike(want))) {
                mismatch(in.element(), "cannot look for " + element.describe() + " in " + c.describe(),
                        "the value and the set must be of the same kind");
            } else if (element != want && Type.isCodeLike(element) && Type.isCodeLike(want)
                    && element != Type.Simple.TEXT && want != Type.Simple.TEXT) {
                mismatch(in.element(), "cannot look for " + element.describe() + " in a set of "
                        + want.describe().replaceFirst("^(a|an) ", "") + "s", "use a set of the right kind");
            }
            return Type.Simple.BOOL;
        }

        private Type within(Expr.Within w) {
            Type d = expr(w.date());
            Type window = expr(w.window());
            Type ref = expr(w.reference());
            if (d != Type.Simple.DATE && d != Type.Simple.ERROR) {
                mismatch(w.date(), "`within` needs a date, not " + d.describe(), "e.g. `h.serviceDate within 30 days before l.serviceDate`");
            }
            if (ref != Type.Simple.DATE && ref != Type.Simple.ERROR) {
                mismatch(w.reference(), "`within` needs a date, not " + ref.describe(), "e.g. `... before l.serviceDate`");
            }
            if (window != Type.Simple.DURATION && window != Type.Simple.ERROR) {
                mismatch(w.window(), "`within` needs a duration such as `30 days`, not " + window.describe(),
                        "durations are written `30 days`, `4 weeks`, `1 month`, `1 year`");
            }
            return Type.Simple.BOOL;
        }
    }
}
