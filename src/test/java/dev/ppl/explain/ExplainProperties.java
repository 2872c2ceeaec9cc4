package dev.ppl.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.source.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;

/**
 * Explaining never changes the decision (the traced policies decide exactly as the normal ones)
 * and accounts for every finding, on random claims built from the codes the policies know.
 */
class ExplainProperties {
    private static final List<PolicySource> FIXTURES = PolicySource.directory(Path.of("src/test/resources/explain/policies"));
    private static final List<PolicySource> LIBRARY = PolicySource.directory(Path.of("policies"));
    private static final PolicySet FIXTURE_SET = compile(FIXTURES);
    private static final PolicySet LIBRARY_SET = compile(LIBRARY);
    private static final Explainer FIXTURE_EXPLAINER = Explainer.of(FIXTURES);
    private static final Explainer LIBRARY_EXPLAINER = Explainer.of(LIBRARY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PolicySet compile(List<PolicySource> sources) {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, diagnostics);
        if (diagnostics.hasErrors()) {
            throw new IllegalStateException(diagnostics.render());
        }
        return set;
    }

    @Property(tries = 150)
    void explainingGivesTheSameDecisionAndExplainsEveryFinding(@ForAll long seed) {
        Claim claim = randomClaim(new Random(seed));
        check(claim, FIXTURE_SET, FIXTURE_EXPLAINER);
        check(claim, LIBRARY_SET, LIBRARY_EXPLAINER);
    }

    @Tag("slow")
    @Property(tries = 5_000)
    void manyRandomClaims(@ForAll long seed) {
        explainingGivesTheSameDecisionAndExplainsEveryFinding(seed);
    }

    private static void check(Claim claim, PolicySet set, Explainer explainer) {
        Decision expected = set.evaluate(claim);
        Explanation x = explainer.explain(claim);
        assertEquals(expected.outcome(), x.outcome());
        assertEquals(expected.findings(), x.findings());
        ExplainerTest.assertEveryFindingExplained(x);
        ExplanationJson.render(x);
    }

    static Claim randomClaim(Random r) {
        ObjectNode claim = JSON.createObjectNode();
        claim.put("claimId", "R-" + r.nextInt(1000));
        ObjectNode payer = claim.putObject("payer");
        boolean medicare = r.nextBoolean();
        payer.put("id", medicare ? "medicare" : "acme-health");
        payer.put("type", medicare ? "medicare" : "commercial");
        ArrayNode diagnoses = claim.putArray("diagnoses");
        diagnoses.add("D51.0");
        diagnoses.add("M54.50");
        ArrayNode lines = claim.putArray("lines");
        int n = 1 + r.nextInt(4);
        String[] codes = {"99213", "96372", "J3420", "J1885", "99214", "96373"};
        String[] dates = {"2019-05-01", "2026-03-02", "2026-03-03"};
        for (int i = 1; i <= n; i++) {
            ObjectNode line = lines.addObject();
            line.put("line", i);
            line.put("code", codes[r.nextInt(codes.length)]);
            ArrayNode modifiers = line.putArray("modifiers");
            for (String m : new String[] {"25", "59", "JZ"}) {
                if (r.nextInt(3) == 0) {
                    modifiers.add(m);
                }
            }
            line.put("units", 1 + r.nextInt(3));
            line.put("serviceDate", dates[r.nextInt(dates.length)]);
            line.putArray("diagnosisPointers").add(1 + r.nextInt(2));
        }
        ArrayNode injections = claim.putArray("injections");
        int k = r.nextInt(3);
        for (int i = 0; i < k; i++) {
            ObjectNode inj = injections.addObject();
            inj.put("adminLine", 1 + r.nextInt(n));
            if (r.nextBoolean()) {
                inj.put("note", r.nextBoolean() ? "cyanocobalamin 1000 mcg IM" : "IM injection");
            }
        }
        ClaimReadResult read = ClaimJson.read(claim);
        Assume.that(read.isOk());
        return read.claim();
    }
}
