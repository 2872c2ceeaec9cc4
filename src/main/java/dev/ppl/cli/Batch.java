package dev.ppl.cli;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.InputRecord;
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
     * @param record the record: a claim, or a file record, which is handed back as it is
     * @param read the claim as read, or null for a file record or when evaluation failed before reading finished
     * @param decision its decision, or null when {@code failure} is set
     * @param failure an internal error (a bug), or null
     * @param baseline the decision of the baseline engine ({@code ppl diff}'s old policies), or null without one
     */
    record Result(InputRecord record, ClaimReadResult read, Decision decision, RuntimeException failure,
            Decision baseline) {
        Result(InputRecord record, ClaimReadResult read, Decision decision, RuntimeException failure) {
            this(record, read, decision, failure, null);
        }
    }

    private final PolicyEngine engine;
    private final PolicyEngine baseline;
    private final int threads;
    private final int window;
    private final Consumer<Result> onWorker;

    Batch(PolicyEngine engine, int threads) {
        this(engine, null, threads, null);
    }

    /** A batch that also evaluates each claim, read once, with {@code baseline} (null for none). */
    Batch(PolicyEngine engine, PolicyEngine baseline, int threads) {
        this(engine, baseline, threads, null);
    }

    /**
     * @param baseline a second engine each claim is also evaluated with, or null
     * @param onWorker called with each claim's result on the worker thread that evaluated it, in no
     *     particular order, before the result is emitted (for work that can be split and merged, such
     *     as audit tallies kept per thread); a runtime exception in it fails that record only
     */
    Batch(PolicyEngine engine, PolicyEngine baseline, int threads, Consumer<Result> onWorker) {
        this.engine = engine;
        this.baseline = baseline;
        this.threads = Math.max(1, threads);
        this.window = Math.max(64, this.threads * 32);
        this.onWorker = onWorker;
    }

    /** Reads every record, evaluates it, and emits the results in input order. */
    void run(ClaimInput input, Consumer<Result> emit) throws IOException {
        if (threads == 1) {
            for (InputRecord r = input.next(); r != null; r = input.next()) {
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
            for (InputRecord r = input.next(); r != null; r = input.next()) {
                InputRecord record = r;
                inFlight.add(record instanceof ClaimRecord
                        ? CompletableFuture.supplyAsync(() -> evaluate(record), pool)
                        : CompletableFuture.completedFuture(evaluate(record)));
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
    private Result evaluate(InputRecord r) {
        if (!(r instanceof ClaimRecord record)) {
            return new Result(r, null, null, null);
        }
        ClaimReadResult read = null;
        try {
            read = record.read();
            Decision before = baseline == null ? null : baseline.evaluate(read);
            Result result = new Result(record, read, engine.evaluate(read), null, before);
            if (onWorker != null) {
                onWorker.accept(result);
            }
            return result;
        } catch (RuntimeException e) {
            return new Result(record, read, null, e);
        }
    }
}
