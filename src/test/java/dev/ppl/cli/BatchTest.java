package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.Fixtures;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimJson;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.FileRecord;
import dev.ppl.input.InputRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The batch pipeline: every record comes out once, in input order, whatever the threads and chunk sizes. */
class BatchTest {

    /** {@code n} claim records numbered 1..n, with a file record after every 50th. */
    private static ClaimInput records(int n) {
        Deque<InputRecord> all = new ArrayDeque<>();
        for (int i = 1; i <= n; i++) {
            all.add(ClaimRecord.of("in.ndjson", i, 10, ClaimJson.read("{}")));
            if (i % 50 == 0) {
                all.add(FileRecord.skipped("skipped-" + i, "hidden file"));
            }
        }
        return new ClaimInput() {
            @Override
            public InputRecord next() {
                return all.poll();
            }

            @Override
            public void close() {
                all.clear();
            }
        };
    }

    private static String name(InputRecord r) {
        return r instanceof ClaimRecord c ? "claim " + c.number() : "file " + r.source();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 32, 33, 64, 65, 1000})
    void everyRecordComesOutOnceInInputOrder(int n) throws Exception {
        List<String> expected = new ArrayList<>();
        ClaimInput all = records(n);
        for (InputRecord r = all.next(); r != null; r = all.next()) {
            expected.add(name(r));
        }
        for (int threads : new int[] {1, 2, 3, 8}) {
            List<String> emitted = new ArrayList<>();
            Batch.inOrder(records(n), threads, r -> {
                if (r instanceof ClaimRecord c && c.number() % 7 == 0) {
                    Thread.yield(); // some records take longer: later chunks finish first
                }
                return name(r);
            }, emitted::add);
            assertEquals(expected, emitted, threads + " threads");
        }
    }

    @Test
    void linesAreRenderedOnTheWorkersAndAFailureStaysWithItsRecord() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().add(dev.ppl.api.PolicySource.of("p.ppl", Fixtures.HEADER)).build();
        Set<String> renderedOn = ConcurrentHashMap.newKeySet();
        List<Batch.Result> results = new ArrayList<>();
        new Batch(engine, null, 2, null, r -> {
            renderedOn.add(Thread.currentThread().getName());
            ClaimRecord record = (ClaimRecord) r.record();
            if (record.number() == 40) {
                throw new IllegalStateException("render failed");
            }
            return DecisionJson.compactLineBytes(r.decision(), record.source(), record.number());
        }).run(records(100), results::add);

        assertEquals(102, results.size());
        String caller = Thread.currentThread().getName();
        assertTrue(renderedOn.stream().allMatch(t -> t.startsWith("ppl-eval-") || t.equals(caller)), renderedOn.toString());
        assertTrue(renderedOn.stream().anyMatch(t -> t.startsWith("ppl-eval-")), "a worker rendered: " + renderedOn);
        for (Batch.Result r : results) {
            if (!(r.record() instanceof ClaimRecord c)) {
                assertNull(r.output());
            } else if (c.number() == 40) {
                assertNotNull(r.failure());
                assertNull(r.output());
            } else {
                assertNull(r.failure());
                String text = new String(r.output(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(text.endsWith("\"input\":{\"file\":\"in.ndjson\",\"record\":" + c.number() + "}}\n"), text);
            }
        }
    }

    @Test
    void evalOutputIsTheSameOnOneThreadAndOnSeveral(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        try (var files = Files.list(Path.of("examples/claims"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                ndjson.append(ClaimJson.toJson(ClaimJson.read(Files.readString(f)).claim()).toString()).append('\n');
                ndjson.append("{\"claimId\": \"BAD\", \"lines\": 7}\n");
            }
        }
        Path input = dir.resolve("claims.ndjson");
        Files.writeString(input, ndjson.toString().repeat(2));
        Cli one = Cli.run("eval", "--threads", "1", input.toString());
        Cli three = Cli.run("eval", "--threads", "3", input.toString());
        assertEquals(one.out(), three.out());
        assertEquals(ndjson.toString().repeat(2).lines().count(), one.out().lines().count());
        assertEquals(Cli.run("eval", "--threads", "1", "--format", "text", input.toString()).out(),
                Cli.run("eval", "--threads", "2", "--format", "text", input.toString()).out());
    }

    /** What {@code ppl} writes to a byte stream (standard output), and its exit code and standard error. */
    private static byte[] stdout(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(args, System.in, out, new java.io.PrintWriter(err));
        assertEquals(65, code, err.toString());
        return out.toByteArray();
    }

    @Test
    void evalWritesTheSameBytesToStandardOutputAndToAFileOnAnyThreadCount(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.io.ByteArrayOutputStream ndjson = new java.io.ByteArrayOutputStream();
        int lines = 0;
        try (var files = Files.list(Path.of("examples/claims"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String claim = ClaimJson.toJson(ClaimJson.read(Files.readString(f)).claim()).toString();
                ndjson.writeBytes((claim + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ndjson.writeBytes("{\"claimId\": \"BAD \u00e9\\ud83d\\ude00\\ud800\", \"lines\": 7}\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)); // malformed, with a lone surrogate
                ndjson.writeBytes(new byte[] {'{', '"', (byte) 0xE9, '"', '}', '\n'}); // not UTF-8
                lines += 3;
            }
        }
        Path input = dir.resolve("claims.ndjson");
        Files.write(input, ndjson.toByteArray());

        byte[] one = stdout("eval", "--threads", "1", input.toString());
        String text = new String(one, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Cli.run("eval", "--threads", "1", input.toString()).out(), text, "the writer's text, encoded");
        assertTrue(text.contains("BAD \u00e9\uD83D\uDE00?"), "a lone surrogate is written as the encoder writes it");
        List<String> out = text.lines().toList();
        assertEquals(lines, out.size(), "one line per record, none dropped");
        for (int k = 0; k < out.size(); k++) {
            assertTrue(out.get(k).endsWith(",\"input\":{\"file\":\"" + input + "\",\"record\":" + (k + 1) + "}}"),
                    out.get(k));
            if (k % 3 == 1) {
                assertTrue(out.get(k).contains("\"outcome\":\"reject\""), out.get(k));
            }
        }
        for (int threads : new int[] {2, 3}) {
            assertArrayEquals(one, stdout("eval", "--threads", String.valueOf(threads), input.toString()), threads + " threads");
            Path file = dir.resolve("decisions-" + threads + ".ndjson");
            java.io.StringWriter err = new java.io.StringWriter();
            assertEquals(65, Main.run(new String[] {"eval", "--threads", String.valueOf(threads), "-o", file.toString(),
                    input.toString()}, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err)));
            assertArrayEquals(one, Files.readAllBytes(file), "--output, " + threads + " threads");
        }
    }
}
