package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.ClaimReadResult;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The decision log batches its writes: concurrent records share one write and flush (group
 * commit), yet {@code write} returns only once its own record has reached the writer and been
 * flushed ({@link DecisionLog.Durability#WRITTEN}); {@link DecisionLog.Durability#BUFFERED}
 * hands records over on {@code flush()} and {@code close()}.
 */
class DecisionLogGroupCommitTest {

    /** A writer whose flush is slow, like a disk; it keeps what was flushed. */
    static final class SlowDisk extends Writer {
        final StringBuilder pending = new StringBuilder();
        final StringBuilder flushed = new StringBuilder();
        final AtomicInteger flushes = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public synchronized void write(char[] c, int off, int len) {
            writes.incrementAndGet();
            pending.append(c, off, len);
        }

        @Override
        public void flush() {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                flushed.append(pending);
                pending.setLength(0);
                flushes.incrementAndGet();
            }
        }

        synchronized String flushedText() {
            return flushed.toString();
        }

        @Override
        public void close() {}
    }

    @Test
    void concurrentRecordsShareFlushesAndEachIsFlushedBeforeItsWriteReturns() throws Exception {
        SlowDisk disk = new SlowDisk();
        AtomicInteger ids = new AtomicInteger();
        DecisionLog log = DecisionLog.builder().decisionIds(() -> "D-" + ids.incrementAndGet() + "-").to(disk);
        ClaimReadResult read = DecisionLogTest.denied();
        Decision d = DecisionLogTest.ENGINE.evaluate(read);
        int threads = 8;
        int each = 50;
        List<String> notFlushed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    String id = log.write(read, d, null);
                    if (!disk.flushedText().contains("\"decisionId\":\"" + id + "\"")) {
                        notFlushed.add(id);
                    }
                }
            });
            running.add(thread);
            thread.start();
        }
        for (Thread t : running) {
            t.join();
        }
        log.close();

        assertEquals(List.of(), notFlushed, "write returned before its record was flushed");
        assertEquals(threads * each, log.written());
        assertEquals(threads * each, disk.flushedText().split("\n").length);
        assertTrue(disk.flushes.get() <= threads * each / 2,
                "records should share flushes: " + disk.flushes.get() + " flushes for " + threads * each + " records");
    }

    @Test
    void bufferedRecordsAreHandedOverOnFlushAndClose() throws Exception {
        SlowDisk disk = new SlowDisk();
        DecisionLog log = DecisionLog.builder().durability(DecisionLog.Durability.BUFFERED).to(disk);
        ClaimReadResult read = DecisionLogTest.denied();
        Decision d = DecisionLogTest.ENGINE.evaluate(read);
        for (int i = 0; i < 3; i++) {
            log.write(read, d, null);
        }
        assertEquals("", disk.flushedText());
        assertEquals(0, disk.writes.get(), "buffered records wait for flush()");
        log.flush();
        assertEquals(3, disk.flushedText().split("\n").length);
        assertEquals(1, disk.flushes.get());
        log.write(read, d, null);
        log.close();
        assertEquals(4, disk.flushedText().split("\n").length);
        assertEquals(4, log.written());
    }

    @Test
    void aFailedBatchCountsEachOfItsRecords() throws Exception {
        Writer broken = new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        DecisionLog log = DecisionLog.builder().durability(DecisionLog.Durability.BUFFERED).to(broken);
        ClaimReadResult read = DecisionLogTest.denied();
        Decision d = DecisionLogTest.ENGINE.evaluate(read);
        for (int i = 0; i < 5; i++) {
            log.write(read, d, null);
        }
        log.flush();
        assertEquals(5, log.failures());
        assertEquals(0, log.written());
    }
}
