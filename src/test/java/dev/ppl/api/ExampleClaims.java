package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The example claims of {@code examples/claims}, for tests that hold two policy sets to the same decisions. */
final class ExampleClaims {
    private ExampleClaims() {}

    /** Both sets give every valid example claim the same decision, byte for byte; more than 20 are judged. */
    static void assertJudgedAlike(PolicySet expected, PolicySet actual) throws IOException {
        int claims = 0;
        try (Stream<Path> files = Files.list(Path.of("examples/claims"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                ClaimReadResult read = ClaimJson.read(Files.readString(f));
                if (read.isOk()) {
                    assertEquals(DecisionJson.pretty(expected.evaluate(read.claim())),
                            DecisionJson.pretty(actual.evaluate(read.claim())), f.toString());
                    claims++;
                }
            }
        }
        assertTrue(claims > 20, "example claims judged: " + claims);
    }
}
