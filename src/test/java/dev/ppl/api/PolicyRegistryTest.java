package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a set of policy versions may hold: digests that cover every input, no two versions judging one line. */
class PolicyRegistryTest {
    static final String WITH_TABLE = """
            policy mcr.mue
              version 1.0.0
              applies to payer type medicare
              effective from 2026-01-01

            table MUE from "mue.csv"
              key code
              columns code: code, limit: number

            rule units-within-mue
              "units within the MUE"
              for each l in lines where MUE[l.code] is present
              when l.units > MUE[l.code].limit
              deny line l group CO carc 151
                message "{l.units} units over the limit of {MUE[l.code].limit}"
            """;

    private static PolicySet withTable(String csv) {
        Diagnostics d = new Diagnostics();
        PolicySet set = PolicySet.compile(List.of(new PolicySource("mue.ppl", WITH_TABLE,
                path -> path.equals("mue.csv") ? new SourceFile("mue.csv", csv) : null)), d);
        assertEquals(0, d.errorCount(), d::render);
        return set;
    }

    @Test
    void aPolicysDigestCoversTheTablesItReads() {
        PolicySet one = withTable("code,limit\n96372,1\n");
        PolicySet two = withTable("code,limit\n96372,2\n");
        PolicySet oneAgain = withTable("code,limit\n96372,1\n");

        String d1 = one.entries().get(0).compiled().digest();
        assertNotEquals(d1, two.entries().get(0).compiled().digest(), "a changed table gives another digest");
        assertEquals(d1, oneAgain.entries().get(0).compiled().digest(), "the same inputs give the same digest");
        assertNotEquals(PolicySet.digest(WITH_TABLE), d1);
    }

    @Test
    void aPolicyWithoutTablesKeepsTheDigestOfItsText() {
        String text = Policies.tagging("a.b", "1.0.0", "payer id acme", "from 2026-01-01", "x");
        assertEquals(PolicySet.digest(text), Policies.compile("a.ppl", text).entries().get(0).compiled().digest());
    }

    @Test
    void twoVersionsInForceOnTheSameDayForTheSamePayerAreAnError() {
        String v1 = Policies.tagging("acme.inj", "1.0.0", "payer id acme", "from 2026-01-01", "v1");
        String v2 = Policies.tagging("acme.inj", "2.0.0", "payer id acme", "from 2026-04-01", "v2");
        Diagnostics d = Policies.diagnostics("v1.ppl", v1, "v2.ppl", v2);

        List<Diagnostic> errors = d.all().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), d::render);
        assertEquals("PPL0409", errors.get(0).code());
        assertEquals("v2.ppl", errors.get(0).source().path());
        assertEquals("versions 1.0.0 (v1.ppl) and 2.0.0 of policy `acme.inj` are both in force from 2026-04-01",
                errors.get(0).message());
        assertTrue(errors.get(0).help().contains("effective 2026-01-01 to 2026-03-31"), errors.get(0).help());
    }

    @Test
    void versionsForDifferentPayersOrJurisdictionsMayOverlap() {
        String jf = Policies.tagging("mcr.inj", "1.0.0", "payer type medicare\n  jurisdiction JF", "from 2026-01-01", "jf");
        String jh = Policies.tagging("mcr.inj", "1.1.0", "payer type medicare\n  jurisdiction JH", "from 2026-01-01", "jh");
        String acme = Policies.tagging("mcr.inj", "1.2.0", "payer id acme", "from 2026-01-01", "acme");
        Diagnostics d = Policies.diagnostics("jf.ppl", jf, "jh.ppl", jh, "acme.ppl", acme);
        assertEquals(0, d.errorCount(), d::render);
    }

    @Test
    void versionsThatMeetWithoutOverlapAreFine() {
        String v1 = Policies.tagging("acme.inj", "1.0.0", "payer id acme", "2026-01-01 to 2026-03-31", "v1");
        String v2 = Policies.tagging("acme.inj", "2.0.0", "payer id acme", "from 2026-04-01", "v2");
        assertEquals(0, Policies.diagnostics("v1.ppl", v1, "v2.ppl", v2).errorCount());
    }

    @Test
    void theSameVersionLoadedTwiceIsAnError() {
        String v1 = Policies.tagging("acme.inj", "1.0.0", "payer id acme", "2026-01-01 to 2026-03-31", "v1");
        Diagnostics d = Policies.diagnostics("a/v1.ppl", v1, "b/v1-copy.ppl", v1.replace("v1", "copy"));

        List<Diagnostic> errors = d.all().stream().filter(Diagnostic::isError).toList();
        assertEquals(List.of("PPL0410 version 1.0.0 of policy `acme.inj` is already loaded from a/v1.ppl"),
                errors.stream().map(e -> e.code() + " " + e.message()).toList());
        assertEquals("b/v1-copy.ppl", errors.get(0).source().path());
    }
}
