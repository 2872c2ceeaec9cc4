package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluations on several threads while the policies are reloaded many times, with good edits,
 * broken edits, and files deleted and restored: no evaluation fails and every decision comes from
 * exactly one set that was in service.
 */
class HotReloadTest {
    static final int THREADS = 4;
    static final ClaimReadResult CLAIM = ClaimReadResult.ok(Policies.claim("acme", null, null, "2026-03-02"));
    static final ClaimReadResult MALFORMED = ClaimJson.read("{\"claimId\": \"BAD\", \"payer\": {\"id\": \"acme\"}, \"lines\": []}");

    @TempDir
    Path tmp;

    /** Threads that evaluate until stopped, counting what each has done. */
    static final class Load implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLongArray done = new AtomicLongArray(THREADS);
        final List<Thread> threads = new ArrayList<>();

        Load(PolicyEngine engine, Consistency check) {
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                Thread thread = new Thread(() -> {
                    java.util.Map<List<Object>, Long> shapes = new java.util.HashMap<>();
                    try {
                        for (long n = 0; !stop.get(); n++) {
                            if (n % 10 == 9) {
                                Decision d = engine.evaluate(MALFORMED);
                                if (!d.outcome().equals("reject") || !d.policies().isEmpty()) {
                                    throw new AssertionError("a malformed claim gives a reject: " + d);
                                }
                            } else {
                                Consistency.seen(shapes, engine.evaluate(CLAIM));
                            }
                            done.incrementAndGet(me);
                        }
                    } catch (Throwable e) {
                        check.failures.add(e);
                    }
                    shapes.forEach((shape, n) -> check.shapes.merge(shape, n, Long::sum));
                }, "evaluator-" + t);
                threads.add(thread);
                thread.start();
            }
        }

        /** Waits until every thread has finished two more evaluations (so one began after now). */
        void awaitProgress(Consistency check) {
            long[] start = new long[THREADS];
            for (int t = 0; t < THREADS; t++) {
                start[t] = done.get(t);
            }
            for (int t = 0; t < THREADS; t++) {
                while (done.get(t) < start[t] + 2 && check.failures.isEmpty()) {
                    Thread.yield(); // give the evaluators the core
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    @Test
    void evaluationsThroughManyReloadsAreConsistent() throws Exception {
        PolicyDir dir = new PolicyDir(tmp);
        dir.writeGeneration(1);
        Consistency check = new Consistency();
        PolicyEngine engine = PolicyEngine.builder().load(tmp).onReload(e -> {
            if (e.status() == ReloadEvent.Status.APPLIED) {
                check.sets.add(java.util.Set.copyOf(e.policies()));
            }
        }).build();
        check.inService(engine.policies());
        Random random = new Random(42);
        int generation = 1;
        int applied = 0;
        int rejected = 0;
        try (Load load = new Load(engine, check)) {
            for (int step = 0; step < 40; step++) {
                switch (random.nextInt(6)) {
                    case 0 -> { // a good edit of every file
                        dir.writeGeneration(++generation);
                        assertEquals(ReloadEvent.Status.APPLIED, engine.reload().status());
                        applied++;
                    }
                    case 1 -> { // a broken edit, then the fix
                        String good = dir.read("a.ppl");
                        dir.write("a.ppl", good.replace("when l.units > 0", "when l.units >"));
                        assertEquals(ReloadEvent.Status.REJECTED, engine.reload().status());
                        rejected++;
                        load.awaitProgress(check);
                        dir.write("a.ppl", good);
                        assertEquals(ReloadEvent.Status.UNCHANGED, engine.reload().status());
                    }
                    case 2 -> { // a file deleted and restored
                        String b = dir.read("b.ppl");
                        dir.delete("b.ppl");
                        assertEquals(ReloadEvent.Status.APPLIED, engine.reload().status());
                        load.awaitProgress(check);
                        dir.write("b.ppl", b);
                        assertEquals(ReloadEvent.Status.APPLIED, engine.reload().status());
                        applied += 2;
                    }
                    case 3 -> { // the base of a layered policy deleted and restored
                        String a = dir.read("a.ppl");
                        dir.delete("a.ppl");
                        assertEquals(ReloadEvent.Status.REJECTED, engine.reload().status());
                        rejected++;
                        load.awaitProgress(check);
                        dir.write("a.ppl", a);
                        assertEquals(ReloadEvent.Status.UNCHANGED, engine.reload().status());
                    }
                    case 4 -> { // a second version in force on the same days
                        dir.write("a-copy.ppl", PolicyDir.policy("a", 999));
                        assertEquals(ReloadEvent.Status.REJECTED, engine.reload().status());
                        rejected++;
                        load.awaitProgress(check);
                        dir.delete("a-copy.ppl");
                        assertEquals(ReloadEvent.Status.UNCHANGED, engine.reload().status());
                    }
                    default -> { // a new policy in a new folder, then gone again
                        dir.write("more/d.ppl", PolicyDir.policy("d", generation));
                        assertEquals(ReloadEvent.Status.APPLIED, engine.reload().status());
                        load.awaitProgress(check);
                        dir.delete("more/d.ppl");
                        assertEquals(ReloadEvent.Status.APPLIED, engine.reload().status());
                        applied += 2;
                    }
                }
                load.awaitProgress(check);
            }
        }
        assertEquals(List.of(), check.problems());
        assertTrue(applied > 10 && rejected > 10, "the random walk covered both: " + applied + " / " + rejected);
        assertEquals(1 + applied, engine.generation());
        assertTrue(check.shapes.size() > 10, "decisions came from many sets: " + check.shapes.size());
    }

    @Test
    void theDirectoryWatcherReloadsOnChangesUnderLoad() throws Exception {
        PolicyDir dir = new PolicyDir(tmp);
        dir.writeGeneration(1);
        Consistency check = new Consistency();
        BlockingQueue<ReloadEvent> events = new LinkedBlockingQueue<>();
        try (PolicyEngine engine = PolicyEngine.builder().load(tmp).watch(Duration.ofMillis(50)).onReload(e -> {
            if (e.status() == ReloadEvent.Status.APPLIED) {
                check.sets.add(java.util.Set.copyOf(e.policies()));
            }
            events.add(e);
        }).build()) {
            check.inService(engine.policies());
            try (Load load = new Load(engine, check)) {
                dir.writeGeneration(2);
                ReloadEvent e = await(events, ReloadEvent.Status.APPLIED);
                assertEquals("hot.a", e.policies().get(0).id());
                assertTrue(e.policies().stream().allMatch(r -> r.version().equals("1.2.0")), e.policies().toString());
                load.awaitProgress(check);

                dir.write("b.ppl", "policy hot.b\n  version 1.3.0\n  rule");
                ReloadEvent broken = await(events, ReloadEvent.Status.REJECTED);
                assertTrue(broken.details().contains("b.ppl"), broken.details());
                assertEquals(engine.generation(), broken.generation());
                load.awaitProgress(check);

                dir.write("b.ppl", PolicyDir.policy("b", 2));
                await(events, ReloadEvent.Status.UNCHANGED);

                dir.delete("b.ppl");
                ReloadEvent deleted = await(events, ReloadEvent.Status.APPLIED);
                assertEquals(List.of("hot.a", "hot.c"), deleted.policies().stream().map(Decision.PolicyRef::id).toList());
                load.awaitProgress(check);
                dir.write("b.ppl", PolicyDir.policy("b", 2));
                await(events, ReloadEvent.Status.APPLIED);

                // a folder moved in whole: the watcher watches it from now on
                Path staged = Files.createTempDirectory(tmp.getParent(), "staged");
                Files.writeString(staged.resolve("d.ppl"), PolicyDir.policy("d", 2));
                Files.move(staged, tmp.resolve("more"), StandardCopyOption.ATOMIC_MOVE);
                ReloadEvent added = await(events, ReloadEvent.Status.APPLIED);
                assertTrue(added.policies().stream().anyMatch(r -> r.id().equals("hot.d")), added.policies().toString());
                load.awaitProgress(check);
                dir.write("more/d.ppl", PolicyDir.policy("d", 2).replace("1.2.0", "1.2.1"));
                ReloadEvent inFolder = await(events, ReloadEvent.Status.APPLIED);
                assertTrue(inFolder.policies().contains(new Decision.PolicyRef("hot.d", "1.2.1",
                        PolicySet.digest(PolicyDir.policy("d", 2).replace("1.2.0", "1.2.1")))), inFolder.policies().toString());
                load.awaitProgress(check);
            }
        }
        assertEquals(List.of(), check.problems());
    }

    /** The next event with this status; events with other statuses in between are skipped. */
    private static ReloadEvent await(BlockingQueue<ReloadEvent> events, ReloadEvent.Status status)
            throws InterruptedException {
        List<ReloadEvent> skipped = new ArrayList<>();
        while (true) {
            ReloadEvent e = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(e, "no " + status + " reload came; saw " + skipped);
            if (e.status() == status) {
                return e;
            }
            if (e.status() != ReloadEvent.Status.UNCHANGED) {
                skipped.add(e);
            }
            assertTrue(skipped.size() < 5, "expected " + status + " but saw " + skipped);
        }
    }
}
