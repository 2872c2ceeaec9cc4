package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ppl eval --output FILE} writes FILE only when complete, and {@code --resume} continues an
 * interrupted run from its complete records: nothing lost, nothing twice, a torn last line dropped.
 */
class ResumeTest {
    @TempDir
    Path tmp;
    Path claims;

    @BeforeEach
    void claims() throws IOException {
        EvalCommandTest.readExample();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(i == 7 ? "{\"claimId\": \"BAD\", \"lines\": 3}" : EvalCommandTest.claim("R-" + i, i % 3 == 0))
                    .append('\n');
        }
        claims = tmp.resolve("claims.ndjson");
        Files.writeString(claims, text);
    }

    private byte[] uninterrupted() throws IOException {
        Path whole = tmp.resolve("whole.ndjson");
        EvalCommandTest.Run r = EvalCommandTest.run("--threads", "2", "--output", whole.toString(), claims.toString());
        assertEquals(65, r.code(), r.err()); // record 8 is malformed
        assertEquals("", r.out());
        assertFalse(Files.exists(tmp.resolve("whole.ndjson.partial")));
        return Files.readAllBytes(whole);
    }

    @Test
    void outputGoesToTheFileWithOneLinePerRecord() throws IOException {
        byte[] whole = uninterrupted();
        String[] lines = new String(whole, StandardCharsets.UTF_8).split("\n");
        assertEquals(40, lines.length);
        assertTrue(lines[39].contains("\"record\":40"), lines[39]);
        assertEquals('\n', whole[whole.length - 1]);
    }

    /** The partial file an interrupted run leaves: its first {@code complete} lines and, if torn, part of the next. */
    private Path interrupted(byte[] whole, int complete, int tornBytes) throws IOException {
        int end = 0;
        for (int n = 0; n < complete; n++) {
            end = indexOf(whole, (byte) '\n', end) + 1;
        }
        Path out = tmp.resolve("out.ndjson");
        Files.write(tmp.resolve("out.ndjson.partial"), Arrays.copyOf(whole, end + tornBytes));
        return out;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void resumeAfterWholeLinesGivesTheSameBytesAsAnUninterruptedRun() throws IOException {
        byte[] whole = uninterrupted();
        for (int complete : new int[] {0, 8, 40}) {
            Path out = interrupted(whole, complete, 0);
            EvalCommandTest.Run r = EvalCommandTest.run("--threads", "2", "--output", out.toString(), "--resume",
                    claims.toString());
            assertTrue(r.code() == 0 || r.code() == 65, r.err());
            assertTrue(r.err().contains("resumed after " + complete + " record"), r.err());
            assertArrayEquals(whole, Files.readAllBytes(out), "resumed after " + complete);
            assertFalse(Files.exists(tmp.resolve("out.ndjson.partial")));
            Files.delete(out);
        }
    }

    @Test
    void resumeCountsFileRecordsAsLinesAndPassesOverSkippedFiles() throws IOException {
        Path dir = tmp.resolve("in");
        Files.createDirectories(dir);
        Files.copy(Path.of("src/test/resources/realworld/x12-835/demo.835"), dir.resolve("a.835"));
        Files.writeString(dir.resolve("b-notes.md"), "# not claims\n");
        Files.copy(claims, dir.resolve("c.ndjson"));
        Path whole = tmp.resolve("whole.ndjson");
        EvalCommandTest.Run first = EvalCommandTest.run("--output", whole.toString(), dir.toString());
        byte[] expected = Files.readAllBytes(whole);
        String[] lines = new String(expected, StandardCharsets.UTF_8).split("\n");
        assertEquals(41, lines.length, first.err());
        assertTrue(lines[0].startsWith("{\"kind\":\"file\""), lines[0]);

        for (int complete : new int[] {1, 2, 20}) {
            Path out = interrupted(expected, complete, 0);
            EvalCommandTest.Run r = EvalCommandTest.run("--output", out.toString(), "--resume", dir.toString());
            assertTrue(r.err().contains("resumed after " + complete + " record"), r.err());
            assertArrayEquals(expected, Files.readAllBytes(out), "resumed after " + complete);
            Files.delete(out);
        }
    }

    @Test
    void aTornLastLineIsDroppedAndWrittenAgain() throws IOException {
        byte[] whole = uninterrupted();
        Path out = interrupted(whole, 12, 57);
        EvalCommandTest.Run r = EvalCommandTest.run("--output", out.toString(), "--resume", claims.toString());

        assertTrue(r.err().contains("resumed after 12 records"), r.err());
        assertTrue(r.err().contains("dropped an incomplete last line of 57 bytes"), r.err());
        assertArrayEquals(whole, Files.readAllBytes(out));
    }

    @Test
    void resumingACompleteRunDoesNothing() throws IOException {
        byte[] whole = uninterrupted();
        Path out = tmp.resolve("whole.ndjson");
        EvalCommandTest.Run r = EvalCommandTest.run("--output", out.toString(), "--resume", claims.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("is complete; nothing to resume"), r.err());
        assertArrayEquals(whole, Files.readAllBytes(out));
    }

    @Test
    void resumeWithNothingWrittenStartsFromTheBeginning() throws IOException {
        byte[] whole = uninterrupted();
        Path out = tmp.resolve("fresh.ndjson");
        EvalCommandTest.Run r = EvalCommandTest.run("--output", out.toString(), "--resume", claims.toString());

        assertEquals(65, r.code(), r.err());
        assertArrayEquals(whole, Files.readAllBytes(out));
    }

    @Test
    void resumeRefusesOutputOfOtherInputs() throws IOException {
        byte[] whole = uninterrupted();
        Path out = interrupted(whole, 10, 0);
        Path other = tmp.resolve("other.ndjson");
        Files.writeString(other, EvalCommandTest.claim("X", false) + "\n");
        EvalCommandTest.Run r = EvalCommandTest.run("--output", out.toString(), "--resume", other.toString());

        assertEquals(64, r.code(), r.err());
        assertTrue(r.err().contains("does not match the inputs"), r.err());
        assertTrue(r.err().contains("run without --resume to start over"), r.err());
        assertFalse(Files.exists(out));
        assertEquals(10, Files.readAllLines(tmp.resolve("out.ndjson.partial")).size(), "the partial file is left as it was");
    }

    @Test
    void resumeNeedsOutputAndJson() {
        assertEquals(64, EvalCommandTest.run("--resume", claims.toString()).code());
        assertEquals(64, EvalCommandTest.run("--resume", "--format", "text", "--output", tmp.resolve("o").toString(),
                claims.toString()).code());
    }

    @Test
    void anOutputFileThatCannotBeCreatedExits73() throws IOException {
        Path dir = tmp.resolve("gone");
        EvalCommandTest.Run r = EvalCommandTest.run("--output", dir.resolve("sub/out.ndjson").toString(), claims.toString());
        assertEquals(73, r.code(), r.err());
        assertTrue(r.err().contains("cannot create"), r.err());
    }
}
