package dev.ppl.api;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.source.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/** Small policies and claims written inline for the api tests. */
final class Policies {
    private Policies() {}

    /** A policy with one rule that tags every 96372 line with {@code tag}. */
    static String tagging(String id, String version, String applies, String effective, String tag) {
        return """
                policy %s
                  version %s
                  applies to %s
                  effective %s

                rule tag
                  "tags every injection line"
                  for each l in lines where l.code = 96372
                  when l.units > 0
                  review line l group CO carc 16
                    message "%s on line {l.line}"
                """.formatted(id, version, applies, effective, tag);
    }

    static PolicySet compile(String... namesAndTexts) {
        List<PolicySource> sources = new ArrayList<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            sources.add(PolicySource.of(namesAndTexts[i], namesAndTexts[i + 1]));
        }
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, diagnostics);
        if (diagnostics.hasErrors()) {
            throw new AssertionError(diagnostics.render());
        }
        return set;
    }

    static Diagnostics diagnostics(String... namesAndTexts) {
        List<PolicySource> sources = new ArrayList<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            sources.add(PolicySource.of(namesAndTexts[i], namesAndTexts[i + 1]));
        }
        Diagnostics diagnostics = new Diagnostics();
        PolicySet.compile(sources, diagnostics);
        return diagnostics;
    }

    /** A claim with one 96372 line per date, numbered from 1. */
    static Claim claim(String payerId, String payerType, String jurisdiction, String... dates) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < dates.length; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"line\": ").append(i + 1)
                    .append(", \"code\": \"96372\", \"units\": 1, \"serviceDate\": \"").append(dates[i]).append("\"}");
        }
        String payer = "{\"id\": \"" + payerId + "\""
                + (payerType == null ? "" : ", \"type\": \"" + payerType + "\"")
                + (jurisdiction == null ? "" : ", \"jurisdiction\": \"" + jurisdiction + "\"") + "}";
        ClaimReadResult read = ClaimJson.read("{\"claimId\": \"C-1\", \"payer\": " + payer + ", \"lines\": [" + lines + "]}");
        if (!read.isOk()) {
            throw new AssertionError(read.errors());
        }
        return read.claim();
    }
}
