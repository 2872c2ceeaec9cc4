package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Claim;
import dev.ppl.source.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading a policy directory: what is swapped in, what is turned down, and who is told. */
class ReloadTest {
    static final Claim CLAIM = Policies.claim("acme", null, null, "2026-03-02");

    @TempDir
    Path tmp;
    PolicyDir dir;
    final List<ReloadEvent> events = new ArrayList<>();
    PolicyEngine engine;

    @BeforeEach
    void setUp() {
        dir = new PolicyDir(tmp);
        dir.writeGeneration(1);
        engine = PolicyEngine.builder().load(tmp).onReload(events::add)
                .clock(Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC)).build();
    }

    private List<String> messages() {
        return engine.evaluate(CLAIM).findings().stream().map(Finding::message).toList();
    }

    @Test
    void aChangedFileIsSwappedInAsTheNextGeneration() {
        PolicySet before = engine.policies();
        dir.write("b.ppl", PolicyDir.policy("b", 2));

        ReloadEvent e = engine.reload();

        assertEquals(ReloadEvent.Status.APPLIED, e.status());
        assertEquals(2, e.generation());
        assertEquals(2, engine.generation());
        assertNotEquals(before.digest(), engine.policies().digest());
        assertEquals(engine.policies().digest(), e.setDigest());
        assertEquals(engine.policies().refs(), e.policies());
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), e.time());
        assertEquals(List.of("a1 line 1", "b2 line 1", "c1 line 1"), messages());
        assertEquals(List.of(e), events);
    }

    @Test
    void aTurnedDownReloadIsLoggedAsAWarningWithItsDiagnostics() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(PolicyEngine.class.getName());
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            dir.write("b.ppl", PolicyDir.policy("b", 2).replace("when l.units > 0", "when l.unitz > 0"));
            engine.reload();
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, records.size());
        assertEquals(java.util.logging.Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains("b.ppl:10:10: error[PPL0302]"), records.get(0).getMessage());
    }

    @Test
    void nothingChangedIsReportedAndKeepsTheGeneration() {
        PolicySet before = engine.policies();
        ReloadEvent e = engine.reload();

        assertEquals(ReloadEvent.Status.UNCHANGED, e.status());
        assertEquals(1, e.generation());
        assertTrue(before == engine.policies(), "the set in service is the same object");
    }

    @Test
    void aBrokenEditIsTurnedDownWithItsDiagnosticsAndTheLastGoodSetKeepsServing() {
        PolicySet before = engine.policies();
        dir.write("b.ppl", PolicyDir.policy("b", 2).replace("when l.units > 0", "when l.unitz > 0"));

        ReloadEvent e = engine.reload();

        assertEquals(ReloadEvent.Status.REJECTED, e.status());
        assertEquals(1, e.generation());
        assertTrue(before == engine.policies());
        assertEquals(before.digest(), e.setDigest());
        List<Diagnostic> errors = e.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), e.details());
        assertTrue(errors.get(0).source().path().endsWith("b.ppl"), errors.get(0).source().path());
        assertTrue(e.details().contains("unitz"), e.details());
        assertEquals("1 error in the policy files; generation 1 stays in service", e.message());
        assertEquals(List.of("a1 line 1", "b1 line 1", "c1 line 1"), messages());
        assertEquals(List.of(e), events);
    }

    @Test
    void deletingTheBaseOfALayeredPolicyIsTurnedDown() {
        dir.delete("a.ppl");
        ReloadEvent e = engine.reload();

        assertEquals(ReloadEvent.Status.REJECTED, e.status());
        assertEquals(List.of("PPL0403"), e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::code).toList());
        assertEquals(List.of("a1 line 1", "b1 line 1", "c1 line 1"), messages());
    }

    @Test
    void deletingAFileThatNothingNeedsIsAChange() {
        dir.delete("b.ppl");
        ReloadEvent e = engine.reload();

        assertEquals(ReloadEvent.Status.APPLIED, e.status());
        assertEquals(List.of("a1 line 1", "c1 line 1"), messages());

        dir.write("b.ppl", PolicyDir.policy("b", 1));
        assertEquals(ReloadEvent.Status.APPLIED, engine.reload().status());
        assertEquals(3, engine.generation());
        assertEquals(List.of("a1 line 1", "b1 line 1", "c1 line 1"), messages());
    }

    @Test
    void anEmptiedDirectoryDoesNotTurnEveryPolicyOff() throws IOException {
        for (String f : List.of("a.ppl", "b.ppl", "c.ppl")) {
            dir.delete(f);
        }
        ReloadEvent e = engine.reload();

        assertEquals(ReloadEvent.Status.REJECTED, e.status());
        assertTrue(e.message().startsWith("no policy files found in " + tmp), e.message());
        assertEquals(3, engine.policies().refs().size());
    }

    @Test
    void aDeletedDirectoryIsTurnedDown() throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        ReloadEvent e = engine.reload();

        assertEquals(ReloadEvent.Status.REJECTED, e.status());
        assertEquals("cannot read the policy files: " + tmp + " does not exist; generation 1 stays in service", e.message());
        assertEquals(List.of("a1 line 1", "b1 line 1", "c1 line 1"), messages());
    }

    @Test
    void aChangedTableIsAChange() {
        dir.write("t.ppl", """
                policy hot.t
                  version 1.0.0
                  applies to payer id acme
                  effective from 2020-01-01

                table LIMITS from "limits.csv"
                  key code
                  columns code: code, limit: number

                rule over-limit
                  "units within the limit"
                  for each l in lines where LIMITS[l.code] is present
                  when l.units > LIMITS[l.code].limit
                  deny line l group CO carc 151
                    message "over {LIMITS[l.code].limit}"
                """);
        dir.write("limits.csv", "code,limit\n96372,1\n");
        assertEquals(ReloadEvent.Status.APPLIED, engine.reload().status());
        assertEquals(List.of("a1 line 1", "b1 line 1", "c1 line 1"), messages());

        dir.write("limits.csv", "code,limit\n96372,0\n");
        assertEquals(ReloadEvent.Status.APPLIED, engine.reload().status());
        assertEquals(List.of("a1 line 1", "b1 line 1", "c1 line 1", "over 0"), messages());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersOrTheReload() {
        List<ReloadEvent> seen = new ArrayList<>();
        PolicyEngine e = PolicyEngine.builder().load(tmp).onReload(x -> {
            throw new IllegalStateException("host bug");
        }).onReload(seen::add).build();
        dir.write("b.ppl", PolicyDir.policy("b", 2));

        assertEquals(ReloadEvent.Status.APPLIED, e.reload().status());
        assertEquals(1, seen.size());
        assertEquals(2, e.generation());
    }

    @Test
    void buildingWithBrokenPoliciesThrowsWithEveryDiagnostic() {
        dir.write("b.ppl", "policy broken\n  version 1.0.0\n");
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyEngine.builder().load(tmp).build());
        assertTrue(e.diagnostics().stream().anyMatch(Diagnostic::isError));
        assertTrue(e.rendered().contains("b.ppl"), e.rendered());
    }

    @Test
    void watchingNeedsADirectory() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PolicyEngine.builder().loadBundled().watch().build());
        assertEquals("watch() needs a policy directory given to load(Path)", e.getMessage());
    }

    @Test
    void fixedAndClasspathSourcesReloadToTheSameSet() {
        PolicyEngine e = PolicyEngine.builder().loadBundled()
                .add("x.ppl", Policies.tagging("x.y", "1.0.0", "payer id acme", "from 2020-01-01", "x")).build();
        assertTrue(e.policies().refs().size() >= 2, e.policies().refs().toString());
        assertEquals(ReloadEvent.Status.UNCHANGED, e.reload().status());
    }

    @Test
    void evaluatingNothingIsAProgrammerError() {
        assertThrows(NullPointerException.class, () -> engine.evaluate((Claim) null));
        assertThrows(NullPointerException.class, () -> engine.evaluate((dev.ppl.claim.ClaimReadResult) null));
    }
}
