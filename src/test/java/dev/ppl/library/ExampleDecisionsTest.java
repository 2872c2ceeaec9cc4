package dev.ppl.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example claim, evaluated with the bundled library, gives the decision checked in beside it
 * ({@code examples/decisions/<name>.decision.json}). Run with {@code -Dppl.regenerate=true} to rewrite
 * the golden files, then review the diff.
 *
 * <p>Correct claims are named {@code clean-*.json}: a reject, deny or review finding on one of them is
 * a false alarm and fails the build whatever the golden file says.
 */
class ExampleDecisionsTest {
    private static final Path CLAIMS = Path.of("examples", "claims");
    private static final Path DECISIONS = Path.of("examples", "decisions");
    private static final Set<String> ALARMS = Set.of("reject", "deny", "review");
    private static final boolean REGENERATE = Boolean.getBoolean("ppl.regenerate");
    private static final PolicyEngine ENGINE = PolicyEngine.builder().load(Path.of("policies")).build();

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(CLAIMS)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".decision.json"))
                    .sorted().toList();
        }
    }

    static Decision decide(Path claim) throws IOException {
        return ENGINE.evaluate(ClaimJson.read(Files.readString(claim, StandardCharsets.UTF_8)));
    }

    static String name(Path claim) {
        String file = claim.getFileName().toString();
        return file.substring(0, file.length() - ".json".length());
    }

    @TestFactory
    Stream<DynamicTest> decisionsMatchGoldenFiles() throws IOException {
        return examples().stream().map(claim -> DynamicTest.dynamicTest(name(claim), () -> {
            String actual = DecisionJson.pretty(decide(claim)) + "\n";
            Path golden = DECISIONS.resolve(name(claim) + ".decision.json");
            if (REGENERATE) {
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertTrue(Files.exists(golden), "no golden decision " + golden + "; run with -Dppl.regenerate=true");
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                    "decision for " + claim + " changed; if intended, run with -Dppl.regenerate=true and review the diff");
        }));
    }

    @TestFactory
    Stream<DynamicTest> cleanClaimsRaiseNoAlarm() throws IOException {
        return examples().stream().filter(p -> name(p).startsWith("clean-"))
                .map(claim -> DynamicTest.dynamicTest(name(claim), () -> {
                    Decision d = decide(claim);
                    List<Finding> alarms = d.findings().stream().filter(f -> ALARMS.contains(f.severity())).toList();
                    assertTrue(alarms.isEmpty(), () -> "false alarm on a correct claim " + claim + ":\n  "
                            + alarms.stream().map(f -> f.line() + " " + f.rule() + " " + f.severity() + ": " + f.message())
                                    .collect(Collectors.joining("\n  ")));
                }));
    }

    /** Every other example shows a problem of the billing guide; the library must report it. */
    @TestFactory
    Stream<DynamicTest> scenarioClaimsAreCaught() throws IOException {
        return examples().stream().filter(p -> !name(p).startsWith("clean-") && !name(p).equals("contract-example"))
                .map(claim -> DynamicTest.dynamicTest(name(claim), () -> {
                    Decision d = decide(claim);
                    assertFalse(d.findings().isEmpty(), () -> "the scenario in " + claim + " is not caught");
                    assertFalse(d.findings().stream().anyMatch(f -> f.rule().equals("invalid-claim")),
                            () -> claim + " is not a readable claim");
                }));
    }

    /** The contract example is a correct claim as a biller would send it: nothing may deny or reject it. */
    @Test
    void contractExampleIsNotDenied() throws IOException {
        Decision d = decide(CLAIMS.resolve("contract-example.json"));
        assertTrue(d.findings().stream().noneMatch(f -> f.severity().equals("reject") || f.severity().equals("deny")),
                () -> d.findings().toString());
    }

    @Test
    void everyExampleIsCoveredByAPolicy() throws IOException {
        for (Path claim : examples()) {
            Decision d = decide(claim);
            assertTrue(d.findings().stream().noneMatch(f -> f.rule().equals("no-policy-applies")),
                    () -> claim + " has a line no policy judges");
        }
    }
}
