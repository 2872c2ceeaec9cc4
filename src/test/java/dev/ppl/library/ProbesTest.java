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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The probe sets of {@code examples/probes/<topic>/}: everyday claims of one kind of edit, correct
 * ones ({@code ok-*.json}) beside wrong ones. Each folder's {@code EXPECTED.tsv} gives every probe's
 * expected outcome and the rules that must report it; each probe's decision is checked in beside it
 * ({@code <name>.decision.json}, regenerated with {@code -Dppl.regenerate=true}). The expected
 * outcome {@code pass} means clean or {@code info} findings only; a correct probe must expect it, and
 * a reject, deny or review on one is a false alarm.
 */
class ProbesTest {
    private static final Path PROBES = Path.of("examples", "probes");
    private static final Set<String> ALARMS = Set.of("reject", "deny", "review");
    private static final boolean REGENERATE = Boolean.getBoolean("ppl.regenerate");
    private static final PolicyEngine ENGINE = PolicyEngine.builder().load(Path.of("policies")).build();

    /** One row of EXPECTED.tsv: probe name, outcome, the rules that must fire (or {@code -}). */
    record Expected(String outcome, Set<String> rules) {}

    static List<Path> topics() throws IOException {
        try (Stream<Path> dirs = Files.list(PROBES)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    static List<Path> probes(Path topic) throws IOException {
        try (Stream<Path> files = Files.list(topic)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".decision.json"))
                    .sorted().toList();
        }
    }

    static String name(Path claim) {
        String file = claim.getFileName().toString();
        return file.substring(0, file.length() - ".json".length());
    }

    static Map<String, Expected> expected(Path topic) throws IOException {
        Map<String, Expected> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(topic.resolve("EXPECTED.tsv"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t");
            assertEquals(3, cells.length, topic + "/EXPECTED.tsv:" + (i + 1) + ": want name<TAB>outcome<TAB>rules");
            Set<String> rules = cells[2].equals("-") ? Set.of()
                    : Arrays.stream(cells[2].split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
            rows.put(cells[0], new Expected(cells[1], rules));
        }
        return rows;
    }

    static Decision decide(Path claim) throws IOException {
        return ENGINE.evaluate(ClaimJson.read(Files.readString(claim, StandardCharsets.UTF_8)));
    }

    @TestFactory
    Stream<DynamicContainer> probesGetTheirExpectedDecisions() throws IOException {
        return topics().stream().map(topic -> {
            try {
                Map<String, Expected> expected = expected(topic);
                List<DynamicTest> tests = probes(topic).stream().map(claim -> DynamicTest.dynamicTest(name(claim), () -> {
                    Expected want = expected.get(name(claim));
                    assertTrue(want != null, () -> claim + " has no row in " + topic + "/EXPECTED.tsv");
                    Decision d = decide(claim);
                    String actual = DecisionJson.pretty(d) + "\n";
                    Path golden = topic.resolve(name(claim) + ".decision.json");
                    if (REGENERATE) {
                        Files.writeString(golden, actual, StandardCharsets.UTF_8);
                    }
                    assertTrue(Files.exists(golden), "no golden decision " + golden + "; run with -Dppl.regenerate=true");
                    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                            "decision for " + claim + " changed; if intended, regenerate and review the diff");
                    if (want.outcome().equals("pass")) {
                        assertTrue(Set.of("clean", "info").contains(d.outcome()), () -> claim + ": " + d.findings());
                    } else {
                        assertEquals(want.outcome(), d.outcome(), () -> claim + ": " + d.findings());
                    }
                    Set<String> fired = d.findings().stream().map(Finding::rule).collect(Collectors.toSet());
                    assertTrue(fired.containsAll(want.rules()), () -> claim + ": expected " + want.rules() + ", got " + fired);
                    assertFalse(fired.contains("no-policy-applies"), () -> claim + " has a line no policy judges");
                    if (name(claim).startsWith("ok-")) {
                        List<Finding> alarms = d.findings().stream().filter(f -> ALARMS.contains(f.severity())).toList();
                        assertTrue(alarms.isEmpty(), () -> "false alarm on correct probe " + claim + ": " + alarms);
                    }
                })).toList();
                return DynamicContainer.dynamicContainer(topic.getFileName().toString(), tests);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Every row of EXPECTED.tsv names a probe that exists, and every correct probe expects no alarm. */
    @Test
    void expectationsNameRealProbes() throws IOException {
        for (Path topic : topics()) {
            Set<String> names = probes(topic).stream().map(ProbesTest::name).collect(Collectors.toSet());
            for (Map.Entry<String, Expected> row : expected(topic).entrySet()) {
                assertTrue(names.contains(row.getKey()), topic + "/EXPECTED.tsv names a missing probe " + row.getKey());
                if (row.getKey().startsWith("ok-")) {
                    assertEquals("pass", row.getValue().outcome(),
                            topic + ": correct probe " + row.getKey() + " expects " + row.getValue().outcome());
                }
            }
        }
    }
}
