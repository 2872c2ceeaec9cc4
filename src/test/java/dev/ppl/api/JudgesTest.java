package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.source.Diagnostics;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PolicySet#judges} makes the same choice as evaluation, and {@link PolicySet#whyNotJudged} says why not. */
class JudgesTest {
    private static final String POLICY = """
            policy p
              version 1.0.0
              applies to payer type medicare
              jurisdiction JN, JF
              effective 2026-01-01 to 2026-06-30
              cites "fixture"
            rule r
              for each l in lines
              when true
              info line l
                message "seen"
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "medicare | JF | 2026-03-02 | ",
        "commercial | JF | 2026-03-02 | it applies to payer type medicare; this claim's payer is x (type commercial)",
        "medicare | JL | 2026-03-02 | it applies in jurisdiction JF, JN; this claim's jurisdiction is JL",
        "medicare | JF | 2026-07-01 | it is in force 2026-01-01 to 2026-06-30; this claim's dates of service are 2026-07-01",
    })
    void judgesAgreesWithEvaluation(String type, String jurisdiction, String date, String why) {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(List.of(PolicySource.of("p.ppl", POLICY)), diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics::render);
        Claim claim = ClaimJson.read("{\"claimId\": \"C\", \"payer\": {\"id\": \"x\", \"type\": \"" + type
                + "\", \"jurisdiction\": \"" + jurisdiction + "\"}, \"lines\": [{\"line\": 1, \"code\": \"96372\", "
                + "\"units\": 1, \"serviceDate\": \"" + date + "\"}]}").claim();
        var info = set.entries().get(0).compiled().info();
        boolean evaluated = !set.evaluate(claim).policies().isEmpty();
        assertEquals(evaluated, PolicySet.judges(info, claim));
        if (why == null) {
            assertNull(PolicySet.whyNotJudged(info, claim));
        } else {
            assertEquals(why, PolicySet.whyNotJudged(info, claim));
        }
    }
}
