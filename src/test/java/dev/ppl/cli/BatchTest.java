package dev.ppl.cli;

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
            return DecisionJson.compactLine(r.decision(), record.source(), record.number()) + "\n";
        }).run(records(100), results::add);

        assertEquals(102, results.size());
        assertTrue(renderedOn.stream().allMatch(t -> t.startsWith("ppl-eval-")), renderedOn.toString());
        for (Batch.Result r : results) {
            if (!(r.record() instanceof ClaimRecord c)) {
                assertNull(r.text());
            } else if (c.number() == 40) {
                assertNotNull(r.failure());
                assertNull(r.text());
            } else {
                assertNull(r.failure());
                assertTrue(r.text().endsWith("\"input\":{\"file\":\"in.ndjson\",\"record\":" + c.number() + "}}\n"),
                        r.text());
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
}
