package dev.ppl.cli;

import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.PolicyEngine;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimRecord;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code ppl eval}'s batch pipeline ({@link Batch}) for {@code dev.ppl.bench.BatchBenchmark}, in
 * three depths of work, each on {@code threads} workers as {@code --threads} gives them: the
 * calling thread splits the input and writes, the workers read (and evaluate, and render). Lines go
 * out in chunks as {@code EvalCommand} writes them.
 */
public final class BatchPipeline {
    private static final int CHUNK_RECORDS = 256;

    private BatchPipeline() {}

    /** Reads every claim; the number read. */
    public static int read(ClaimInput in, int threads) throws IOException {
        int[] ok = new int[1];
        Batch.inOrder(in, threads, r -> ((ClaimRecord) r).read().isOk(), read -> ok[0] += read ? 1 : 0);
        return ok[0];
    }

    /**
     * Reads every claim and writes its decision line, the decision taken from {@code decisions} by
     * the record's line number (an NDJSON file without blank lines).
     */
    public static int readWrite(ClaimInput in, int threads, Decision[] decisions, OutputStream out) throws IOException {
        Writer lines = new Writer(out);
        Batch.inOrder(in, threads, r -> {
            ClaimRecord record = (ClaimRecord) r;
            Decision d = record.read().isOk() ? decisions[(int) record.number() - 1] : null;
            return DecisionJson.compactLineBytes(d, record.source(), record.number());
        }, lines::add);
        return lines.finish();
    }

    /** Reads, evaluates and writes every claim as {@code ppl eval} does. */
    public static int readEvaluateWrite(PolicyEngine engine, ClaimInput in, int threads, OutputStream out)
            throws IOException {
        Writer lines = new Writer(out);
        new Batch(engine, null, threads, null, r -> {
            ClaimRecord record = (ClaimRecord) r.record();
            return DecisionJson.compactLineBytes(r.decision(), record.source(), record.number());
        }).run(in, r -> lines.add(r.output()));
        return lines.finish();
    }

    /** Whole lines written a chunk at a time, as UTF-8 bytes, as {@code EvalCommand} does. */
    private static final class Writer {
        private byte[] chunk = new byte[1 << 17];
        private int size;
        private final OutputStream out;
        private int inChunk;
        private int written;

        Writer(OutputStream out) {
            this.out = out;
        }

        void add(byte[] line) {
            if (size + line.length > chunk.length) {
                chunk = java.util.Arrays.copyOf(chunk, Math.max(chunk.length * 2, size + line.length));
            }
            System.arraycopy(line, 0, chunk, size, line.length);
            size += line.length;
            if (++inChunk >= CHUNK_RECORDS || size >= 1 << 16) {
                flush();
            }
        }

        private void flush() {
            try {
                out.write(chunk, 0, size);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException("the benchmark's output failed", e);
            }
            size = 0;
            written += inChunk;
            inChunk = 0;
        }

        int finish() {
            flush();
            return written;
        }
    }
}
