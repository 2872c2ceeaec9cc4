package dev.ppl.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.DecisionJson;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.x12.X12ClaimReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The seed scenarios written as X12 837P files ({@code examples/x12/NAME.837}) decide exactly
 * like their JSON twins ({@code examples/claims/NAME.json}).
 */
class X12TwinsTest {
    private static final Path X12 = Path.of("examples", "x12");
    private static final PolicyEngine ENGINE = PolicyEngine.builder().load(Path.of("policies")).build();

    @TestFactory
    Stream<DynamicTest> eachTwinDecidesLikeItsJson() throws IOException {
        PayerMapping payers = PayerMapping.defaults().overriddenBy(PayerMapping.load(X12.resolve("payers.csv")));
        X12ClaimReader reader = new X12ClaimReader(payers);
        List<Path> twins;
        try (Stream<Path> files = Files.list(X12)) {
            twins = files.filter(p -> p.toString().endsWith(".837")).sorted().toList();
        }
        assertFalse(twins.isEmpty());
        return twins.stream().map(x12 -> DynamicTest.dynamicTest(x12.getFileName().toString(), () -> {
            String name = x12.getFileName().toString().replace(".837", "");
            Path json = Path.of("examples", "claims", name + ".json");
            assertTrue(Files.exists(json), "every 837P twin has its JSON claim: " + json);
            FileReadResult read;
            try (InputStream in = Files.newInputStream(x12)) {
                read = reader.read(in, x12.toString());
            }
            assertEquals(List.of(), read.errors(), "the twin is a well-formed interchange");
            assertEquals(List.of(), read.warnings(), "every payer of the twin is mapped");
            assertEquals(1, read.claims().size());
            ClaimReadResult fromX12 = read.claims().get(0);
            assertTrue(fromX12.isOk(), () -> fromX12.errors().toString());
            String expected = DecisionJson.pretty(ENGINE.evaluate(ClaimJson.read(Files.readString(json))));
            assertEquals(expected, DecisionJson.pretty(ENGINE.evaluate(fromX12)));
        }));
    }
}
