package dev.ppl.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An append-only JSON Lines record of decisions: one line per decision, written whole, safe to
 * share between threads. Give it to {@link PolicyEngine.Builder#decisionLog} and every evaluation
 * is recorded, or call {@link #write} yourself.
 *
 * <pre>{@code
 * {"decisionId":"0b6f...","time":"2026-03-02T10:15:00.123Z","claimId":"EX-0001",
 *  "patient":"hmac-sha256:5d1e...","outcome":"deny","policySet":"sha256:77a0...",
 *  "policies":[{"id":"medicare.injection.core","version":"1.0.0","digest":"sha256:9f2c..."}],
 *  "findings":[{"rule":"em-same-day-needs-25","policy":"medicare.injection.core@1.0.0",
 *               "severity":"deny","line":1,"group":"CO","carc":"4","rarc":[]}]}
 * }</pre>
 *
 * <p><b>No PHI by default.</b> A record holds codes, ids of policies and rules, the claim id and
 * the outcome, and nothing a claim says about the patient: no name, birth date or note text. The
 * patient id is written only as an HMAC-SHA256 under a key the host provides ({@link
 * Builder#patientKey}), so records of one patient can be linked by whoever holds the key and by no
 * one else; without a key it is left out. Finding messages, fixes and citations are left out too,
 * because policy authors may quote any claim value in them. A malformed claim's record lists the
 * field paths that were wrong ({@code "errors":["lines[0].units"]}) without the values. The host
 * opts in to more with {@link Builder#include}.
 *
 * <p><b>Durability and batching.</b> {@link #write} returns once its record is as safe as the
 * configured {@link Durability} says: by default {@link Durability#WRITTEN}, written and flushed
 * to the file, so a record whose evaluation has returned survives a crash of the process. Records
 * written at the same time by several threads are written and flushed together (group commit):
 * the first thread to wait writes every pending record, the others wait for that one write. A
 * lone thread still flushes each record; a host that evaluates on one thread and can acknowledge
 * in batches uses {@link Durability#BUFFERED} and calls {@link #flush()} before it acknowledges.
 *
 * <p><b>Failures.</b> Writing never throws into an evaluation: a failed write counts each of its
 * records ({@link #failures()}) and is reported to the {@code System.Logger} named after this
 * class.
 */
public final class DecisionLog implements Closeable {
    private static final System.Logger LOG = System.getLogger(DecisionLog.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a record may hold beyond the default, each of which can carry PHI. */
    public enum Detail {
        /** Finding messages, fixes and citations (they may quote claim values). */
        MESSAGES,
        /** The patient id as given, next to its HMAC. */
        PATIENT_ID,
        /** The whole claim as contract JSON, notes and birth date included. */
        CLAIM
    }

    /** Characters a buffered log collects before it writes them without being asked. */
    private static final int BUFFER_CHARS = 64 * 1024;

    private final Writer out;
    private final Durability durability;
    private final Sync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private final StringBuilder pending = new StringBuilder();
    private int pendingRecords;
    private long appended;
    private long flushedUpTo;
    private boolean flushing;
    private final Set<Detail> details;
    private final byte[] patientKey;
    private final Mac patientMac;
    private final Clock clock;
    private final Supplier<String> ids;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private boolean closed;

    private DecisionLog(Builder b, Writer out, Sync sync) {
        this.out = out;
        this.durability = b.durability;
        this.sync = b.durability == Durability.SYNCED ? sync : null;
        this.details = b.details.isEmpty() ? Set.of() : Set.copyOf(b.details);
        this.patientKey = b.patientKey;
        this.patientMac = b.patientKey == null ? null : mac(b.patientKey);
        this.clock = b.clock;
        this.ids = b.ids;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records a decision under a new decision id.
     *
     * @param read the claim as read (for the patient id, and the field paths of a malformed claim)
     * @param decision the decision made
     * @param set the policy set that made it, or null when not known
     * @return the decision id written
     */
    public String write(ClaimReadResult read, Decision decision, PolicySet set) {
        String id = ids.get();
        write(id, read, decision, set);
        return id;
    }

    /** Records a decision under the host's own decision id (a request id, say). */
    public void write(String decisionId, ClaimReadResult read, Decision decision, PolicySet set) {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(decision, "decision");
        append(line(decisionId, read, decision, set));
    }

    /** The record as one line of JSON, without its newline. */
    String line(String decisionId, ClaimReadResult read, Decision decision, PolicySet set) {
        try {
            return JSON.writeValueAsString(record(decisionId, read, decision, set));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision record always serializes", e);
        }
    }

    /**
     * Adds a line to the pending batch and, unless buffered, waits until a flush has taken it:
     * the first waiting thread writes and flushes everything pending (its own record and those
     * that arrived meanwhile) while the others wait for it, so records written at the same time
     * share one write and one flush (group commit).
     */
    private void append(String line) {
        lock.lock();
        try {
            if (closed) {
                failed(1, new IOException("the decision log is closed"));
                return;
            }
            pending.append(line).append('\n');
            pendingRecords++;
            long mine = ++appended;
            if (durability == Durability.BUFFERED) {
                if (pending.length() >= BUFFER_CHARS && !flushing) {
                    flushPending();
                }
                return;
            }
            awaitFlushed(mine);
        } finally {
            lock.unlock();
        }
    }

    /** Waits (holding the lock on entry and exit) until record number {@code upTo} has been flushed. */
    private void awaitFlushed(long upTo) {
        while (flushedUpTo < upTo) {
            if (flushing) {
                flushed.awaitUninterruptibly();
            } else {
                flushPending();
            }
        }
    }

    /** Writes and flushes the pending batch outside the lock; called and returns with the lock held. */
    private void flushPending() {
        if (pendingRecords == 0) {
            return;
        }
        flushing = true;
        String batch = pending.toString();
        int records = pendingRecords;
        long upTo = appended;
        pending.setLength(0);
        pendingRecords = 0;
        lock.unlock();
        IOException failure = null;
        try {
            out.write(batch);
            out.flush();
            if (sync != null) {
                sync.sync();
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            lock.lock();
        }
        flushing = false;
        flushedUpTo = upTo;
        if (failure == null) {
            written.addAndGet(records);
        } else {
            failed(records, failure);
        }
        flushed.signalAll();
    }

    private void failed(int records, IOException e) {
        long before = failures.getAndAdd(records);
        long n = before + records;
        if (before == 0 || before / 10_000 != n / 10_000) {
            LOG.log(System.Logger.Level.ERROR, "cannot write the decision log (" + n + " record"
                    + (n == 1 ? "" : "s") + " lost so far): " + e.getMessage());
        }
    }

    /**
     * Writes every record handed over so far and flushes it to the configured {@link
     * Durability} level (at least {@link Durability#WRITTEN}); returns when they are there or
     * counted as {@link #failures()}.
     */
    public void flush() {
        lock.lock();
        try {
            awaitFlushed(appended);
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode record(String decisionId, ClaimReadResult read, Decision decision, PolicySet set) {
        ObjectNode r = JSON.createObjectNode();
        r.put("decisionId", decisionId);
        r.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        r.put("claimId", decision.claimId());
        String patientId = read.isOk() && read.claim().patient() != null ? read.claim().patient().id() : null;
        if (patientId != null && patientMac != null) {
            r.put("patient", hmac(patientId));
        }
        if (patientId != null && details.contains(Detail.PATIENT_ID)) {
            r.put("patientId", patientId);
        }
        r.put("outcome", decision.outcome());
        if (set != null) {
            r.put("policySet", set.digest());
        }
        DecisionJson.addPolicies(r, decision.policies());
        ArrayNode findings = r.putArray("findings");
        boolean messages = details.contains(Detail.MESSAGES);
        for (Finding f : decision.findings()) {
            DecisionJson.addFinding(findings, f, messages);
        }
        if (read.isFailed()) {
            ArrayNode errors = r.putArray("errors");
            for (FieldError e : read.errors()) {
                errors.add(e.path());
            }
        }
        if (read.isOk() && details.contains(Detail.CLAIM)) {
            r.set("claim", ClaimJson.toJson(read.claim()));
        }
        return r;
    }

    private String hmac(String patientId) {
        Mac mac;
        try {
            mac = (Mac) patientMac.clone(); // a Mac is not thread-safe; a clone of the keyed one is cheap
        } catch (CloneNotSupportedException e) {
            mac = mac(patientKey);
        }
        byte[] hash = mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder("hmac-sha256:");
        for (byte b : hash) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Records written. */
    public long written() {
        return written.get();
    }

    /** Records that could not be written. */
    public long failures() {
        return failures.get();
    }

    /**
     * Writes and flushes what is pending, then closes the file or writer. Records written after
     * this are counted as failures.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                awaitFlushed(appended);
                closed = true;
                out.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forces a file's content to its storage device. */
    @FunctionalInterface
    private interface Sync {
        void sync() throws IOException;
    }

    /**
     * When {@link DecisionLog#write} (and so {@link PolicyEngine#evaluate}) returns, relative to
     * the record reaching storage. Whatever the level, records written at the same time by
     * several threads share one write and flush, and a failure is counted, never thrown.
     */
    public enum Durability {
        /**
         * {@code write} returns once the record is in the log's memory buffer; records are
         * written when 64 KiB are pending, on {@link DecisionLog#flush()} and on {@link
         * DecisionLog#close()}. A crash of the process loses what was not flushed: the host
         * flushes before it acknowledges (as {@code ppl eval} does before it writes the decisions
         * out). The fastest.
         */
        BUFFERED,
        /**
         * The default: {@code write} returns once the record has been written and flushed to the
         * file or writer, so the operating system has it: it survives a crash of the process (not
         * a crash of the machine or a power loss).
         */
        WRITTEN,
        /**
         * {@code write} returns once the record is on the storage device ({@code fsync}): it
         * survives a power loss. For logs opened on a file; a host's writer is only flushed.
         */
        SYNCED
    }

    /** Options of a decision log. */
    public static final class Builder {
        private final Set<Detail> details = EnumSet.noneOf(Detail.class);
        private Durability durability = Durability.WRITTEN;
        private byte[] patientKey;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();

        private Builder() {}

        /**
         * The secret key ("salt") for the patient id's HMAC-SHA256. Keep it stable to link a
         * patient's decisions over time and secret so no one else can; at least 16 bytes.
         */
        public Builder patientKey(byte[] key) {
            if (key.length < 16) {
                throw new IllegalArgumentException("a patient key needs at least 16 bytes, got " + key.length);
            }
            this.patientKey = key.clone();
            return this;
        }

        /** Writes more than the default into each record; each of these can carry PHI. */
        public Builder include(Detail... more) {
            details.addAll(Set.of(more));
            return this;
        }

        /** When {@code write} returns relative to the record reaching storage; {@link Durability#WRITTEN} by default. */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** The clock for record times (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Makes decision ids for {@link DecisionLog#write(ClaimReadResult, Decision, PolicySet)}; random UUIDs by default. */
        public Builder decisionIds(Supplier<String> ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** A log appending to a file (created when missing), UTF-8. */
        public DecisionLog open(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            Writer writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8), BUFFER_CHARS);
            return new DecisionLog(this, writer, () -> channel.force(false));
        }

        /** A log writing to the host's writer; {@link DecisionLog#close()} closes it. */
        public DecisionLog to(Writer writer) {
            return new DecisionLog(this, Objects.requireNonNull(writer, "writer"), null);
        }
    }
}
