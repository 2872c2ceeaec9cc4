package dev.ppl.data;

import dev.ppl.data.Records.Record;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NDC package data. The CMS ASP NDC-HCPCS crosswalk (quarterly, comma-separated: a few preamble
 * lines, then the header {@code _2025_CODE, Short Description, LABELER NAME, NDC2, Drug Name, HCPCS
 * dosage, PKG SIZE, PKG QTY, BILLUNITS, BILLUNITSPKG}) gives for each NDC the HCPCS code it is billed
 * under and the billing units in one package. The FDA NDC directory's package file
 * ({@code package.txt}, tab-delimited: {@code PRODUCTID, PRODUCTNDC, NDCPACKAGECODE,
 * PACKAGEDESCRIPTION, STARTMARKETINGDATE, ENDMARKETINGDATE, NDC_EXCLUDE_FLAG, SAMPLE_PACKAGE}) adds
 * the package description, from which single-dose or multi-dose follows.
 *
 * <p>A crosswalk file is in force for the quarter its name gives ({@code January 2026 ASP NDC-HCPCS
 * Crosswalk.csv}, or {@code 2026-01}) or that {@code effective} names. Quarters merge into one row
 * per run of equal values.
 */
public final class NdcImporter {
    /** The table's header. */
    public static final String[] COLUMNS = {"ndc", "hcpcs", "billingUnitsPerPackage", "hcpcsDosage", "drugName", "container",
            "packageDescription", "effectiveFrom", "effectiveTo", "release"};

    private static final Pattern NDC_11 = Pattern.compile("(\\d{5})-?(\\d{4})-?(\\d{2})");
    private static final Pattern NDC_10 = Pattern.compile("(\\d{4,5})-(\\d{3,4})-(\\d{1,2})");
    private static final Pattern MONTH_YEAR = Pattern.compile("(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ _-]*((?:19|20)\\d{2})");
    private static final Pattern YEAR_MONTH = Pattern.compile("((?:19|20)\\d{2})-(\\d{2})");
    private static final Pattern SINGLE = Pattern.compile("(?i)single[- ]?(dose|use)");
    private static final Pattern MULTI = Pattern.compile("(?i)multi(ple)?[- ]?dose");

    /** One NDC's row for a run of quarters. */
    public record Package(String ndc, String hcpcs, String billingUnitsPerPackage, String hcpcsDosage, String drugName,
            String container, String packageDescription, LocalDate effectiveFrom, LocalDate effectiveTo, String release) {}

    private record Quarter(Path file, LocalDate start, Map<String, Package> rows) {}

    private NdcImporter() {}

    /**
     * @param effective the quarter of a single crosswalk file whose name does not give one (may be null)
     * @param fdaPackages the FDA package file, or null
     */
    public static List<Package> read(List<Path> files, LocalDate effective, Path fdaPackages, CodeFilter codes)
            throws ImportException {
        Problems problems = new Problems();
        Map<String, String> descriptions = fdaPackages == null ? Map.of() : readFda(fdaPackages, problems);
        List<Quarter> quarters = new ArrayList<>();
        for (Path file : files) {
            LocalDate start = effectiveOf(file, files.size() == 1 ? effective : null, problems);
            String text = SourceText.read(file, n -> n.toLowerCase(Locale.ROOT).endsWith(".csv")
                    && n.toUpperCase(Locale.ROOT).contains("NDC-HCPCS") && n.toUpperCase(Locale.ROOT).contains("ASP"),
                    "ASP NDC-HCPCS crosswalk .csv", problems);
            if (text == null) {
                continue;
            }
            Map<String, Package> rows = readCrosswalk(file, text, codes, descriptions, problems);
            if (rows != null && start != null) {
                quarters.add(new Quarter(file, start, rows));
            }
        }
        problems.throwIfAny();
        quarters.sort(Comparator.comparing(Quarter::start));
        return merge(quarters);
    }

    /** The table file's text. */
    public static String csv(List<Package> packages) {
        TableCsv out = new TableCsv(COLUMNS);
        for (Package p : packages) {
            out.row(p.ndc(), p.hcpcs(), p.billingUnitsPerPackage(), p.hcpcsDosage(), p.drugName(), p.container(),
                    p.packageDescription(), p.effectiveFrom(), p.effectiveTo(), p.release());
        }
        return out.toString();
    }

    /** "single-dose", "multi-dose" or null, from an FDA package description. */
    static String container(String description) {
        if (description == null) {
            return null;
        }
        boolean single = SINGLE.matcher(description).find();
        boolean multi = MULTI.matcher(description).find();
        return single == multi ? null : single ? "single-dose" : "multi-dose";
    }

    private static LocalDate effectiveOf(Path file, LocalDate given, Problems problems) {
        if (given != null) {
            return given;
        }
        String name = file.getFileName().toString();
        Matcher m = MONTH_YEAR.matcher(name);
        if (m.find()) {
            for (Month month : Month.values()) {
                if (month.name().toLowerCase(Locale.ROOT).startsWith(m.group(1).toLowerCase(Locale.ROOT))) {
                    return LocalDate.of(Integer.parseInt(m.group(2)), month, 1);
                }
            }
        }
        Matcher ym = YEAR_MONTH.matcher(name);
        if (ym.find() && Integer.parseInt(ym.group(2)) >= 1 && Integer.parseInt(ym.group(2)) <= 12) {
            return LocalDate.of(Integer.parseInt(ym.group(1)), Integer.parseInt(ym.group(2)), 1);
        }
        problems.add(file, 0, 0, "cannot tell which quarter this crosswalk is for",
                "keep the CMS file name (January 2026 ASP NDC-HCPCS Crosswalk.csv), or import it on its own with --effective 2026-01-01");
        return null;
    }

    private static Map<String, Package> readCrosswalk(Path file, String text, CodeFilter codes, Map<String, String> descriptions,
            Problems problems) {
        List<Record> records = Records.csv(text, file, problems);
        int header = -1;
        for (int i = 0; i < Math.min(records.size(), 30); i++) {
            String first = records.get(i).text(0);
            if (first.matches("(?i)_\\d{4}_CODE") || first.toUpperCase(Locale.ROOT).startsWith("HCPCS")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            problems.add(file, 1, 1, "not an ASP NDC-HCPCS crosswalk: no header row starting `_yyyy_CODE` in its first 30 records",
                    "pass the crosswalk .csv of the CMS ASP pricing zip");
            return null;
        }
        Record h = records.get(header);
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < h.fields().size(); i++) {
            at.put(h.text(i).toUpperCase(Locale.ROOT).replaceAll("\\s+", " "), i);
        }
        int ndc = column(at, "NDC2", "NDC");
        int units = column(at, "BILLUNITSPKG");
        int dosage = column(at, "HCPCS DOSAGE");
        int drug = column(at, "DRUG NAME");
        if (ndc < 0 || units < 0) {
            problems.add(file, h.line(), 1, "the header has no `" + (ndc < 0 ? "NDC2" : "BILLUNITSPKG") + "` column",
                    "the CMS header is: _yyyy_CODE, Short Description, LABELER NAME, NDC2, Drug Name, HCPCS dosage, PKG SIZE, PKG QTY, BILLUNITS, BILLUNITSPKG");
            return null;
        }
        Map<String, Package> rows = new TreeMap<>();
        for (int i = header + 1; i < records.size(); i++) {
            Record r = records.get(i);
            if (r.isBlank()) {
                continue;
            }
            String hcpcs = PtpImporter.code(file, r, 0, problems);
            Matcher m = NDC_11.matcher(r.text(ndc));
            String n11 = m.matches() ? m.group(1) + m.group(2) + m.group(3) : null;
            if (n11 == null) {
                problems.add(file, r.line(), r.field(ndc) == null ? 0 : r.field(ndc).column(), "NDC `" + r.text(ndc)
                        + "` is not an 11-digit NDC", "the crosswalk writes NDCs 5-4-2, e.g. 00517-0031-25");
            }
            String u = r.text(units);
            if (!u.matches("\\d+(\\.\\d+)?")) {
                problems.add(file, r.line(), r.field(units) == null ? 0 : r.field(units).column(), "billing units per package `" + u
                        + "` is not a number", "BILLUNITSPKG is the number of HCPCS billing units in one package, e.g. 10");
                continue;
            }
            if (hcpcs == null || n11 == null || !codes.accepts(hcpcs)) {
                continue;
            }
            String description = descriptions.get(n11);
            String bare = new java.math.BigDecimal(u).stripTrailingZeros().toPlainString();
            Package p = new Package(n11, hcpcs, bare, dosage < 0 ? null : r.text(dosage), drug < 0 ? null : r.text(drug),
                    container(description), description, null, null, null);
            if (rows.put(n11 + ' ' + hcpcs, p) != null) {
                problems.add(file, r.line(), 1, "NDC " + r.text(ndc) + " is listed twice for " + hcpcs,
                        "a crosswalk lists each NDC once per HCPCS code");
            }
        }
        return rows;
    }

    private static int column(Map<String, Integer> at, String... names) {
        for (String n : names) {
            Integer i = at.get(n);
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    /** NDCPACKAGECODE (10 digits, hyphenated) as an 11-digit NDC -> PACKAGEDESCRIPTION. */
    private static Map<String, String> readFda(Path file, Problems problems) {
        String text = SourceText.read(file, n -> n.equalsIgnoreCase("package.txt"), "package.txt", problems);
        Map<String, String> out = new HashMap<>();
        if (text == null) {
            return out;
        }
        List<Record> records = Records.tabs(text);
        if (records.isEmpty()) {
            problems.add(file, 1, 1, "the FDA package file is empty", "pass package.txt of the FDA NDC directory zip");
            return out;
        }
        Record h = records.get(0);
        int code = -1;
        int description = -1;
        for (int i = 0; i < h.fields().size(); i++) {
            String name = h.text(i).toUpperCase(Locale.ROOT);
            if (name.equals("NDCPACKAGECODE")) {
                code = i;
            } else if (name.equals("PACKAGEDESCRIPTION")) {
                description = i;
            }
        }
        if (code < 0 || description < 0) {
            problems.add(file, 1, 1, "not the FDA NDC package file: the first line has no NDCPACKAGECODE and PACKAGEDESCRIPTION columns",
                    "pass package.txt (tab-delimited) of the FDA NDC directory");
            return out;
        }
        for (int i = 1; i < records.size(); i++) {
            Record r = records.get(i);
            if (r.isBlank()) {
                continue;
            }
            String n11 = elevenDigits(r.text(code));
            if (n11 == null) {
                problems.add(file, r.line(), r.field(code) == null ? 0 : r.field(code).column(), "package code `" + r.text(code)
                        + "` is not a 10-digit NDC in 4-4-2, 5-3-2 or 5-4-1 form", "e.g. 0517-0031-25");
                continue;
            }
            out.put(n11, r.text(description));
        }
        return out;
    }

    /** 4-4-2 -> 0xxxx-xxxx-xx, 5-3-2 -> xxxxx-0xxx-xx, 5-4-1 -> xxxxx-xxxx-0x; without hyphens. */
    static String elevenDigits(String packageCode) {
        Matcher m = NDC_10.matcher(packageCode);
        if (!m.matches()) {
            return null;
        }
        String a = m.group(1);
        String b = m.group(2);
        String c = m.group(3);
        int shape = a.length() * 100 + b.length() * 10 + c.length();
        return switch (shape) {
            case 442 -> "0" + a + b + c;
            case 532 -> a + "0" + b + c;
            case 541 -> a + b + "0" + c;
            case 542 -> a + b + c;
            default -> null;
        };
    }

    private static List<Package> merge(List<Quarter> quarters) {
        Map<String, List<Package>> runs = new TreeMap<>();
        for (int i = 0; i < quarters.size(); i++) {
            Quarter q = quarters.get(i);
            LocalDate end = Dates.quarterEnd(q.start());
            if (i + 1 < quarters.size() && quarters.get(i + 1).start().isBefore(end.plusDays(1))) {
                end = quarters.get(i + 1).start().minusDays(1);
            }
            for (Map.Entry<String, Package> e : q.rows().entrySet()) {
                Package p = e.getValue();
                List<Package> list = runs.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                Package last = list.isEmpty() ? null : list.get(list.size() - 1);
                if (last != null && Objects.equals(last.billingUnitsPerPackage(), p.billingUnitsPerPackage())
                        && Objects.equals(last.container(), p.container()) && last.effectiveTo().plusDays(1).equals(q.start())) {
                    list.set(list.size() - 1, new Package(p.ndc(), p.hcpcs(), p.billingUnitsPerPackage(), p.hcpcsDosage(), p.drugName(),
                            p.container(), p.packageDescription(), last.effectiveFrom(), end, last.release() + ", " + q.start()));
                } else {
                    list.add(new Package(p.ndc(), p.hcpcs(), p.billingUnitsPerPackage(), p.hcpcsDosage(), p.drugName(), p.container(),
                            p.packageDescription(), q.start(), end, "CMS ASP NDC-HCPCS crosswalk " + q.start()));
                }
            }
        }
        List<Package> out = new ArrayList<>();
        runs.values().forEach(out::addAll);
        return out;
    }
}
