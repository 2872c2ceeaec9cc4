package dev.ppl.formats.x12;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A deliberately naive, independent view of an X12 file for tests: splits it on the separators its ISA
 * declares and groups the segments per CLM, so tests can check the reader's values against the segments
 * they came from without going through the reader's own StAEDI-based code.
 */
final class X12Oracle {

    /** A segment: tag, position in its interchange (ISA = 1), elements with their components. */
    record Seg(int number, String tag, List<List<String>> elements) {
        String e(int i) {
            return c(i, 1);
        }

        String c(int i, int comp) {
            if (i < 1 || i > elements.size()) {
                return "";
            }
            List<String> cs = elements.get(i - 1);
            return comp > cs.size() ? "" : cs.get(comp - 1);
        }

        List<String> comps(int i) {
            return i < 1 || i > elements.size() ? List.of() : elements.get(i - 1);
        }

        boolean is(String tag, String first) {
            return this.tag.equals(tag) && e(1).equals(first);
        }
    }

    /** What a CLM's surroundings say, gathered the simple way. */
    static final class ClaimContext {
        Seg clm;
        final List<Seg> body = new ArrayList<>();
        Seg billingNm1;
        Seg billingPrv;
        Seg subscriberSbr;
        Seg subscriberNm1;
        Seg subscriberDmg;
        Seg payerNm1;
        Seg patientDmg;
        boolean underPatientLevel;
    }

    private X12Oracle() {}

    static List<Seg> segments(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        int start = s.indexOf("ISA");
        String element = Pattern.quote(String.valueOf(s.charAt(start + 3)));
        String component = Pattern.quote(String.valueOf(s.charAt(start + 104)));
        String terminator = Pattern.quote(String.valueOf(s.charAt(start + 105)));
        List<Seg> out = new ArrayList<>();
        int number = 0;
        for (String raw : s.substring(start).split(terminator)) {
            String text = raw.strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split(element, -1);
            if (parts[0].equals("ISA")) {
                number = 0;
            }
            number++;
            List<List<String>> elements = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                elements.add(parts[0].equals("ISA") ? List.of(parts[i]) : Arrays.asList(parts[i].split(component, -1)));
            }
            out.add(new Seg(number, parts[0], elements));
        }
        return out;
    }

    static long count(List<Seg> segments, String tag) {
        return segments.stream().filter(x -> x.tag().equals(tag)).count();
    }

    /** One context per CLM, in file order. */
    static List<ClaimContext> claims(List<Seg> segments) {
        List<ClaimContext> out = new ArrayList<>();
        Seg billingNm1 = null;
        Seg billingPrv = null;
        Seg sbr = null;
        Seg subscriberNm1 = null;
        Seg subscriberDmg = null;
        Seg payer = null;
        Seg patientDmg = null;
        boolean patientLevel = false;
        String lastEntity = "";
        ClaimContext current = null;
        for (Seg x : segments) {
            switch (x.tag()) {
                case "HL" -> {
                    current = null;
                    switch (x.e(3)) {
                        case "20" -> {
                            billingNm1 = null;
                            billingPrv = null;
                        }
                        case "22" -> {
                            sbr = null;
                            subscriberNm1 = null;
                            subscriberDmg = null;
                            payer = null;
                            patientLevel = false;
                            patientDmg = null;
                        }
                        case "23" -> {
                            patientLevel = true;
                            patientDmg = null;
                        }
                        default -> { }
                    }
                    lastEntity = "";
                }
                case "SE" -> current = null;
                case "CLM" -> {
                    current = new ClaimContext();
                    current.clm = x;
                    current.billingNm1 = billingNm1;
                    current.billingPrv = billingPrv;
                    current.subscriberSbr = sbr;
                    current.subscriberNm1 = subscriberNm1;
                    current.subscriberDmg = subscriberDmg;
                    current.payerNm1 = payer;
                    current.patientDmg = patientDmg;
                    current.underPatientLevel = patientLevel;
                    out.add(current);
                }
                default -> {
                    if (current != null) {
                        current.body.add(x);
                    } else {
                        if (x.tag().equals("NM1")) {
                            lastEntity = x.e(1);
                            switch (lastEntity) {
                                case "85" -> billingNm1 = x;
                                case "IL" -> subscriberNm1 = x;
                                case "PR" -> payer = x;
                                default -> { }
                            }
                        } else if (x.is("PRV", "BI")) {
                            billingPrv = x;
                        } else if (x.tag().equals("SBR")) {
                            sbr = x;
                        } else if (x.tag().equals("DMG")) {
                            if (lastEntity.equals("IL")) {
                                subscriberDmg = x;
                            } else if (lastEntity.equals("QC")) {
                                patientDmg = x;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The segments of the claim before its first LX (loop 2300 and its sub-loops). */
    static List<Seg> claimLevel(ClaimContext c) {
        List<Seg> out = new ArrayList<>();
        for (Seg x : c.body) {
            if (x.tag().equals("LX")) {
                break;
            }
            out.add(x);
        }
        return out;
    }

    /** The service lines: each list starts with its LX. */
    static List<List<Seg>> lines(ClaimContext c) {
        List<List<Seg>> out = new ArrayList<>();
        for (Seg x : c.body) {
            if (x.tag().equals("LX")) {
                out.add(new ArrayList<>());
            }
            if (!out.isEmpty()) {
                out.get(out.size() - 1).add(x);
            }
        }
        return out;
    }
}
