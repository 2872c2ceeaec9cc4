package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy bundle (a directory with a manifest of file digests and a revision) is applied only
 * when complete: a half-written file that still parses is refused, and the last good set serves.
 */
class PolicyBundleTest {
    @TempDir
    Path dir;

    private void deploy(int generation) throws IOException {
        new PolicyDir(dir).writeGeneration(generation);
        Files.writeString(dir.resolve(PolicyBundle.MANIFEST), PolicyBundle.manifest(dir, "r" + generation));
    }

    @Test
    void aCompleteBundleLoads() throws IOException {
        deploy(1);
        assertEquals(3, PolicySource.directory(dir).size());
        assertEquals("r1", PolicyBundle.verify(dir));
    }

    @Test
    void aHalfWrittenFileThatStillParsesIsRefused() throws IOException {
        deploy(1);
        String full = PolicyDir.policy("b", 1);
        // cut after the rule's message: the file still parses and checks, with one rule less said
        Files.writeString(dir.resolve("b.ppl"), full.substring(0, full.indexOf("rule tag-b")));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PolicySource.directory(dir));
        assertTrue(e.getMessage().contains("`b.ppl` does not match its digest"), e.getMessage());
    }

    @Test
    void aMissingOrUnlistedFileIsRefused() throws IOException {
        deploy(1);
        Files.delete(dir.resolve("c.ppl"));
        assertTrue(assertThrows(UncheckedIOException.class, () -> PolicySource.directory(dir)).getMessage()
                .contains("`c.ppl` is listed in the manifest but missing"));
        deploy(1);
        Files.writeString(dir.resolve("d.ppl"), PolicyDir.policy("b", 1).replace("hot.b", "hot.d"));
        assertTrue(assertThrows(UncheckedIOException.class, () -> PolicySource.directory(dir)).getMessage()
                .contains("`d.ppl` is not listed in the manifest"));
    }

    @Test
    void theEngineKeepsTheLastCompleteBundleUntilTheNextIsComplete() throws IOException {
        deploy(1);
        try (PolicyEngine engine = PolicyEngine.builder().load(dir).build()) {
            Files.writeString(dir.resolve("a.ppl"), PolicyDir.policy("a", 2)); // copied, manifest not yet
            ReloadEvent half = engine.reload();
            assertEquals(ReloadEvent.Status.REJECTED, half.status(), half::message);
            assertTrue(half.message().contains("does not match its digest"), half.message());
            assertEquals(1, engine.generation());
            deploy(2); // every file and then the manifest
            ReloadEvent done = engine.reload();
            assertEquals(ReloadEvent.Status.APPLIED, done.status(), done::details);
            assertEquals(2, engine.generation());
        }
    }
}
