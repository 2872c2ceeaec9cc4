package dev.ppl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.syntax.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mistake is reported once, in words, and a file with syntax errors goes no further. */
class CheckerMessagesTest {
    private static final String HEADER = "policy p\n  version 1.0.0\n  applies to payer type medicare\n"
            + "  effective from 2026-01-01\n  cites \"x\"\n";

    private static List<Diagnostic> check(String text) {
        Diagnostics diagnostics = new Diagnostics();
        PolicySet.compile(List.of(PolicySource.of("p.ppl", text)), diagnostics);
        return diagnostics.all();
    }

    @Test
    void aCodeSetCycleIsOneErrorWithoutAnUnknownSet() {
        List<Diagnostic> found = check(HEADER + "codes A = B + { 96374 }\ncodes B = A - { 96374 }\n");
        assertEquals(1, found.size(), found.toString());
        assertEquals("PPL0210", found.get(0).code());
        assertEquals("code set `A` is defined in terms of itself", found.get(0).message());
    }

    @Test
    void setsOfDifferentKindsAreNamedInThePlural() {
        List<Diagnostic> found = check(HEADER + "diagnoses D = { D51.0 }\ncodes C = { 96372 } + D\n");
        assertEquals("`D` holds ICD-10-CM codes, not CPT/HCPCS codes", found.get(0).message());
    }

    @Test
    void aFileWhoseAstBuilderReportsErrorsIsNotReturned() {
        Diagnostics diagnostics = new Diagnostics();
        var file = PolicyParser.parse(new SourceFile("p.ppl", HEADER + "rule em - x\n  when true\n  info claim\n"
                + "    message \"m\"\n"), diagnostics);
        assertNull(file);
        assertEquals(List.of("PPL0103"), diagnostics.all().stream().map(Diagnostic::code).toList());
    }
}
