package dev.ppl.spark;

import dev.ppl.api.EvaluationLimits;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.PolicyException;
import dev.ppl.api.PolicySource;
import dev.ppl.check.TableLoader;
import dev.ppl.source.SourceFile;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy set as it travels to the executors: every policy file's text and the text of every table
 * file it read, the set's digest, and the evaluation limits. {@link #of} compiles it once on the
 * driver, so a set with errors fails the job before any task runs; the job broadcasts it, and each
 * executor JVM compiles it once ({@link #engine()}, cached by digest) and reuses the engine for
 * every task and claim.
 */
public final class PolicyShipment implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Engines compiled in this JVM, by {@link #key()}: one per policy set and limits, shared by all tasks. */
    private static final Map<String, PolicyEngine> ENGINES = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger COMPILATIONS = new java.util.concurrent.atomic.AtomicInteger();

    /** One policy file: its name in diagnostics, its text and the tables it read (name to file and text). */
    record Source(String path, String text, LinkedHashMap<String, String[]> tables) implements Serializable {}

    private final List<Source> sources;
    private final String digest;
    private final long maxSteps;
    private final int maxHistory;
    private final int maxTextLength;
    private final Long timeoutMillis;

    private PolicyShipment(List<Source> sources, String digest, EvaluationLimits limits) {
        this.sources = List.copyOf(sources);
        this.digest = digest;
        this.maxSteps = limits.maxSteps();
        this.maxHistory = limits.maxHistoryEntries();
        this.maxTextLength = limits.maxTextLength();
        this.timeoutMillis = limits.timeout() == null ? null : limits.timeout().toMillis();
    }

    /** The policy library bundled with PPL, with the default limits. */
    public static PolicyShipment bundled() {
        return of(PolicySource.bundled(), EvaluationLimits.DEFAULT);
    }

    /** Every {@code .ppl} file under a directory on the driver's file system, with the default limits. */
    public static PolicyShipment directory(Path dir) {
        return of(PolicySource.directory(dir), EvaluationLimits.DEFAULT);
    }

    /**
     * Compiles the sources on the driver and keeps what the executors need to compile them again.
     *
     * @throws PplSparkException when a policy has errors: its message holds every diagnostic,
     *     rendered as {@code ppl check} renders them
     */
    public static PolicyShipment of(List<PolicySource> sources, EvaluationLimits limits) {
        List<Source> shipped = new ArrayList<>();
        PolicyEngine.Builder builder = PolicyEngine.builder().limits(limits);
        for (PolicySource s : sources) {
            LinkedHashMap<String, String[]> tables = new LinkedHashMap<>();
            TableLoader recording = relativePath -> {
                SourceFile f = s.tables().load(relativePath);
                if (f != null) {
                    tables.putIfAbsent(relativePath, new String[] {f.path(), f.text()});
                }
                return f;
            };
            builder.add(new PolicySource(s.path(), s.text(), recording));
            shipped.add(new Source(s.path(), s.text(), tables));
        }
        PolicyEngine engine;
        try {
            engine = builder.build();
        } catch (PolicyException e) {
            throw new PplSparkException("the policies have errors; no task was started:\n" + e.rendered(), e);
        }
        PolicyShipment shipment = new PolicyShipment(shipped, engine.policies().digest(), limits);
        return shipment;
    }

    /** {@code sha256:...} of the policy set, as decisions and the decision log name it. */
    public String digest() {
        return digest;
    }

    /** The policy files shipped, by name. */
    public List<String> files() {
        return sources.stream().map(Source::path).toList();
    }

    EvaluationLimits limits() {
        return new EvaluationLimits(maxSteps, maxHistory, maxTextLength,
                timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis));
    }

    private String key() {
        return digest + " " + maxSteps + " " + maxHistory + " " + maxTextLength + " " + timeoutMillis;
    }

    /** The engine for this set in this JVM: compiled by the first task that asks, then shared. */
    PolicyEngine engine() {
        return ENGINES.computeIfAbsent(key(), k -> compile());
    }

    private PolicyEngine compile() {
        COMPILATIONS.incrementAndGet();
        PolicyEngine.Builder builder = PolicyEngine.builder().limits(limits());
        for (Source s : sources) {
            builder.add(new PolicySource(s.path(), s.text(), relativePath -> {
                String[] file = s.tables().get(relativePath);
                return file == null ? null : new SourceFile(file[0], file[1]);
            }));
        }
        PolicyEngine engine = builder.build(); // it compiled on the driver; the same text compiles here
        if (!engine.policies().digest().equals(digest)) {
            throw new IllegalStateException("the policy set compiled on this executor has digest "
                    + engine.policies().digest() + ", not the driver's " + digest + "; are the PPL versions the same?");
        }
        return engine;
    }

    /** How many times a task in this JVM compiled a shipped set (tests check that tasks share one). */
    static int compilations() {
        return COMPILATIONS.get();
    }
}
