package dev.ppl.runtime;

import dev.ppl.claim.Claim;
import dev.ppl.claim.Diagnosis;
import dev.ppl.claim.ServiceLine;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A claim prepared for evaluation: lines by number and diagnoses resolved through pointers. */
public final class ClaimContext {
    private final Claim claim;
    private final ServiceLine[] byNumber;
    private final Map<ServiceLine, List<String>> lineDiagnoses;
    private final List<String> diagnosisCodes;
    private final Budget budget;

    /** A claim evaluated without a work limit (tools that trace one claim). */
    public ClaimContext(Claim claim) {
        this(claim, Budget.unlimited());
    }

    /** A claim whose evaluation may do the work {@code budget} allows. */
    public ClaimContext(Claim claim, Budget budget) {
        this.claim = claim;
        this.budget = budget;
        int max = 0;
        for (ServiceLine l : claim.lines()) {
            max = Math.max(max, l.line());
        }
        this.byNumber = new ServiceLine[max + 1];
        for (ServiceLine l : claim.lines()) {
            if (l.line() >= 0) {
                byNumber[l.line()] = l;
            }
        }
        List<String> codes = new ArrayList<>(claim.diagnoses().size());
        for (Diagnosis d : claim.diagnoses()) {
            codes.add(d.code());
        }
        this.diagnosisCodes = List.copyOf(codes);
        this.lineDiagnoses = new IdentityHashMap<>();
        for (ServiceLine l : claim.lines()) {
            List<String> resolved = new ArrayList<>(l.diagnosisPointers().size());
            for (int p : l.diagnosisPointers()) {
                if (p >= 1 && p <= codes.size()) {
                    resolved.add(codes.get(p - 1));
                }
            }
            lineDiagnoses.put(l, List.copyOf(resolved));
        }
    }

    public Claim claim() {
        return claim;
    }

    /** The work this claim's evaluation may still do. */
    public Budget budget() {
        return budget;
    }

    /** The line with this number, or null. */
    public ServiceLine line(Integer number) {
        return number == null || number < 0 || number >= byNumber.length ? null : byNumber[number];
    }

    /** The diagnosis codes a line points at, in pointer order. */
    public List<String> diagnosesOf(ServiceLine line) {
        List<String> d = lineDiagnoses.get(line);
        return d == null ? List.of() : d;
    }

    /** The claim's diagnosis codes in claim order. */
    public List<String> diagnosisCodes() {
        return diagnosisCodes;
    }
}
