package dev.ppl.cli;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.InputRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Evaluates a stream of claim records on several threads and hands the results back in input
 * order. The thread that calls {@link #run} splits the input into records and emits the results;
 * it and the workers take the records a few dozen at a time, read each claim, evaluate it and
 * render its output line. At most {@code window} records are in flight, so memory stays constant
 * however long the input is.
 */
final class Batch {
    /** Records a worker takes at once: fewer hand-overs between threads than one at a time. */
    static final int CHUNK = 32;

    /**
     * What became of one record.
     *
     * @param record the record: a claim, or a file record, which is handed back as it is
     * @param read the claim as read, or null for a file record or when evaluation failed before reading finished
     * @param decision its decision, or null when {@code failure} is set
     * @param failure an internal error (a bug), or null
     * @param baseline the decision of the baseline engine ({@code ppl diff}'s old policies), or null without one
     * @param output the record's output as rendered on the worker, in UTF-8, or null when there is no
     *     renderer or it failed
     */
    record Result(InputRecord record, ClaimReadResult read, Decision decision, RuntimeException failure,
            Decision baseline, byte[] output) {
        Result(InputRecord record, ClaimReadResult read, Decision decision, RuntimeException failure) {
            this(record, read, decision, failure, null, null);
        }

        Result(InputRecord record, ClaimReadResult read, Decision decision, RuntimeException failure,
                Decision baseline) {
            this(record, read, decision, failure, baseline, null);
        }

        Result withOutput(byte[] output) {
            return new Result(record, read, decision, failure, baseline, output);
        }
    }

    private final PolicyEngine engine;
    private final PolicyEngine baseline;
    private final int threads;
    private final Consumer<Result> onWorker;
    private final Function<Result, byte[]> render;

    Batch(PolicyEngine engine, int threads) {
        this(engine, null, threads, null, null);
    }

    /** A batch that also evaluates each claim, read once, with {@code baseline} (null for none). */
    Batch(PolicyEngine engine, PolicyEngine baseline, int threads) {
        this(engine, baseline, threads, null, null);
    }

    Batch(PolicyEngine engine, PolicyEngine baseline, int threads, Consumer<Result> onWorker) {
        this(engine, baseline, threads, onWorker, null);
    }

    /**
     * @param baseline a second engine each claim is also evaluated with, or null
     * @param onWorker called with each claim's result on the worker thread that evaluated it, in no
     *     particular order, before the result is emitted (for work that can be split and merged, such
     *     as audit tallies kept per thread); a runtime exception in it fails that record only
     * @param render the output of a claim that was evaluated, in UTF-8, made on the worker ({@link Result#output()});
     *     a runtime exception in it fails that record only. Null for none
     */
    Batch(PolicyEngine engine, PolicyEngine baseline, int threads, Consumer<Result> onWorker,
            Function<Result, byte[]> render) {
        this.engine = engine;
        this.baseline = baseline;
        this.threads = Math.max(1, threads);
        this.onWorker = onWorker;
        this.render = render;
    }

    /** Reads every record, evaluates it, and emits the results in input order. */
    void run(ClaimInput input, Consumer<Result> emit) throws IOException {
        inOrder(input, threads, this::evaluate, emit);
    }

    /**
     * Applies {@code work} to every record and hands the results to {@code emit} in input order, on
     * the calling thread. With one thread everything happens on the calling thread. With {@code
     * threads} of them, the calling thread is one: it splits the input into chunks of {@link #CHUNK}
     * records, hands them to {@code threads - 1} workers, and whenever every worker already has a
     * chunk waiting it does the next chunk itself, then emits what is done. So the work takes {@code
     * threads} threads and no more: one per core does not leave a core's worth of threads waiting for
     * a core (the JIT compiler and the garbage collector want one too), and the calling thread does not
     * sit idle while the workers catch up. At most {@code 4 * threads} chunks are ahead of the output.
     */
    static <T> void inOrder(ClaimInput input, int threads, Function<InputRecord, T> work, Consumer<T> emit)
            throws IOException {
        if (threads <= 1) {
            for (InputRecord r = input.next(); r != null; r = input.next()) {
                emit.accept(work.apply(r));
            }
            return;
        }
        int workers = threads - 1;
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "ppl-eval-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // chunks handed to the workers that none has started yet
        AtomicInteger waiting = new AtomicInteger();
        int window = Math.max(4, threads * 4);
        try {
            Deque<CompletableFuture<List<T>>> inFlight = new ArrayDeque<>(window);
            List<InputRecord> chunk = new ArrayList<>(CHUNK);
            for (InputRecord r = input.next(); r != null; r = input.next()) {
                chunk.add(r);
                if (chunk.size() < CHUNK) {
                    continue;
                }
                if (waiting.get() < workers) {
                    waiting.incrementAndGet();
                    inFlight.add(submit(chunk, work, pool, waiting));
                } else {
                    inFlight.add(CompletableFuture.completedFuture(apply(chunk, work)));
                }
                chunk = new ArrayList<>(CHUNK);
                // what is done goes out at once; the input waits only when the window is full
                while (!inFlight.isEmpty() && (inFlight.size() >= window || inFlight.peek().isDone())) {
                    inFlight.poll().join().forEach(emit);
                }
            }
            if (!chunk.isEmpty()) {
                inFlight.add(CompletableFuture.completedFuture(apply(chunk, work)));
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().join().forEach(emit);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> CompletableFuture<List<T>> submit(List<InputRecord> chunk, Function<InputRecord, T> work,
            ExecutorService pool, AtomicInteger waiting) {
        return CompletableFuture.supplyAsync(() -> {
            waiting.decrementAndGet();
            return apply(chunk, work);
        }, pool);
    }

    private static <T> List<T> apply(List<InputRecord> chunk, Function<InputRecord, T> work) {
        List<T> results = new ArrayList<>(chunk.size());
        for (InputRecord r : chunk) {
            results.add(work.apply(r));
        }
        return results;
    }

    /** Never throws: a bug in reading, evaluation or rendering becomes a failed result for this record only. */
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
            return render == null ? result : result.withOutput(render.apply(result));
        } catch (RuntimeException e) {
            return new Result(record, read, null, e);
        }
    }
}
