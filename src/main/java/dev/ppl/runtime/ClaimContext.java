package dev.ppl.runtime;

import dev.ppl.claim.Claim;
import dev.ppl.claim.Diagnosis;
import dev.ppl.claim.ServiceLine;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A claim prepared for evaluation: lines by number and diagnoses resolved through pointers. One
 * evaluation's own object (not shared between threads), so the lazily resolved parts need no
 * locking.
 */
public final class ClaimContext {
    private final Claim claim;
    private final ServiceLine[] byNumber;
    /** Lines by number when some number is too large for {@link #byNumber}, else null. */
    private final Map<Integer, ServiceLine> sparse;
    /** Each line's diagnoses, resolved on first use: most rules never read them. */
    private Map<ServiceLine, List<String>> lineDiagnoses;
    private List<String> diagnosisCodes;
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
        // an array by number when the numbers are small (they are 1..50 on real claims); a map
        // otherwise, so a line numbered 2147483647 costs no more than one numbered 2
        if (max < 1024) {
            this.byNumber = new ServiceLine[max + 1];
            this.sparse = null;
        } else {
            this.byNumber = new ServiceLine[0];
            this.sparse = new java.util.HashMap<>();
        }
        for (ServiceLine l : claim.lines()) {
            if (l.line() >= 0) {
                if (sparse == null) {
                    byNumber[l.line()] = l;
                } else {
                    sparse.put(l.line(), l);
                }
            }
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
        if (sparse != null) {
            return number == null ? null : sparse.get(number);
        }
        return number == null || number < 0 || number >= byNumber.length ? null : byNumber[number];
    }

    /** The diagnosis codes a line points at, in pointer order. */
    public List<String> diagnosesOf(ServiceLine line) {
        if (lineDiagnoses == null) {
            List<String> codes = diagnosisCodes();
            Map<ServiceLine, List<String>> resolved = new IdentityHashMap<>();
            for (ServiceLine l : claim.lines()) {
                List<String> own = new ArrayList<>(l.diagnosisPointers().size());
                for (int p : l.diagnosisPointers()) {
                    if (p >= 1 && p <= codes.size()) {
                        own.add(codes.get(p - 1));
                    }
                }
                resolved.put(l, List.copyOf(own));
            }
            lineDiagnoses = resolved;
        }
        List<String> d = lineDiagnoses.get(line);
        return d == null ? List.of() : d;
    }

    /** The claim's diagnosis codes in claim order. */
    public List<String> diagnosisCodes() {
        if (diagnosisCodes == null) {
            List<String> codes = new ArrayList<>(claim.diagnoses().size());
            for (Diagnosis d : claim.diagnoses()) {
                codes.add(d.code());
            }
            diagnosisCodes = List.copyOf(codes);
        }
        return diagnosisCodes;
    }
}
