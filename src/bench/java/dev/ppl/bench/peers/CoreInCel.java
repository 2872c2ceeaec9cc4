package dev.ppl.bench.peers;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.ppl.api.Decision;
import dev.ppl.bench.CoreByHand;
import dev.ppl.claim.Claim;
import dev.ppl.claim.HistoryEntry;
import dev.ppl.claim.InjectedDrug;
import dev.ppl.claim.Injection;
import dev.ppl.claim.ServiceLine;
import dev.ppl.value.Quantity;
import dev.ppl.value.Unit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 27 rules of the frozen core Medicare policy in CEL-Java 0.14 ({@code dev.cel:cel}), as a host
 * would write them with CEL's own best practice: one CEL expression per rule, each parsed, checked
 * and planned into a {@link CelRuntime.Program} once, evaluated per claim against the claim
 * converted into CEL values (maps, lists, strings, ints and doubles: CEL's native data, no
 * reflection) and the three tables as CEL maps bound once.
 *
 * <p>Each rule's expression returns the rule's findings as a list of maps (rule, severity, line,
 * group, CARC, RARC, message, fix, citation), nested once per {@code for each} variable; the
 * host flattens them. {@link PeerFindings} applies what is outside the rules (the policy's payer
 * and effective date) and sorts the decision exactly as the hand-written baseline does.
 *
 * <p>What CEL has no standard function for is bound as a host function, as PPL has each as a
 * built-in: {@code sum} of a list (CEL has no fold over numbers), {@code num} (numbers as PPL
 * displays them), {@code rint}, {@code similarity} and {@code words} (the same text functions the
 * hand-written rules call), and the dose arithmetic ({@code doseSum}: doses in units of one
 * dimension added after conversion; {@code billingUnits}: dose over billing unit, rounded up).
 * Every rule is expressed; none is left out. Code sets are CEL range tests on the code text
 * ({@code c.size() == 5 && c >= '99202' && c <= '99205'}), the tables CEL maps ({@code code in
 * units}, rows filtered by date).
 *
 * <p>The standard runtime ({@code CelFactory.standardCelBuilder()}) is used: the newer planner
 * runtime of 0.14 ({@code plannerCelBuilder()}) ran these programs about ten times slower here,
 * and handing CEL Guava immutable maps and lists instead of {@code HashMap}/{@code ArrayList}
 * made no measurable difference.
 */
public final class CoreInCel {
    private static final String INJECTION = "'96372'";
    private final Cel cel;
    private final List<CelRuntime.Program> programs = new ArrayList<>();
    private final Map<String, Object> units = new HashMap<>();
    private final Map<String, Object> ptp = new HashMap<>();
    private final Map<String, Object> mue = new HashMap<>();

    public CoreInCel(Path folder) throws IOException {
        SnapshotTables tables = new SnapshotTables(folder);
        tables.drugUnits.forEach((code, per) -> units.put(code, quantity(per)));
        tables.ptp.forEach((pair, rows) -> ptp.put(pair, rows.stream()
                .map(r -> (Object) Map.of("from", r.from(), "to", r.to(), "ind", r.indicator())).toList()));
        tables.mue.forEach((code, rows) -> mue.put(code, rows.stream()
                .map(r -> (Object) Map.of("from", r.from(), "to", r.to(), "limit", r.limit(), "mai", r.mai())).toList()));
        MapType map = MapType.create(SimpleType.STRING, SimpleType.DYN);
        cel = CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("c", map)
                .addVar("units", map)
                .addVar("ptp", map)
                .addVar("mue", map)
                .addCompilerLibraries(CelExtensions.bindings(), CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .addFunctionDeclarations(
                        fn("sum", "sum_list", SimpleType.DOUBLE, ListType.create(SimpleType.DYN)),
                        fn("num", "num_double", SimpleType.STRING, SimpleType.DOUBLE),
                        fn("rint", "rint_double", SimpleType.DOUBLE, SimpleType.DOUBLE),
                        fn("words", "words_string", SimpleType.INT, SimpleType.STRING),
                        fn("similarity", "similarity_string_string", SimpleType.DOUBLE, SimpleType.STRING, SimpleType.STRING),
                        fn("doseSum", "doseSum_list", map, ListType.create(SimpleType.DYN)),
                        fn("billingUnits", "billingUnits_map_map", SimpleType.DOUBLE, map, map))
                .addFunctionBindings(
                        CelFunctionBinding.from("sum_list", List.class, CoreInCel::sum),
                        CelFunctionBinding.from("num_double", Double.class, CoreByHand::num),
                        CelFunctionBinding.from("rint_double", Double.class, Math::rint),
                        CelFunctionBinding.from("words_string", String.class, s -> (long) CoreByHand.words(s)),
                        CelFunctionBinding.from("similarity_string_string", String.class, String.class, CoreByHand::similarity),
                        CelFunctionBinding.from("doseSum_list", List.class, CoreInCel::doseSum),
                        CelFunctionBinding.from("billingUnits_map_map", Map.class, Map.class, CoreInCel::billingUnits))
                .build();
        for (String rule : expressions()) {
            try {
                CelAbstractSyntaxTree ast = cel.compile(rule).getAst();
                programs.add(cel.createProgram(ast));
            } catch (CelValidationException | CelEvaluationException e) {
                String message = e.getMessage();
                throw new IllegalStateException("a CEL rule does not compile: "
                        + message.substring(0, Math.min(message.length(), 3000)), e);
            }
        }
    }

    /** The number of rules (CEL programs). */
    public int ruleCount() {
        return programs.size();
    }

    /** Converts and evaluates: the honest end-to-end number. */
    public Decision check(Claim c) {
        if (!PeerFindings.applies(c)) {
            return PeerFindings.notJudged(c);
        }
        return check(c.claimId(), convert(c));
    }

    /** Evaluates the rules on a claim already converted with {@link #convert}. */
    public Decision check(String claimId, Map<String, Object> claim) {
        if (claim == null) {
            return new Decision(claimId, "clean", List.of(), List.of());
        }
        Map<String, Object> vars = Map.of("c", claim, "units", units, "ptp", ptp, "mue", mue);
        PeerFindings out = new PeerFindings();
        try {
            for (CelRuntime.Program p : programs) {
                collect(p.eval(vars), out);
            }
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("a CEL rule failed on claim " + claimId + ": " + e.getMessage(), e);
        }
        return out.decision(claimId);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object result, PeerFindings out) {
        if (result instanceof List<?> list) {
            for (Object o : list) {
                collect(o, out);
            }
            return;
        }
        Map<String, Object> f = (Map<String, Object>) result;
        Map<String, Object> line = (Map<String, Object>) f.get("l");
        String group = (String) f.get("g");
        String carc = (String) f.get("carc");
        out.add((String) f.get("r"), (String) f.get("s"), ((Long) line.get("line")).intValue(), (String) line.get("date"),
                group.isEmpty() ? null : group, carc.isEmpty() ? null : carc, (List<String>) f.get("rarc"),
                (String) f.get("m"), (String) f.get("f"), (String) f.get("c"));
    }

    // ------------------------------------------------------------------ conversion

    private static final Map<String, Object> NO_LINE = line(-1, "", List.of(), 0, "", 0);

    private static Map<String, Object> line(int number, String code, List<String> mods, double units, String date, int pointers) {
        Map<String, Object> m = new HashMap<>(8);
        m.put("line", (long) number);
        m.put("code", code);
        m.put("mods", mods);
        m.put("units", units);
        m.put("date", date);
        m.put("ptrs", (long) pointers);
        return m;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /**
     * The claim as CEL values, or null when the policy does not apply to it: lines, injections
     * (each with its administration line and drug lines resolved to the line's map, or to a line
     * numbered -1 when the number points at no line), history, the encounter. Text that is not
     * documented is {@code ""}.
     */
    public static Map<String, Object> convert(Claim c) {
        if (!PeerFindings.applies(c)) {
            return null;
        }
        Map<Integer, Map<String, Object>> byNumber = new HashMap<>();
        List<Object> lines = new ArrayList<>(c.lines().size());
        for (ServiceLine l : c.lines()) {
            Map<String, Object> m = line(l.line(), str(l.code()), l.modifiers(), l.units(), str(l.serviceDate()),
                    l.diagnosisPointers().size());
            lines.add(m);
            if (l.line() >= 0) {
                byNumber.put(l.line(), m);
            }
        }
        List<Object> injections = new ArrayList<>(c.injections().size());
        long ix = 0;
        for (Injection i : c.injections()) {
            Map<String, Object> m = new HashMap<>(16);
            m.put("ix", ix++);
            m.put("admin", i.adminLine() == null ? NO_LINE : byNumber.getOrDefault(i.adminLine(), NO_LINE));
            m.put("route", str(i.route()));
            m.put("site", str(i.site()));
            m.put("time", str(i.time()));
            m.put("orderedBy", str(i.orderedBy()));
            m.put("administeredBy", str(i.administeredBy()));
            m.put("response", str(i.response()));
            m.put("necessity", str(i.necessity()));
            m.put("note", str(i.note()));
            List<Object> drugs = new ArrayList<>(i.drugs().size());
            for (InjectedDrug x : i.drugs()) {
                Map<String, Object> d = new HashMap<>(8);
                d.put("line", x.line() == null ? NO_LINE : byNumber.getOrDefault(x.line(), NO_LINE));
                d.put("name", str(x.name()));
                Unit unit = x.dose() == null ? null : Unit.parse(x.dose().unit());
                d.put("hasDose", unit != null);
                d.put("amount", x.dose() == null ? 0.0 : x.dose().value());
                d.put("unit", unit == null ? "" : unit.name());
                drugs.add(d);
            }
            m.put("drugs", drugs);
            injections.add(m);
        }
        List<Object> history = new ArrayList<>(c.history().size());
        for (HistoryEntry h : c.history()) {
            history.add(Map.of("claimId", str(h.claimId()), "date", str(h.serviceDate()), "code", str(h.code()),
                    "mods", h.modifiers(), "note", str(h.note())));
        }
        Map<String, Object> claim = new HashMap<>(8);
        claim.put("lines", lines);
        claim.put("inj", injections);
        claim.put("hist", history);
        claim.put("hasEnc", c.encounter() != null);
        claim.put("purpose", c.encounter() == null ? "" : str(c.encounter().purpose()));
        claim.put("encNote", c.encounter() == null ? "" : str(c.encounter().note()));
        return claim;
    }

    // ------------------------------------------------------------------ host functions

    private static CelFunctionDecl fn(String name, String overload, dev.cel.common.types.CelType result,
            dev.cel.common.types.CelType... params) {
        return CelFunctionDecl.newFunctionDeclaration(name, CelOverloadDecl.newGlobalOverload(overload, result, params));
    }

    private static double sum(List<?> values) {
        double total = 0;
        for (Object v : values) {
            total += ((Number) v).doubleValue();
        }
        return total;
    }

    private static Map<String, Object> quantity(Quantity q) {
        if (q == null) {
            return Map.of("text", "(not documented)", "base", 0.0, "dim", "");
        }
        return Map.of("text", q.toString(), "base", q.base(), "dim", q.unit().dimension().name());
    }

    /**
     * The documented dose of a drug line: per injection its doses added when they share a dimension
     * (an injection with mixed dimensions adds nothing), then the injections added the same way,
     * the sum kept in its first unit; the empty map when there is none or the dimensions differ.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> doseSum(List<?> perInjection) {
        Quantity dose = null;
        for (Object injection : perInjection) {
            Quantity own = null;
            boolean ownMixed = false;
            for (Object o : (List<Object>) injection) {
                Map<String, Object> d = (Map<String, Object>) o;
                if (!(Boolean) d.get("hasDose") || ownMixed) {
                    continue;
                }
                Quantity q = new Quantity((Double) d.get("amount"), Unit.valueOf((String) d.get("unit")));
                if (own == null) {
                    own = q;
                } else if (own.sameDimension(q)) {
                    own = new Quantity(own.amount() + q.in(own.unit()), own.unit());
                } else {
                    ownMixed = true;
                }
            }
            if (own == null || ownMixed) {
                continue;
            }
            if (dose == null) {
                dose = own;
            } else if (dose.sameDimension(own)) {
                dose = new Quantity(dose.amount() + own.in(dose.unit()), dose.unit());
            } else {
                return Map.of();
            }
        }
        return dose == null ? Map.of() : quantity(dose);
    }

    /** Dose over billing unit rounded up, or -1 when either is missing or their dimensions differ. */
    private static double billingUnits(Map<?, ?> dose, Map<?, ?> per) {
        if (dose.isEmpty() || ((String) per.get("dim")).isEmpty() || !dose.get("dim").equals(per.get("dim"))
                || (Double) per.get("base") <= 0) {
            return -1;
        }
        return CoreByHand.ceil((Double) dose.get("base") / (Double) per.get("base"));
    }

    // ------------------------------------------------------------------ the rules in CEL

    /** A CEL string literal. */
    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String isInj(String line) {
        return line + ".code == " + INJECTION;
    }

    private static String range(String c, String from, String to) {
        return "(" + c + ".size() == 5 && " + c + " >= '" + from + "' && " + c + " <= '" + to + "')";
    }

    private static String em(String c) {
        return "(" + range(c, "99202", "99205") + " || " + range(c, "99211", "99215") + " || " + range(c, "99221", "99223")
                + " || " + range(c, "99231", "99233") + " || " + range(c, "99281", "99285") + ")";
    }

    private static String drug(String c) {
        return "(" + range(c, "J0120", "J9999") + " || " + c + " in units)";
    }

    private static String vaccine(String c) {
        return range(c, "90476", "90749");
    }

    private static String otherAdmin(String c) {
        return "(" + range(c, "96360", "96361") + " || " + range(c, "96365", "96368") + " || " + range(c, "96369", "96371")
                + " || " + c + " == '96373' || " + range(c, "96374", "96376") + " || " + range(c, "96401", "96402") + " || "
                + range(c, "96409", "96549") + ")";
    }

    private static String distinct(String mods) {
        return mods + ".exists(dm, dm in ['59', 'XE', 'XS', 'XP', 'XU'])";
    }

    private static String blank(String s) {
        return "(" + s + ".trim() == '')";
    }

    private static String text(String s) {
        return "(" + s + " == '' ? '(not documented)' : " + s + ")";
    }

    private static String modifiers(String mods) {
        return "(" + mods + ".size() == 0 ? 'none' : " + mods + ".join(', '))";
    }

    /** A 96372 line is billed on the date. */
    private static String injectionOn(String date) {
        return "c.lines.exists(io, " + isInj("io") + " && io.date == " + date + ")";
    }

    /** A drug line (J-code or a code of the units table) is billed on the date. */
    private static String drugOn(String date) {
        return "c.lines.exists(dl, dl.date == " + date + " && " + drug("dl.code") + ")";
    }

    /** Units of 96372 billed on the date. */
    private static String billed(String date) {
        return "sum(c.lines.map(bl, " + isInj("bl") + " && bl.date == " + date + ", bl.units))";
    }

    /** Injections documented on the date, as a list. */
    private static String givenOn(String date, String var) {
        return "c.inj.filter(" + var + ", " + isInj(var + ".admin") + " && " + var + ".admin.date == " + date + ")";
    }

    /** Two injections on the date give drugs of different codes. */
    private static String differentDrugs(String date) {
        return givenOn(date, "da") + ".exists(da, " + givenOn(date, "db") + ".exists(db, da.drugs.exists(dx, dx.line.line >= 0 && "
                + "db.drugs.exists(dy, dy.line.line >= 0 && dy.line.code != dx.line.code))))";
    }

    /** The modifier indicator of the PTP pair in force on the date, -1 when there is none. */
    private static String ptpIndicator(String column1, String column2, String date) {
        String key = "(" + column1 + " + '/' + " + column2 + ")";
        return "((" + key + " in ptp ? ptp[" + key + "].map(pr, (pr.from == '' || " + date + " >= pr.from) && (pr.to == '' || "
                + date + " <= pr.to), pr.ind) : []) + [-1.0])[0]";
    }

    /** One finding, as the host reads it. */
    private static String finding(String rule, String severity, String line, String group, String carc, String rarc,
            String message, String fix, String citation) {
        return "{'r': '" + rule + "', 's': '" + severity + "', 'l': " + line + ", 'g': '" + group + "', 'carc': '" + carc
                + "', 'rarc': [" + rarc + "], 'm': " + message + ", 'f': " + fix + ", 'c': " + citation + "}";
    }

    private static String when(String condition, String finding) {
        return "(" + condition + " ? [" + finding + "] : [])";
    }

    /** The 27 rules, in the policy's order. */
    private static List<String> expressions() {
        List<String> r = new ArrayList<>();
        // ------------------------------------------------------------ 1. the drug and its administration
        r.add("c.lines.map(inj, " + isInj("inj") + " && !" + drugOn("inj.date")
                + " && !c.lines.exists(v, v.date == inj.date && " + vaccine("v.code") + "), "
                + finding("drug-line-missing", "deny", "inj", "CO", "16", "'M20'",
                        "inj.code + ' on line ' + string(inj.line) + ' (' + inj.date + ') has no drug line billed with it'",
                        q("add the drug's HCPCS code (e.g. a J-code) on its own line, with units from the documented dose"),
                        q("Billing guide for CPT 96372: the drug is billed separately with a HCPCS Level II code")) + ")");
        String unitsCite = q("HCPCS long descriptor billing unit (CMS HCPCS file); billing guide: units must match the documented dose");
        String unitsMessage = "l.code + ' is per ' + per.text + '; ' + dose.text + ' documented is ' + num(exp) + ' unit(s); billed ' + num(l.units)";
        r.add("c.lines.map(l, l.code in units && !('JW' in l.mods) && c.inj.exists(j, j.drugs.exists(x, x.line.line == l.line)), "
                + "cel.bind(per, units[l.code], "
                + "cel.bind(dose, doseSum(c.inj.map(j, j.drugs.filter(x, x.line.line == l.line))), "
                + "cel.bind(undocumented, c.inj.filter(j, j.drugs.exists(x, x.line.line == l.line && !x.hasDose)).size(), "
                + "cel.bind(exp, billingUnits(dose, per), "
                + when("undocumented == 0 && exp > 0.0 && l.units > exp", finding("drug-units-match-dose", "deny", "l", "CO", "151", "'M53'",
                        unitsMessage, "'bill ' + num(exp) + ' unit(s) on line ' + string(l.line) + "
                                + q("; bill a discarded amount from a single-dose container on its own line with JW"), unitsCite))
                + " + " + when("undocumented == 0 && exp > 0.0 && l.units < exp", finding("drug-units-match-dose", "info", "l", "", "", "",
                        unitsMessage + " + ': ' + num(exp - l.units) + ' unit(s) not billed'",
                        "'bill ' + num(exp) + ' unit(s) on line ' + string(l.line) + ' if the dose documented was given'", unitsCite))
                + " + " + when("undocumented == 0 && dose.size() > 0 && exp < 0.0", finding("drug-units-match-dose", "info", "l", "", "", "",
                        "l.code + ' is billed per ' + per.text + ' but the dose is documented as ' + dose.text + ': the units cannot be checked'",
                        "'document the dose in the unit of the HCPCS descriptor (' + per.text + ')'", unitsCite))
                + ")))))");
        r.add("c.inj.map(m, " + isInj("m.admin") + " && m.drugs.size() > 1, "
                + "cel.bind(billed, " + billed("m.admin.date") + ", cel.bind(given, " + givenOn("m.admin.date", "gi") + ".size(), "
                + when("billed > double(given)", finding("mixed-syringe-one-unit", "deny", "m.admin", "CO", "151", "",
                        "num(billed) + ' units of 96372 billed on ' + m.admin.date + ' for ' + string(given) + ' injection(s); ' + "
                                + "string(m.drugs.size()) + ' drugs were mixed in one syringe at ' + " + text("m.site"),
                        "'bill one unit of 96372 per injection given (' + string(given) + '); keep a drug line for each drug in the syringe'",
                        q("Billing guide for CPT 96372: two drugs combined in a single syringe are one unit of 96372")))
                + ")))");
        r.add("c.lines.map(inj, " + isInj("inj") + " && !c.lines.exists(o, " + isInj("o") + " && o.date == inj.date && o.line > inj.line), "
                + "cel.bind(billed, " + billed("inj.date") + ", cel.bind(given, " + givenOn("inj.date", "gi") + ".size(), "
                + "cel.bind(mixed, " + givenOn("inj.date", "mi") + ".filter(mi, mi.drugs.size() > 1).size(), "
                + when("given > 0 && billed > double(given) && mixed == 0", finding("duplicate-injection-lines", "deny", "inj", "CO", "18", "",
                        "num(billed) + ' units of 96372 billed on ' + inj.date + ' but ' + string(given) + ' injection(s) documented'",
                        q("bill one 96372 unit per injection given; document each injection's site and time"),
                        q("Billing guide for CPT 96372: duplicate billing; each injection must be documented")))
                + "))))");
        r.add("c.lines.map(inj, " + isInj("inj") + ", c.lines.map(first, " + isInj("first")
                + " && first.date == inj.date && first.line < inj.line"
                + " && !c.lines.exists(o, " + isInj("o") + " && o.date == inj.date && o.line < first.line), "
                + "cel.bind(billed, " + billed("inj.date") + ", cel.bind(given, " + givenOn("inj.date", "gi") + ".size(), "
                + when("!" + distinct("inj.mods") + " && !" + distinct("first.mods") + " && (given == 0 || billed <= double(given))",
                        finding("repeat-injection-line-needs-modifier", "deny", "inj", "CO", "18", "",
                                "'96372 is billed again on line ' + string(inj.line) + ' (' + inj.date + ') after line ' + string(first.line) + "
                                        + "' without a distinct-service modifier'",
                                "'if the injection was given at a separate site, append XS to line ' + string(inj.line) + "
                                        + "' (59 only when no X modifier fits), or bill both on line ' + string(first.line) + ' with 2 units'",
                                q("CR 8863 (XE/XS/XP/XU; 59 when no X modifier fits); billing guide: separate injections need separate sites")))
                + "))))");
        r.add("c.inj.map(a, " + isInj("a.admin") + ", c.inj.map(b, " + isInj("b.admin")
                + " && a.admin.date == b.admin.date && a.admin.line <= b.admin.line && a.ix != b.ix"
                + " && a.site != '' && b.site != '' && a.site.lowerAscii() == b.site.lowerAscii() && a.time != '' && a.time == b.time, "
                + finding("injections-share-site-and-time", "review", "b.admin", "CO", "18", "",
                        "'two injections on ' + b.admin.date + ' are documented at the same site (' + b.site + ') and time (' + b.time + "
                                + "'): they read as one injection billed twice'",
                        q("document each injection's own site and time, or bill one unit if one injection was given"),
                        q("Billing guide for CPT 96372: multiple injections must identify separate sites"))
                + "))");
        r.add("c.lines.map(l, l.code in mue && !c.lines.exists(o, o.code == l.code && o.date == l.date && o.line > l.line), "
                + "cel.bind(rows, mue[l.code].filter(mr, (mr.from == '' || l.date >= mr.from) && (mr.to == '' || l.date <= mr.to)), "
                + "cel.bind(total, sum(c.lines.map(o, o.code == l.code && o.date == l.date, o.units)), "
                + when("rows.size() > 0 && total > rows[0].limit", finding("units-within-mue", "deny", "l", "CO", "151", "'N362'",
                        "num(total) + ' units of ' + l.code + ' billed on ' + l.date + '; the Medicare MUE is ' + num(rows[0].limit) + "
                                + "' per day (MAI ' + num(rows[0].mai) + ')'",
                        "'bill at most ' + num(rows[0].limit) + ' unit(s) of ' + l.code + "
                                + q(" for the day; if more were medically necessary, keep the documentation for an appeal"),
                        q("CMS NCCI MUE practitioner tables 2026 Q3/Q4")))
                + ")))");
        // ------------------------------------------------------------ 2. what 96372 is not for
        String vaccineCite = q("Billing guide for CPT 96372: not for vaccines; CPT 90460-90474, Medicare G0008-G0010");
        r.add("c.lines.map(inj, " + isInj("inj") + ", c.lines.map(v, " + vaccine("v.code") + " && v.date == inj.date, "
                + "cel.bind(drugOn, " + drugOn("inj.date") + ", "
                + when("!drugOn", finding("vaccine-billed-as-96372", "deny", "inj", "CO", "16", "'M20'",
                        "'96372 on line ' + string(inj.line) + ' is billed with vaccine ' + v.code + ' (line ' + string(v.line) + "
                                + "') and no other drug: vaccines are not given under 96372'",
                        q("bill the vaccine's administration with 90471/90472 (90460 with counseling, age 18 or under; "
                                + "G0008/G0009/G0010 for Medicare influenza, pneumococcal, hepatitis B) instead of 96372"),
                        vaccineCite))
                + " + " + when("drugOn && c.inj.exists(i, i.admin.line == inj.line && i.drugs.exists(x, x.line.line == v.line))",
                        finding("vaccine-billed-as-96372", "deny", "inj", "CO", "16", "'M20'",
                                "'the injection billed with 96372 on line ' + string(inj.line) + ' is documented as vaccine ' + v.code + "
                                        + "' (line ' + string(v.line) + ')'",
                                q("bill that vaccine's administration with 90471/90472 or G0008/G0009/G0010, and keep 96372 only "
                                        + "for the non-vaccine injection"),
                                vaccineCite))
                + ")))");
        String routeCite = q("CPT 96372 descriptor (SC or IM); CMS RVU descriptors 96373 (intra-arterial), 96374 (IV push)");
        r.add("c.inj.map(i, " + isInj("i.admin") + " && !" + blank("i.route") + ", cel.bind(route, i.route.lowerAscii(), "
                + "cel.bind(vascular, route.matches('^(iv|ia)( push)?$') || route.contains('intravenous') || route.contains('intra-arterial') "
                + "|| route.contains('intraarterial'), "
                + "cel.bind(scIm, route.matches('^(im|sc|sq|subq|sub-q|subcut)$') || route.contains('intramuscular') "
                + "|| route.contains('subcutaneous'), "
                + when("vascular", finding("injection-route-not-sc-im", "deny", "i.admin", "CO", "16", "'M20'",
                        "'the injection billed with 96372 on line ' + string(i.admin.line) + ' is documented as route ' + i.route",
                        q("bill an intravenous push with 96374 (96375/96376 for more) and an intra-arterial push with 96373, not 96372"),
                        routeCite))
                + " + " + when("!vascular && !scIm", finding("injection-route-not-sc-im", "review", "i.admin", "CO", "16", "'M20'",
                        "'the injection billed with 96372 on line ' + string(i.admin.line) + ' is documented as route ' + i.route + "
                                + "', which is neither subcutaneous nor intramuscular'",
                        q("check the route: 96372 covers SC and IM injections only"), routeCite))
                + "))))");
        r.add("c.inj.map(i, " + isInj("i.admin") + ", c.inj.map(j, " + otherAdmin("j.admin.code") + " && j.admin.date == i.admin.date"
                + " && i.drugs.exists(x, x.line.line >= 0 && j.drugs.exists(y, y.line.line >= 0 && y.line.code == x.line.code)), "
                + finding("injection-and-infusion-of-same-drug", "deny", "i.admin", "CO", "97", "",
                        "'96372 on line ' + string(i.admin.line) + ' and ' + j.admin.code + ' on line ' + string(j.admin.line) + "
                                + "' administer the same drug on ' + i.admin.date",
                        q("report the drug's administration once, with the code for how it was given; remove 96372 if the drug went in by ")
                                + " + j.admin.code",
                        q("NCCI PTP 96374/96372; billing guide: 96372 is not for IV infusion or chemotherapy services"))
                + "))");
        r.add("c.inj.map(i, i.drugs.map(x, x.line.line >= 0 && x.line.code == 'J3420' && i.necessity != '', "
                + "cel.bind(why, i.necessity.lowerAscii(), "
                + when("(why.contains('tendon') || why.contains('ligament')) && (why.contains('foot') || why.contains('feet') "
                        + "|| why.contains('plantar') || why.contains('achilles') || why.contains('heel'))",
                        finding("b12-for-foot-not-covered", "deny", "x.line", "CO", "50", "",
                                "'J3420 on line ' + string(x.line.line) + ' is documented for \"' + i.necessity + "
                                        + q("\": B12 to strengthen tendons or ligaments of the foot is not covered"),
                                q("do not bill Medicare for this use (an ABN lets you bill the patient); bill B12 only for a "
                                        + "documented low-B12 condition"),
                                q("NCD Manual 100-03 ch. 1 pt. 2 §150.6, as quoted by LCD L33967")))
                + ")))");
        // ------------------------------------------------------------ 3. E/M, modifier 25 and NCCI pairs
        r.add("cel.bind(injectionOnly, c.purpose == 'injection-only', c.lines.map(e, " + em("e.code") + ", c.lines.map(inj, "
                + isInj("inj") + " && inj.date == e.date, "
                + "cel.bind(has25, '25' in e.mods, "
                + when(ptpIndicator("inj.code", "e.code", "e.date") + " == 1.0 && !has25 && !injectionOnly",
                        finding("em-same-day-needs-25", "deny", "e", "CO", "4", "",
                                "e.code + ' on line ' + string(e.line) + ' is billed with 96372 on ' + e.date + ' without modifier 25'",
                                "'add modifier 25 to line ' + string(e.line) + "
                                        + q(" if the visit had significant, separately identifiable E/M work; otherwise remove the E/M"),
                                "'NCCI PTP 96372/' + e.code + ', modifier indicator 1'"))
                + " + " + when(ptpIndicator("e.code", "inj.code", "inj.date") + " == 1.0 && !has25 && !" + distinct("inj.mods")
                        + " && !injectionOnly",
                        finding("em-same-day-needs-25", "deny", "inj", "CO", "4", "",
                                "'96372 on line ' + string(inj.line) + ' is column 2 of the NCCI pair with ' + e.code + ' (line ' + "
                                        + "string(e.line) + ') on ' + inj.date + ', and the E/M has no modifier 25'",
                                "'add modifier 25 to line ' + string(e.line) + "
                                        + q(" if the E/M was significant and separately identifiable; otherwise 96372 is not paid with it"),
                                "'NCCI PTP ' + e.code + '/96372, modifier indicator 1'"))
                + "))))");
        r.add("c.lines.map(inj, " + isInj("inj") + " && '25' in inj.mods, "
                + finding("modifier-25-on-injection", "deny", "inj", "CO", "4", "",
                        "'96372 on line ' + string(inj.line) + ' carries modifier 25, which applies only to E/M services'",
                        "'remove 25 from line ' + string(inj.line) + '; put it on the E/M line if a separately identifiable E/M was billed'",
                        q("Billing guide for CPT 96372: modifier 25 is applied to the E/M code, not the injection code"))
                + ")");
        String onlyCite = q("Billing guide for CPT 96372: billing an E/M for an injection-only visit is inappropriate");
        r.add("c.lines.map(e, " + em("e.code") + " && e.code != '99211' && " + injectionOn("e.date")
                + " && c.purpose == 'injection-only', "
                + when("'25' in e.mods", finding("em-on-injection-only-visit", "deny", "e", "CO", "97", "",
                        "e.code + '-25 on line ' + string(e.line) + ' claims a separate E/M, but the encounter is documented as injection-only'",
                        q("remove the E/M from the claim, or document the separately identifiable evaluation that was done"), onlyCite))
                + " + " + when("!('25' in e.mods)", finding("em-on-injection-only-visit", "deny", "e", "CO", "97", "",
                        "e.code + ' on line ' + string(e.line) + ' is billed for a visit documented as injection-only'",
                        q("remove the E/M; the injection visit is paid through 96372"), onlyCite))
                + ")");
        r.add("c.lines.map(e, " + em("e.code") + " && '25' in e.mods && " + injectionOn("e.date") + " && c.hasEnc && "
                + blank("c.encNote") + ", "
                + finding("modifier-25-without-em-note", "review", "e", "CO", "4", "",
                        "e.code + '-25 on line ' + string(e.line) + ' is billed with 96372 but the encounter has no note documenting the separate evaluation'",
                        q("document the E/M's history, exam or medical decision-making that went beyond the injection"),
                        q("Billing guide for CPT 96372: modifier 25 requires a clearly documented, separate evaluation service"))
                + ")");
        r.add("c.lines.map(e, " + em("e.code") + " && '25' in e.mods && " + injectionOn("e.date") + ", "
                + "cel.bind(earlier, c.hist.filter(h, " + em("h.code") + " && '25' in h.mods && h.date != '' && "
                + "c.hist.exists(hx, hx.code == " + INJECTION + " && hx.date == h.date)).size(), "
                + "cel.bind(visits, c.hist.filter(hx, hx.code == " + INJECTION + ").size(), "
                + when("earlier >= 2 && earlier >= visits", finding("modifier-25-pattern", "info", "e", "", "", "",
                        "e.code + '-25 on line ' + string(e.line) + ' continues a pattern: an E/M with modifier 25 was billed at each of the ' + "
                                + "string(earlier) + ' earlier injection visits in the history'",
                        q("make sure each visit's note shows evaluation work beyond the injection; payers audit repeated 25 with injections"),
                        q("Billing guide for CPT 96372: repeated use of modifier 25 is monitored and triggers audits")))
                + ")))");
        String pairs = "c.lines.map(c1, c.lines.map(c2, c1.line != c2.line && c1.date == c2.date, cel.bind(ind, "
                + ptpIndicator("c1.code", "c2.code", "c2.date") + ", ";
        r.add(pairs
                + when("ind == 0.0 && c2.code == '99211'", finding("ncci-pair-not-payable", "deny", "c2", "CO", "236", "",
                        "'99211 on line ' + string(c2.line) + ' is billed with ' + c1.code + ' on line ' + string(c1.line) + ' (' + c2.date + "
                                + q("): Medicare does not pay 99211 with an injection, with or without modifier 25"),
                        q("remove 99211; bill a higher-level E/M with modifier 25 only when separately identifiable E/M work was documented"),
                        "'NCCI PTP ' + c1.code + '/99211, modifier indicator 0; CR 3631 (2005)'"))
                + " + " + when("ind == 0.0 && c2.code != '99211'", finding("ncci-pair-not-payable", "deny", "c2", "CO", "236", "",
                        "c2.code + ' on line ' + string(c2.line) + ' is not paid with ' + c1.code + ' on line ' + string(c1.line) + ' on ' + "
                                + "c2.date + ', and no modifier can change that'",
                        "'remove line ' + string(c2.line)", "'NCCI PTP ' + c1.code + '/' + c2.code + ', modifier indicator 0'"))
                + ")))");
        r.add(pairs
                + when("ind == 1.0 && !" + em("c1.code") + " && !" + em("c2.code") + " && !" + distinct("c2.mods") + " && !"
                        + distinct("c1.mods"),
                        finding("ncci-pair-needs-modifier", "deny", "c2", "CO", "236", "",
                                "c2.code + ' on line ' + string(c2.line) + ' is bundled into ' + c1.code + ' on line ' + string(c1.line) + ' (' + "
                                        + "c2.date + ') unless a modifier shows it was a distinct service'",
                                "'if the injection was separate from ' + c1.code + ' (another site or encounter), append XS or XE to line ' + "
                                        + "string(c2.line) + ' (59 only when no X modifier fits); otherwise remove it'",
                                "'NCCI PTP ' + c1.code + '/' + c2.code + ', modifier indicator 1'"))
                + ")))");
        // ------------------------------------------------------------ 4. modifier 59 and X
        r.add("c.lines.map(e, " + em("e.code") + " && " + injectionOn("e.date") + " && '59' in e.mods, "
                + finding("modifier-59-on-em", "deny", "e", "CO", "4", "",
                        "e.code + ' on line ' + string(e.line) + ' carries modifier 59, which is not used on E/M services'",
                        "'use modifier 25 on line ' + string(e.line) + ' for a significant, separately identifiable E/M; remove 59'",
                        q("NCCI modifier rules: 59 is not used on E/M codes (FACTS.md modifiers)"))
                + ")");
        r.add(pairs
                + when("ind == 0.0 && (" + distinct("c2.mods") + " || '25' in c2.mods || " + distinct("c1.mods") + ")",
                        finding("modifier-on-unbypassable-pair", "review", "c2", "CO", "236", "",
                                "c1.code + ' (line ' + string(c1.line) + ', modifiers ' + " + modifiers("c1.mods") + " + ') and ' + c2.code + "
                                        + "' (line ' + string(c2.line) + ', modifiers ' + " + modifiers("c2.mods")
                                        + " + ') are an NCCI pair no modifier can bypass'",
                                "'remove the bypass modifiers and line ' + string(c2.line) + "
                                        + "'; modifiers used to get around an indicator-0 edit draw audits'",
                                q("CMS NCCI PTP modifier indicator 0; billing guide: modifiers should not be used simply to "
                                        + "override bundling edits")))
                + ")))");
        r.add("c.lines.map(inj, " + isInj("inj") + " && '59' in inj.mods && !inj.mods.exists(m, m in ['XE', 'XS', 'XP', 'XU'])"
                + " && " + givenOn("inj.date", "sa") + ".exists(sa, !" + blank("sa.site") + " && " + givenOn("inj.date", "sb")
                + ".exists(sb, !" + blank("sb.site") + " && sb.site.lowerAscii() != sa.site.lowerAscii()))"
                + " && " + differentDrugs("inj.date") + ", "
                + finding("modifier-59-where-x-fits", "review", "inj", "CO", "4", "",
                        "'96372 on line ' + string(inj.line) + ' uses 59, but the injections on ' + inj.date + "
                                + "' are documented at separate sites: XS (separate structure) describes that'",
                        "'replace 59 with XS on line ' + string(inj.line)",
                        q("CR 8863 (2015): XE/XS/XP/XU are more specific than 59"))
                + ")");
        r.add("c.lines.map(inj, " + isInj("inj") + " && " + distinct("inj.mods") + ", "
                + "cel.bind(given, " + givenOn("inj.date", "gi") + ".size(), "
                + when("given > 1 && " + givenOn("inj.date", "ea") + ".all(ea, ea.drugs.exists(ex, ex.line.line >= 0)) && !"
                        + differentDrugs("inj.date"),
                        finding("repeat-drug-marked-distinct", "review", "inj", "CO", "4", "",
                                "'96372 on line ' + string(inj.line) + ' is marked distinct (' + " + modifiers("inj.mods") + " + '), but the ' + "
                                        + "string(given) + ' injections on ' + inj.date + ' all give the same drug'",
                                q("do not use 59/X to mark repeat injections of one drug as distinct; bill the units the documentation supports"),
                                q("NCCI modifier rules: 59 is not for repeat injections of the same drug (FACTS.md modifiers)")))
                + "))");
        // ------------------------------------------------------------ 5. documentation
        String docCite = q("Billing guide for CPT 96372: documentation requirements");
        String prefix = "'the injection billed on line ' + string(i.admin.line) + ' (' + i.admin.date + ') ' + ";
        String[][] elements = {
            {"i.drugs.size() == 0 || i.drugs.exists(x, " + blank("x.name") + ")", "does not document the drug given", "document the medication name"},
            {"i.drugs.exists(x, !x.hasDose)", "does not document the dose", "document the dose given (amount and unit)"},
            {blank("i.route"), "does not document the route", "document the route (IM or SC)"},
            {blank("i.site"), "does not document the injection site", "document the exact site (e.g. left deltoid)"},
            {blank("i.orderedBy"), "does not document who ordered it", "document the ordering practitioner"},
            {blank("i.administeredBy"), "does not document who gave it", "document who administered the injection"},
            {blank("i.time"), "does not document the time it was given", "document the time of administration"},
            {blank("i.response"), "does not document the patient's response", "document how the patient tolerated the injection"},
            {blank("i.necessity"), "has no medical necessity statement",
                "document why the injection was needed (e.g. oral therapy failed, faster effect needed, patient cannot swallow)"},
        };
        List<String> branches = new ArrayList<>();
        for (String[] e : elements) {
            branches.add(when(e[0], finding("injection-documentation-incomplete", "review", "i.admin", "CO", "16", "",
                    prefix + q(e[1]), q(e[2]), docCite)));
        }
        r.add("c.inj.map(i, " + isInj("i.admin") + ", " + String.join(" + ", branches) + ")");
        r.add("c.inj.map(i, " + isInj("i.admin") + " && !" + blank("i.note") + ", cel.bind(wc, words(i.note), "
                + "cel.bind(note, i.note.lowerAscii(), "
                + when("wc < 4 || ((note.contains('injection given') || note.contains('shot given') || "
                        + "note.contains('injection administered')) && wc < 8)",
                        finding("injection-note-too-generic", "review", "i.admin", "CO", "16", "",
                                "'the note for the injection billed on line ' + string(i.admin.line) + ' says only \"' + i.note + '\"'",
                                q("write what was given, how much, where, by whom, when, how the patient responded and why"),
                                q("Billing guide for CPT 96372: generic statements such as \"injection given\" are not sufficient")))
                + ")))");
        String copyCite = q("Billing guide for CPT 96372: identical documentation across visits raises audit red flags");
        r.add("c.inj.map(i, " + isInj("i.admin") + " && !" + blank("i.note") + ", c.hist.map(h, !" + blank("h.note")
                + " && h.date != '' && h.date < i.admin.date, cel.bind(same, similarity(i.note, h.note), "
                + when("same >= 0.9", finding("copy-forward-injection-note", "review", "i.admin", "CO", "50", "",
                        "'the injection note on line ' + string(i.admin.line) + ' (' + i.admin.date + ') is ' + num(rint(same * 100.0)) + "
                                + "'% the same as the note of ' + h.date + ' (claim ' + " + text("h.claimId") + " + ')'",
                        q("write the note for this visit: the patient's current condition, response and reason for the injection"),
                        copyCite))
                + ")))");
        r.add("c.lines.map(e, " + em("e.code") + " && !" + blank("c.encNote") + ", c.hist.map(h, !" + blank("h.note")
                + " && h.date != '' && h.date < e.date, cel.bind(same, similarity(c.encNote, h.note), "
                + when("same >= 0.9", finding("copy-forward-encounter-note", "review", "e", "CO", "50", "",
                        "'the encounter note for ' + e.code + ' on line ' + string(e.line) + ' is ' + num(rint(same * 100.0)) + "
                                + "'% the same as the note of ' + h.date + ' (claim ' + " + text("h.claimId") + " + ')'",
                        q("document this visit's own history, exam and decision-making"), copyCite))
                + ")))");
        r.add("c.lines.map(l, (" + isInj("l") + " || " + drug("l.code") + ") && l.ptrs == 0, "
                + finding("diagnosis-pointer-missing", "reject", "l", "CO", "16", "",
                        "'line ' + string(l.line) + ' (' + l.code + ') points at no diagnosis'",
                        q("add the diagnosis pointer(s) of the condition the injection treats"),
                        q("CMS-1500 / 837P diagnosis pointers (SV107); billing guide: diagnosis coding must support the injection"))
                + ")");
        return r;
    }
}
