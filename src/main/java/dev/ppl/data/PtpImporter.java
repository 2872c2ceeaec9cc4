package dev.ppl.data;

import dev.ppl.data.Records.Record;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NCCI procedure-to-procedure edits, practitioner files ({@code ccipra-v322r0-f1.txt} ... {@code -f4}):
 * tab-delimited text, a few lines of copyright and title, a header row beginning {@code Column 1},
 * {@code Column 2}, then one edit per line: column 1 code, column 2 code, {@code *} when the edit
 * existed before 1996, effective date (YYYYMMDD), deletion date (YYYYMMDD, {@code *} while in
 * force), modifier indicator (0 not allowed, 1 allowed, 9 not applicable), rationale.
 *
 * <p>Each quarterly release is a complete snapshot, every edit with its own dates, so files of
 * several releases merge by taking each edit (column 1, column 2, effective date) from the newest
 * release that has it. Indicator 9 means the edit does not apply (it was deleted back to its
 * start) and is left out. The deletion date is read as the last day the edit is in force.
 */
public final class PtpImporter {
    /** The table's header. */
    public static final String[] COLUMNS = {"column1", "column2", "effectiveFrom", "effectiveTo", "modifierIndicator", "release"};

    private static final Pattern RELEASE = Pattern.compile("(?i)(ccipra|ccioph)-v(\\d{2})(\\d)r(\\d+)");

    /** One edit in force from {@code effectiveFrom} through {@code effectiveTo} (null: no deletion date). */
    public record Edit(String column1, String column2, LocalDate effectiveFrom, LocalDate effectiveTo, int modifierIndicator,
            String release) {}

    private PtpImporter() {}

    /** Reads the files, merges releases and keeps the edits with either code accepted by {@code codes}. */
    public static List<Edit> read(List<Path> files, CodeFilter codes) throws ImportException {
        Problems problems = new Problems();
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing(PtpImporter::releaseOrder));
        Map<String, Edit> byKey = new LinkedHashMap<>();
        for (Path file : ordered) {
            String text = SourceText.read(file, n -> n.toLowerCase(Locale.ROOT).endsWith(".txt"), "PTP .txt", problems);
            if (text != null) {
                readFile(file, text, codes, byKey, problems);
            }
        }
        problems.throwIfAny();
        List<Edit> edits = new ArrayList<>(byKey.values());
        edits.removeIf(e -> e.modifierIndicator() == 9);
        edits.sort(Comparator.comparing(Edit::column1).thenComparing(Edit::column2).thenComparing(Edit::effectiveFrom));
        return trimOverlaps(edits);
    }

    /** The table file's text. */
    public static String csv(List<Edit> edits) {
        TableCsv out = new TableCsv(COLUMNS);
        for (Edit e : edits) {
            out.row(e.column1(), e.column2(), e.effectiveFrom(), e.effectiveTo(), e.modifierIndicator(), e.release());
        }
        return out.toString();
    }

    private static void readFile(Path file, String text, CodeFilter codes, Map<String, Edit> byKey, Problems problems) {
        List<Record> records = Records.tabs(text);
        int header = -1;
        for (int i = 0; i < Math.min(records.size(), 30); i++) {
            Record r = records.get(i);
            if (r.text(0).equalsIgnoreCase("Column 1") && r.text(1).equalsIgnoreCase("Column 2")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            problems.add(file, 1, 1, "not an NCCI PTP edit file: no header row starting `Column 1<tab>Column 2` in its first 30 lines",
                    "pass the tab-delimited .txt files of the CMS practitioner PTP zip (ccipra-v*-f1.txt ... -f4.txt)");
            return;
        }
        String release = release(file);
        for (int i = header + 1; i < records.size(); i++) {
            Record r = records.get(i);
            if (r.isBlank() || r.text(0).isEmpty()) {
                continue; // the header's continuation lines ("0=not allowed" ...) and blank lines
            }
            if (r.fields().size() < 6) {
                problems.add(file, r.line(), 1, "an edit line has " + r.fields().size() + " tab-separated fields, expected 7",
                        "column 1, column 2, prior-to-1996 mark, effective date, deletion date, modifier indicator, rationale");
                continue;
            }
            String c1 = code(file, r, 0, problems);
            String c2 = code(file, r, 1, problems);
            LocalDate from = date(file, r, 3, "effective date", false, problems);
            LocalDate to = date(file, r, 4, "deletion date", true, problems);
            Integer indicator = null;
            String mod = r.text(5);
            if (mod.equals("0") || mod.equals("1") || mod.equals("9")) {
                indicator = Integer.parseInt(mod);
            } else {
                problems.add(file, r.line(), r.field(5).column(), "modifier indicator `" + mod + "` is not 0, 1 or 9",
                        "0 = no modifier allowed, 1 = an NCCI-associated modifier allowed, 9 = not applicable");
            }
            if (c1 == null || c2 == null || from == null || indicator == null || to == LocalDate.MIN) {
                continue;
            }
            if (to != null && to.isBefore(from)) {
                problems.add(file, r.line(), r.field(4).column(), "deletion date " + to + " is before the effective date " + from,
                        "check the line; a deleted edit's deletion date is on or after its effective date");
                continue;
            }
            if (!codes.accepts(c1) && !codes.accepts(c2)) {
                continue;
            }
            byKey.put(c1 + ' ' + c2 + ' ' + from, new Edit(c1, c2, from, to, indicator, release));
        }
    }

    static String code(Path file, Record r, int index, Problems problems) {
        String text = r.text(index).toUpperCase(Locale.ROOT);
        if (!CodeFilter.CODE.matcher(text).matches()) {
            problems.add(file, r.line(), r.field(index).column(), "`" + r.text(index) + "` is not a CPT/HCPCS code",
                    "codes are five characters: 96372, J3420, 0591T");
            return null;
        }
        return text;
    }

    /** A YYYYMMDD date; with {@code starMeansNone}, {@code *} or blank is "none" (null). LocalDate.MIN marks an error. */
    private static LocalDate date(Path file, Record r, int index, String what, boolean starMeansNone, Problems problems) {
        String text = r.text(index);
        if (starMeansNone && (text.equals("*") || text.isEmpty())) {
            return null;
        }
        LocalDate d = Dates.yyyymmdd(text);
        if (d == null) {
            problems.add(file, r.line(), r.field(index) == null ? 0 : r.field(index).column(), what + " `" + text
                    + "` is not a date", "dates are written YYYYMMDD, e.g. 20201001" + (starMeansNone ? "; `*` when there is none" : ""));
            return starMeansNone ? LocalDate.MIN : null;
        }
        return d;
    }

    /** {@code ccipra-v322r0-f1.txt} -> "ccipra v32.2r0"; other names are kept as they are. */
    static String release(Path file) {
        String name = file.getFileName().toString();
        Matcher m = RELEASE.matcher(name);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) + " v" + m.group(2) + "." + m.group(3) + "r" + m.group(4) : name;
    }

    private static String releaseOrder(Path file) {
        Matcher m = RELEASE.matcher(file.getFileName().toString());
        return m.find() ? String.format(Locale.ROOT, "%s%s%05d", m.group(2), m.group(3), Integer.parseInt(m.group(4))) : "";
    }

    /** Two rows of one pair in force at once: the later one wins from its effective date. */
    private static List<Edit> trimOverlaps(List<Edit> sorted) {
        List<Edit> out = new ArrayList<>();
        for (Edit e : sorted) {
            if (!out.isEmpty()) {
                Edit prev = out.get(out.size() - 1);
                if (prev.column1().equals(e.column1()) && prev.column2().equals(e.column2())
                        && (prev.effectiveTo() == null || !prev.effectiveTo().isBefore(e.effectiveFrom()))) {
                    LocalDate end = e.effectiveFrom().minusDays(1);
                    out.set(out.size() - 1, new Edit(prev.column1(), prev.column2(), prev.effectiveFrom(), end,
                            prev.modifierIndicator(), prev.release()));
                    if (end.isBefore(prev.effectiveFrom())) {
                        out.remove(out.size() - 1);
                    }
                }
            }
            out.add(e);
        }
        return out;
    }
}
