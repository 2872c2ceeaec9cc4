package dev.ppl.data;

import dev.ppl.data.Records.Record;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Medically unlikely edits, CMS quarterly tables ({@code MCR_MUE_PractitionerServices_Eff_07-01-2026.csv}):
 * comma-separated, a quoted copyright preamble, then the header {@code "HCPCS/CPT Code", "Practitioner
 * Services MUE Values", "MUE Adjudication Indicator", "MUE Rationale"} and one code per line. The
 * indicator cell is the MAI digit and its words ({@code 3 Date of Service Edit: Clinical}).
 *
 * <p>The files carry no dates: a file is in force for the quarter its name gives ({@code _Eff_MM-DD-YYYY})
 * or that {@code effective} names. Quarters merge into one row per run of equal values; a code that
 * a later quarter lacks has its row closed. With {@code coversFrom}, every period from that date on
 * that no file was imported for (before the first quarter, between quarters, after the last) gets a
 * row with no value, so that a rule can say the limit was not checked instead of saying nothing.
 */
public final class MueImporter {
    /** The table's header. */
    public static final String[] COLUMNS = {"code", "limit", "mai", "effectiveFrom", "effectiveTo", "release"};

    /** The text a gap row carries in its release column. */
    public static final String NOT_IMPORTED = "no MUE file imported for these dates";

    private static final Pattern EFFECTIVE_IN_NAME = Pattern.compile("(?i)Eff_(\\d{2})-(\\d{2})-(\\d{4})");
    private static final Pattern MAI = Pattern.compile("([123])(?:\\s.*)?", Pattern.DOTALL);

    /** One limit in force from {@code effectiveFrom} through {@code effectiveTo}; a gap row has no limit and MAI. */
    public record Limit(String code, Integer limit, Integer mai, LocalDate effectiveFrom, LocalDate effectiveTo, String release) {
        public boolean isGap() {
            return limit == null;
        }
    }

    private record Quarter(Path file, LocalDate start, String setting, Map<String, int[]> values) {}

    private MueImporter() {}

    /**
     * @param effective the effective date of a single file whose name does not give one (may be null)
     * @param coversFrom the first date of service the table must account for (null: no gap rows)
     */
    public static List<Limit> read(List<Path> files, LocalDate effective, CodeFilter codes, LocalDate coversFrom)
            throws ImportException {
        Problems problems = new Problems();
        List<Quarter> quarters = new ArrayList<>();
        for (Path file : files) {
            LocalDate start = effectiveOf(file, files.size() == 1 ? effective : null, problems);
            String text = SourceText.read(file, n -> n.toLowerCase(Locale.ROOT).endsWith(".csv"), "MUE .csv", problems);
            if (text == null) {
                continue;
            }
            Quarter q = readFile(file, text, start, codes, problems);
            if (q != null && start != null) {
                quarters.add(q);
            }
        }
        quarters.sort(Comparator.comparing(Quarter::start));
        for (int i = 1; i < quarters.size(); i++) {
            Quarter a = quarters.get(i - 1);
            Quarter b = quarters.get(i);
            if (a.start().equals(b.start())) {
                problems.add(b.file(), 0, 0, "two files are for the quarter starting " + b.start() + " (the other is " + a.file() + ")",
                        "pass one MUE file per quarter");
            }
            if (!a.setting().equals(b.setting())) {
                problems.add(b.file(), 0, 0, "this is the " + b.setting() + " MUE table but " + a.file() + " is the " + a.setting()
                        + " table", "import practitioner, outpatient hospital and DME supplier tables separately");
            }
        }
        problems.throwIfAny();
        return merge(quarters, codes, coversFrom);
    }

    /** The table file's text. */
    public static String csv(List<Limit> limits) {
        TableCsv out = new TableCsv(COLUMNS);
        for (Limit l : limits) {
            out.row(l.code(), l.limit(), l.mai(), l.effectiveFrom(), l.effectiveTo(), l.release());
        }
        return out.toString();
    }

    private static LocalDate effectiveOf(Path file, LocalDate given, Problems problems) {
        if (given != null) {
            return given;
        }
        Matcher m = EFFECTIVE_IN_NAME.matcher(file.getFileName().toString());
        if (m.find()) {
            LocalDate d = Dates.yyyymmdd(m.group(3) + m.group(1) + m.group(2));
            if (d != null) {
                return d;
            }
        }
        problems.add(file, 0, 0, "cannot tell which quarter this MUE file is for",
                "keep the CMS file name (…_Eff_07-01-2026.csv), or import the file on its own with --effective 2026-07-01");
        return null;
    }

    private static Quarter readFile(Path file, String text, LocalDate start, CodeFilter codes, Problems problems) {
        List<Record> records = Records.csv(text, file, problems);
        int header = -1;
        for (int i = 0; i < Math.min(records.size(), 40); i++) {
            String first = records.get(i).text(0).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
            if (first.startsWith("HCPCS") && first.contains("CPT")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            problems.add(file, 1, 1, "not a CMS MUE table: no header row starting `HCPCS/CPT Code` in its first 40 records",
                    "pass the .csv of the CMS MUE zip, e.g. MCR_MUE_PractitionerServices_Eff_07-01-2026.csv");
            return null;
        }
        Record h = records.get(header);
        int value = -1;
        int mai = -1;
        String setting = null;
        for (int i = 1; i < h.fields().size(); i++) {
            String name = h.text(i).replaceAll("\\s+", " ");
            if (name.toLowerCase(Locale.ROOT).contains("mue value")) {
                value = i;
                setting = name.replaceAll("(?i)\\s*services?\\s*mue values?", "").strip().toLowerCase(Locale.ROOT);
            } else if (name.toLowerCase(Locale.ROOT).contains("adjudication indicator")) {
                mai = i;
            }
        }
        if (value < 0 || mai < 0) {
            problems.add(file, h.line(), 1, "the header has no `" + (value < 0 ? "... MUE Values" : "MUE Adjudication Indicator")
                    + "` column", "the CMS header is: HCPCS/CPT Code, Practitioner Services MUE Values, MUE Adjudication Indicator, MUE Rationale");
            return null;
        }
        Map<String, int[]> values = new TreeMap<>();
        for (int i = header + 1; i < records.size(); i++) {
            Record r = records.get(i);
            if (r.isBlank()) {
                continue;
            }
            String code = PtpImporter.code(file, r, 0, problems);
            String v = r.text(value);
            Integer limit = null;
            if (v.matches("\\d{1,6}")) {
                limit = Integer.parseInt(v);
            } else {
                problems.add(file, r.line(), r.field(value) == null ? 0 : r.field(value).column(),
                        "MUE value `" + v + "` is not a whole number of units", "the value is the units allowed per day or line, e.g. 4");
            }
            Matcher m = MAI.matcher(r.text(mai));
            Integer indicator = null;
            if (m.matches()) {
                indicator = Integer.parseInt(m.group(1));
            } else {
                problems.add(file, r.line(), r.field(mai) == null ? 0 : r.field(mai).column(),
                        "MUE adjudication indicator `" + r.text(mai) + "` does not start with 1, 2 or 3",
                        "1 Line Edit, 2 Date of Service Edit: Policy, 3 Date of Service Edit: Clinical");
            }
            if (code == null || limit == null || indicator == null || !codes.accepts(code)) {
                continue;
            }
            if (values.put(code, new int[] {limit, indicator}) != null) {
                problems.add(file, r.line(), 1, "code " + code + " is listed twice", "a CMS MUE table lists each code once");
            }
        }
        return new Quarter(file, start, setting == null ? "" : setting, values);
    }

    private static List<Limit> merge(List<Quarter> quarters, CodeFilter codes, LocalDate coversFrom) {
        TreeSet<String> all = new TreeSet<>();
        quarters.forEach(q -> all.addAll(q.values().keySet()));
        if (coversFrom != null) {
            all.addAll(codes.singleCodes());
        }
        List<Limit> out = new ArrayList<>();
        for (String code : all) {
            List<Limit> rows = new ArrayList<>();
            for (int i = 0; i < quarters.size(); i++) {
                Quarter q = quarters.get(i);
                LocalDate end = Dates.quarterEnd(q.start());
                if (i + 1 < quarters.size() && quarters.get(i + 1).start().isBefore(end.plusDays(1))) {
                    end = quarters.get(i + 1).start().minusDays(1);
                }
                int[] v = q.values().get(code);
                if (v == null) {
                    continue; // the quarter was read and has no MUE for this code
                }
                String release = "CMS MUE " + q.setting() + " " + q.start();
                Limit last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
                if (last != null && Objects.equals(last.limit(), v[0]) && Objects.equals(last.mai(), v[1])
                        && last.effectiveTo().plusDays(1).equals(q.start())) {
                    rows.set(rows.size() - 1, new Limit(code, v[0], v[1], last.effectiveFrom(), end, last.release() + ", " + q.start()));
                } else {
                    rows.add(new Limit(code, v[0], v[1], q.start(), end, release));
                }
            }
            out.addAll(coversFrom == null ? rows : withGaps(code, rows, quarters, coversFrom));
        }
        return out;
    }

    /** Adds a no-value row for each period from {@code coversFrom} on that no imported quarter covers. */
    private static List<Limit> withGaps(String code, List<Limit> rows, List<Quarter> quarters, LocalDate coversFrom) {
        List<LocalDate[]> covered = new ArrayList<>();
        for (int i = 0; i < quarters.size(); i++) {
            LocalDate start = quarters.get(i).start();
            LocalDate end = Dates.quarterEnd(start);
            if (i + 1 < quarters.size() && quarters.get(i + 1).start().isBefore(end.plusDays(1))) {
                end = quarters.get(i + 1).start().minusDays(1);
            }
            if (!covered.isEmpty() && covered.get(covered.size() - 1)[1].plusDays(1).equals(start)) {
                covered.get(covered.size() - 1)[1] = end;
            } else {
                covered.add(new LocalDate[] {start, end});
            }
        }
        List<Limit> out = new ArrayList<>(rows);
        LocalDate from = coversFrom;
        for (LocalDate[] c : covered) {
            if (c[1].isBefore(from)) {
                continue;
            }
            if (from.isBefore(c[0])) {
                out.add(new Limit(code, null, null, from, c[0].minusDays(1), NOT_IMPORTED));
            }
            from = c[1].plusDays(1);
        }
        out.add(new Limit(code, null, null, from, null, NOT_IMPORTED));
        out.sort(Comparator.comparing(Limit::effectiveFrom));
        return out;
    }
}
