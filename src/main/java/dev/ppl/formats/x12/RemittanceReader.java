package dev.ppl.formats.x12;

import dev.ppl.claim.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads X12 835 (005010X221A1) remittance advice: per claim (CLP) and line (SVC) the paid amount,
 * the CAS adjustments (group, CARC, amount) and the RARCs (LQ*HE). StAEDI tokenizes and checks the
 * envelope, as for the 837. A defect is reported with its segment, loop and element, and the
 * claim it is in is kept with its errors: nothing is dropped silently.
 */
public final class RemittanceReader {
    private static final Set<String> GROUPS = Set.of("CO", "PR", "OA", "PI", "CR");
    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

    private RemittanceReader() {}

    /** Reads one file; never throws for bad content. */
    public static Remittance read(InputStream in, String source) {
        List<FieldError> errors = new ArrayList<>();
        byte[] data;
        try {
            data = in.readAllBytes();
        } catch (IOException e) {
            errors.add(new FieldError("", "the file cannot be read: " + e.getMessage()));
            return new Remittance(source, List.of(), errors);
        }
        int start = 0;
        while (start < data.length && Character.isWhitespace(data[start])) {
            start++;
        }
        if (start + 3 > data.length || data[start] != 'I' || data[start + 1] != 'S' || data[start + 2] != 'A') {
            errors.add(new FieldError("byte " + start, "not an X12 interchange: an 835 file starts with ISA"));
            return new Remittance(source, List.of(), errors);
        }
        String header = SegmentSource.checkIsaHeader(data, start);
        if (header != null) {
            errors.add(new FieldError("byte " + start, "the interchange header cannot be read: " + header));
            return new Remittance(source, List.of(), errors);
        }
        Assembler assembler = new Assembler(source, errors);
        SegmentSource.read(data, start, assembler, errors);
        return new Remittance(source, assembler.claims, errors);
    }

    /** Builds claims and lines from the segments, tracking the 835 loops. */
    private static final class Assembler implements SegmentSource.Handler {
        final String source;
        final List<FieldError> fileErrors;
        final List<Remittance.RemittedClaim> claims = new ArrayList<>();
        String transactionType;
        String payer;
        ClaimDraft claim;
        LineDraft line;

        Assembler(String source, List<FieldError> fileErrors) {
            this.source = source;
            this.fileErrors = fileErrors;
        }

        @Override
        public void segment(Segment s) {
            switch (s.tag()) {
                case "ST" -> {
                    finishClaim();
                    transactionType = s.element(1);
                    payer = null;
                    if (!transactionType.equals("835")) {
                        fileErrors.add(new FieldError(at(s) + ", ST01", "transaction set `" + transactionType
                                + "` is not an 835 remittance advice"));
                    }
                }
                case "N1" -> {
                    if (claim == null && s.element(1).equals("PR")) {
                        payer = s.element(2);
                    }
                }
                case "LX" -> finishClaim();
                case "CLP" -> {
                    finishClaim();
                    claim = new ClaimDraft(s);
                    if (!s.has(1)) {
                        claim.error(s, "2100", "CLP01", "the claim id CLP01 is empty; the remittance cannot be matched to a claim");
                    }
                    claim.charge = amount(s, 3, "2100", true);
                    claim.paid = amount(s, 4, "2100", true);
                }
                case "SVC" -> {
                    if (claim == null) {
                        fileErrors.add(new FieldError(at(s) + " (loop 2110)", "a service line SVC before any claim CLP; it is"
                                + " not counted"));
                        return;
                    }
                    finishLine();
                    line = new LineDraft(s);
                    line.procedure = procedure(s);
                    line.charge = amount(s, 2, "2110", true);
                    line.paid = amount(s, 3, "2110", true);
                    line.units = s.has(5) ? amount(s, 5, "2110", false) : BigDecimal.ONE;
                }
                case "CAS" -> cas(s);
                case "LQ" -> {
                    if (line != null && s.element(1).equals("HE") && s.has(2)) {
                        line.rarcs.add(s.element(2));
                    }
                }
                case "REF" -> {
                    if (line != null && s.element(1).equals("6R")) {
                        try {
                            line.lineNumber = Integer.valueOf(s.element(2).trim());
                        } catch (NumberFormatException e) {
                            line.lineNumber = null; // a control number that is not the 837 line number
                        }
                    }
                }
                case "DTM" -> {
                    if (line != null && (s.element(1).equals("472") || s.element(1).equals("150"))) {
                        try {
                            line.date = LocalDate.parse(s.element(2), D8);
                        } catch (DateTimeParseException e) {
                            claim.error(s, "2110", "DTM02", "`" + SegmentSource.show(s.element(2))
                                    + "` is not a date (CCYYMMDD)");
                        }
                    }
                }
                case "SE", "PLB" -> finishClaim();
                default -> {
                    // other segments (payer and payee details, totals) are not needed for matching
                }
            }
        }

        /** SVC01's components; a composite written with another separator than ISA16's is read and reported. */
        private List<String> procedure(Segment s) {
            List<String> proc = s.components(1);
            if (proc.size() == 1) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Z]{2})([^A-Za-z0-9 ])(.+)").matcher(proc.get(0));
                if (m.matches()) {
                    String separator = m.group(2);
                    proc = List.of(proc.get(0).split(java.util.regex.Pattern.quote(separator), -1));
                    claim.error(s, "2110", "SVC01", "`" + SegmentSource.show(s.element(1)) + "` separates its components with `"
                            + separator + "`, not with the component separator the interchange header declares (ISA16); "
                            + "read as procedure code " + proc.get(1));
                }
            }
            if (proc.size() < 2 || proc.get(1).isBlank()) {
                claim.error(s, "2110", "SVC01", "the procedure code SVC01-2 is missing");
            }
            return proc;
        }

        private void cas(Segment s) {
            if (claim == null) {
                fileErrors.add(new FieldError(at(s), "an adjustment CAS outside any claim; it is not counted"));
                return;
            }
            String loop = line == null ? "2100" : "2110";
            String group = s.element(1);
            if (!GROUPS.contains(group)) {
                claim.error(s, loop, "CAS01", "`" + SegmentSource.show(group)
                        + "` is not a claim adjustment group code (CO, PR, OA, PI, CR)");
            }
            List<Remittance.Adjustment> into = line == null ? claim.adjustments : line.adjustments;
            for (int i = 2; i <= 17; i += 3) {
                if (!s.has(i)) {
                    if (s.has(i + 1)) {
                        claim.error(s, loop, String.format("CAS%02d", i), "an adjustment amount without its reason code");
                    }
                    continue;
                }
                BigDecimal amount = amount(s, i + 1, loop, true);
                if (amount != null) {
                    into.add(new Remittance.Adjustment(group, s.element(i), amount));
                }
            }
        }

        private BigDecimal amount(Segment s, int element, String loop, boolean required) {
            String name = s.tag() + String.format("%02d", element);
            if (!s.has(element)) {
                if (required && claim != null) {
                    claim.error(s, loop, name, "the amount " + name + " is missing");
                }
                return required ? null : BigDecimal.ONE;
            }
            try {
                return new BigDecimal(s.element(element).trim());
            } catch (NumberFormatException e) {
                String message = "`" + SegmentSource.show(s.element(element)) + "` is not an amount";
                if (claim != null) {
                    claim.error(s, loop, name, message);
                } else {
                    fileErrors.add(new FieldError(at(s) + ", " + name, message));
                }
                return null;
            }
        }

        private void finishLine() {
            if (line != null) {
                List<String> proc = line.procedure;
                claim.lines.add(new Remittance.RemittedLine(proc.size() > 1 ? proc.get(1) : "",
                        proc.size() > 2 ? proc.subList(2, proc.size()) : List.of(), line.charge, line.paid, line.units,
                        line.lineNumber, line.date, line.adjustments, line.rarcs));
                line = null;
            }
        }

        private void finishClaim() {
            if (claim != null) {
                finishLine();
                Segment clp = claim.clp;
                claims.add(new Remittance.RemittedClaim(clp.has(1) ? clp.element(1) : null, clp.element(2), claim.charge,
                        claim.paid, payer, claim.adjustments, claim.lines, source + ": " + at(clp), claim.errors));
                claim = null;
            }
        }

        @Override
        public void end(boolean complete, long byteOffset, boolean endOfInput) {
            finishClaim();
            if (!complete) {
                fileErrors.add(new FieldError("byte " + byteOffset, "reading stopped here; the claims before it are kept"));
            }
        }

        static String at(Segment s) {
            return (s.interchange() > 1 ? "interchange " + s.interchange() + ", " : "") + "segment " + s.number() + " "
                    + s.tag();
        }

        final class ClaimDraft {
            final Segment clp;
            BigDecimal charge;
            BigDecimal paid;
            final List<Remittance.Adjustment> adjustments = new ArrayList<>();
            final List<Remittance.RemittedLine> lines = new ArrayList<>();
            final List<FieldError> errors = new ArrayList<>();

            ClaimDraft(Segment clp) {
                this.clp = clp;
            }

            void error(Segment s, String loop, String element, String message) {
                String label = clp.has(1) ? "claim " + clp.element(1) : "claim at segment " + clp.number();
                String lineLabel = line != null && loop.equals("2110") ? " service line " + (lines.size() + 1) : "";
                errors.add(new FieldError(at(s) + " (loop " + loop + ", " + label + lineLabel + "), " + element, message));
            }
        }

        static final class LineDraft {
            final Segment svc;
            List<String> procedure = List.of();
            BigDecimal charge;
            BigDecimal paid;
            BigDecimal units;
            Integer lineNumber;
            LocalDate date;
            final List<Remittance.Adjustment> adjustments = new ArrayList<>();
            final List<String> rarcs = new ArrayList<>();

            LineDraft(Segment svc) {
                this.svc = svc;
            }
        }
    }
}
