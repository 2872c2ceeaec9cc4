package dev.ppl.bench.peers;

import dev.ppl.api.Decision;
import dev.ppl.bench.CoreByHand;
import dev.ppl.claim.Claim;
import dev.ppl.claim.Dose;
import dev.ppl.claim.HistoryEntry;
import dev.ppl.claim.InjectedDrug;
import dev.ppl.claim.Injection;
import dev.ppl.claim.ServiceLine;
import dev.ppl.value.Quantity;
import dev.ppl.value.Unit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The 27 rules of the frozen core Medicare policy in Drools 10.2 ({@code
 * src/bench/resources/drools/injection-core.drl}), as a host would write them with Drools' own best
 * practice: the DRL compiled once, at setup, into Drools' <b>executable model</b> (the DRL turned
 * into Java and compiled in memory by {@code KieBuilder.buildAll(ExecutableModelProject.class)}: the
 * default of Drools' Maven build, its constraints Java lambdas instead of interpreted MVEL; no Maven
 * plugin is needed here), one {@link KieBase}, and per claim a {@link StatelessKieSession} execution over the
 * claim's facts (the documented pattern for a decision service that judges one request at a time:
 * insert, fire all rules, dispose).
 *
 * <p>The facts are the claim converted into Drools' data model once: one {@link Line} per service
 * line, one {@link Inj} per injection (its administration line resolved to the {@code Line}), one
 * {@link Drug} per drug of an injection (its drug line resolved), one {@link Hist} per history
 * entry and one {@link Visit} for the encounter. The three tables are a global ({@link Tables})
 * looked up from constraints, as a host keeps reference data out of working memory. A rule of
 * the policy with several {@code when} branches is one DRL rule per branch (43 DRL rules for the
 * 27 policy rules); findings go to a global {@link PeerFindings}, which also applies what is
 * outside the rules (payer, effective date) and sorts the decision as the hand-written baseline
 * does. Every rule is expressed; none is left out. The session is reused across claims, so one
 * instance is not for concurrent use.
 */
public final class CoreInDrools {
    static final Path DRL = Path.of("src/bench/resources/drools/injection-core.drl");

    private final KieBase kieBase;
    private final StatelessKieSession session;

    public CoreInDrools(Path folder) throws IOException {
        Tables tables = new Tables(new SnapshotTables(folder));
        KieServices ks = KieServices.Factory.get();
        KieFileSystem files = ks.newKieFileSystem();
        files.write("src/main/resources/dev/ppl/bench/peers/injection-core.drl", Files.readString(DRL, StandardCharsets.UTF_8));
        KieBuilder builder = ks.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the DRL does not compile: " + errors);
        }
        KieContainer container = ks.newKieContainer(ks.getRepository().getDefaultReleaseId());
        kieBase = container.getKieBase();
        session = kieBase.newStatelessKieSession();
        session.setGlobal("tables", tables);
    }

    /** The number of DRL rules. */
    public int ruleCount() {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }

    /** Converts and evaluates: the honest end-to-end number. */
    public Decision check(Claim c) {
        if (!PeerFindings.applies(c)) {
            return PeerFindings.notJudged(c);
        }
        return check(c.claimId(), convert(c));
    }

    /** Evaluates the rules on the facts of a claim converted with {@link #convert}. */
    public Decision check(String claimId, List<Object> facts) {
        if (facts == null) {
            return new Decision(claimId, "clean", List.of(), List.of());
        }
        PeerFindings out = new PeerFindings();
        session.setGlobal("out", out);
        session.execute(facts);
        return out.decision(claimId);
    }

    /** The claim as Drools facts, or null when the policy does not apply to it. */
    public static List<Object> convert(Claim c) {
        if (!PeerFindings.applies(c)) {
            return null;
        }
        List<Object> facts = new ArrayList<>(c.lines().size() * 3 + c.history().size() + 1);
        Map<Integer, Line> byNumber = new HashMap<>();
        for (ServiceLine l : c.lines()) {
            Line line = new Line(l);
            facts.add(line);
            if (l.line() >= 0) {
                byNumber.put(l.line(), line);
            }
        }
        int ix = 0;
        int drugIx = 0;
        for (Injection i : c.injections()) {
            Inj inj = new Inj(ix++, i, i.adminLine() == null ? null : byNumber.get(i.adminLine()));
            facts.add(inj);
            for (InjectedDrug x : i.drugs()) {
                Drug d = new Drug(drugIx++, inj, x.line() == null ? null : byNumber.get(x.line()), x.name(), quantity(x.dose()));
                inj.drugs.add(d);
                facts.add(d);
            }
        }
        for (HistoryEntry h : c.history()) {
            facts.add(new Hist(h));
        }
        facts.add(new Visit(c.encounter() != null, c.encounter() == null ? null : c.encounter().purpose(),
                c.encounter() == null ? null : c.encounter().note()));
        return facts;
    }

    private static Quantity quantity(Dose dose) {
        if (dose == null) {
            return null;
        }
        Unit unit = Unit.parse(dose.unit());
        return unit == null ? null : new Quantity(dose.value(), unit);
    }

    // ------------------------------------------------------------------ the facts

    /** A service line. */
    public static final class Line {
        private final int line;
        private final String code;
        private final List<String> mods;
        private final double units;
        private final LocalDate date;
        private final int ptrs;

        Line(ServiceLine l) {
            line = l.line();
            code = l.code();
            mods = l.modifiers();
            units = l.units();
            date = l.serviceDate();
            ptrs = l.diagnosisPointers().size();
        }

        public int getLine() {
            return line;
        }

        public String getCode() {
            return code;
        }

        public List<String> getMods() {
            return mods;
        }

        public double getUnits() {
            return units;
        }

        public LocalDate getDate() {
            return date;
        }

        public int getPtrs() {
            return ptrs;
        }

        /** Code set INJECTION. */
        public boolean isInjection() {
            return "96372".equals(code);
        }

        /** Code set EM. */
        public boolean isEm() {
            return Lib.em(code);
        }

        /** Code set VACCINE_PRODUCT. */
        public boolean isVaccine() {
            return code != null && Lib.in(code, "90476", "90749");
        }

        /** Code set OTHER_ADMIN. */
        public boolean isOtherAdmin() {
            return code != null && (Lib.in(code, "96360", "96361") || Lib.in(code, "96365", "96368") || Lib.in(code, "96369", "96371")
                    || code.equals("96373") || Lib.in(code, "96374", "96376") || Lib.in(code, "96401", "96402")
                    || Lib.in(code, "96409", "96549"));
        }
    }

    /** An injection given. */
    public static final class Inj {
        private final int ix;
        private final Line admin;
        private final Injection i;
        final List<Drug> drugs = new ArrayList<>(2);

        Inj(int ix, Injection i, Line admin) {
            this.ix = ix;
            this.i = i;
            this.admin = admin;
        }

        public int getIx() {
            return ix;
        }

        public Line getAdmin() {
            return admin;
        }

        /** Its administration line is a 96372 line. */
        public boolean isGiven() {
            return admin != null && admin.isInjection();
        }

        public LocalDate getAdminDate() {
            return admin == null ? null : admin.date;
        }

        public int getAdminLine() {
            return admin == null ? -1 : admin.line;
        }

        /** Its administration line is an infusion, IV push or chemotherapy administration code. */
        public boolean isOtherAdmin() {
            return admin != null && admin.isOtherAdmin();
        }

        public List<Drug> getDrugs() {
            return drugs;
        }

        public String getRoute() {
            return i.route();
        }

        public String getRouteLower() {
            return i.route() == null ? null : i.route().toLowerCase(Locale.ROOT);
        }

        public String getSite() {
            return i.site();
        }

        public String getSiteLower() {
            return i.site() == null ? null : i.site().toLowerCase(Locale.ROOT);
        }

        public String getTime() {
            return i.time();
        }

        public String getOrderedBy() {
            return i.orderedBy();
        }

        public String getAdministeredBy() {
            return i.administeredBy();
        }

        public String getResponse() {
            return i.response();
        }

        public String getNecessity() {
            return i.necessity();
        }

        public String getNote() {
            return i.note();
        }

        public String getNoteLower() {
            return i.note() == null ? null : i.note().toLowerCase(Locale.ROOT);
        }
    }

    /** A drug given in an injection. */
    public static final class Drug {
        private final int ix;
        private final Inj inj;
        private final Line line;
        private final String name;
        private final Quantity dose;

        Drug(int ix, Inj inj, Line line, String name, Quantity dose) {
            this.ix = ix;
            this.inj = inj;
            this.line = line;
            this.name = name;
            this.dose = dose;
        }

        public int getIx() {
            return ix;
        }

        public Inj getInj() {
            return inj;
        }

        /** The drug's line, or null when its line number points at no line. */
        public Line getLine() {
            return line;
        }

        public String getLineCode() {
            return line == null ? null : line.code;
        }

        public boolean isInjGiven() {
            return inj.isGiven();
        }

        public LocalDate getInjDate() {
            return inj.getAdminDate();
        }

        public Line getInjAdmin() {
            return inj.admin;
        }

        public String getNecessityLower() {
            return inj.getNecessity() == null ? null : inj.getNecessity().toLowerCase(Locale.ROOT);
        }

        public String getName() {
            return name;
        }

        /** The documented dose, or null when it is missing or its unit is not one PPL knows. */
        public Quantity getDose() {
            return dose;
        }
    }

    /** A history entry. */
    public static final class Hist {
        private final HistoryEntry h;

        Hist(HistoryEntry h) {
            this.h = h;
        }

        public String getClaimId() {
            return h.claimId();
        }

        public LocalDate getDate() {
            return h.serviceDate();
        }

        public String getCode() {
            return h.code();
        }

        public List<String> getMods() {
            return h.modifiers();
        }

        public String getNote() {
            return h.note();
        }

        public boolean isEm() {
            return Lib.em(h.code());
        }
    }

    /** The encounter: whether one is documented, its purpose and note. */
    public static final class Visit {
        private final boolean documented;
        private final String purpose;
        private final String note;

        Visit(boolean documented, String purpose, String note) {
            this.documented = documented;
            this.purpose = purpose;
            this.note = note;
        }

        public boolean isDocumented() {
            return documented;
        }

        public boolean isInjectionOnly() {
            return "injection-only".equals(purpose);
        }

        public String getNote() {
            return note;
        }
    }

    // ------------------------------------------------------------------ the tables and functions

    /** The snapshot's tables, the global {@code tables} of the DRL. */
    public static final class Tables {
        private record PtpRow(LocalDate from, LocalDate to, double indicator) {}

        private record MueRow(LocalDate from, LocalDate to, double limit, double mai) {}

        private final Map<String, Quantity> units;
        private final Map<String, Map<String, List<PtpRow>>> ptp = new HashMap<>();
        private final Map<String, List<MueRow>> mue = new HashMap<>();

        Tables(SnapshotTables t) {
            units = t.drugUnits;
            t.ptp.forEach((pair, rows) -> {
                String[] codes = pair.split("/", 2);
                ptp.computeIfAbsent(codes[0], k -> new HashMap<>()).put(codes[1],
                        rows.stream().map(r -> new PtpRow(date(r.from()), date(r.to()), r.indicator())).toList());
            });
            t.mue.forEach((code, rows) -> mue.put(code,
                    rows.stream().map(r -> new MueRow(date(r.from()), date(r.to()), r.limit(), r.mai())).toList()));
        }

        private static LocalDate date(String s) {
            return s.isEmpty() ? null : LocalDate.parse(s);
        }

        private static boolean inForce(LocalDate from, LocalDate to, LocalDate on) {
            return (from == null || !on.isBefore(from)) && (to == null || !on.isAfter(to));
        }

        /** Code sets J_CODES, or a code of the DRUG_UNITS table. */
        public boolean isDrug(String code) {
            return code != null && (Lib.in(code, "J0120", "J9999") || units.containsKey(code));
        }

        public boolean hasUnits(String code) {
            return units.containsKey(code);
        }

        /** The billing unit of a drug code, or null when its unit did not parse. */
        public Quantity per(String code) {
            return units.get(code);
        }

        /** The modifier indicator of the PTP pair in force on the date, -1 when there is none. */
        public double ptp(String column1, String column2, LocalDate on) {
            Map<String, List<PtpRow>> second = ptp.get(column1);
            List<PtpRow> rows = second == null ? null : second.get(column2);
            if (rows != null) {
                for (PtpRow r : rows) {
                    if (inForce(r.from(), r.to(), on)) {
                        return r.indicator();
                    }
                }
            }
            return -1;
        }

        public boolean hasMue(String code, LocalDate on) {
            return !Double.isNaN(mueLimit(code, on));
        }

        /** The MUE limit in force on the date, NaN when there is none. */
        public double mueLimit(String code, LocalDate on) {
            MueRow row = mueRow(code, on);
            return row == null ? Double.NaN : row.limit();
        }

        public double mueMai(String code, LocalDate on) {
            MueRow row = mueRow(code, on);
            return row == null ? Double.NaN : row.mai();
        }

        private MueRow mueRow(String code, LocalDate on) {
            List<MueRow> rows = mue.get(code);
            if (rows != null) {
                for (MueRow r : rows) {
                    if (inForce(r.from(), r.to(), on)) {
                        return r;
                    }
                }
            }
            return null;
        }
    }

    /** Functions the DRL calls: code ranges, modifiers, text and dose arithmetic. */
    public static final class Lib {
        private static final Set<String> DISTINCT = Set.of("59", "XE", "XS", "XP", "XU");
        private static final Set<String> X_MODIFIERS = Set.of("XE", "XS", "XP", "XU");

        private Lib() {}

        static boolean in(String code, String from, String to) {
            return code.length() == from.length() && code.compareTo(from) >= 0 && code.compareTo(to) <= 0;
        }

        static boolean em(String c) {
            return c != null && (in(c, "99202", "99205") || in(c, "99211", "99215") || in(c, "99221", "99223")
                    || in(c, "99231", "99233") || in(c, "99281", "99285"));
        }

        /** A modifier of the DISTINCT set (59, XE, XS, XP, XU) is on the list. */
        public static boolean distinct(List<String> modifiers) {
            for (String m : modifiers) {
                if (DISTINCT.contains(m)) {
                    return true;
                }
            }
            return false;
        }

        public static boolean anyX(List<String> modifiers) {
            for (String m : modifiers) {
                if (X_MODIFIERS.contains(m)) {
                    return true;
                }
            }
            return false;
        }

        public static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        public static String num(double x) {
            return CoreByHand.num(x);
        }

        public static String text(Object o) {
            return o == null ? "(not documented)" : o.toString();
        }

        public static String modifiers(List<String> m) {
            return m.isEmpty() ? "none" : String.join(", ", m);
        }

        public static int words(String s) {
            return CoreByHand.words(s);
        }

        public static double similarity(String a, String b) {
            return CoreByHand.similarity(a, b);
        }

        /**
         * The documented dose of a drug line from its drugs (any order): per injection the doses
         * added when they share a dimension (an injection with mixed dimensions adds nothing), then
         * the injections added the same way, in the claim's order, the sum kept in its first unit;
         * null when there is none or the dimensions differ.
         */
        public static Quantity doseSum(List<?> drugs) {
            List<Drug> sorted = new ArrayList<>(drugs.size());
            for (Object o : drugs) {
                sorted.add((Drug) o);
            }
            sorted.sort(Comparator.comparingInt(Drug::getIx));
            Quantity dose = null;
            int k = 0;
            while (k < sorted.size()) {
                Inj inj = sorted.get(k).inj;
                Quantity own = null;
                boolean ownMixed = false;
                for (; k < sorted.size() && sorted.get(k).inj == inj; k++) {
                    Quantity q = sorted.get(k).dose;
                    if (q == null || ownMixed) {
                        continue;
                    }
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
                    return null;
                }
            }
            return dose;
        }

        /** Dose over billing unit rounded up, or -1 when the billing unit is missing or of another dimension. */
        public static double billingUnits(Quantity dose, Quantity per) {
            if (dose == null || per == null || !dose.sameDimension(per) || per.base() <= 0) {
                return -1;
            }
            return CoreByHand.ceil(dose.base() / per.base());
        }
    }
}
