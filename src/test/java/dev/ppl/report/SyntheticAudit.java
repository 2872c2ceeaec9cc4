package dev.ppl.report;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.audit.Audit;
import dev.ppl.audit.AuditResult;
import dev.ppl.audit.Pseudonyms;
import dev.ppl.audit.Remittances;
import dev.ppl.audit.SyntheticPractice;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.formats.x12.Remittance;
import dev.ppl.formats.x12.RemittanceReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The bundled library's audit of a synthetic practice, with its remittances. */
final class SyntheticAudit {
    private SyntheticAudit() {}

    /**
     * Six months of five providers (52 patients each, so that every provider clears every
     * measure's minimum volume of 30 patients and is compared): about 2,100 claims, for the
     * default test run.
     */
    static final SyntheticPractice PRACTICE = SyntheticPractice.of(7, 5, 260, 2025).months(6);
    /** A year of six providers (60 patients each): about 5,300 claims, for -Pslow and the README's screenshot. */
    static final SyntheticPractice YEAR = SyntheticPractice.of(7, 6, 360, 2025);

    private static final Map<SyntheticPractice, AuditResult> RESULTS = new HashMap<>();

    static AuditResult result() {
        return result(PRACTICE);
    }

    static synchronized AuditResult result(SyntheticPractice practice) {
        AuditResult cached = RESULTS.get(practice);
        if (cached != null) {
            return cached;
        }
        PolicyEngine engine = PolicyEngine.builder().loadBundled().build();
        List<String> claims = new ArrayList<>();
        List<Remittance> remits = new ArrayList<>();
        practice.generate(claims::add, x12 -> remits.add(RemittanceReader.read(
                new ByteArrayInputStream(x12.getBytes(StandardCharsets.ISO_8859_1)), "synthetic.835")));
        for (Remittance r : remits) {
            if (!r.errors().isEmpty() || r.claims().stream().anyMatch(c -> !c.errors().isEmpty())) {
                throw new AssertionError("the generated 835 has defects: " + r.errors());
            }
        }
        Audit audit = Audit.of(engine.policies(), Pseudonyms.keyed("synthetic-practice-key".getBytes(
                StandardCharsets.UTF_8)));
        // as ppl audit does it: measures on the cores, one tally each, merged; remittances in order
        Claim[] read = new Claim[claims.size()];
        Decision[] decisions = new Decision[claims.size()];
        List<Audit.Tally> parts = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<Audit.Tally> part = ThreadLocal.withInitial(() -> {
            Audit.Tally t = audit.tally();
            parts.add(t);
            return t;
        });
        IntStream.range(0, claims.size()).parallel().forEach(i -> {
            ClaimReadResult r = ClaimJson.read(claims.get(i));
            if (!r.isOk()) {
                throw new AssertionError("a generated claim is invalid: " + r.errors() + "\n" + claims.get(i));
            }
            read[i] = r.claim();
            decisions[i] = engine.evaluate(r);
            part.get().addMeasured(read[i], decisions[i]);
        });
        Audit.Tally tally = audit.tally().remittances(Remittances.of(remits));
        parts.forEach(tally::merge);
        for (int i = 0; i < read.length; i++) {
            tally.addRemitted(read[i], decisions[i]);
        }
        AuditResult result = tally.result();
        RESULTS.put(practice, result);
        return result;
    }
}
