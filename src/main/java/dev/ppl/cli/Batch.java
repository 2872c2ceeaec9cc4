package dev.ppl.cli;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Evaluates a stream of claim records on several threads and hands the results back in input
 * order. At most {@code window} records are in flight, so memory stays constant however long the
 * input is; the thread that calls {@link #run} reads the input and emits the results, workers read
 * and evaluate the claims.
 */
final class Batch {
    /**
     * What became of one record.
     *
     * @param record the record
     * @param read the claim as read, or null when evaluation failed before reading finished
     * @param decision its decision, or null when {@code failure} is set
     * @param failure an internal error (a bug), or null
     */
    record Result(ClaimRecord record, ClaimReadResult read, Decision decision, RuntimeException failure) {}

    private final PolicyEngine engine;
    private final int threads;
    private final int window;

    Batch(PolicyEngine engine, int threads) {
        this.engine = engine;
        this.threads = Math.max(1, threads);
        this.window = Math.max(64, this.threads * 32);
    }

    /** Reads every record, evaluates it, and emits the results in input order. */
    void run(ClaimInput input, Consumer<Result> emit) throws IOException {
        if (threads == 1) {
            for (ClaimRecord r = input.next(); r != null; r = input.next()) {
                emit.accept(evaluate(r));
            }
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "ppl-eval-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<CompletableFuture<Result>> inFlight = new ArrayDeque<>(window);
            for (ClaimRecord r = input.next(); r != null; r = input.next()) {
                ClaimRecord record = r;
                inFlight.add(CompletableFuture.supplyAsync(() -> evaluate(record), pool));
                while (inFlight.size() >= window) {
                    emit.accept(inFlight.poll().join());
                }
            }
            while (!inFlight.isEmpty()) {
                emit.accept(inFlight.poll().join());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Never throws: a bug in reading or evaluation becomes a failed result for this record only. */
    private Result evaluate(ClaimRecord record) {
        ClaimReadResult read = null;
        try {
            read = record.read();
            return new Result(record, read, engine.evaluate(read), null);
        } catch (RuntimeException e) {
            return new Result(record, read, null, e);
        }
    }
}
