package dev.ppl.bench;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.claim.Claim;
import dev.ppl.claim.Injection;
import dev.ppl.claim.ServiceLine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of {@code src/bench/policies/three-rules.ppl} written by hand, as a host would
 * without PPL: the baseline for what the compiled policy costs. Messages are built as the
 * policy's templates build them, so the work compared is the same.
 */
final class HandWritten {
    private static final LocalDate FROM = LocalDate.of(2020, 10, 1);
    private static final Decision.PolicyRef POLICY = new Decision.PolicyRef("bench.three-rules", "1.0.0", "sha256:hand");
    private static final String REF = "bench.three-rules@1.0.0";

    private HandWritten() {}

    private static boolean officeEm(String code) {
        if (code.length() != 5) {
            return false;
        }
        return (code.compareTo("99202") >= 0 && code.compareTo("99205") <= 0)
                || (code.compareTo("99212") >= 0 && code.compareTo("99215") <= 0);
    }

    private static boolean drug(String code) {
        return code.length() == 5 && code.compareTo("J0120") >= 0 && code.compareTo("J9999") <= 0;
    }

    static Decision check(Claim c) {
        List<Finding> findings = new ArrayList<>();
        boolean medicare = c.payer() != null && c.payer().type() != null && c.payer().type().key().equals("medicare");
        boolean any = false;
        if (medicare) {
            for (ServiceLine inj : c.lines()) {
                if (inj.serviceDate().isBefore(FROM)) {
                    continue;
                }
                any = true;
                if (inj.code().equals("96372")) {
                    boolean drugLine = false;
                    double billed = 0;
                    for (ServiceLine d : c.lines()) {
                        drugLine |= drug(d.code()) && d.serviceDate().equals(inj.serviceDate());
                        if (d.code().equals("96372") && d.serviceDate().equals(inj.serviceDate())) {
                            billed += d.units();
                        }
                    }
                    if (!drugLine) {
                        findings.add(new Finding("drug-line-missing", REF, "deny", inj.line(), "CO", "16", List.of("M20"),
                                inj.code() + " on line " + inj.line() + " (" + inj.serviceDate() + ") has no drug line billed with it",
                                "add the drug's HCPCS code (e.g. a J-code) with units from the documented dose", null, null));
                    }
                    int given = 0;
                    for (Injection i : c.injections()) {
                        ServiceLine admin = c.line(i.adminLine());
                        if (admin != null && admin.serviceDate().equals(inj.serviceDate())) {
                            given++;
                        }
                    }
                    if (given > 0 && billed > given) {
                        findings.add(new Finding("duplicate-injection-lines", REF, "deny", inj.line(), "CO", "18", List.of(),
                                billed + " units of 96372 billed on " + inj.serviceDate() + " but " + given
                                        + " injection(s) documented",
                                "bill one 96372 unit per injection given; document each injection's site and time", null, null));
                    }
                }
                if (officeEm(inj.code()) && !inj.modifiers().contains("25")) {
                    for (ServiceLine i : c.lines()) {
                        if (i.code().equals("96372") && i.serviceDate().equals(inj.serviceDate())) {
                            findings.add(new Finding("em-same-day-needs-25", REF, "deny", inj.line(), "CO", "4", List.of(),
                                    inj.code() + " on line " + inj.line() + " is billed with 96372 on " + inj.serviceDate()
                                            + " without modifier 25",
                                    "add modifier 25 to line " + inj.line()
                                            + " if the visit had separately identifiable work; otherwise remove the E/M",
                                    "NCCI PTP 96372/" + inj.code() + ", modifier indicator 1", null));
                            break;
                        }
                    }
                }
            }
        }
        findings.sort(Comparator.comparing((Finding f) -> f.line()).thenComparing(Finding::rule));
        return new Decision(c.claimId(), findings.isEmpty() ? "clean" : "deny", any ? List.of(POLICY) : List.of(), findings);
    }
}
