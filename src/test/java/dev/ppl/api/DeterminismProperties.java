package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The same claim evaluated twice gives byte-identical decision JSON, and evaluation never throws. */
class DeterminismProperties {
    private static final PolicyEngine ENGINE = PolicyEngine.builder().load(Path.of("policies")).build();

    @Property(tries = 200)
    void sameClaimSameDecision(@ForAll("claims") String json) {
        ClaimReadResult read = ClaimJson.read(json);
        String first = DecisionJson.compact(ENGINE.evaluate(read));
        String second = DecisionJson.compact(ENGINE.evaluate(ClaimJson.read(json)));
        assertEquals(first, second);
    }

    @Provide
    Arbitrary<String> claims() {
        Arbitrary<String> code = Arbitraries.of("96372", "99213", "99211", "J3420", "J3301", "90471", "96374", "J9999");
        Arbitrary<String> modifiers = Arbitraries.of("[]", "[\"25\"]", "[\"59\"]", "[\"JZ\"]", "[\"XS\",\"JW\"]");
        Arbitrary<String> date = Arbitraries.of("2019-05-01", "2023-06-30", "2023-07-01", "2026-03-02");
        Arbitrary<Integer> units = Arbitraries.integers().between(1, 12);
        Arbitrary<String> line = Combinators.combine(code, modifiers, date, units).as((c, m, d, u) ->
                "{\"line\": %%d, \"code\": \"%s\", \"modifiers\": %s, \"units\": %d, \"serviceDate\": \"%s\", \"diagnosisPointers\": [1]}"
                        .formatted(c, m, u, d));
        return line.list().ofMinSize(1).ofMaxSize(6).map(lines -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                out.append(i == 0 ? "" : ",").append(lines.get(i).replace("%d", String.valueOf(i + 1)));
            }
            return """
                    {"claimId": "P-1", "payer": {"id": "medicare", "type": "medicare", "jurisdiction": "JN"},
                     "diagnoses": ["D51.0", "Z23"], "lines": [%s],
                     "injections": [{"adminLine": 1, "route": "IM", "drugs": [{"line": 1, "name": "b12", "dose": {"value": 1000, "unit": "mcg"}}]}]}
                    """.formatted(out);
        });
    }
}
