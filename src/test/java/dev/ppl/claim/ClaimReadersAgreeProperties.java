package dev.ppl.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The streaming and the tree claim readers agree on the contract example with up to four random mutations. */
class ClaimReadersAgreeProperties {

    @Property
    void bothReadersGiveEqualClaimsAndEqualErrors(@ForAll("mutations") List<ClaimJsonProperties.Mutation> mutations) {
        String text = ClaimJsonProperties.mutate(mutations).toString();
        ClaimReadResult tree = ClaimJson.readTree(text);
        assertEquals(tree, ClaimJson.read(text));
        Claim streamed = StreamingClaimReader.read(text);
        if (streamed != null) {
            assertEquals(tree.claim(), streamed);
        }
        Statistics.label("read by").collect(streamed != null ? "stream" : tree.isOk() ? "tree, a claim" : "tree, errors");
    }

    @Property
    void anyStringGivesTheSameResult(@ForAll String text) {
        assertEquals(ClaimJson.readTree(text), ClaimJson.read(text));
    }

    @Provide
    Arbitrary<List<ClaimJsonProperties.Mutation>> mutations() {
        return ClaimJsonProperties.mutations(Arbitraries.of(
                ClaimJsonProperties.NODES.numberNode(1e20),
                ClaimJsonProperties.NODES.numberNode(new java.math.BigDecimal("1E+400")),
                ClaimJsonProperties.NODES.numberNode(new java.math.BigDecimal("99999999999999999999"))));
    }
}
