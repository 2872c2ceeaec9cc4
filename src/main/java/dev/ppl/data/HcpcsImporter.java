package dev.ppl.data;

import dev.ppl.data.HcpcsUnitsExtractor.BillingUnit;
import dev.ppl.data.HcpcsUnitsExtractor.Exclusion;
import dev.ppl.data.HcpcsUnitsExtractor.HcpcsCode;
import dev.ppl.data.HcpcsUnitsExtractor.Outcome;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CMS alpha-numeric HCPCS file ({@code HCPC2019_CONTR_ANWEB.txt}, alone or in its zip):
 * fixed-width records, HCPC 1-5, SEQNUM 6-10, RECID 11 (3 = first record of a code, 4 = its
 * continuation; 7/8 for modifiers), LONG DESCRIPTION 12-91, ..., ADD DT 269-276, ACT EFF DT
 * 277-284, TERM DT 285-292, ACTION CD 293. Lines before the first record (the disclaimer) are skipped.
 *
 * <p>Writes one row per code: the billing unit read from the long descriptor (the rules of
 * {@link HcpcsUnitsExtractor}, documented in {@code policies/medicare/HCPCS-UNITS.md}), the date the
 * code was added and the date it was terminated, so a rule can tell a code that was not valid on
 * the date of service. Files of several years merge: a code takes its row from the newest file
 * that lists it.
 */
public final class HcpcsImporter {
    /** The table's header. */
    public static final String[] COLUMNS = {"code", "per", "added", "terminated", "note", "descriptor"};

    private static final Pattern RECORD = Pattern.compile("[ A-Z0-9]{5}\\d{5}[3478].*");
    private static final Pattern YEAR_IN_NAME = Pattern.compile("((?:19|20)\\d{2})");
    private static final Pattern ANWEB = Pattern.compile("(?i)HCPC\\d{4}_(?:CONTR_)?ANWEB(?:_v\\d+)?\\.txt");

    /** One code's row. */
    public record Code(String code, String per, LocalDate added, LocalDate terminated, String note, String descriptor) {}

    private HcpcsImporter() {}

    /** Reads the files; keeps the codes {@code codes} accepts, or every drug code when it is null. */
    public static List<Code> read(List<Path> files, CodeFilter codes) throws ImportException {
        Problems problems = new Problems();
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing(HcpcsImporter::year));
        TreeMap<String, Code> byCode = new TreeMap<>();
        for (Path file : ordered) {
            String text = SourceText.read(file, n -> ANWEB.matcher(n).matches(), "HCPCyyyy_CONTR_ANWEB.txt", problems);
            if (text != null) {
                readFile(file, text, codes, byCode, problems);
            }
        }
        problems.throwIfAny();
        return List.copyOf(byCode.values());
    }

    /** The table file's text. */
    public static String csv(List<Code> codes) {
        TableCsv out = new TableCsv(COLUMNS);
        for (Code c : codes) {
            out.row(c.code(), c.per(), c.added(), c.terminated(), c.note(), c.descriptor());
        }
        return out.toString();
    }

    private static void readFile(Path file, String text, CodeFilter filter, TreeMap<String, Code> byCode, Problems problems) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        String code = null;
        StringBuilder descriptor = null;
        LocalDate added = null;
        LocalDate terminated = null;
        String lastSeq = null;
        int records = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (!RECORD.matcher(line).matches()) {
                if (code == null || line.isBlank()) {
                    continue;
                }
                problems.add(file, lineNo, 1, "not an HCPCS record: `" + abbreviate(line) + "`",
                        "records start with the 5-character code, a 5-digit sequence number and the record id 3, 4, 7 or 8");
                continue;
            }
            records++;
            String lineCode = line.substring(0, 5).strip();
            String seq = line.substring(5, 10);
            char recId = line.charAt(10);
            String longPart = line.substring(11, Math.min(91, line.length())).strip();
            if (recId == '3' || recId == '7') {
                keep(code, descriptor, added, terminated, filter, byCode);
                code = lineCode;
                descriptor = new StringBuilder(longPart);
                added = date(file, lineNo, line, 268, "ADD DT", problems);
                terminated = date(file, lineNo, line, 284, "TERM DT", problems);
            } else {
                if (!lineCode.equals(code) || seq.compareTo(lastSeq) <= 0) {
                    problems.add(file, lineNo, 1, "continuation record of " + lineCode + " (sequence " + seq
                            + ") does not follow the records of its code", "the file's records must stay in the CMS order");
                } else if (!longPart.isEmpty()) {
                    descriptor.append(' ').append(longPart);
                }
            }
            lastSeq = seq;
        }
        keep(code, descriptor, added, terminated, filter, byCode);
        if (records == 0) {
            problems.add(file, 1, 1, "not the CMS alpha-numeric HCPCS file: no fixed-width HCPCS record found",
                    "pass HCPCyyyy_CONTR_ANWEB.txt or the zip CMS publishes it in");
        }
    }

    private static void keep(String code, StringBuilder descriptor, LocalDate added, LocalDate terminated, CodeFilter filter,
            TreeMap<String, Code> byCode) {
        if (code == null || !CodeFilter.CODE.matcher(code).matches()) {
            return; // modifiers (two characters) are not codes
        }
        HcpcsCode c = new HcpcsCode(code, descriptor.toString(), Optional.empty());
        boolean wanted = filter == null ? HcpcsUnitsExtractor.isDrugCode(c) : filter.accepts(code);
        if (!wanted) {
            return;
        }
        Outcome o = HcpcsUnitsExtractor.isDrugCode(c) ? HcpcsUnitsExtractor.classify(c) : null;
        String per = o instanceof BillingUnit u ? u.per() : null;
        String note = o instanceof Exclusion e ? "no billing unit: " + e.reason() : null;
        byCode.put(code, new Code(code, per, added, terminated, note, c.descriptor()));
    }

    private static LocalDate date(Path file, int lineNo, String line, int start, String field, Problems problems) {
        if (line.length() < start + 8) {
            return null;
        }
        String text = line.substring(start, start + 8);
        if (text.isBlank()) {
            return null;
        }
        LocalDate d = Dates.yyyymmdd(text);
        if (d == null) {
            problems.add(file, lineNo, start + 1, field + " `" + text.strip() + "` is not a date",
                    "the record layout puts " + field + " in columns " + (start + 1) + "-" + (start + 8) + " as YYYYMMDD");
        }
        return d;
    }

    private static String year(Path file) {
        Matcher m = YEAR_IN_NAME.matcher(file.getFileName().toString());
        return m.find() ? m.group(1) : "";
    }

    private static String abbreviate(String line) {
        String s = line.strip();
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
