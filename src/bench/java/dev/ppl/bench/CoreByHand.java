package dev.ppl.bench;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.claim.Claim;
import dev.ppl.claim.Dose;
import dev.ppl.claim.HistoryEntry;
import dev.ppl.claim.InjectedDrug;
import dev.ppl.claim.Injection;
import dev.ppl.claim.ServiceLine;
import dev.ppl.value.Quantity;
import dev.ppl.value.Unit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The frozen snapshot of {@code medicare.injection.core@1.1.0}
 * ({@code src/bench/resources/snapshot/medicare-core/injection-core.ppl}, 27 rules) written by hand
 * in Java, as a host without PPL would write it: plain loops over the claim's lists, the three CSV
 * tables in hash maps, messages built only when a rule fires. It builds exactly the findings the
 * policy builds (same messages, fixes and citations; {@link Snapshot#checkEquivalent} verifies that on every
 * claim of the bench mix), so that the engine's cost is measured against the physical limit: the
 * same work on the same JVM and the same claim objects.
 */
public final class CoreByHand {
    static final Decision.PolicyRef POLICY = new Decision.PolicyRef("medicare.injection.core", "1.1.0", "sha256:by-hand");
    private static final String REF = "medicare.injection.core@1.1.0";
    private static final LocalDate FROM = LocalDate.of(2020, 10, 1);
    private static final String INJECTION = "96372";
    private static final Pattern VASCULAR = Pattern.compile("(iv|ia)( push)?");
    private static final Pattern SC_IM = Pattern.compile("im|sc|sq|subq|sub-q|subcut");
    private static final Set<String> DISTINCT = Set.of("59", "XE", "XS", "XP", "XU");
    private static final Set<String> X_MODIFIERS = Set.of("XE", "XS", "XP", "XU");

    /** A PTP row: the pair's dates and modifier indicator. */
    private record Ptp(LocalDate from, LocalDate to, double indicator) {}

    /** An MUE row. */
    private record Mue(LocalDate from, LocalDate to, double limit, double mai) {}

    private final Map<String, Quantity> drugUnits = new HashMap<>();
    private final Map<String, List<Ptp>> ptp = new HashMap<>();
    private final Map<String, List<Mue>> mue = new HashMap<>();

    CoreByHand(Path folder) throws IOException {
        for (String[] row : csv(folder.resolve("hcpcs-drug-units.csv"))) {
            String[] per = row[1].trim().split(" ", 2);
            Unit unit = Unit.parse(per[1]);
            drugUnits.putIfAbsent(row[0], unit == null ? null : new Quantity(Double.parseDouble(per[0]), unit));
        }
        for (String[] row : csv(folder.resolve("ncci-ptp-96372.csv"))) {
            ptp.computeIfAbsent(row[0] + "/" + row[1], k -> new ArrayList<>())
                    .add(new Ptp(date(row[2]), date(row[3]), Double.parseDouble(row[4])));
        }
        for (String[] row : csv(folder.resolve("ncci-mue-96372.csv"))) {
            mue.computeIfAbsent(row[0], k -> new ArrayList<>())
                    .add(new Mue(date(row[3]), date(row[4]), Double.parseDouble(row[1]), Double.parseDouble(row[2])));
        }
    }

    private static LocalDate date(String s) {
        return s.isBlank() ? null : LocalDate.parse(s.trim());
    }

    /** Rows of a CSV file without its header; quoted cells may hold commas (the peers read the tables alike). */
    public static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells.toArray(new String[0]));
        }
        return rows;
    }

    // ------------------------------------------------------------------ code sets

    private static boolean in(String code, String from, String to) {
        return code.length() == from.length() && code.compareTo(from) >= 0 && code.compareTo(to) <= 0;
    }

    private static boolean officeEm(String c) {
        return in(c, "99202", "99205") || in(c, "99211", "99215");
    }

    private static boolean em(String c) {
        return c != null && (officeEm(c) || in(c, "99221", "99223") || in(c, "99231", "99233") || in(c, "99281", "99285"));
    }

    private static boolean jCode(String c) {
        return in(c, "J0120", "J9999");
    }

    private static boolean vaccine(String c) {
        return in(c, "90476", "90749");
    }

    private static boolean otherAdmin(String c) {
        return c != null && (in(c, "96360", "96361") || in(c, "96365", "96368") || in(c, "96369", "96371") || c.equals("96373")
                || in(c, "96374", "96376") || in(c, "96401", "96402") || in(c, "96409", "96549"));
    }

    private static boolean injection(ServiceLine l) {
        return l != null && l.code().equals(INJECTION);
    }

    private boolean drug(String code) {
        return jCode(code) || drugUnits.containsKey(code);
    }

    private static boolean anyDistinct(List<String> modifiers) {
        for (String m : modifiers) {
            if (DISTINCT.contains(m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Ptp ptp(String column1, String column2, LocalDate on) {
        List<Ptp> rows = ptp.get(column1 + "/" + column2);
        if (rows == null) {
            return null;
        }
        if (on == null) {
            return rows.get(0);
        }
        for (Ptp r : rows) {
            if ((r.from() == null || !on.isBefore(r.from())) && (r.to() == null || !on.isAfter(r.to()))) {
                return r;
            }
        }
        return null;
    }

    private Mue mue(String code, LocalDate on) {
        List<Mue> rows = mue.get(code);
        if (rows == null) {
            return null;
        }
        if (on == null) {
            return rows.get(0);
        }
        for (Mue r : rows) {
            if ((r.from() == null || !on.isBefore(r.from())) && (r.to() == null || !on.isAfter(r.to()))) {
                return r;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ display

    public static String num(double x) {
        if (Double.isNaN(x)) {
            return "(not documented)";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    private static String text(Object o) {
        return o == null ? "(not documented)" : o.toString();
    }

    private static String modifiers(List<String> m) {
        return m.isEmpty() ? "none" : String.join(", ", m);
    }

    // ------------------------------------------------------------------ evaluation

    /** One claim's evaluation: its lines by number and the findings so far. */
    private final class Run {
        final Claim c;
        final List<ServiceLine> lines;
        final List<Injection> injections;
        final ServiceLine[] byNumber;
        final List<Finding> findings = new ArrayList<>();

        Run(Claim c) {
            this.c = c;
            this.lines = c.lines();
            this.injections = c.injections();
            int max = 0;
            for (ServiceLine l : lines) {
                max = Math.max(max, l.line());
            }
            byNumber = new ServiceLine[max + 1];
            for (ServiceLine l : lines) {
                if (l.line() >= 0) {
                    byNumber[l.line()] = l;
                }
            }
        }

        ServiceLine line(Integer n) {
            return n == null || n < 0 || n >= byNumber.length ? null : byNumber[n];
        }

        void add(String rule, String severity, ServiceLine line, String group, String carc, List<String> rarc,
                String message, String fix, String citation) {
            if (line != null && (line.serviceDate() == null || line.serviceDate().isBefore(FROM))) {
                return; // the policy judges only lines in its effective range
            }
            findings.add(new Finding(rule, REF, severity, line == null ? null : line.line(), group, carc, rarc, message, fix,
                    citation, null));
        }

        double injectionUnits(LocalDate date) {
            double billed = 0;
            for (ServiceLine l : lines) {
                if (injection(l) && date.equals(l.serviceDate())) {
                    billed += l.units();
                }
            }
            return billed;
        }

        int injectionsGiven(LocalDate date) {
            int given = 0;
            for (Injection i : injections) {
                ServiceLine a = line(i.adminLine());
                if (injection(a) && date.equals(a.serviceDate())) {
                    given++;
                }
            }
            return given;
        }

        boolean injectionOn(LocalDate date) {
            for (ServiceLine l : lines) {
                if (injection(l) && date.equals(l.serviceDate())) {
                    return true;
                }
            }
            return false;
        }

        boolean drugOn(LocalDate date) {
            for (ServiceLine d : lines) {
                if (date.equals(d.serviceDate()) && drug(d.code())) {
                    return true;
                }
            }
            return false;
        }

        /** Two injections on the date give different drugs (by their lines' codes). */
        boolean differentDrugs(LocalDate date) {
            for (Injection a : injections) {
                ServiceLine al = line(a.adminLine());
                if (!injection(al) || !date.equals(al.serviceDate())) {
                    continue;
                }
                for (Injection b : injections) {
                    ServiceLine bl = line(b.adminLine());
                    if (!injection(bl) || !date.equals(bl.serviceDate())) {
                        continue;
                    }
                    for (InjectedDrug x : a.drugs()) {
                        ServiceLine xl = line(x.line());
                        if (xl == null) {
                            continue;
                        }
                        for (InjectedDrug y : b.drugs()) {
                            ServiceLine yl = line(y.line());
                            if (yl != null && !yl.code().equals(xl.code())) {
                                return true;
                            }
                        }
                    }
                }
            }
            return false;
        }

        boolean injectionOnly() {
            return c.encounter() != null && "injection-only".equals(c.encounter().purpose());
        }
    }

    /** Evaluates the 27 rules of the snapshot. */
    Decision check(Claim c) {
        boolean medicare = c.payer() != null && c.payer().type() != null && c.payer().type().key().equals("medicare");
        boolean any = false;
        for (ServiceLine l : c.lines()) {
            any |= l.serviceDate() != null && !l.serviceDate().isBefore(FROM);
        }
        if (!medicare || !any) {
            return new Decision(c.claimId(), "clean", List.of(), List.of());
        }
        Run r = new Run(c);
        drugAndAdministration(r);
        notFor96372(r);
        emAndNcci(r);
        modifiers59AndX(r);
        documentation(r);
        return decision(c.claimId(), r.findings);
    }

    private void drugAndAdministration(Run r) {
        List<ServiceLine> lines = r.lines;
        for (ServiceLine inj : lines) {
            if (!injection(inj)) {
                continue;
            }
            LocalDate date = inj.serviceDate();
            // drug-line-missing
            boolean vaccineLine = false;
            for (ServiceLine v : lines) {
                vaccineLine |= date.equals(v.serviceDate()) && vaccine(v.code());
            }
            if (!r.drugOn(date) && !vaccineLine) {
                r.add("drug-line-missing", "deny", inj, "CO", "16", List.of("M20"),
                        inj.code() + " on line " + inj.line() + " (" + date + ") has no drug line billed with it",
                        "add the drug's HCPCS code (e.g. a J-code) on its own line, with units from the documented dose",
                        "Billing guide for CPT 96372: the drug is billed separately with a HCPCS Level II code");
            }
            // duplicate-injection-lines (once per day, on its last 96372 line)
            boolean later = false;
            boolean earlier = false;
            for (ServiceLine o : lines) {
                if (injection(o) && date.equals(o.serviceDate())) {
                    later |= o.line() > inj.line();
                    earlier |= o.line() < inj.line();
                }
            }
            double billed = r.injectionUnits(date);
            int given = r.injectionsGiven(date);
            if (!later) {
                int mixed = 0;
                for (Injection i : r.injections) {
                    ServiceLine a = r.line(i.adminLine());
                    if (injection(a) && date.equals(a.serviceDate()) && i.drugs().size() > 1) {
                        mixed++;
                    }
                }
                if (given > 0 && billed > given && mixed == 0) {
                    r.add("duplicate-injection-lines", "deny", inj, "CO", "18", List.of(),
                            num(billed) + " units of 96372 billed on " + date + " but " + given + " injection(s) documented",
                            "bill one 96372 unit per injection given; document each injection's site and time",
                            "Billing guide for CPT 96372: duplicate billing; each injection must be documented");
                }
            }
            // repeat-injection-line-needs-modifier: against the day's first 96372 line
            if (earlier) {
                for (ServiceLine first : lines) {
                    if (!injection(first) || !date.equals(first.serviceDate()) || first.line() >= inj.line()) {
                        continue;
                    }
                    boolean beforeFirst = false;
                    for (ServiceLine o : lines) {
                        beforeFirst |= injection(o) && date.equals(o.serviceDate()) && o.line() < first.line();
                    }
                    if (!beforeFirst && !anyDistinct(inj.modifiers()) && !anyDistinct(first.modifiers())
                            && (given == 0 || billed <= given)) {
                        r.add("repeat-injection-line-needs-modifier", "deny", inj, "CO", "18", List.of(),
                                "96372 is billed again on line " + inj.line() + " (" + date + ") after line " + first.line()
                                        + " without a distinct-service modifier",
                                "if the injection was given at a separate site, append XS to line " + inj.line()
                                        + " (59 only when no X modifier fits), or bill both on line " + first.line()
                                        + " with 2 units",
                                "CR 8863 (XE/XS/XP/XU; 59 when no X modifier fits); billing guide: separate injections need separate sites");
                    }
                }
            }
        }
        // drug-units-match-dose
        for (ServiceLine l : lines) {
            if (!drugUnits.containsKey(l.code()) || l.modifiers().contains("JW")) {
                continue;
            }
            boolean documented = false;
            int undocumented = 0;
            Quantity dose = null;
            boolean mixedUnits = false;
            for (Injection j : r.injections) {
                Quantity own = null;
                boolean ownMixed = false;
                boolean missing = false;
                for (InjectedDrug x : j.drugs()) {
                    if (r.line(x.line()) != l) {
                        continue;
                    }
                    documented = true;
                    Quantity q = quantity(x.dose());
                    if (q == null) {
                        missing = true;
                    } else if (!ownMixed) {
                        if (own == null) {
                            own = q;
                        } else if (own.sameDimension(q)) {
                            own = new Quantity(own.amount() + q.in(own.unit()), own.unit());
                        } else {
                            ownMixed = true;
                        }
                    }
                }
                if (missing) {
                    undocumented++;
                }
                Quantity injected = ownMixed ? null : own;
                if (injected != null && !mixedUnits) {
                    if (dose == null) {
                        dose = injected;
                    } else if (dose.sameDimension(injected)) {
                        dose = new Quantity(dose.amount() + injected.in(dose.unit()), dose.unit());
                    } else {
                        mixedUnits = true;
                    }
                }
            }
            if (!documented) {
                continue;
            }
            if (mixedUnits) {
                dose = null;
            }
            Quantity per = drugUnits.get(l.code());
            double expected = dose == null || per == null || !dose.sameDimension(per) || per.base() <= 0 ? Double.NaN
                    : ceil(dose.base() / per.base());
            String cite = "HCPCS long descriptor billing unit (CMS HCPCS file); billing guide: units must match the documented dose";
            if (undocumented == 0 && expected > 0 && l.units() > expected) {
                r.add("drug-units-match-dose", "deny", l, "CO", "151", List.of("M53"),
                        l.code() + " is per " + text(per) + "; " + text(dose) + " documented is " + num(expected)
                                + " unit(s); billed " + num(l.units()),
                        "bill " + num(expected) + " unit(s) on line " + l.line()
                                + "; bill a discarded amount from a single-dose container on its own line with JW", cite);
            }
            if (undocumented == 0 && expected > 0 && l.units() < expected) {
                r.add("drug-units-match-dose", "info", l, null, null, List.of(),
                        l.code() + " is per " + text(per) + "; " + text(dose) + " documented is " + num(expected)
                                + " unit(s); billed " + num(l.units()) + ": " + num(expected - l.units())
                                + " unit(s) not billed",
                        "bill " + num(expected) + " unit(s) on line " + l.line() + " if the dose documented was given", cite);
            }
            if (undocumented == 0 && dose != null && Double.isNaN(expected)) {
                r.add("drug-units-match-dose", "info", l, null, null, List.of(),
                        l.code() + " is billed per " + text(per) + " but the dose is documented as " + dose
                                + ": the units cannot be checked",
                        "document the dose in the unit of the HCPCS descriptor (" + text(per) + ")", cite);
            }
        }
        // mixed-syringe-one-unit
        for (Injection m : r.injections) {
            ServiceLine admin = r.line(m.adminLine());
            if (!injection(admin) || m.drugs().size() <= 1) {
                continue;
            }
            double billed = r.injectionUnits(admin.serviceDate());
            int given = r.injectionsGiven(admin.serviceDate());
            if (billed > given) {
                r.add("mixed-syringe-one-unit", "deny", admin, "CO", "151", List.of(),
                        num(billed) + " units of 96372 billed on " + admin.serviceDate() + " for " + given + " injection(s); "
                                + m.drugs().size() + " drugs were mixed in one syringe at " + text(m.site()),
                        "bill one unit of 96372 per injection given (" + given + "); keep a drug line for each drug in the syringe",
                        "Billing guide for CPT 96372: two drugs combined in a single syringe are one unit of 96372");
            }
        }
        // injections-share-site-and-time
        for (Injection a : r.injections) {
            ServiceLine al = r.line(a.adminLine());
            if (!injection(al)) {
                continue;
            }
            for (Injection b : r.injections) {
                ServiceLine bl = r.line(b.adminLine());
                if (a == b || !injection(bl) || !al.serviceDate().equals(bl.serviceDate()) || al.line() > bl.line()) {
                    continue;
                }
                if (a.site() != null && b.site() != null && a.site().toLowerCase(Locale.ROOT).equals(b.site().toLowerCase(Locale.ROOT))
                        && a.time() != null && a.time().equals(b.time())) {
                    r.add("injections-share-site-and-time", "review", bl, "CO", "18", List.of(),
                            "two injections on " + bl.serviceDate() + " are documented at the same site (" + b.site()
                                    + ") and time (" + b.time() + "): they read as one injection billed twice",
                            "document each injection's own site and time, or bill one unit if one injection was given",
                            "Billing guide for CPT 96372: multiple injections must identify separate sites");
                }
            }
        }
        // units-within-mue
        for (ServiceLine l : lines) {
            Mue row = mue(l.code(), l.serviceDate());
            if (row == null) {
                continue;
            }
            boolean later = false;
            double total = 0;
            for (ServiceLine o : lines) {
                if (o.code().equals(l.code()) && l.serviceDate().equals(o.serviceDate())) {
                    later |= o.line() > l.line();
                    total += o.units();
                }
            }
            if (!later && total > row.limit()) {
                r.add("units-within-mue", "deny", l, "CO", "151", List.of("N362"),
                        num(total) + " units of " + l.code() + " billed on " + l.serviceDate() + "; the Medicare MUE is "
                                + num(row.limit()) + " per day (MAI " + num(row.mai()) + ")",
                        "bill at most " + num(row.limit()) + " unit(s) of " + l.code()
                                + " for the day; if more were medically necessary, keep the documentation for an appeal",
                        "CMS NCCI MUE practitioner tables 2026 Q3/Q4");
            }
        }
    }

    private void notFor96372(Run r) {
        // vaccine-billed-as-96372
        for (ServiceLine inj : r.lines) {
            if (!injection(inj)) {
                continue;
            }
            for (ServiceLine v : r.lines) {
                if (!vaccine(v.code()) || !inj.serviceDate().equals(v.serviceDate())) {
                    continue;
                }
                String cite = "Billing guide for CPT 96372: not for vaccines; CPT 90460-90474, Medicare G0008-G0010";
                if (!r.drugOn(inj.serviceDate())) {
                    r.add("vaccine-billed-as-96372", "deny", inj, "CO", "16", List.of("M20"),
                            "96372 on line " + inj.line() + " is billed with vaccine " + v.code() + " (line " + v.line()
                                    + ") and no other drug: vaccines are not given under 96372",
                            "bill the vaccine's administration with 90471/90472 (90460 with counseling, age 18 or under; "
                                    + "G0008/G0009/G0010 for Medicare influenza, pneumococcal, hepatitis B) instead of 96372",
                            cite);
                } else if (documentedAs(r, inj, v)) {
                    r.add("vaccine-billed-as-96372", "deny", inj, "CO", "16", List.of("M20"),
                            "the injection billed with 96372 on line " + inj.line() + " is documented as vaccine " + v.code()
                                    + " (line " + v.line() + ")",
                            "bill that vaccine's administration with 90471/90472 or G0008/G0009/G0010, and keep 96372 only "
                                    + "for the non-vaccine injection",
                            cite);
                }
            }
        }
        for (Injection i : r.injections) {
            ServiceLine admin = r.line(i.adminLine());
            if (!injection(admin)) {
                continue;
            }
            // injection-route-not-sc-im
            if (!blank(i.route())) {
                String route = i.route().toLowerCase(Locale.ROOT);
                boolean vascular = VASCULAR.matcher(route).matches() || route.contains("intravenous")
                        || route.contains("intra-arterial") || route.contains("intraarterial");
                boolean scIm = SC_IM.matcher(route).matches() || route.contains("intramuscular")
                        || route.contains("subcutaneous");
                String cite = "CPT 96372 descriptor (SC or IM); CMS RVU descriptors 96373 (intra-arterial), 96374 (IV push)";
                if (vascular) {
                    r.add("injection-route-not-sc-im", "deny", admin, "CO", "16", List.of("M20"),
                            "the injection billed with 96372 on line " + admin.line() + " is documented as route " + i.route(),
                            "bill an intravenous push with 96374 (96375/96376 for more) and an intra-arterial push with 96373, not 96372",
                            cite);
                } else if (!scIm) {
                    r.add("injection-route-not-sc-im", "review", admin, "CO", "16", List.of("M20"),
                            "the injection billed with 96372 on line " + admin.line() + " is documented as route " + i.route()
                                    + ", which is neither subcutaneous nor intramuscular",
                            "check the route: 96372 covers SC and IM injections only", cite);
                }
            }
            // injection-and-infusion-of-same-drug
            for (Injection j : r.injections) {
                ServiceLine other = r.line(j.adminLine());
                if (other == null || !otherAdmin(other.code()) || !admin.serviceDate().equals(other.serviceDate())) {
                    continue;
                }
                if (sameDrug(r, i, j)) {
                    r.add("injection-and-infusion-of-same-drug", "deny", admin, "CO", "97", List.of(),
                            "96372 on line " + admin.line() + " and " + other.code() + " on line " + other.line()
                                    + " administer the same drug on " + admin.serviceDate(),
                            "report the drug's administration once, with the code for how it was given; remove 96372 if the "
                                    + "drug went in by " + other.code(),
                            "NCCI PTP 96374/96372; billing guide: 96372 is not for IV infusion or chemotherapy services");
                }
            }
        }
        // b12-for-foot-not-covered
        for (Injection i : r.injections) {
            for (InjectedDrug x : i.drugs()) {
                ServiceLine xl = r.line(x.line());
                if (xl == null || !xl.code().equals("J3420") || i.necessity() == null) {
                    continue;
                }
                String why = i.necessity().toLowerCase(Locale.ROOT);
                if ((why.contains("tendon") || why.contains("ligament")) && (why.contains("foot") || why.contains("feet")
                        || why.contains("plantar") || why.contains("achilles") || why.contains("heel"))) {
                    r.add("b12-for-foot-not-covered", "deny", xl, "CO", "50", List.of(),
                            "J3420 on line " + xl.line() + " is documented for \"" + i.necessity()
                                    + "\": B12 to strengthen tendons or ligaments of the foot is not covered",
                            "do not bill Medicare for this use (an ABN lets you bill the patient); bill B12 only for a "
                                    + "documented low-B12 condition",
                            "NCD Manual 100-03 ch. 1 pt. 2 §150.6, as quoted by LCD L33967");
                }
            }
        }
    }

    private static boolean documentedAs(Run r, ServiceLine inj, ServiceLine v) {
        for (Injection i : r.injections) {
            if (r.line(i.adminLine()) != inj) {
                continue;
            }
            for (InjectedDrug x : i.drugs()) {
                if (r.line(x.line()) == v) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameDrug(Run r, Injection i, Injection j) {
        for (InjectedDrug x : i.drugs()) {
            ServiceLine xl = r.line(x.line());
            if (xl == null) {
                continue;
            }
            for (InjectedDrug y : j.drugs()) {
                ServiceLine yl = r.line(y.line());
                if (yl != null && yl.code().equals(xl.code())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void emAndNcci(Run r) {
        List<ServiceLine> lines = r.lines;
        boolean injectionOnly = r.injectionOnly();
        for (ServiceLine e : lines) {
            if (!em(e.code())) {
                continue;
            }
            boolean has25 = e.modifiers().contains("25");
            // em-same-day-needs-25
            for (ServiceLine inj : lines) {
                if (!injection(inj) || !e.serviceDate().equals(inj.serviceDate())) {
                    continue;
                }
                Ptp office = ptp(inj.code(), e.code(), e.serviceDate());
                Ptp hospital = ptp(e.code(), inj.code(), inj.serviceDate());
                String cite = "NCCI PTP 96372 / E/M, modifier indicator 1; Pub. 100-04 ch. 12 §30.6.7";
                if (office != null && office.indicator() == 1 && !has25 && !injectionOnly) {
                    r.add("em-same-day-needs-25", "deny", e, "CO", "4", List.of(),
                            e.code() + " on line " + e.line() + " is billed with 96372 on " + e.serviceDate()
                                    + " without modifier 25",
                            "add modifier 25 to line " + e.line() + " if the visit had significant, separately identifiable "
                                    + "E/M work; otherwise remove the E/M",
                            "NCCI PTP 96372/" + e.code() + ", modifier indicator 1");
                }
                if (hospital != null && hospital.indicator() == 1 && !has25 && !anyDistinct(inj.modifiers()) && !injectionOnly) {
                    r.add("em-same-day-needs-25", "deny", inj, "CO", "4", List.of(),
                            "96372 on line " + inj.line() + " is column 2 of the NCCI pair with " + e.code() + " (line " + e.line()
                                    + ") on " + inj.serviceDate() + ", and the E/M has no modifier 25",
                            "add modifier 25 to line " + e.line() + " if the E/M was significant and separately identifiable; "
                                    + "otherwise 96372 is not paid with it",
                            "NCCI PTP " + e.code() + "/96372, modifier indicator 1");
                }
            }
            if (!r.injectionOn(e.serviceDate())) {
                continue;
            }
            // em-on-injection-only-visit
            if (!e.code().equals("99211") && injectionOnly) {
                String cite = "Billing guide for CPT 96372: billing an E/M for an injection-only visit is inappropriate";
                if (has25) {
                    r.add("em-on-injection-only-visit", "deny", e, "CO", "97", List.of(),
                            e.code() + "-25 on line " + e.line()
                                    + " claims a separate E/M, but the encounter is documented as injection-only",
                            "remove the E/M from the claim, or document the separately identifiable evaluation that was done",
                            cite);
                } else {
                    r.add("em-on-injection-only-visit", "deny", e, "CO", "97", List.of(),
                            e.code() + " on line " + e.line() + " is billed for a visit documented as injection-only",
                            "remove the E/M; the injection visit is paid through 96372", cite);
                }
            }
            if (has25) {
                // modifier-25-without-em-note
                if (r.c.encounter() != null && blank(r.c.encounter().note())) {
                    r.add("modifier-25-without-em-note", "review", e, "CO", "4", List.of(),
                            e.code() + "-25 on line " + e.line()
                                    + " is billed with 96372 but the encounter has no note documenting the separate evaluation",
                            "document the E/M's history, exam or medical decision-making that went beyond the injection",
                            "Billing guide for CPT 96372: modifier 25 requires a clearly documented, separate evaluation service");
                }
                // modifier-25-pattern
                int earlier = 0;
                int injectionVisits = 0;
                List<HistoryEntry> history = r.c.history();
                for (HistoryEntry h : history) {
                    if (INJECTION.equals(h.code())) {
                        injectionVisits++;
                    }
                    if (!em(h.code()) || !h.modifiers().contains("25")) {
                        continue;
                    }
                    for (HistoryEntry x : history) {
                        if (INJECTION.equals(x.code()) && h.serviceDate() != null && h.serviceDate().equals(x.serviceDate())) {
                            earlier++;
                            break;
                        }
                    }
                }
                if (earlier >= 2 && earlier >= injectionVisits) {
                    r.add("modifier-25-pattern", "info", e, null, null, List.of(),
                            e.code() + "-25 on line " + e.line() + " continues a pattern: an E/M with modifier 25 was billed at "
                                    + "each of the " + earlier + " earlier injection visits in the history",
                            "make sure each visit's note shows evaluation work beyond the injection; payers audit repeated 25 "
                                    + "with injections",
                            "Billing guide for CPT 96372: repeated use of modifier 25 is monitored and triggers audits");
                }
            }
            // modifier-59-on-em
            if (e.modifiers().contains("59")) {
                r.add("modifier-59-on-em", "deny", e, "CO", "4", List.of(),
                        e.code() + " on line " + e.line() + " carries modifier 59, which is not used on E/M services",
                        "use modifier 25 on line " + e.line() + " for a significant, separately identifiable E/M; remove 59",
                        "NCCI modifier rules: 59 is not used on E/M codes (FACTS.md modifiers)");
            }
        }
        // modifier-25-on-injection
        for (ServiceLine inj : lines) {
            if (injection(inj) && inj.modifiers().contains("25")) {
                r.add("modifier-25-on-injection", "deny", inj, "CO", "4", List.of(),
                        "96372 on line " + inj.line() + " carries modifier 25, which applies only to E/M services",
                        "remove 25 from line " + inj.line() + "; put it on the E/M line if a separately identifiable E/M was billed",
                        "Billing guide for CPT 96372: modifier 25 is applied to the E/M code, not the injection code");
            }
        }
        // the NCCI pair rules
        for (ServiceLine c1 : lines) {
            for (ServiceLine c2 : lines) {
                if (c1.line() == c2.line() || !c1.serviceDate().equals(c2.serviceDate())) {
                    continue;
                }
                Ptp pair = ptp(c1.code(), c2.code(), c2.serviceDate());
                if (pair == null) {
                    continue;
                }
                if (pair.indicator() == 0) {
                    if (c2.code().equals("99211")) {
                        r.add("ncci-pair-not-payable", "deny", c2, "CO", "236", List.of(),
                                "99211 on line " + c2.line() + " is billed with " + c1.code() + " on line " + c1.line() + " ("
                                        + c2.serviceDate() + "): Medicare does not pay 99211 with an injection, with or without "
                                        + "modifier 25",
                                "remove 99211; bill a higher-level E/M with modifier 25 only when separately identifiable E/M "
                                        + "work was documented",
                                "NCCI PTP " + c1.code() + "/99211, modifier indicator 0; CR 3631 (2005)");
                    } else {
                        r.add("ncci-pair-not-payable", "deny", c2, "CO", "236", List.of(),
                                c2.code() + " on line " + c2.line() + " is not paid with " + c1.code() + " on line " + c1.line()
                                        + " on " + c2.serviceDate() + ", and no modifier can change that",
                                "remove line " + c2.line(), "NCCI PTP " + c1.code() + "/" + c2.code() + ", modifier indicator 0");
                    }
                    if (anyDistinct(c2.modifiers()) || c2.modifiers().contains("25") || anyDistinct(c1.modifiers())) {
                        r.add("modifier-on-unbypassable-pair", "review", c2, "CO", "236", List.of(),
                                c1.code() + " (line " + c1.line() + ", modifiers " + modifiers(c1.modifiers()) + ") and " + c2.code()
                                        + " (line " + c2.line() + ", modifiers " + modifiers(c2.modifiers())
                                        + ") are an NCCI pair no modifier can bypass",
                                "remove the bypass modifiers and line " + c2.line()
                                        + "; modifiers used to get around an indicator-0 edit draw audits",
                                "CMS NCCI PTP modifier indicator 0; billing guide: modifiers should not be used simply to "
                                        + "override bundling edits");
                    }
                } else if (pair.indicator() == 1 && !em(c1.code()) && !em(c2.code()) && !anyDistinct(c2.modifiers())
                        && !anyDistinct(c1.modifiers())) {
                    r.add("ncci-pair-needs-modifier", "deny", c2, "CO", "236", List.of(),
                            c2.code() + " on line " + c2.line() + " is bundled into " + c1.code() + " on line " + c1.line() + " ("
                                    + c2.serviceDate() + ") unless a modifier shows it was a distinct service",
                            "if the injection was separate from " + c1.code() + " (another site or encounter), append XS or XE "
                                    + "to line " + c2.line() + " (59 only when no X modifier fits); otherwise remove it",
                            "NCCI PTP " + c1.code() + "/" + c2.code() + ", modifier indicator 1");
                }
            }
        }
    }

    private void modifiers59AndX(Run r) {
        for (ServiceLine inj : r.lines) {
            if (!injection(inj)) {
                continue;
            }
            LocalDate date = inj.serviceDate();
            List<String> mods = inj.modifiers();
            // modifier-59-where-x-fits
            boolean x = false;
            for (String m : mods) {
                x |= X_MODIFIERS.contains(m);
            }
            if (mods.contains("59") && !x && separateSites(r, date) && r.differentDrugs(date)) {
                r.add("modifier-59-where-x-fits", "review", inj, "CO", "4", List.of(),
                        "96372 on line " + inj.line() + " uses 59, but the injections on " + date
                                + " are documented at separate sites: XS (separate structure) describes that",
                        "replace 59 with XS on line " + inj.line(), "CR 8863 (2015): XE/XS/XP/XU are more specific than 59");
            }
            // repeat-drug-marked-distinct
            if (anyDistinct(mods)) {
                int given = r.injectionsGiven(date);
                if (given > 1 && everyGivesADrugLine(r, date) && !r.differentDrugs(date)) {
                    r.add("repeat-drug-marked-distinct", "review", inj, "CO", "4", List.of(),
                            "96372 on line " + inj.line() + " is marked distinct (" + modifiers(mods) + "), but the " + given
                                    + " injections on " + date + " all give the same drug",
                            "do not use 59/X to mark repeat injections of one drug as distinct; bill the units the "
                                    + "documentation supports",
                            "NCCI modifier rules: 59 is not for repeat injections of the same drug (FACTS.md modifiers)");
                }
            }
        }
    }

    private static boolean separateSites(Run r, LocalDate date) {
        for (Injection a : r.injections) {
            ServiceLine al = r.line(a.adminLine());
            if (!injection(al) || !date.equals(al.serviceDate()) || blank(a.site())) {
                continue;
            }
            for (Injection b : r.injections) {
                ServiceLine bl = r.line(b.adminLine());
                if (injection(bl) && date.equals(bl.serviceDate()) && !blank(b.site())
                        && !b.site().toLowerCase(Locale.ROOT).equals(a.site().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean everyGivesADrugLine(Run r, LocalDate date) {
        for (Injection a : r.injections) {
            ServiceLine al = r.line(a.adminLine());
            if (!injection(al) || !date.equals(al.serviceDate())) {
                continue;
            }
            boolean drugLine = false;
            for (InjectedDrug x : a.drugs()) {
                drugLine |= r.line(x.line()) != null;
            }
            if (!drugLine) {
                return false;
            }
        }
        return true;
    }

    private static final String[][] ELEMENTS = {
        {"does not document the route", "document the route (IM or SC)"},
        {"does not document the injection site", "document the exact site (e.g. left deltoid)"},
        {"does not document who ordered it", "document the ordering practitioner"},
        {"does not document who gave it", "document who administered the injection"},
        {"does not document the time it was given", "document the time of administration"},
        {"does not document the patient's response", "document how the patient tolerated the injection"},
        {"has no medical necessity statement",
            "document why the injection was needed (e.g. oral therapy failed, faster effect needed, patient cannot swallow)"},
    };

    private void documentation(Run r) {
        for (Injection i : r.injections) {
            ServiceLine admin = r.line(i.adminLine());
            if (!injection(admin)) {
                continue;
            }
            // injection-documentation-incomplete
            String cite = "Billing guide for CPT 96372: documentation requirements";
            boolean noName = i.drugs().isEmpty();
            boolean noDose = false;
            for (InjectedDrug x : i.drugs()) {
                noName |= blank(x.name());
                noDose |= quantity(x.dose()) == null;
            }
            String prefix = null;
            if (noName) {
                prefix = "the injection billed on line " + admin.line() + " (" + admin.serviceDate() + ") ";
                r.add("injection-documentation-incomplete", "review", admin, "CO", "16", List.of(),
                        prefix + "does not document the drug given", "document the medication name", cite);
            }
            if (noDose) {
                prefix = "the injection billed on line " + admin.line() + " (" + admin.serviceDate() + ") ";
                r.add("injection-documentation-incomplete", "review", admin, "CO", "16", List.of(),
                        prefix + "does not document the dose", "document the dose given (amount and unit)", cite);
            }
            String[] values = {i.route(), i.site(), i.orderedBy(), i.administeredBy(), i.time(), i.response(), i.necessity()};
            for (int k = 0; k < values.length; k++) {
                if (blank(values[k])) {
                    prefix = "the injection billed on line " + admin.line() + " (" + admin.serviceDate() + ") ";
                    r.add("injection-documentation-incomplete", "review", admin, "CO", "16", List.of(), prefix + ELEMENTS[k][0],
                            ELEMENTS[k][1], cite);
                }
            }
            // injection-note-too-generic
            String note = i.note();
            if (!blank(note)) {
                int words = words(note);
                String lower = note.toLowerCase(Locale.ROOT);
                if (words < 4 || ((lower.contains("injection given") || lower.contains("shot given")
                        || lower.contains("injection administered")) && words < 8)) {
                    r.add("injection-note-too-generic", "review", admin, "CO", "16", List.of(),
                            "the note for the injection billed on line " + admin.line() + " says only \"" + note + "\"",
                            "write what was given, how much, where, by whom, when, how the patient responded and why",
                            "Billing guide for CPT 96372: generic statements such as \"injection given\" are not sufficient");
                }
                // copy-forward-injection-note
                int[] notePairs = null; // made for the first history note compared, then kept
                for (HistoryEntry h : r.c.history()) {
                    if (blank(h.note()) || h.serviceDate() == null || !h.serviceDate().isBefore(admin.serviceDate())) {
                        continue;
                    }
                    notePairs = notePairs == null ? bigrams(note) : notePairs;
                    double same = similarity(note, notePairs, h.note());
                    if (same >= 0.9) {
                        r.add("copy-forward-injection-note", "review", admin, "CO", "50", List.of(),
                                "the injection note on line " + admin.line() + " (" + admin.serviceDate() + ") is "
                                        + num(Math.rint(same * 100)) + "% the same as the note of " + h.serviceDate()
                                        + " (claim " + text(h.claimId()) + ")",
                                "write the note for this visit: the patient's current condition, response and reason for the injection",
                                "Billing guide for CPT 96372: identical documentation across visits raises audit red flags");
                    }
                }
            }
        }
        // copy-forward-encounter-note
        String encounterNote = r.c.encounter() == null ? null : r.c.encounter().note();
        if (!blank(encounterNote)) {
            int[] notePairs = null; // made for the first history note compared, then kept
            for (ServiceLine e : r.lines) {
                if (!em(e.code())) {
                    continue;
                }
                for (HistoryEntry h : r.c.history()) {
                    if (blank(h.note()) || h.serviceDate() == null || !h.serviceDate().isBefore(e.serviceDate())) {
                        continue;
                    }
                    notePairs = notePairs == null ? bigrams(encounterNote) : notePairs;
                    double same = similarity(encounterNote, notePairs, h.note());
                    if (same >= 0.9) {
                        r.add("copy-forward-encounter-note", "review", e, "CO", "50", List.of(),
                                "the encounter note for " + e.code() + " on line " + e.line() + " is "
                                        + num(Math.rint(same * 100)) + "% the same as the note of " + h.serviceDate()
                                        + " (claim " + text(h.claimId()) + ")",
                                "document this visit's own history, exam and decision-making",
                                "Billing guide for CPT 96372: identical documentation across visits raises audit red flags");
                    }
                }
            }
        }
        // diagnosis-pointer-missing
        for (ServiceLine l : r.lines) {
            if ((injection(l) || drug(l.code())) && l.diagnosisPointers().isEmpty()) {
                r.add("diagnosis-pointer-missing", "reject", l, "CO", "16", List.of(),
                        "line " + l.line() + " (" + l.code() + ") points at no diagnosis",
                        "add the diagnosis pointer(s) of the condition the injection treats",
                        "CMS-1500 / 837P diagnosis pointers (SV107); billing guide: diagnosis coding must support the injection");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Quantity quantity(Dose dose) {
        if (dose == null) {
            return null;
        }
        Unit unit = Unit.parse(dose.unit());
        return unit == null ? null : new Quantity(dose.value(), unit);
    }

    public static double ceil(double x) {
        return Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));
    }

    public static int words(String s) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            boolean space = Character.isWhitespace(s.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** Sørensen-Dice over character pairs of the lower-cased texts with white space collapsed. */
    public static double similarity(String a, String b) {
        return similarity(a, bigrams(a), b);
    }

    /** The same, with {@code a}'s pairs made once by the caller (a note compared with every history note). */
    static double similarity(String a, int[] x, String b) {
        int[] y = bigrams(b);
        if (x.length == 0 || y.length == 0) {
            return normalized(a).equals(normalized(b)) ? 1 : 0;
        }
        int shared = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] == y[j]) {
                shared++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * shared / (x.length + y.length);
    }

    private static int[] bigrams(String s) {
        String t = normalized(s);
        if (t.length() < 2) {
            return new int[0];
        }
        int[] out = new int[t.length() - 1];
        for (int i = 0; i + 1 < t.length(); i++) {
            out[i] = (t.charAt(i) << 16) | t.charAt(i + 1);
        }
        Arrays.sort(out);
        return out;
    }

    private static String normalized(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.line() == null ? Integer.MIN_VALUE : f.line())
            .thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    /** Sorted as the engine sorts, exact repeats dropped, the worst severity as the outcome. */
    public static Decision decision(String claimId, List<Finding> findings) {
        findings.sort(ORDER);
        List<Finding> unique = new ArrayList<>(findings.size());
        Set<String> seen = new HashSet<>();
        int worst = 4;
        for (Finding f : findings) {
            if (seen.add(f.rule() + '\u0000' + f.line() + '\u0000' + f.message())) {
                unique.add(f);
                worst = Math.min(worst, switch (f.severity()) {
                    case "reject" -> 0;
                    case "deny" -> 1;
                    case "review" -> 2;
                    default -> 3;
                });
            }
        }
        String outcome = unique.isEmpty() ? "clean" : new String[] {"reject", "deny", "review", "info"}[worst];
        return new Decision(claimId, outcome, List.of(POLICY), unique);
    }
}
