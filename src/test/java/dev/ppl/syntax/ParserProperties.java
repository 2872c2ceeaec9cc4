package dev.ppl.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any text fed to the front end gives a checked policy or diagnostics, never an exception. */
class ParserProperties {
    private static final String POLICY = read("policies/medicare/injection-core.ppl");

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 300)
    void anyStringGivesAPolicyOrDiagnostics(@ForAll String text) {
        compileNeverThrows(text);
    }

    @Property(tries = 300)
    void mutatedPoliciesGivePoliciesOrDiagnostics(@ForAll("mutations") String text) {
        compileNeverThrows(text);
    }

    private static void compileNeverThrows(String text) {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(List.of(PolicySource.of("fuzz.ppl", text)), diagnostics);
        if (diagnostics.hasErrors()) {
            assertEquals(0, set.entries().size());
            for (Diagnostic d : diagnostics.all()) {
                // every diagnostic renders with a position inside the file
                assertTrue(d.render().startsWith("fuzz.ppl:"), d.render());
            }
        } else {
            assertEquals(1, set.entries().size());
        }
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, POLICY.length() - 1);
        Arbitrary<String> junk = Arbitraries.of("", " ", "{", "}", "\"", "-", "(", ")", "when", "1", "=", "\n", "rule",
                "#", "J3420", "D51.*", "99202-", "mg", "in", "and", "{x}", "\\");
        return net.jqwik.api.Combinators.combine(at, at, junk).as((a, b, j) -> {
            int from = Math.min(a, b);
            int to = Math.min(POLICY.length(), from + Math.abs(a - b) % 12);
            return POLICY.substring(0, from) + j + POLICY.substring(to);
        });
    }
}
