package dev.ppl.audit;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.source.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/** Small claims and policies written inline for the audit tests. */
final class Corpus {
    private Corpus() {}

    static final byte[] KEY = "audit-test-key-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    static PolicySet policies(String text) {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(List.of(PolicySource.of("audit.ppl", text)), diagnostics);
        if (diagnostics.hasErrors()) {
            throw new AssertionError(diagnostics.render());
        }
        return set;
    }

    static Diagnostics diagnostics(String text) {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet.compile(List.of(PolicySource.of("audit.ppl", text)), diagnostics);
        return diagnostics;
    }

    /** A line: code, modifiers (space separated), units, date, diagnosis pointers. */
    record Line(String code, String modifiers, double units, String date) {}

    static Line line(String code, String modifiers, double units, String date) {
        return new Line(code, modifiers, units, date);
    }

    static Claim claim(String id, String npi, String patient, List<String> diagnoses, List<Line> lines) {
        return claim(id, npi, patient, diagnoses, lines, "", "");
    }

    /**
     * A Medicare claim; {@code injections} and {@code history} are JSON array bodies (may be
     * empty).
     */
    static Claim claim(String id, String npi, String patient, List<String> diagnoses, List<Line> lines,
            String injections, String history) {
        StringBuilder json = new StringBuilder();
        json.append("{\"claimId\":\"").append(id).append("\",")
                .append("\"payer\":{\"id\":\"medicare\",\"type\":\"medicare\",\"jurisdiction\":\"JF\"},")
                .append("\"patient\":{\"id\":\"").append(patient).append("\"},")
                .append("\"billingProvider\":{\"npi\":\"").append(npi).append("\"},")
                .append("\"placeOfService\":\"11\",\"diagnoses\":[");
        for (int i = 0; i < diagnoses.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(diagnoses.get(i)).append('"');
        }
        json.append("],\"lines\":[");
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            List<String> mods = new ArrayList<>();
            for (String m : l.modifiers().split(" ")) {
                if (!m.isBlank()) {
                    mods.add('"' + m + '"');
                }
            }
            json.append(i == 0 ? "" : ",").append("{\"line\":").append(i + 1).append(",\"code\":\"").append(l.code())
                    .append("\",\"modifiers\":[").append(String.join(",", mods)).append("],\"units\":").append(l.units())
                    .append(",\"charge\":10.00,\"serviceDate\":\"").append(l.date()).append("\",\"diagnosisPointers\":[")
                    .append(diagnoses.isEmpty() ? "" : (i % diagnoses.size()) + 1).append("]}");
        }
        json.append("],\"injections\":[").append(injections).append("],\"history\":[").append(history).append("]}");
        ClaimReadResult read = ClaimJson.read(json.toString());
        if (!read.isOk()) {
            throw new AssertionError(read.errors() + "\n" + json);
        }
        return read.claim();
    }

    static AuditResult audit(PolicySet set, List<Claim> claims) {
        Audit audit = Audit.of(set, Pseudonyms.keyed(KEY));
        Audit.Tally tally = audit.tally();
        claims.forEach(c -> tally.add(c, set.evaluate(c)));
        return tally.result();
    }

    static AuditResult.MeasureResult measure(AuditResult r, String id) {
        return r.measures().stream().filter(m -> m.key().endsWith("/" + id)).findFirst()
                .orElseThrow(() -> new AssertionError("no measure " + id));
    }

    static AuditResult.GroupResult group(AuditResult.MeasureResult m, String... key) {
        return m.groups().stream().filter(g -> g.key().equals(List.of(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + List.of(key) + " in " + m.groups()));
    }
}
