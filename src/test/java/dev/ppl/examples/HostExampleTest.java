package dev.ppl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.ReloadEvent.Status;
import dev.ppl.examples.embedding.HostExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example runs: policies reloaded under load, no failed evaluation, a decision log without PHI. */
class HostExampleTest {
    @TempDir
    Path tmp;

    private static void check(HostExample.Report r, String printed) throws Exception {
        assertEquals(0, r.failures(), printed);
        assertEquals(List.of(Status.APPLIED, Status.REJECTED, Status.APPLIED, Status.APPLIED, Status.APPLIED), r.reloads(),
                printed);
        assertEquals(5, r.generation());
        assertTrue(r.evaluations() >= 5000, "each set served claims: " + r.evaluations());
        assertEquals(r.evaluations(), r.logged(), "every decision was logged");
        assertTrue(r.outcomes().containsKey("review"), "the local policy's rule fired: " + r.outcomes());
        assertTrue(r.outcomes().containsKey("clean"), "and without it the claim is clean: " + r.outcomes());
        assertTrue(printed.contains("reload: REJECTED - 1 error in the policy files"), printed);
        String log = Files.readString(r.decisionLog());
        assertFalse(log.contains("PT-1001") || log.contains("1951-04-09") || log.contains("left deltoid"));
        assertTrue(log.contains("\"patient\":\"hmac-sha256:"));
        assertEquals(r.logged(), log.lines().count());
    }

    @Test
    void reloadingByHandUnderLoad() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HostExample.Report r = HostExample.run(tmp, 4, false, new PrintStream(out, true, StandardCharsets.UTF_8));
        check(r, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reloadingThroughTheWatcherUnderLoad() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HostExample.Report r = HostExample.run(tmp, 3, true, new PrintStream(out, true, StandardCharsets.UTF_8));
        check(r, out.toString(StandardCharsets.UTF_8));
    }
}
