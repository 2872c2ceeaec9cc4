package dev.ppl.formats.x12;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.Diagnosis;
import dev.ppl.claim.Drug;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.Patient;
import dev.ppl.claim.Payer;
import dev.ppl.claim.PayerType;
import dev.ppl.claim.Provider;
import dev.ppl.claim.ServiceLine;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Walks the segments of 837P (005010X222A1) transaction sets and turns each {@code CLM} into one {@link
 * ClaimReadResult}. It follows the loop structure that matters for the claim model: the HL hierarchy
 * (2000A billing provider, 2000B subscriber with its payer, 2000C patient), the claim (2300) with its
 * provider loops (2310B rendering, 2310D supervising; others skipped) and other-payer loops (2320/2330x,
 * skipped), and the service lines (2400) with drug (2410) and line provider (2420A, 2420D) loops. Segments
 * PPL does not read are passed over; segments PPL reads that sit in the wrong loop are errors.
 */
final class ClaimAssembler implements SegmentSource.Handler {

    private static final DateTimeFormatter D8 =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");
    private static final Set<String> NDC_UNITS = Set.of("F2", "GR", "ME", "ML", "UN");
    /** The segments whose elements PPL reads into a claim; a repetition in one of them is an error. */
    private static final Set<String> READ_SEGMENTS = Set.of("HL", "NM1", "PRV", "SBR", "DMG", "CLM", "REF", "HI",
            "DTP", "LX", "SV1", "LIN", "CTP");
    private static final Set<String> COMPONENT_LOOKALIKES = Set.of(":", ">", "^", "|", "\\", "!", "}", "~");

    /** The longest SV101-7 (description) the 837P allows: AN 1-80. */
    static final int DESCRIPTION_LENGTH = 80;

    /** The most service lines (loop 2400 repeats) an 837P claim holds. */
    static final int MAX_LINES = 50;

    private final PayerMapping payers;
    private final ReadMode mode;
    private final List<ClaimReadResult> results = new ArrayList<>();
    /** The CLM segment of each claim id read so far in the file: an id used twice is reported. */
    private final Map<String, Segment> claimIds = new HashMap<>();
    /** Whether the input ended (or reading stopped) in the middle of the current claim. */
    private boolean cut;
    private final List<FieldError> fileErrors;
    private final List<FieldError> warnings;
    private final Set<String> warnedPayers = new HashSet<>();

    // envelope
    private String componentSeparator = ":";
    private String groupVersion = "";
    private boolean inTransaction;
    private boolean reading;
    /** The version of the 837I transaction set being passed over, or null. */
    private String institutional;
    private String transactionControl = "";
    private int claimsInTransaction;
    private Segment transactionStart;

    // hierarchy of the current transaction set
    private final Map<String, Level> levels = new HashMap<>();
    private Level level;
    private String levelLoop = "";
    private ClaimDraft claim;

    ClaimAssembler(PayerMapping payers, ReadMode mode, List<FieldError> fileErrors, List<FieldError> warnings) {
        this.payers = payers;
        this.mode = mode;
        this.fileErrors = fileErrors;
        this.warnings = warnings;
    }

    List<ClaimReadResult> results() {
        return results;
    }

    @Override
    public void segment(Segment s) {
        switch (s.tag()) {
            case "ISA" -> {
                componentSeparator = s.element(16);
                resetTransaction();
            }
            case "GS" -> groupVersion = s.element(8);
            case "ST" -> startTransaction(s);
            case "SE" -> endTransaction(s);
            case "GE", "IEA" -> {
                if (inTransaction) {
                    // StAEDI already reported the missing SE; close what is open
                    endTransaction(null);
                }
            }
            default -> {
                if (reading) {
                    body(s);
                } else if (institutional != null && "CLM".equals(s.tag())) {
                    // an 837I claim is read as far as its id and marked: PPL's policies judge professional claims
                    results.add(ClaimReadResult.notCovered(s.has(1) ? s.element(1) : null,
                            "an institutional claim (837I, `" + institutional + "`); PPL's policies judge professional"
                                    + " claims"));
                }
            }
        }
    }

    @Override
    public void end(boolean complete, long byteOffset, boolean endOfInput) {
        if (claim != null && !complete) {
            cut = true;
            claim.errors.add(new FieldError(claim.where(claim.clm), endOfInput
                    ? "the input ends at byte " + byteOffset + " before this claim is complete (no SE follows);"
                            + " lines may be missing"
                    : "reading stopped at byte " + byteOffset + ", where the interchange cannot be read further (see"
                            + " the file error), before this claim is complete; lines may be missing"));
        }
        finishClaim();
        cut = false;
        resetTransaction();
    }

    // ---------------------------------------------------------------- envelope

    private void startTransaction(Segment st) {
        finishClaim();
        resetTransaction();
        inTransaction = true;
        transactionStart = st;
        transactionControl = st.element(2);
        String type = st.element(1);
        String version = st.has(3) ? st.element(3) : groupVersion;
        String label = "transaction set `" + transactionControl + "`";
        if (!"837".equals(type)) {
            fileErrors.add(new FieldError(at(st) + ", ST01",
                    label + " is an X12 " + (type.isEmpty() ? "(no ST01)" : type) + describeType(type)
                            + ", not an 837P professional claim: skipped"));
            return;
        }
        if (version.contains("X223") || version.contains("X096")) {
            institutional = version;
            return;
        }
        if (version.contains("X224") || version.contains("X097")) {
            fileErrors.add(new FieldError(at(st) + (st.has(3) ? ", ST03" : " (version from GS08)"),
                    label + " is an 837 dental claim (`" + version + "`); PPL reads 837P: skipped"));
            return;
        }
        if (!version.startsWith("005010X222")) {
            warnings.add(new FieldError(at(st) + ", ST03",
                    label + " declares version `" + version + "`; read with the 005010X222A1 (837P) layout"));
        }
        reading = true;
    }

    private void endTransaction(Segment se) {
        finishClaim();
        if (reading && claimsInTransaction == 0 && transactionStart != null) {
            fileErrors.add(new FieldError(at(transactionStart),
                    "transaction set `" + transactionControl + "` has no claim (no CLM segment)"));
        }
        resetTransaction();
    }

    private void resetTransaction() {
        inTransaction = false;
        reading = false;
        institutional = null;
        claimsInTransaction = 0;
        levels.clear();
        level = null;
        levelLoop = "";
        claim = null;
        transactionStart = null;
    }

    private static String describeType(String type) {
        return switch (type) {
            case "835" -> " (claim payment/advice)";
            case "270", "271" -> " (eligibility)";
            case "276", "277" -> " (claim status)";
            case "278" -> " (prior authorization)";
            case "834" -> " (benefit enrollment)";
            case "820" -> " (premium payment)";
            case "997", "999" -> " (acknowledgment)";
            default -> "";
        };
    }

    // ---------------------------------------------------------------- transaction body

    private void body(Segment s) {
        if (!s.repeated().isEmpty() && READ_SEGMENTS.contains(s.tag())) {
            repeatedElements(s);
        }
        switch (s.tag()) {
            case "HL" -> {
                finishClaim();
                startLevel(s);
            }
            case "CLM" -> {
                finishClaim();
                startClaim(s);
            }
            default -> {
                if (claim != null) {
                    claimSegment(s);
                } else {
                    levelSegment(s);
                }
            }
        }
    }

    /**
     * An element of a segment PPL reads sent more than once (X12 repetitions, separated by the ISA11 character):
     * PPL reads one value per element, so the claim would be judged on the first occurrence while the others
     * were dropped unseen. That is an error of the claim (or of the level or file the segment belongs to).
     */
    private void repeatedElements(Segment s) {
        for (Segment.Repeated r : s.repeated()) {
            String name = s.tag() + String.format("%02d", r.element());
            String message = name + " is sent " + r.occurrences() + " times (repetitions separated by the ISA11"
                    + " character); PPL reads one " + name + " and would judge the claim on the first alone, so the"
                    + " claim is not judged: send one value in " + name + " (several values go in their own segments"
                    + " or elements, as the 837P guide places them)";
            if (claim != null) {
                claim.errors.add(new FieldError(claim.where(s) + ", " + name, message));
            } else if (level != null) {
                level.errors.add(new FieldError(at(s, levelLoop) + ", " + name, message));
            } else {
                fileErrors.add(new FieldError(at(s) + ", " + name, message));
            }
        }
    }

    private void startLevel(Segment hl) {
        Level l = new Level(hl);
        levelLoop = switch (l.code) {
            case "20" -> "2000A";
            case "22" -> "2000B";
            case "23" -> "2000C";
            default -> "HL";
        };
        String where = at(hl, levelLoop);
        if (!hl.has(1)) {
            l.errors.add(new FieldError(where + ", HL01", "HL01 (hierarchical id) is missing"));
        }
        if (!Set.of("20", "22", "23").contains(l.code)) {
            l.errors.add(new FieldError(where + ", HL03",
                    "HL03 `" + l.code + "` is not a level of an 837P: expected 20 (billing provider), 22"
                            + " (subscriber) or 23 (patient)"));
        }
        if (hl.has(2)) {
            Level parent = levels.get(hl.element(2));
            if (parent == null) {
                l.errors.add(new FieldError(where + ", HL02",
                        "HL02 points at parent HL `" + hl.element(2) + "`, which is not in this transaction set"));
            } else {
                l.parent = parent;
                String expected = "22".equals(l.code) ? "20" : "23".equals(l.code) ? "22" : null;
                if (expected != null && !expected.equals(parent.code)) {
                    l.errors.add(new FieldError(where + ", HL02",
                            "a level " + l.code + " HL must sit under a level " + expected + " HL; its parent `"
                                    + hl.element(2) + "` is level " + parent.code));
                }
            }
        } else if (!"20".equals(l.code)) {
            l.errors.add(new FieldError(where + ", HL02",
                    "HL02 (parent id) is missing; a level " + l.code + " HL needs a parent"));
        }
        if (hl.has(1)) {
            Level earlier = levels.put(hl.element(1), l);
            if (earlier != null) {
                l.errors.add(new FieldError(where + ", HL01", "HL01 `" + hl.element(1) + "` is used twice in this"
                        + " transaction set (first at segment " + earlier.hl.number() + "): each HL needs its own id,"
                        + " or the HL02 parent references are ambiguous"));
            }
        }
        level = l;
    }

    /** A segment in the HL loops before any claim: billing provider, subscriber, payer, patient. */
    private void levelSegment(Segment s) {
        if (level == null) {
            outOfPlaceBeforeClaim(s);
            return;
        }
        switch (s.tag()) {
            case "NM1" -> {
                String entity = s.element(1);
                levelLoop = switch (level.code + "/" + entity) {
                    case "20/85" -> "2010AA";
                    case "20/87" -> "2010AB";
                    case "20/PE" -> "2010AC";
                    case "22/IL" -> "2010BA";
                    case "22/PR" -> "2010BB";
                    case "23/QC" -> "2010CA";
                    default -> "NM1*" + entity; // a name loop PPL does not read
                };
                switch (levelLoop) {
                    case "2010AA" -> billingProvider(s);
                    case "2010BA" -> level.memberId = s.has(9) ? s.element(9) : null;
                    case "2010BB" -> level.payer = s;
                    default -> {
                        // pay-to address and plan: not read
                    }
                }
            }
            case "PRV" -> {
                if ("2000A".equals(levelLoop) && "BI".equals(s.element(1))) {
                    level.billingTaxonomy = taxonomy(s, at(s, "2000A"), level.errors);
                }
            }
            case "SBR" -> {
                if ("22".equals(level.code)) {
                    level.sbr = s;
                }
            }
            case "DMG" -> {
                if ("2010BA".equals(levelLoop) || "2010CA".equals(levelLoop)) {
                    demographics(s, at(s, levelLoop), level);
                }
            }
            default -> outOfPlaceBeforeClaim(s);
        }
    }

    /** Loop 2010AA: one per billing provider level; a second one would leave which NPI bills unclear. */
    private void billingProvider(Segment nm1) {
        if (level.billingName != null) {
            level.errors.add(new FieldError(at(nm1, "2010AA"), "a second billing provider (NM1*85, loop 2010AA) under"
                    + " HL `" + level.id + "`: the first, at segment " + level.billingName.number() + ", has NPI `"
                    + level.billingName.element(9) + "`, this one `" + nm1.element(9) + "`; a billing provider level"
                    + " (HL 20) has one 2010AA loop: start a new HL level 20 for another billing provider"));
            return;
        }
        level.billingName = nm1;
        level.billing = npiProvider(nm1, level.errors, "billing provider", at(nm1, "2010AA"));
        level.billingProviderName = providerName(nm1, level.errors, "billing provider", at(nm1, "2010AA"));
    }

    private void outOfPlaceBeforeClaim(Segment s) {
        String tag = s.tag();
        boolean claimPart = Set.of("HI", "LX", "SV1", "LIN", "CTP").contains(tag)
                || ("DTP".equals(tag) && "472".equals(s.element(1)));
        if (claimPart) {
            fileErrors.add(new FieldError(at(s, levelLoop.isEmpty() ? "header" : levelLoop),
                    tag + " is out of place: it belongs to a claim, but no CLM precedes it"
                            + (level == null ? " (and no HL)" : " under HL `" + level.id + "`")));
        }
    }

    // ---------------------------------------------------------------- claim (2300)

    private void startClaim(Segment clm) {
        claimsInTransaction++;
        ClaimDraft c = new ClaimDraft(clm, level);
        claim = c;
        if (!clm.has(1)) {
            c.errors.add(new FieldError(c.where(clm) + ", CLM01", "CLM01 (claim id) is missing"));
        } else {
            Segment earlier = claimIds.putIfAbsent(clm.element(1), clm);
            if (earlier != null) {
                c.errors.add(new FieldError(c.where(clm) + ", CLM01", "claim id `" + clm.element(1) + "` is used"
                        + " twice in this file (first at " + at(earlier) + "): each claim needs its own CLM01 (patient"
                        + " control number), or the decisions cannot be told apart"));
            }
        }
        if (level == null || !("22".equals(level.code) || "23".equals(level.code))) {
            c.errors.add(new FieldError(c.where(clm),
                    "CLM is out of place: a claim belongs under a subscriber (HL level 22) or patient (HL level 23)"
                            + (level == null ? ", but no HL precedes it" : ", but it follows HL level " + level.code)));
        }
        String pos = clm.component(5, 1);
        if (pos.isEmpty()) {
            c.errors.add(new FieldError(c.where(clm) + ", CLM05-1", "CLM05-1 (place of service) is missing"));
        } else if (!pos.matches("\\d{2}")) {
            c.errors.add(new FieldError(c.where(clm) + ", CLM05-1",
                    "CLM05-1 `" + pos + "` is not a place-of-service code (2 digits)" + separatorHint(pos)));
        } else {
            c.placeOfService = pos;
        }
    }

    private void claimSegment(Segment s) {
        ClaimDraft c = claim;
        if (c.line != null && !"LX".equals(s.tag())) {
            lineSegment(s, c, c.line);
            return;
        }
        switch (s.tag()) {
            case "LX" -> startLine(s, c);
            case "SBR" -> c.loop = "2320";
            case "NM1" -> {
                if (c.loop.startsWith("232") || c.loop.startsWith("233")) {
                    c.loop = "2330";
                } else if ("82".equals(s.element(1))) {
                    c.loop = "2310B";
                    c.rendering = npiProvider(s, c.errors, "rendering provider", c.where(s));
                    c.renderingName = providerName(s, c.errors, "rendering provider", c.where(s));
                } else if ("DQ".equals(s.element(1))) {
                    c.loop = "2310D";
                    if (c.supervisingName != null) {
                        c.errors.add(new FieldError(c.where(s), "a second supervising provider (NM1*DQ) in one claim:"
                                + " loop 2310D is sent once, and the first is at segment " + c.supervisingName.number()
                                + "; a line supervised by someone else names its supervisor in loop 2420D"));
                    } else {
                        c.supervisingName = s;
                        c.supervising = supervisingProvider(s, c.errors, c.where(s), "2310D");
                    }
                } else {
                    c.loop = "2310";
                }
            }
            case "PRV" -> {
                if ("2310B".equals(c.loop) && "PE".equals(s.element(1))) {
                    c.renderingTaxonomy = taxonomy(s, c.where(s), c.errors);
                }
            }
            case "REF" -> {
                if ("2300".equals(c.loop) && "G1".equals(s.element(1))) {
                    if (!s.has(2)) {
                        c.errors.add(new FieldError(c.where(s) + ", REF02", "REF02 (prior authorization number) is missing"));
                    } else {
                        c.priorAuthorization = s.element(2);
                    }
                }
            }
            case "HI" -> {
                if ("2300".equals(c.loop)) {
                    c.hiSegments.add(s);
                    int before = c.errors.size();
                    diagnoses(s, c);
                    c.diagnosisProblem |= c.errors.size() > before;
                } else {
                    c.diagnosisProblem = true;
                    c.errors.add(new FieldError(c.where(s),
                            "HI is out of place: diagnoses belong in loop 2300 before the provider and other-payer"
                                    + " loops, but this HI follows loop " + c.loop));
                }
            }
            case "DTP" -> {
                if ("472".equals(s.element(1))) {
                    c.errors.add(new FieldError(c.where(s),
                            "DTP*472 (service date) is out of place: it belongs in a service line (loop 2400, after"
                                    + " LX and SV1), not in loop " + c.loop));
                }
            }
            case "SV1", "LIN", "CTP" -> c.errors.add(new FieldError(c.where(s),
                    s.tag() + " is out of place: it belongs in a service line, but no LX starts one before it"));
            default -> {
                // other 2300/2310/2320/2330 segments are not read
            }
        }
    }

    private void diagnoses(Segment s, ClaimDraft c) {
        for (int i = 1; i <= s.elements().size(); i++) {
            String qualifier = s.component(i, 1);
            String code = s.component(i, 2);
            String name = String.format("HI%02d", i);
            if (qualifier.isEmpty() && code.isEmpty()) {
                continue;
            }
            Diagnosis.CodeSystem system = switch (qualifier) {
                case "ABK", "ABF" -> Diagnosis.CodeSystem.ICD10CM;
                case "BK", "BF" -> Diagnosis.CodeSystem.ICD9CM;
                default -> null;
            };
            if (system == null) {
                if (!isOtherHiQualifier(qualifier)) {
                    if (i == 1 && !c.principalSeen) {
                        // the principal diagnosis's place: its error stands for it, later codes are not out of order
                        c.principalSeen = true;
                        c.errors.add(new FieldError(c.where(s) + ", " + name + "-1", qualifier.isEmpty()
                                ? name + "-1 (diagnosis qualifier) is missing before code `" + code + "`: expected ABK"
                                        + " (ICD-10-CM) or BK (ICD-9-CM) for the principal diagnosis"
                                : name + "-1 `" + qualifier + "` is not a diagnosis qualifier (ABK/ABF for ICD-10-CM,"
                                        + " BK/BF for ICD-9-CM)" + separatorHint(qualifier)));
                    } else {
                        c.errors.add(new FieldError(c.where(s) + ", " + name + "-1", qualifier.isEmpty()
                                ? name + "-1 (diagnosis qualifier) is missing before code `" + code + "`: expected ABF"
                                        + " (ICD-10-CM) or BF (ICD-9-CM)"
                                : name + "-1 `" + qualifier + "` is not a diagnosis qualifier (ABF for ICD-10-CM, BF"
                                        + " for ICD-9-CM)" + separatorHint(qualifier)));
                    }
                } else {
                    c.otherHiQualifiers.add(qualifier);
                }
                // BP/BO (anesthesia procedures), BG (conditions) and the like: not diagnoses
                continue;
            }
            boolean principal = "ABK".equals(qualifier) || "BK".equals(qualifier);
            if (principal == c.principalSeen) {
                c.errors.add(new FieldError(c.where(s) + ", " + name + "-1", principal
                        ? name + "-1 `" + qualifier + "` marks a principal diagnosis, but the claim already has one"
                        : name + "-1 `" + qualifier + "` marks another diagnosis, but the principal diagnosis (ABK or"
                                + " BK) must come first"));
            }
            c.principalSeen = true;
            if (code.isEmpty()) {
                c.errors.add(new FieldError(c.where(s) + ", " + name + "-2", name + "-2 (diagnosis code) is missing"));
                continue;
            }
            c.diagnoses.add(new Diagnosis(DiagnosisCodes.withDecimalPoint(code, system), system));
        }
    }

    private static boolean isOtherHiQualifier(String qualifier) {
        return Set.of("BP", "BO", "BG", "APR", "BBR", "BBQ", "BR", "BQ", "BH", "BE", "BI", "ABJ", "BJ", "ABN", "BN", "PR")
                .contains(qualifier);
    }

    // ---------------------------------------------------------------- service line (2400)

    private void startLine(Segment lx, ClaimDraft c) {
        LineDraft line = new LineDraft(lx);
        c.lines.add(line);
        c.line = line;
        c.loop = "2400";
        int before = c.errors.size();
        if (!lx.has(1)) {
            c.errors.add(new FieldError(c.where(lx) + ", LX01", "LX01 (line number) is missing"));
        } else if (!INTEGER.matcher(lx.element(1)).matches() || Integer.parseInt(lx.element(1)) < 1) {
            c.errors.add(new FieldError(c.where(lx) + ", LX01",
                    "LX01 `" + lx.element(1) + "` is not a line number (a whole number from 1)"));
        } else {
            line.number = Integer.parseInt(lx.element(1));
        }
        line.errors.addAll(c.errors.subList(before, c.errors.size()));
    }

    /** A segment of loop 2400 and its sub-loops; the problems found are the line's (see {@link LineDraft#errors}). */
    private void lineSegment(Segment s, ClaimDraft c, LineDraft line) {
        if ("HI".equals(s.tag()) || "SBR".equals(s.tag())) {
            // claim loops after the lines: a problem of the claim, not of this line
            c.errors.add(new FieldError(c.where(s), s.tag() + " is out of place: it belongs in loop "
                    + ("HI".equals(s.tag()) ? "2300" : "2320") + " before the first service line (LX)"));
            line.segmentsAfterLx++;
            return;
        }
        int before = c.errors.size();
        lineSegmentValues(s, c, line);
        line.errors.addAll(c.errors.subList(before, c.errors.size()));
    }

    private void lineSegmentValues(Segment s, ClaimDraft c, LineDraft line) {
        line.segmentsAfterLx++;
        switch (s.tag()) {
            case "SV1" -> {
                if (line.sv1 != null) {
                    c.errors.add(new FieldError(c.where(s), "a second SV1 in one service line; start a new line with LX"));
                } else if (line.segmentsAfterLx != 1) {
                    c.errors.add(new FieldError(c.where(s), "SV1 is out of place: it must come right after LX"));
                    serviceLine(s, c, line);
                } else {
                    serviceLine(s, c, line);
                }
            }
            case "DTP" -> {
                if ("472".equals(s.element(1))) {
                    if (!"2400".equals(line.loop)) {
                        c.errors.add(new FieldError(c.where(s),
                                "DTP*472 (service date) is out of place: it belongs in loop 2400 before the drug and"
                                        + " line provider loops, but it follows loop " + line.loop));
                    } else if (line.dateSegment != null) {
                        c.errors.add(new FieldError(c.where(s), "a second DTP*472 (service date) in one service line"));
                    } else {
                        serviceDate(s, c, line);
                    }
                }
            }
            case "LIN" -> {
                if (!"2400".equals(line.loop)) {
                    c.errors.add(new FieldError(c.where(s), line.lin != null
                            ? "a second LIN in one service line: a line carries one drug (one loop 2410)"
                            : "LIN is out of place: the drug loop 2410 comes before the line provider and"
                                    + " adjudication loops, but this LIN follows loop " + line.loop));
                    return;
                }
                line.loop = "2410";
                line.lin = s;
                drugIdentification(s, c, line);
            }
            case "CTP" -> {
                if (!"2410".equals(line.loop) || line.ctp != null) {
                    c.errors.add(new FieldError(c.where(s), line.ctp != null
                            ? "a second CTP in one drug loop 2410"
                            : "CTP is out of place: drug quantity belongs in loop 2410 right after LIN"));
                    return;
                }
                line.ctp = s;
                drugQuantity(s, c, line);
            }
            case "NM1" -> {
                String entity = s.element(1);
                if ("82".equals(entity)) {
                    line.loop = "2420A";
                    line.rendering = npiProvider(s, c.errors, "line rendering provider", c.where(s));
                    line.renderingName = providerName(s, c.errors, "line rendering provider", c.where(s));
                } else if ("DQ".equals(entity)) {
                    line.loop = "2420D";
                    if (line.supervisingName != null) {
                        c.errors.add(new FieldError(c.where(s), "a second supervising provider (NM1*DQ) in one service"
                                + " line: loop 2420D is sent once, and the first is at segment "
                                + line.supervisingName.number()));
                    } else {
                        line.supervisingName = s;
                        line.supervising = supervisingProvider(s, c.errors, c.where(s), "2420D");
                    }
                } else {
                    line.loop = "2420";
                }
            }
            case "PRV" -> {
                if ("2420A".equals(line.loop) && "PE".equals(s.element(1))) {
                    line.renderingTaxonomy = taxonomy(s, c.where(s), c.errors);
                }
            }
            case "SVD" -> line.loop = "2430";
            case "LQ" -> line.loop = "2440";
            case "SV2", "SV3" -> {
                if (line.segmentsAfterLx == 1 && line.sv1 == null) {
                    line.otherService = s.tag();
                }
            }
            default -> {
                // other 2400-2440 segments are not read
            }
        }
    }

    private void serviceLine(Segment s, ClaimDraft c, LineDraft line) {
        line.sv1 = s;
        String where = c.where(s);
        String qualifier = s.component(1, 1);
        if (qualifier.isEmpty()) {
            c.errors.add(new FieldError(where + ", SV101-1", "SV101-1 (procedure code qualifier) is missing"));
        } else if (!"HC".equals(qualifier)) {
            c.errors.add(new FieldError(where + ", SV101-1",
                    "SV101-1 `" + qualifier + "` is not HC (CPT/HCPCS); PPL reads CPT and HCPCS codes only"
                            + separatorHint(qualifier)));
        }
        String code = s.component(1, 2);
        if (code.isEmpty() && "HC".equals(qualifier)) {
            c.errors.add(new FieldError(where + ", SV101-2", "SV101-2 (procedure code) is missing"));
        }
        line.code = code;
        for (int m = 3; m <= 6; m++) {
            String modifier = s.component(1, m);
            if (!modifier.isEmpty()) {
                line.modifiers.add(modifier);
            }
        }
        line.description = description(s, where, c.errors);
        line.charge = decimal(s, 2, "SV102", "line charge", where, c.errors, false);
        String basis = s.element(3);
        if (basis.isEmpty()) {
            c.errors.add(new FieldError(where + ", SV103", "SV103 (unit basis) is missing"));
        } else if (!"UN".equals(basis) && !"MJ".equals(basis)) {
            c.errors.add(new FieldError(where + ", SV103",
                    "SV103 `" + basis + "` is not a unit basis: expected UN (units) or MJ (minutes)"));
        }
        BigDecimal units = decimal(s, 4, "SV104", "units", where, c.errors, true);
        line.units = units == null ? null : units.doubleValue();
        if (s.has(5)) {
            String pos = s.element(5);
            if (!pos.matches("\\d{2}")) {
                c.errors.add(new FieldError(where + ", SV105",
                        "SV105 `" + pos + "` is not a place-of-service code (2 digits)"));
            } else {
                line.placeOfService = pos;
            }
        }
        List<String> pointers = s.components(7);
        if (pointers.stream().allMatch(String::isEmpty)) {
            c.errors.add(new FieldError(where + ", SV107-1",
                    "SV107 (diagnosis pointers) is missing: a line points at 1 to 4 of the claim's diagnoses"));
        }
        for (int k = 0; k < pointers.size(); k++) {
            String p = pointers.get(k);
            if (p.isEmpty()) {
                continue;
            }
            String name = "SV107-" + (k + 1);
            if (!INTEGER.matcher(p).matches() || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 12) {
                c.errors.add(new FieldError(where + ", " + name,
                        name + " `" + p + "` is not a diagnosis pointer (a number from 1 to 12)" + separatorHint(p)));
            } else {
                line.pointers.add(Integer.parseInt(p));
                line.pointerElements.add(name);
            }
        }
    }

    /**
     * SV101-7, the line's description (AN 1-80): the TR3 requires it when the procedure code does not say what
     * was given, as for a not-otherwise-classified drug code. The composite C003 ends there in the 837P
     * (SV101-8 is not used), so more components mean the description held the component separator and was
     * cut. Returns the description, or null when there is none or it cannot be read.
     */
    private String description(Segment s, String where, List<FieldError> errors) {
        List<String> composite = s.components(1);
        String description = s.component(1, 7);
        if (composite.size() > 7 && composite.subList(7, composite.size()).stream().anyMatch(x -> !x.isEmpty())) {
            String rest = String.join(componentSeparator, composite.subList(7, composite.size()));
            errors.add(new FieldError(where + ", SV101-8", "SV101 has " + composite.size() + " components; the"
                    + " 837P composite ends at SV101-7 (description), so the description `"
                    + SegmentSource.show(description + componentSeparator + rest, 80) + "` holds the component"
                    + " separator `" + componentSeparator + "` (ISA16) and was cut: write the description without `"
                    + componentSeparator + "`"));
            return null;
        }
        if (description.length() > DESCRIPTION_LENGTH) {
            errors.add(new FieldError(where + ", SV101-7", "SV101-7 (description) has " + description.length()
                    + " characters, more than the " + DESCRIPTION_LENGTH + " the 837P allows: `"
                    + SegmentSource.show(description, 40) + "`; shorten it to the drug's name, strength and dose"));
            return null;
        }
        return description.isEmpty() ? null : description;
    }

    private void serviceDate(Segment s, ClaimDraft c, LineDraft line) {
        line.dateSegment = s;
        String where = c.where(s);
        String format = s.element(2);
        String value = s.element(3);
        if (value.isEmpty()) {
            c.errors.add(new FieldError(where + ", DTP03", "DTP03 (service date) is missing"));
            return;
        }
        switch (format) {
            case "D8" -> line.date = date(value, "DTP03", where, c.errors);
            case "RD8" -> {
                String[] parts = value.split("-", -1);
                if (parts.length != 2) {
                    c.errors.add(new FieldError(where + ", DTP03",
                            "DTP03 `" + value + "` is not a date range CCYYMMDD-CCYYMMDD"));
                    return;
                }
                LocalDate from = date(parts[0], "DTP03", where, c.errors);
                LocalDate to = date(parts[1], "DTP03", where, c.errors);
                if (from != null && to != null && to.isBefore(from)) {
                    c.errors.add(new FieldError(where + ", DTP03",
                            "DTP03 `" + value + "` ends before it starts"));
                    return;
                }
                line.date = from;
            }
            default -> c.errors.add(new FieldError(where + ", DTP02",
                    "DTP02 `" + format + "` is not a date format for a service date: expected D8 or RD8"));
        }
    }

    private void drugIdentification(Segment s, ClaimDraft c, LineDraft line) {
        String where = c.where(s);
        if (!"N4".equals(s.element(2))) {
            c.errors.add(new FieldError(where + ", LIN02", s.has(2)
                    ? "LIN02 `" + s.element(2) + "` is not N4: the drug must be identified by its NDC"
                    : "LIN02 (product id qualifier N4) is missing"));
        }
        if (!s.has(3)) {
            c.errors.add(new FieldError(where + ", LIN03", "LIN03 (NDC) is missing"));
        } else {
            line.ndc = s.element(3);
        }
    }

    private void drugQuantity(Segment s, ClaimDraft c, LineDraft line) {
        String where = c.where(s);
        BigDecimal quantity = decimal(s, 4, "CTP04", "drug quantity", where, c.errors, true);
        line.drugQuantity = quantity == null ? null : quantity.doubleValue();
        String unit = s.component(5, 1);
        if (unit.isEmpty()) {
            c.errors.add(new FieldError(where + ", CTP05-1", "CTP05-1 (NDC unit of measure) is missing"));
        } else if (!NDC_UNITS.contains(unit)) {
            c.errors.add(new FieldError(where + ", CTP05-1",
                    "CTP05-1 `" + unit + "` is not an NDC unit: expected F2, GR, ME, ML or UN"));
        } else {
            line.drugUnit = unit;
        }
    }

    // ---------------------------------------------------------------- finishing a claim

    private void finishClaim() {
        ClaimDraft c = claim;
        if (c == null) {
            return;
        }
        claim = null;
        List<FieldError> errors = new ArrayList<>(c.errors);
        if (c.diagnoses.isEmpty() && !c.diagnosisProblem && !cut) {
            errors.add(new FieldError(c.where(c.clm), c.hiSegments.isEmpty()
                    ? "no diagnoses: loop 2300 needs an HI segment with a principal diagnosis (ABK or BK)"
                    : "no diagnoses: the HI segment at segment " + c.hiSegments.get(0).number() + " holds "
                            + (c.otherHiQualifiers.isEmpty() ? "no code"
                                    : "only codes qualified " + String.join(", ", c.otherHiQualifiers.stream()
                                            .map(q -> "`" + q + "`").distinct().toList()) + ", which are not diagnoses")
                            + "; a claim needs a principal diagnosis (ABK for ICD-10-CM or BK for ICD-9-CM)"));
        }
        if (c.lines.isEmpty() && !cut) {
            errors.add(new FieldError(c.where(c.clm), "no service lines: a claim needs at least one LX with SV1"));
        }
        if (c.lines.size() > MAX_LINES) {
            c.line = c.lines.get(MAX_LINES);
            errors.add(new FieldError(c.where(c.lines.get(MAX_LINES).lx, "2400"), "the claim has " + c.lines.size()
                    + " service lines; an 837P claim holds at most " + MAX_LINES + " (loop 2400 repeats up to "
                    + MAX_LINES + " times): split it into claims of " + MAX_LINES + " lines or fewer"));
        }
        List<ServiceLine> lines = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (LineDraft line : c.lines) {
            c.line = line;
            int before = errors.size();
            lineChecks(c, line, numbers, errors);
            line.errors.addAll(errors.subList(before, errors.size()));
            if (line.number != null && line.code != null && line.units != null && line.date != null) {
                Drug drug = line.ndc == null ? null : new Drug(line.ndc, line.drugQuantity, line.drugUnit, null);
                Provider rendering = line.rendering == null ? null
                        : new Provider(line.rendering, line.renderingTaxonomy, line.renderingName);
                line.read = new ServiceLine(line.number, line.code, line.modifiers, line.units, line.charge,
                        line.date, line.pointers, drug, line.placeOfService, rendering, line.supervising,
                        line.description);
            }
            if (line.read != null && line.errors.isEmpty()) {
                lines.add(line.read);
            }
        }
        c.line = null;

        // what the HL levels above the claim contribute
        Level billing = c.level == null ? null : c.level.up("20");
        Level subscriber = c.level == null ? null : c.level.up("22");
        Level patientLevel = c.level != null && "23".equals(c.level.code) ? c.level : null;
        for (Level l = c.level; l != null; l = l.parent) {
            errors.addAll(l.errors);
        }
        Provider billingProvider = null;
        if (billing == null) {
            errors.add(new FieldError(c.where(c.clm), "no billing provider: no HL level 20 above this claim"));
        } else if (billing.billing == null) {
            if (billing.errors.isEmpty()) {
                errors.add(new FieldError(c.where(c.clm),
                        "no billing provider: HL `" + billing.id + "` has no NM1*85 (loop 2010AA)"));
            }
        } else {
            billingProvider = new Provider(billing.billing, billing.billingTaxonomy, billing.billingProviderName);
        }
        Payer payer = null;
        if (subscriber != null && subscriber.payer == null) {
            errors.add(new FieldError(c.where(c.clm),
                    "no payer: subscriber HL `" + subscriber.id + "` has no NM1*PR (loop 2010BB)"));
        } else if (subscriber != null) {
            payer = payer(subscriber);
        }
        Patient patient = null;
        Level person = patientLevel != null ? patientLevel : subscriber;
        if (person != null) {
            String id = patientLevel != null ? null : subscriber.memberId;
            patient = new Patient(id, person.birthDate, person.sex);
        }
        List<FieldError> notChecked = new ArrayList<>();
        if (mode == ReadMode.LENIENT && !errors.isEmpty() && !lines.isEmpty()) {
            // retrospective audit: the lines with problems are left out and reported; the claim's own problems
            // (and a claim with no readable line) still fail it
            Set<FieldError> ofLines = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (LineDraft line : c.lines) {
                ofLines.addAll(line.errors);
                String which = line.number != null ? "line " + line.number + ", " : "";
                for (FieldError e : line.errors) {
                    notChecked.add(new FieldError(which + e.path(), e.message()));
                }
            }
            if (errors.stream().allMatch(ofLines::contains)) {
                errors.clear();
            } else {
                notChecked.clear();
            }
        }
        if (!errors.isEmpty()) {
            results.add(ClaimReadResult.failed(c.id(), dedupe(errors)));
            return;
        }
        Provider rendering = c.rendering == null ? null
                : new Provider(c.rendering, c.renderingTaxonomy, c.renderingName);
        Claim read = new Claim(c.id(), payer, patient, billingProvider, rendering, c.supervising, c.placeOfService,
                c.priorAuthorization, c.diagnoses, lines, null, List.of(), List.of());
        results.add(notChecked.isEmpty() ? ClaimReadResult.ok(read) : ClaimReadResult.partial(read, dedupe(notChecked)));
    }

    /** The checks of one service line that need the whole claim read. */
    private void lineChecks(ClaimDraft c, LineDraft line, Set<Integer> numbers, List<FieldError> errors) {
        if (line.sv1 == null) {
            errors.add(new FieldError(c.where(line.lx, "2400"), line.otherService == null
                    ? "no SV1: this service line has no procedure, charge or units"
                    : "no SV1: this service line is an " + line.otherService + ", the service line of an "
                            + ("SV2".equals(line.otherService) ? "institutional (837I)" : "dental (837D)")
                            + " claim; PPL reads 837P professional claims (check GS08 and ST03)"));
            return;
        }
        if (line.dateSegment == null) {
            errors.add(new FieldError(c.where(line.sv1, "2400"), "no service date: loop 2400 needs DTP*472 after SV1"));
        }
        if (line.lin != null && line.ctp == null) {
            errors.add(new FieldError(c.where(line.lin, "2410"),
                    "no CTP after LIN: the drug loop 2410 needs the NDC quantity and unit"));
        }
        for (int k = 0; k < line.pointers.size() && !c.diagnosisProblem && !c.diagnoses.isEmpty(); k++) {
            int p = line.pointers.get(k);
            if (p > c.diagnoses.size()) {
                String name = line.pointerElements.get(k);
                errors.add(new FieldError(c.where(line.sv1, "2400") + ", " + name,
                        name + " points at diagnosis " + p + " but the claim has " + c.diagnoses.size()));
            }
        }
        if (line.number != null && !numbers.add(line.number)) {
            errors.add(new FieldError(c.where(line.lx, "2400") + ", LX01",
                    "line number " + line.number + " is used twice in this claim"));
        }
    }

    private Payer payer(Level subscriber) {
        Segment nm1 = subscriber.payer;
        String id = nm1.has(9) ? nm1.element(9) : null;
        String name = nm1.has(3) ? nm1.element(3) : null;
        String sbr09 = subscriber.sbr == null ? "" : subscriber.sbr.element(9);
        PayerType inferred = ClaimFilingIndicator.payerType(sbr09);
        PayerMapping.Resolution r = payers.resolve(id, name, inferred);
        if (!r.mapped() && warnedPayers.add(id + "|" + name)) {
            warnings.add(new FieldError(at(nm1, "2010BB"),
                    "payer `" + (name == null ? "" : name) + "` (NM109 `" + (id == null ? "" : id)
                            + "`) is not in the payer mapping: read as payer `" + r.payer().id() + "`, type "
                            + (inferred == null ? "unknown" : inferred.key() + " (from SBR09 `" + sbr09 + "`)")
                            + ", no jurisdiction; add a row to the payer mapping to set them"));
        }
        return r.payer();
    }

    private static List<FieldError> dedupe(List<FieldError> errors) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(errors));
    }

    // ---------------------------------------------------------------- element helpers

    /** Reads NM108/NM109 as an NPI; returns the NPI or null after recording why not. */
    private static String npiProvider(Segment s, List<FieldError> errors, String role, String where) {
        if (!s.has(9)) {
            errors.add(new FieldError(where + ", NM109", "NM109 (" + role + " NPI) is missing"));
            return null;
        }
        if (!"XX".equals(s.element(8))) {
            errors.add(new FieldError(where + ", NM108",
                    "NM108 `" + s.element(8) + "`: the " + role + " must be identified by NPI (qualifier XX)"));
            return null;
        }
        return s.element(9);
    }

    /**
     * Reads the NM1*DQ of loop 2310D or 2420D: a person (NM102 1) identified by NPI (NM108 XX, NM109), with
     * the name of NM103-NM105 and NM107. The TR3 gives these loops no PRV, so a supervisor has no taxonomy.
     * Returns null after recording why when the segment cannot name the supervisor.
     */
    private static Provider supervisingProvider(Segment s, List<FieldError> errors, String where, String loop) {
        String hint = "; or leave loop " + loop + " out when no one other than the rendering provider supervised";
        if (s.has(2) && !"1".equals(s.element(2))) {
            errors.add(new FieldError(where + ", NM102", "NM102 `" + s.element(2) + "`: the supervising provider"
                    + " is a person, entity type qualifier 1; an organization cannot supervise" + hint));
            return null;
        }
        if (!s.has(9)) {
            errors.add(new FieldError(where + ", NM109", "NM109 (supervising provider NPI) is missing: give the"
                    + " supervisor's NPI with NM108 XX" + hint));
            return null;
        }
        if (!"XX".equals(s.element(8))) {
            errors.add(new FieldError(where + ", NM108", "NM108 `" + s.element(8) + "`: the supervising provider must"
                    + " be identified by NPI (qualifier XX), other ids go in REF" + hint));
            return null;
        }
        return new Provider(s.element(9), null, name(s));
    }

    /**
     * Reads the name of an NM1 of loop 2010AA, 2310B or 2420A, which the TR3 requires: NM102 says whether
     * it is a person (1) or an organization (2), NM103 is the last or organization name. Returns the name,
     * or null after recording why there is none.
     */
    private static String providerName(Segment s, List<FieldError> errors, String role, String where) {
        if (!"1".equals(s.element(2)) && !"2".equals(s.element(2))) {
            errors.add(new FieldError(where + ", NM102", (s.has(2) ? "NM102 `" + s.element(2) + "`" : "NM102 is missing")
                    + ": the " + role + " is a person (entity type qualifier 1) or an organization (2)"));
            return null;
        }
        if (!s.has(3)) {
            errors.add(new FieldError(where + ", NM103", "NM103 (the " + role + "'s "
                    + ("1".equals(s.element(2)) ? "last name" : "organization name") + ") is missing: give the name"
                    + " the NPI is registered under, e.g. `NM1*" + s.element(1) + "*" + s.element(2) + "*"
                    + ("1".equals(s.element(2)) ? "SMITH*ANN" : "CITY CLINIC") + "****XX*<NPI>`"));
            return null;
        }
        return name(s);
    }

    /**
     * The name of an NM1 as PPL keeps it: {@code LAST, FIRST MIDDLE SUFFIX} for a person (NM102 1; NM103,
     * NM104, NM105, NM107), NM103 alone for an organization; null when NM103 is empty.
     */
    private static String name(Segment s) {
        if (!s.has(3)) {
            return null;
        }
        if ("2".equals(s.element(2))) {
            return s.element(3);
        }
        String given = String.join(" ", Stream.of(s.element(4), s.element(5), s.element(7))
                .filter(part -> !part.isEmpty()).toList());
        return s.element(3) + (given.isEmpty() ? "" : ", " + given);
    }

    private static String taxonomy(Segment s, String where, List<FieldError> errors) {
        if (!"PXC".equals(s.element(2))) {
            errors.add(new FieldError(where + ", PRV02",
                    "PRV02 `" + s.element(2) + "` is not PXC (taxonomy code qualifier)"));
            return null;
        }
        if (!s.has(3)) {
            errors.add(new FieldError(where + ", PRV03", "PRV03 (taxonomy code) is missing"));
            return null;
        }
        return s.element(3);
    }

    private void demographics(Segment s, String where, Level l) {
        if (!s.has(2)) {
            l.errors.add(new FieldError(where + ", DMG02", "DMG02 (birth date) is missing"));
        } else if (!"D8".equals(s.element(1))) {
            l.errors.add(new FieldError(where + ", DMG01", "DMG01 `" + s.element(1) + "` is not D8"));
        } else {
            l.birthDate = date(s.element(2), "DMG02", where, l.errors);
        }
        String sex = s.element(3);
        if (!sex.isEmpty()) {
            if (Set.of("F", "M", "U").contains(sex)) {
                l.sex = sex;
            } else {
                l.errors.add(new FieldError(where + ", DMG03", "DMG03 `" + sex + "` is not F, M or U"));
            }
        }
    }

    private static LocalDate date(String value, String name, String where, List<FieldError> errors) {
        if (!value.matches("\\d{8}")) {
            errors.add(new FieldError(where + ", " + name, name + " `" + value + "` is not a date CCYYMMDD"));
            return null;
        }
        try {
            return LocalDate.parse(value, D8);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(where + ", " + name, name + " `" + value + "` is not a calendar date"));
            return null;
        }
    }

    private BigDecimal decimal(Segment s, int pos, String name, String what, String where, List<FieldError> errors,
            boolean positive) {
        String value = s.element(pos);
        if (value.isEmpty()) {
            errors.add(new FieldError(where + ", " + name, name + " (" + what + ") is missing"));
            return null;
        }
        if (!DECIMAL.matcher(value).matches()) {
            errors.add(new FieldError(where + ", " + name,
                    name + " `" + value + "` is not a number (" + what + ")" + separatorHint(value)));
            return null;
        }
        BigDecimal number = new BigDecimal(value);
        if (positive && number.signum() <= 0) {
            errors.add(new FieldError(where + ", " + name, name + " `" + value + "`: " + what + " must be more than 0"));
            return null;
        }
        return number;
    }

    /** When a value holds a character that looks like a component separator other than ISA16's. */
    private String separatorHint(String value) {
        for (String candidate : COMPONENT_LOOKALIKES) {
            if (!candidate.equals(componentSeparator) && value.contains(candidate)) {
                return "; ISA16 declares `" + componentSeparator + "` as the component separator, but this value"
                        + " contains `" + candidate + "`";
            }
        }
        return "";
    }

    private String at(Segment s) {
        return prefix(s) + "segment " + s.number() + " " + s.tag();
    }

    private String at(Segment s, String loop) {
        return at(s) + " (loop " + loop + ")";
    }

    private static String prefix(Segment s) {
        return s.interchange() > 1 ? "interchange " + s.interchange() + ", " : "";
    }

    // ---------------------------------------------------------------- drafts

    /** An HL level and what its loops said. */
    private static final class Level {
        final Segment hl;
        final String id;
        final String code;
        Level parent;
        final List<FieldError> errors = new ArrayList<>();
        /** The NM1*85 of loop 2010AA, once read. */
        Segment billingName;
        String billing;
        /** The billing provider's name from that NM1 (NM103-NM105, NM107), or null. */
        String billingProviderName;
        String billingTaxonomy;
        Segment sbr;
        Segment payer;
        String memberId;
        LocalDate birthDate;
        String sex;

        Level(Segment hl) {
            this.hl = hl;
            this.id = hl.element(1);
            this.code = hl.element(3);
        }

        Level up(String wanted) {
            for (Level l = this; l != null; l = l.parent) {
                if (wanted.equals(l.code)) {
                    return l;
                }
            }
            return null;
        }
    }

    /** A claim being read: loop 2300 and its lines. */
    private final class ClaimDraft {
        final Segment clm;
        final Level level;
        final List<FieldError> errors = new ArrayList<>();
        final List<Diagnosis> diagnoses = new ArrayList<>();
        final List<LineDraft> lines = new ArrayList<>();
        String loop = "2300";
        LineDraft line;
        String placeOfService;
        String priorAuthorization;
        String rendering;
        String renderingTaxonomy;
        /** The rendering provider's name from its NM1*82 (NM103-NM105, NM107), or null. */
        String renderingName;
        /** The NM1*DQ of loop 2310D, once read, and the supervisor it names (null when it named none). */
        Segment supervisingName;
        Provider supervising;
        /** HI had errors: pointer checks against it would only repeat them. */
        boolean diagnosisProblem;
        /** A principal diagnosis (ABK/BK), or the bad qualifier in its place, has been read. */
        boolean principalSeen;
        final List<Segment> hiSegments = new ArrayList<>();
        /** Qualifiers of HI codes that are not diagnoses (BG conditions, BP anesthesia...). */
        final List<String> otherHiQualifiers = new ArrayList<>();

        ClaimDraft(Segment clm, Level level) {
            this.clm = clm;
            this.level = level;
        }

        String id() {
            return clm.has(1) ? clm.element(1) : null;
        }

        String label() {
            return clm.has(1) ? "claim " + clm.element(1) : "claim at segment " + clm.number();
        }

        /** {@code segment 23 SV1 (loop 2400, claim CLM-1 line 2)}. */
        String where(Segment s) {
            String loop;
            String lineLabel = "";
            if (line != null && s != clm) {
                loop = line.loop;
                lineLabel = line.number != null ? " line " + line.number : " line at segment " + line.lx.number();
            } else {
                loop = s == clm ? "2300" : this.loop;
            }
            return at(s) + " (loop " + loop + ", " + label() + lineLabel + ")";
        }

        String where(Segment s, String loop) {
            String lineLabel = line == null ? ""
                    : line.number != null ? " line " + line.number : " line at segment " + line.lx.number();
            return at(s) + " (loop " + loop + ", " + label() + lineLabel + ")";
        }
    }

    /** A service line being read: loop 2400 and its sub-loops. */
    private static final class LineDraft {
        final Segment lx;
        String loop = "2400";
        int segmentsAfterLx;
        Integer number;
        Segment sv1;
        String code;
        final List<String> modifiers = new ArrayList<>();
        BigDecimal charge;
        Double units;
        String placeOfService;
        /** SV101-7, or null. */
        String description;
        final List<Integer> pointers = new ArrayList<>();
        final List<String> pointerElements = new ArrayList<>();
        Segment dateSegment;
        LocalDate date;
        Segment lin;
        Segment ctp;
        String ndc;
        Double drugQuantity;
        String drugUnit;
        String rendering;
        String renderingTaxonomy;
        /** The rendering provider's name from its NM1*82 (NM103-NM105, NM107), or null. */
        String renderingName;
        /** The NM1*DQ of loop 2420D, once read, and the supervisor it names (null when it named none). */
        Segment supervisingName;
        Provider supervising;
        /** SV2 or SV3 where SV1 belongs: an institutional or dental line. */
        String otherService;
        /** This line's problems (also in the claim's list); in lenient mode the line is left out for them. */
        final List<FieldError> errors = new ArrayList<>();
        ServiceLine read;

        LineDraft(Segment lx) {
            this.lx = lx;
        }
    }
}
