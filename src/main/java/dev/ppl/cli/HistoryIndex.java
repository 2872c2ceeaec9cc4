package dev.ppl.cli;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.CorpusHistory;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimRecord;
import dev.ppl.input.InputRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ppl eval --history-from-corpus} on one machine: a first pass over the inputs keeps every
 * patient's claims as history entries ({@link CorpusHistory.Earlier}), the second pass (the usual
 * evaluation) gives each claim the earlier ones within the window. Memory grows with the service
 * lines of the corpus that name a patient (their codes, dates and notes), not with the claims' full
 * text; docs/tools.md gives the figures.
 */
final class HistoryIndex {
    private final Map<String, List<CorpusHistory.Earlier>> byPatient;
    private final int windowDays;

    private HistoryIndex(Map<String, List<CorpusHistory.Earlier>> byPatient, int windowDays) {
        this.byPatient = byPatient;
        this.windowDays = windowDays;
    }

    /** Reads every claim of {@code input} (on {@code threads} workers) and keeps it as history. */
    static HistoryIndex build(ClaimInput input, int threads, int windowDays) throws IOException {
        record Seen(long position, String patient, CorpusHistory.Earlier earlier) {}
        List<Seen> seen = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread t = new Thread(task, "ppl-history");
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<CompletableFuture<Seen>> inFlight = new ArrayDeque<>();
            long position = 0;
            for (InputRecord r = input.next(); r != null; r = input.next()) {
                if (!(r instanceof ClaimRecord record)) {
                    continue;
                }
                long at = position++;
                inFlight.add(CompletableFuture.supplyAsync(() -> {
                    ClaimReadResult read;
                    try {
                        read = record.read();
                    } catch (RuntimeException e) {
                        return null; // the evaluation pass reports it as an internal error
                    }
                    if (!read.isOk() || CorpusHistory.patientKey(read.claim()) == null) {
                        return null;
                    }
                    CorpusHistory.Earlier e = CorpusHistory.Earlier.of(read.claim());
                    return e == null ? null : new Seen(at, CorpusHistory.patientKey(read.claim()), e);
                }, pool));
                while (inFlight.size() >= 256) {
                    add(seen, inFlight.poll().join());
                }
            }
            while (!inFlight.isEmpty()) {
                add(seen, inFlight.poll().join());
            }
        } finally {
            pool.shutdownNow();
        }
        // date, claim id, then input order: the order Spark sorts a patient's claims in
        seen.sort(Comparator.comparing(Seen::earlier, CorpusHistory.ORDER).thenComparingLong(Seen::position));
        Map<String, List<CorpusHistory.Earlier>> byPatient = new HashMap<>();
        for (Seen s : seen) {
            byPatient.computeIfAbsent(s.patient(), k -> new ArrayList<>()).add(s.earlier());
        }
        return new HistoryIndex(byPatient, windowDays);
    }

    private static <T> void add(List<T> into, T item) {
        if (item != null) {
            into.add(item);
        }
    }

    /** The claims of {@code input}, each read with its history from the corpus. */
    ClaimInput withHistory(ClaimInput input) {
        return new ClaimInput() {
            @Override
            public InputRecord next() throws IOException {
                InputRecord r = input.next();
                if (!(r instanceof ClaimRecord record)) {
                    return r;
                }
                return new ClaimRecord(record.source(), record.number(), record.size(), () -> history(record.read()));
            }

            @Override
            public void close() throws IOException {
                input.close();
            }
        };
    }

    private ClaimReadResult history(ClaimReadResult read) {
        if (!read.isOk()) {
            return read;
        }
        String patient = CorpusHistory.patientKey(read.claim());
        List<CorpusHistory.Earlier> earlier = patient == null ? null : byPatient.get(patient);
        if (earlier == null) {
            return read;
        }
        Claim claim = CorpusHistory.withHistory(read.claim(), earlier, windowDays);
        return claim == read.claim() ? read
                : new ClaimReadResult(read.claimId(), claim, read.errors(), read.notChecked(), read.notCovered());
    }
}
