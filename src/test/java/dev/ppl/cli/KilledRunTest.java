package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppl eval} as a real process: killed mid-run and resumed, and writing to a full device. */
class KilledRunTest {
    @TempDir
    Path tmp;

    private static ProcessBuilder ppl(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private Path claims(int n) throws IOException {
        EvalCommandTest.readExample();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(EvalCommandTest.claim("K-" + i, i % 2 == 0)).append('\n');
        }
        Path file = tmp.resolve("claims.ndjson");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aKilledRunResumesToTheSameBytesAsAnUninterruptedOne() throws Exception {
        Path claims = claims(5_000);
        Path out = tmp.resolve("out.ndjson");
        Path partial = tmp.resolve("out.ndjson.partial");
        Process p = ppl("eval", "--threads", "1", "--output", out.toString(), claims.toString())
                .redirectError(tmp.resolve("err1.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && (!Files.exists(partial) || Files.size(partial) < 64_000) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(tmp.resolve("err1.txt")));
        p.destroyForcibly().waitFor();
        assertFalse(Files.exists(out), "an interrupted run leaves no complete-looking output");
        long kept = Files.readString(partial).chars().filter(c -> c == '\n').count();
        assertTrue(kept > 0 && kept < 5_000, "records written before the kill: " + kept);

        Process resumed = ppl("eval", "--threads", "2", "--output", out.toString(), "--resume", claims.toString())
                .redirectError(tmp.resolve("err2.txt").toFile()).start();
        assertTrue(resumed.waitFor(300, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("err2.txt"));
        assertEquals(0, resumed.exitValue(), err);
        assertTrue(err.contains("resumed after " + kept + " records"), err);

        Path whole = tmp.resolve("whole.ndjson");
        EvalCommandTest.Run r = EvalCommandTest.run("--threads", "2", "--output", whole.toString(), claims.toString());
        assertEquals(0, r.code(), r.err());
        byte[] expected = Files.readAllBytes(whole);
        assertEquals(5_000, new String(expected, StandardCharsets.UTF_8).split("\n").length);
        assertArrayEquals(expected, Files.readAllBytes(out), "killed after " + kept + " records and resumed");
    }

    @Test
    void aFullDeviceExits74NamingTheError() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "/dev/full (Linux) is needed to fill a disk honestly");
        Path claims = claims(3);
        Process p = ppl("eval", "--threads", "1", claims.toString()).redirectOutput(full)
                .redirectError(tmp.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(tmp.resolve("err.txt"));
        assertEquals(74, p.exitValue(), err);
        assertTrue(err.contains("cannot write the decisions to standard output: no space left on the device; free space"
                + " and run again"), err);

        Process single = ppl("eval", EvalCommandTest.EXAMPLE.toString()).redirectOutput(full)
                .redirectError(tmp.resolve("err1.txt").toFile()).start();
        assertTrue(single.waitFor(120, TimeUnit.SECONDS));
        assertEquals(74, single.exitValue(), Files.readString(tmp.resolve("err1.txt")));
    }
}
