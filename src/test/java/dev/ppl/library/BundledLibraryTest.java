package dev.ppl.library;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostics;
import dev.ppl.testing.PolicyTests;
import dev.ppl.testing.TestResult;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled library compiles without errors and every test written in it passes ({@code ppl test}). */
class BundledLibraryTest {
    private static final List<PolicySource> SOURCES = PolicySource.directory(Path.of("policies"));

    @Test
    void compilesWithoutErrors() {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet.compile(SOURCES, diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics::render);
    }

    @Test
    void everyPolicyTestPasses() {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(SOURCES, diagnostics);
        List<TestResult> results = PolicyTests.run(set, SOURCES);
        assertFalse(results.isEmpty(), "the library has tests");
        String failures = results.stream().filter(r -> !r.passed())
                .map(r -> r.location() + " " + r.name() + "\n    " + String.join("\n    ", r.failures()))
                .collect(Collectors.joining("\n"));
        assertTrue(failures.isEmpty(), failures);
    }
}
