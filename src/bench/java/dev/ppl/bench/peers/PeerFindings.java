package dev.ppl.bench.peers;

import dev.ppl.api.Decision;
import dev.ppl.api.Finding;
import dev.ppl.bench.CoreByHand;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ServiceLine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the peers share with the hand-written baseline around the rules: whether the policy applies
 * to a claim (payer type medicare, a line on or after 2020-10-01, checked on the claim model before
 * any conversion, as {@code CoreByHand} and the engine do), the policy's effective date applied to
 * each finding's line, and the decision (findings sorted as the engine sorts them, exact repeats
 * dropped, the worst severity as the outcome: {@link CoreByHand#decision}). The rules themselves,
 * and every finding's fields, come from the peer.
 */
public final class PeerFindings {
    static final String REF = "medicare.injection.core@1.1.0";
    static final String FROM = "2020-10-01";
    private static final LocalDate FROM_DATE = LocalDate.parse(FROM);

    private final List<Finding> findings = new ArrayList<>();

    /** Whether the snapshot policy judges this claim at all. */
    public static boolean applies(Claim c) {
        if (c.payer() == null || c.payer().type() == null || !c.payer().type().key().equals("medicare")) {
            return false;
        }
        for (ServiceLine l : c.lines()) {
            if (l.serviceDate() != null && !l.serviceDate().isBefore(FROM_DATE)) {
                return true;
            }
        }
        return false;
    }

    /** The decision of a claim the policy does not apply to. */
    public static Decision notJudged(Claim c) {
        return new Decision(c.claimId(), "clean", List.of(), List.of());
    }

    /**
     * A finding on a line (its number and ISO service date, {@code ""} when it has none); dropped
     * when the line is outside the policy's effective range, as the engine drops it.
     */
    public void add(String rule, String severity, int line, String date, String group, String carc, List<String> rarc,
            String message, String fix, String citation) {
        if (date == null || date.isEmpty() || date.compareTo(FROM) < 0) {
            return;
        }
        findings.add(new Finding(rule, REF, severity, line, group, carc, rarc, message, fix, citation, null));
    }

    /** The same with the line's service date as a date (Drools' facts keep the claim's dates). */
    public void add(String rule, String severity, int line, LocalDate date, String group, String carc, List<String> rarc,
            String message, String fix, String citation) {
        if (date == null || date.isBefore(FROM_DATE)) {
            return;
        }
        findings.add(new Finding(rule, REF, severity, line, group, carc, rarc, message, fix, citation, null));
    }

    public Decision decision(String claimId) {
        return CoreByHand.decision(claimId, findings);
    }
}
