package dev.ppl.report;

import dev.ppl.api.PolicyEngine;
import dev.ppl.audit.Audit;
import dev.ppl.audit.AuditResult;
import dev.ppl.audit.Pseudonyms;
import dev.ppl.audit.Remittances;
import dev.ppl.audit.SyntheticPractice;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.formats.x12.Remittance;
import dev.ppl.formats.x12.RemittanceReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bundled library's audit of a synthetic practice, with its remittances. */
final class SyntheticAudit {
    private SyntheticAudit() {}

    static final SyntheticPractice PRACTICE = SyntheticPractice.of(7, 6, 360, 2025);
    private static AuditResult result;

    static synchronized AuditResult result() {
        if (result == null) {
            PolicyEngine engine = PolicyEngine.builder().loadBundled().build();
            List<String> claims = new ArrayList<>();
            List<Remittance> remits = new ArrayList<>();
            PRACTICE.generate(claims::add, x12 -> remits.add(RemittanceReader.read(
                    new ByteArrayInputStream(x12.getBytes(StandardCharsets.ISO_8859_1)), "synthetic.835")));
            for (Remittance r : remits) {
                if (!r.errors().isEmpty() || r.claims().stream().anyMatch(c -> !c.errors().isEmpty())) {
                    throw new AssertionError("the generated 835 has defects: " + r.errors());
                }
            }
            Audit.Tally tally = Audit.of(engine.policies(), Pseudonyms.keyed("synthetic-practice-key".getBytes(
                    StandardCharsets.UTF_8))).tally().remittances(Remittances.of(remits));
            for (String json : claims) {
                ClaimReadResult read = ClaimJson.read(json);
                if (!read.isOk()) {
                    throw new AssertionError("a generated claim is invalid: " + read.errors() + "\n" + json);
                }
                tally.add(read.claim(), engine.evaluate(read));
            }
            result = tally.result();
        }
        return result;
    }
}
