package dev.ppl.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic practice for tests, demos and benchmarks: a year (or its first months) of Medicare
 * B12 injection claims (claim JSON, one per line) for a few providers and a few thousand patients,
 * with matching X12 835 remittances, and three planted audit patterns:
 * <ul>
 *   <li>provider 2 bills an office visit with modifier 25 on nearly every injection day;
 *   <li>provider 3 copies the previous injection note forward;
 *   <li>provider 4 gives its patients an injection every week instead of every month.
 * </ul>
 * Everything else is ordinary: visits on some injection days (with modifier 25 on fewer than half),
 * notes written fresh each visit, varied diagnoses, complete injection records. No real person's
 * data: names are absent and ids are made up. The same seed gives the same practice.
 */
public final class SyntheticPractice {
    /** A planted pattern: the billing NPI and the bundled measure that must flag it. */
    public record Planted(String npi, String measure) {}

    private static final String[] DIAGNOSES = {"D51.0", "D51.1", "D51.3", "D51.8", "D51.9", "E53.8", "K90.0", "K90.9",
        "D52.9", "Z90.3"};
    private static final String[] SYMPTOMS = {"reports less fatigue than last month", "notes tingling in both feet",
        "says energy is about the same", "complains of poor appetite this week", "reports better concentration at work",
        "mentions shortness of breath on stairs", "denies new complaints today", "reports mouth soreness has resolved",
        "describes dizziness on standing since Tuesday", "feels well and walked two miles yesterday"};
    private static final String[] SITES = {"left deltoid", "right deltoid", "left ventrogluteal", "right ventrogluteal",
        "left vastus lateralis", "right vastus lateralis"};
    private static final String[] RESPONSES = {"tolerated well with no redness after 15 minutes",
        "mild soreness at the site, resolved before discharge", "no reaction observed during the 10 minute wait",
        "patient asked about oral tablets; discussed absorption", "vitals stable, patient left ambulatory"};
    private static final String[] PLANS = {"recheck serum B12 in three months", "continue monthly injections",
        "CBC ordered for next visit", "discussed diet rich in B12", "return in four weeks", "follow up on neuropathy at next visit"};

    private final long seed;
    private final int providers;
    private final int patients;
    private final int year;
    private final int months;

    private SyntheticPractice(long seed, int providers, int patients, int year, int months) {
        this.seed = seed;
        this.providers = providers;
        this.patients = patients;
        this.year = year;
        this.months = months;
    }

    /**
     * A practice of {@code providers} (at least 5) billing providers and {@code patients} patients
     * over the calendar year {@code year}.
     */
    public static SyntheticPractice of(long seed, int providers, int patients, int year) {
        if (providers < 5) {
            throw new IllegalArgumentException("the planted patterns need at least 5 providers");
        }
        return new SyntheticPractice(seed, providers, patients, year, 12);
    }

    /** The same practice over the first {@code months} (1 to 12) months of its year only. */
    public SyntheticPractice months(int months) {
        if (months < 1 || months > 12) {
            throw new IllegalArgumentException("months must be 1 to 12, not " + months);
        }
        return new SyntheticPractice(seed, providers, patients, year, months);
    }

    /** The billing NPI of provider {@code i} (1-based): a valid NPI (Luhn check digit over 80840). */
    public static String npi(int i) {
        String base = String.format(Locale.ROOT, "1%08d", 10_000 + i);
        int sum = 24; // the 80840 prefix's contribution
        for (int k = 0; k < 9; k++) {
            int d = base.charAt(8 - k) - '0';
            if (k % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return base + (10 - sum % 10) % 10;
    }

    /** The planted patterns and the measures that must flag them. */
    public List<Planted> planted() {
        String policy = "audit.injection.red-flags/";
        return List.of(new Planted(npi(2), policy + "modifier-25-on-injection-days"),
                new Planted(npi(3), policy + "copied-injection-notes"),
                new Planted(npi(4), policy + "injections-per-patient"));
    }

    /** Receives generated text, one claim (a JSON line) or one 835 interchange at a time. */
    public interface Sink {
        void accept(String text) throws IOException;
    }

    /**
     * Generates the claims, one claim JSON per call to {@code claims}, and their remittances, one
     * 835 interchange per month per call to {@code remits} (null for none). Memory stays bounded
     * by the number of patients.
     *
     * @return the number of claims generated
     */
    public long generate(Sink claims, Sink remits) {
        Random random = new Random(seed);
        String[] lastNote = new String[patients];
        LocalDate[] lastDate = new LocalDate[patients];
        int[] provider = new int[patients];
        String[] diagnosis = new String[patients];
        boolean[] active = new boolean[patients];
        for (int p = 0; p < patients; p++) {
            provider[p] = 1 + p % providers;
            diagnosis[p] = DIAGNOSES[random.nextInt(DIAGNOSES.length)];
            active[p] = random.nextDouble() < 0.8;
        }
        long count = 0;
        try {
            for (int month = 1; month <= months; month++) {
                StringBuilder remit = remits == null ? null : new StringBuilder();
                int clp = 0;
                for (int p = 0; p < patients; p++) {
                    if (!active[p] && random.nextDouble() < 0.9) {
                        continue; // most inactive patients skip the month
                    }
                    int prov = provider[p];
                    int visits = prov == 4 ? 4 : 1;
                    for (int v = 0; v < visits; v++) {
                        LocalDate date = LocalDate.of(year, month, Math.min(1 + v * 7 + random.nextInt(5), 28));
                        String id = String.format(Locale.ROOT, "SYN-%d-%02d-%05d-%d", year, month, p, v);
                        boolean em;
                        boolean mod25;
                        if (prov == 2) {
                            em = random.nextDouble() < 0.9;
                            mod25 = random.nextDouble() < 0.95;
                        } else {
                            em = random.nextDouble() < 0.25;
                            mod25 = random.nextDouble() < 0.35;
                        }
                        if (random.nextDouble() < 0.15) {
                            diagnosis[p] = DIAGNOSES[random.nextInt(DIAGNOSES.length)];
                        }
                        String site = SITES[random.nextInt(SITES.length)];
                        String note = prov == 3 && lastNote[p] != null && random.nextDouble() < 0.9 ? lastNote[p]
                                : note(random, date, site);
                        StringBuilder c = new StringBuilder(1200);
                        c.append("{\"claimId\":\"").append(id).append("\",\"payer\":{\"id\":\"medicare\",\"type\":\"medicare\","
                                + "\"jurisdiction\":\"JN\"},\"patient\":{\"id\":\"SYN-PT-").append(p).append("\"},")
                                .append("\"billingProvider\":{\"npi\":\"").append(npi(prov)).append("\"},")
                                .append("\"renderingProvider\":{\"npi\":\"").append(npi(prov)).append("\"},")
                                .append("\"placeOfService\":\"11\",\"diagnoses\":[\"").append(diagnosis[p]).append("\"],\"lines\":[");
                        int line = 1;
                        int injectionLine;
                        if (em) {
                            c.append(line("99213", mod25 ? "\"25\"" : "", 1, "95.00", date, line++)).append(',');
                        }
                        injectionLine = line;
                        c.append(line("96372", "", 1, "25.00", date, line++)).append(',');
                        int drugLine = line;
                        c.append(line("J3420", "\"JZ\"", 1, "12.00", date, line++).replace("}", ",\"drug\":{\"ndc\":"
                                + "\"00517003125\",\"quantity\":1,\"unit\":\"ML\",\"container\":\"single-dose\"}}"));
                        c.append("],\"encounter\":{\"purpose\":\"").append(em ? "evaluation" : "injection-only").append('"')
                                .append(em ? ",\"note\":\"Established patient seen for " + SYMPTOMS[random.nextInt(SYMPTOMS.length)]
                                        .replaceFirst("^(reports|notes|says|complains of|mentions|denies|describes|feels) ", "")
                                        + "; examined, medication reviewed and adjusted.\"" : "").append("},")
                                .append("\"injections\":[{\"adminLine\":").append(injectionLine)
                                .append(",\"route\":\"IM\",\"site\":\"").append(site).append("\",\"time\":\"").append(date)
                                .append("T09:30:00\",\"orderedBy\":\"").append(npi(prov)).append("\",\"administeredBy\":\"RN-")
                                .append(100 + prov).append("\",\"response\":\"tolerated well\",\"necessity\":\"")
                                .append("B12 deficiency; oral replacement not absorbed\",\"drugs\":[{\"line\":").append(drugLine)
                                .append(",\"name\":\"cyanocobalamin\",\"dose\":{\"value\":1000,\"unit\":\"mcg\"}}],\"note\":\"")
                                .append(note).append("\"}],\"history\":[");
                        if (lastNote[p] != null) {
                            c.append("{\"claimId\":\"prior\",\"serviceDate\":\"").append(lastDate[p])
                                    .append("\",\"code\":\"96372\",\"units\":1,\"diagnoses\":[\"").append(diagnosis[p])
                                    .append("\"],\"note\":\"").append(lastNote[p]).append("\"}");
                        }
                        c.append("]}");
                        claims.accept(c.toString());
                        count++;
                        lastNote[p] = note;
                        lastDate[p] = date;
                        if (remit != null) {
                            clp++;
                            remit.append(clp(id, em, mod25, date));
                        }
                    }
                }
                if (remit != null && clp > 0) {
                    remits.accept(interchange(month, remit.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    private static String line(String code, String modifiers, int units, String charge, LocalDate date, int n) {
        return "{\"line\":" + n + ",\"code\":\"" + code + "\",\"modifiers\":[" + modifiers + "],\"units\":" + units
                + ",\"charge\":" + charge + ",\"serviceDate\":\"" + date + "\",\"diagnosisPointers\":[1]}";
    }

    private static String note(Random random, LocalDate date, String site) {
        return "Patient " + SYMPTOMS[random.nextInt(SYMPTOMS.length)] + ". Cyanocobalamin 1000 mcg IM " + site + " on " + date
                + "; " + RESPONSES[random.nextInt(RESPONSES.length)] + ". Plan: " + PLANS[random.nextInt(PLANS.length)]
                + ". Weight " + (55 + random.nextInt(50)) + " kg.";
    }

    /**
     * The payer's answer: an E/M without modifier 25 on an injection day is denied (CO-4); on the
     * frequent-injection provider's later visits of a month the B12 drug is denied as too frequent
     * (CO-151); everything else is paid at 80% with the patient's 20% (PR-2).
     */
    private static String clp(String id, boolean em, boolean mod25, LocalDate date) {
        StringBuilder s = new StringBuilder();
        String d = date.toString().replace("-", "");
        boolean frequent = id.endsWith("-1") || id.endsWith("-2") || id.endsWith("-3");
        double charge = (em ? 95 : 0) + 25 + 12;
        double paid = 0;
        StringBuilder lines = new StringBuilder();
        int n = 1;
        if (em) {
            if (mod25) {
                lines.append(svc("99213:25", 95, 76, n++, d)).append("CAS*PR*2*19~");
                paid += 76;
            } else {
                lines.append(svc("99213", 95, 0, n++, d)).append("CAS*CO*4*95~");
            }
        }
        lines.append(svc("96372", 25, 20, n++, d)).append("CAS*PR*2*5~");
        paid += 20;
        if (frequent) {
            lines.append(svc("J3420:JZ", 12, 0, n, d)).append("CAS*CO*151*12~");
        } else {
            lines.append(svc("J3420:JZ", 12, 9.6, n, d)).append("CAS*PR*2*2.4~");
            paid += 9.6;
        }
        s.append("CLP*").append(id).append("*1*").append(money(charge)).append('*').append(money(paid)).append("**MB*")
                .append(id.replace("-", "")).append("~").append(lines);
        return s.toString();
    }

    private static String svc(String code, double charge, double paid, int line, String date) {
        return "SVC*HC:" + code + "*" + money(charge) + "*" + money(paid) + "**1~DTM*472*" + date + "~REF*6R*" + line + "~";
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private String interchange(int month, String body) {
        String st = "ST*835*0001~BPR*I*0*C*NON************" + year + String.format(Locale.ROOT, "%02d", month) + "28~"
                + "TRN*1*" + month + "*1~N1*PR*MEDICARE PART B~N1*PE*SYNTHETIC PRACTICE*XX*" + npi(1) + "~LX*1~";
        String content = st + body;
        int segments = content.split("~").length + 1;
        String control = String.format(Locale.ROOT, "%09d", month);
        return "ISA*00*          *00*          *ZZ*MEDICARE       *ZZ*PRACTICE       *" + String.format(Locale.ROOT,
                "%02d%02d28", year % 100, month) + "*1200*^*00501*" + control + "*0*P*:~GS*HP*MEDICARE*PRACTICE*" + year
                + String.format(Locale.ROOT, "%02d", month) + "28*1200*" + month + "*X*005010X221A1~" + content + "SE*"
                + segments + "*0001~GE*1*" + month + "~IEA*1*" + control + "~\n";
    }

    /** Planted patterns in words, for a report or a test message. */
    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        planted().forEach(p -> out.add(p.npi() + " " + p.measure()));
        return "synthetic practice, seed " + seed + ", " + providers + " providers, " + patients + " patients, " + year
                + (months < 12 ? " (" + months + " months)" : "") + "; planted: " + String.join("; ", out);
    }
}
