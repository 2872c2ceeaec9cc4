package dev.ppl.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.PolicySource;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden explanations: each claim in src/test/resources/explain explained against the frozen
 * policies beside it gives NAME.explain (text) and NAME.explain.json; regenerate with
 * -Dppl.regenerate=true and review the diff.
 */
class ExplainGoldenTest {
    static final Path DIR = Path.of("src/test/resources/explain");
    static final boolean REGENERATE = Boolean.getBoolean("ppl.regenerate");

    static Explainer explainer() {
        return Explainer.of(PolicySource.directory(DIR.resolve("policies")));
    }

    static Explanation explain(Explainer explainer, Path claim) throws IOException {
        ClaimReadResult read = ClaimJson.read(Files.readString(claim, StandardCharsets.UTF_8));
        assertTrue(read.isOk(), () -> read.errors().toString());
        return explainer.explain(read.claim());
    }

    @TestFactory
    Stream<DynamicTest> everyClaimExplainsAsItsGolden() throws IOException {
        Explainer explainer = explainer();
        List<Path> claims;
        try (Stream<Path> files = Files.list(DIR)) {
            claims = files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".explain.json"))
                    .sorted().toList();
        }
        assertFalse(claims.isEmpty());
        return claims.stream().map(claim -> DynamicTest.dynamicTest(claim.getFileName().toString(), () -> {
            Explanation x = explain(explainer, claim);
            String base = claim.getFileName().toString().replaceFirst("\\.json$", "");
            golden(DIR.resolve(base + ".explain"), ExplanationText.render(x));
            golden(DIR.resolve(base + ".explain.json"), ExplanationJson.render(x));
        }));
    }

    private static void golden(Path file, String actual) throws IOException {
        if (REGENERATE || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, file + " (regenerate with -Dppl.regenerate=true)");
    }
}
