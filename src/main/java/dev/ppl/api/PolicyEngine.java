package dev.ppl.api;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates claims against a compiled set of policies. Build it once with {@link #builder()} and
 * share it between threads.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().load(Path.of("policies")).build();
 * Decision decision = engine.evaluate(ClaimJson.read(json));
 * }</pre>
 *
 * <p><b>Reloading.</b> The engine serves one immutable {@link PolicySet} at a time, held in a
 * single atomic reference. {@link #reload()} (or the directory watcher, see {@link
 * Builder#watch()}) reads and compiles the whole set of policy files off to the side and swaps it
 * in only when it compiles without errors; otherwise the last good set keeps serving and the
 * diagnostics go to the {@link ReloadListener}s and to the {@code System.Logger} named after this
 * class. An evaluation reads the reference once, so it finishes on the set it started with and a
 * decision never mixes two sets.
 *
 * <p><b>Errors.</b> Evaluation throws only for programmer errors (a null claim). A claim that
 * could not be read gets a {@code reject} decision naming each field.
 */
public final class PolicyEngine implements AutoCloseable {
    /** The logger, made on first use: making one starts the JDK's logging, which a one-claim run does without. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(PolicyEngine.class.getName());
    }

    private final List<Origin> origins;
    private final List<ReloadListener> listeners;
    private final DecisionLog decisionLog;
    private final EvaluationLimits limits;
    private final Clock clock;
    private final PolicyCache cache;
    private final AtomicReference<Serving> serving;
    private final Object reloading = new Object();
    private final PolicyWatcher watcher;

    /** The set in service, its generation and its warnings: swapped as one. */
    private record Serving(PolicySet set, long generation, List<String> warnings) {}

    private PolicyEngine(Builder b, PolicySet set, List<String> warnings) {
        this.origins = List.copyOf(b.origins);
        this.listeners = List.copyOf(b.listeners);
        this.decisionLog = b.decisionLog;
        this.limits = b.limits;
        this.clock = b.clock;
        this.cache = b.cache;
        this.serving = new AtomicReference<>(new Serving(set, 1, List.copyOf(warnings)));
        List<PolicyWatcher.Root> roots = new ArrayList<>();
        if (b.watch) {
            for (Origin o : origins) {
                if (o instanceof Origin.Directory d) {
                    Path abs = d.path().toAbsolutePath().normalize();
                    roots.add(Files.isDirectory(abs) ? new PolicyWatcher.Root(abs, true)
                            : new PolicyWatcher.Root(abs.getParent(), false));
                }
            }
        }
        // started by the builder once the engine is fully built
        this.watcher = roots.isEmpty() ? null : new PolicyWatcher(roots, b.debounce, this::reload);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The compiled policy set in service now. Evaluating with it directly pins one set for several
     * claims, even across reloads.
     */
    public PolicySet policies() {
        return serving.get().set();
    }

    /** The generation in service: 1 for the set the engine was built with, one more per set swapped in. */
    public long generation() {
        return serving.get().generation();
    }

    /** The work one claim's evaluation may do. */
    public EvaluationLimits limits() {
        return limits;
    }

    /** Checker warnings of the set in service, rendered. */
    public List<String> warnings() {
        return serving.get().warnings();
    }

    /** Evaluates a claim. Findings are ordered by line, policy, rule; the same claim gives the same decision. */
    public Decision evaluate(Claim claim) {
        Objects.requireNonNull(claim, "claim");
        PolicySet set = serving.get().set();
        Decision decision = set.evaluate(claim, limits);
        if (decisionLog != null) {
            decisionLog.write(ClaimReadResult.ok(claim), decision, set);
        }
        return decision;
    }

    /**
     * Evaluates a claim as read from JSON, X12 or FHIR: a claim that could not be read gets a
     * {@code reject} decision whose findings name each field problem.
     */
    public Decision evaluate(ClaimReadResult read) {
        Objects.requireNonNull(read, "read");
        PolicySet set = serving.get().set();
        Decision decision = read.isOk() ? notChecked(set.evaluate(read.claim(), limits), read.notChecked())
                : read.isFailed() ? rejected(read.claimId(), read.errors())
                : notCovered(read.claimId(), read.notCovered());
        if (decisionLog != null) {
            decisionLog.write(read, decision, set);
        }
        return decision;
    }

    /**
     * The decision for a claim of a kind the policies do not judge (an institutional claim): no
     * policy ran, and one {@code info} finding, {@code claim-type-not-covered}, says so. It carries
     * no CARC: the claim was not turned back, it was not judged.
     */
    public static Decision notCovered(String claimId, String reason) {
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("claim-type-not-covered", PolicySet.ENGINE, "info", null, null, null, List.of(),
                "not judged: " + reason, "judge this claim with rules for its claim type; PPL's policies are written"
                        + " for professional claims (837P, CMS-1500)", null, null));
        return PolicySet.decision(claimId == null ? "(unknown)" : claimId, List.of(), findings);
    }

    /** A decision with one {@code info} finding, {@code line-not-checked}, per part a lenient reader left out. */
    static Decision notChecked(Decision decision, List<FieldError> parts) {
        if (parts.isEmpty()) {
            return decision;
        }
        List<Finding> findings = new ArrayList<>(decision.findings());
        for (FieldError e : parts) {
            findings.add(new Finding("line-not-checked", PolicySet.ENGINE, "info", lineOf(e.path()), null, null,
                    List.of(), "not checked: " + e.render(), "this part could not be read, so no rule judged it;"
                            + " correct it at `" + e.path() + "` to have it checked", null, null));
        }
        return PolicySet.decision(decision.claimId(), decision.policies(), findings);
    }

    /** The line number a lenient reader put first in the path ({@code line 3: ...}), or null. */
    private static Integer lineOf(String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^line (\\d{1,9})\\b.*").matcher(path);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The decision for a claim that could not be read. */
    public static Decision rejected(String claimId, List<FieldError> errors) {
        List<Finding> findings = new ArrayList<>();
        for (FieldError e : errors) {
            findings.add(new Finding("invalid-claim", PolicySet.ENGINE, "reject", null, "CO", "16", List.of(),
                    e.render(), fix(e.path()), null, null));
        }
        return PolicySet.decision(claimId == null ? "(unknown)" : claimId, List.of(), findings);
    }

    /** What to do about a field error, by where it is: a JSON position, a field path, or the whole input. */
    private static String fix(String path) {
        if (path.isEmpty()) {
            return "correct the claim and send it again";
        }
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("(\\d+):(\\d+)").matcher(path);
        if (at.matches()) {
            return "fix the JSON at line " + at.group(1) + ", column " + at.group(2) + " and send the claim again";
        }
        return "correct the claim data at `" + path + "` and send the claim again";
    }

    /**
     * Reads every policy source again (directories are scanned afresh), compiles the whole set and
     * swaps it in when it has no errors. Reloads run one at a time; evaluations never wait for
     * them. The event also goes to every {@link ReloadListener}.
     *
     * @return what happened; never throws for bad policy files
     */
    public ReloadEvent reload() {
        synchronized (reloading) {
            ReloadEvent event = attempt();
            log(event);
            for (ReloadListener l : listeners) {
                try {
                    l.reloaded(event);
                } catch (RuntimeException | AssertionError | LinkageError e) {
                    // a listener's bug must not stop the others hearing, nor the watcher watching
                    Log.LOG.log(Level.WARNING, "a reload listener failed: " + e, e);
                }
            }
            return event;
        }
    }

    private ReloadEvent attempt() {
        Serving old = serving.get();
        List<PolicySource> sources;
        try {
            sources = read(origins);
        } catch (UncheckedIOException e) {
            String why = describe(e.getCause());
            return rejected(old, List.of(), "cannot read the policy files: " + why, why);
        } catch (RuntimeException e) {
            Log.LOG.log(Level.ERROR, "internal error reading policies", e);
            return rejected(old, List.of(), "internal error reading the policy files: " + e, e.toString());
        }
        if (sources.isEmpty() && !old.set().entries().isEmpty()) {
            String where = String.join(", ", origins.stream().map(Origin::describe).toList());
            return rejected(old, List.of(), "no policy files found in " + where,
                    "no .ppl file was found; a policy directory that is emptied (or being replaced) does not"
                            + " turn every policy off");
        }
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set;
        try {
            set = PolicySet.compile(sources, diagnostics, false, cache);
        } catch (RuntimeException | StackOverflowError e) {
            // a bug in the compiler must not take down a host that is serving claims
            Log.LOG.log(Level.ERROR, "internal error compiling policies", e);
            return rejected(old, diagnostics.all(), "internal error compiling the policies: " + e, e.toString());
        }
        if (diagnostics.hasErrors()) {
            return rejected(old, diagnostics.all(), diagnostics.errorCount() + " error"
                    + (diagnostics.errorCount() == 1 ? "" : "s") + " in the policy files", diagnostics.render());
        }
        if (set.digest().equals(old.set().digest())) {
            return event(ReloadEvent.Status.UNCHANGED, old, diagnostics.all(), "policies unchanged", "");
        }
        List<String> warnings = diagnostics.all().stream().map(Diagnostic::render).toList();
        Serving next = new Serving(set, old.generation() + 1, warnings);
        serving.set(next);
        return event(ReloadEvent.Status.APPLIED, next, diagnostics.all(), "generation " + next.generation()
                + " in service: " + set.refs().size() + " policy version" + (set.refs().size() == 1 ? "" : "s"),
                diagnostics.render());
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + " does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        return e.getMessage();
    }

    private ReloadEvent rejected(Serving old, List<Diagnostic> diagnostics, String why, String details) {
        return event(ReloadEvent.Status.REJECTED, old, diagnostics, why + "; generation " + old.generation()
                + " stays in service", details);
    }

    private ReloadEvent event(ReloadEvent.Status status, Serving s, List<Diagnostic> diagnostics, String message,
            String details) {
        return new ReloadEvent(status, s.generation(), s.set().digest(), s.set().refs(), diagnostics, message,
                details, clock.instant());
    }

    private static void log(ReloadEvent e) {
        switch (e.status()) {
            case APPLIED -> Log.LOG.log(Level.INFO, "policies reloaded: " + e.message() + " (" + e.setDigest() + ")");
            case UNCHANGED -> Log.LOG.log(Level.DEBUG, "policies reloaded: " + e.message());
            case REJECTED -> Log.LOG.log(Level.WARNING, "policy reload rejected: " + e.message()
                    + (e.details().isEmpty() ? "" : "\n" + e.details()));
        }
    }


    /**
     * Stops the directory watcher, if any. The engine keeps evaluating with the set in service,
     * and {@link #reload()} still works. Does not close the {@link DecisionLog}: its owner does.
     */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private static List<PolicySource> read(List<Origin> origins) {
        List<PolicySource> out = new ArrayList<>();
        for (Origin o : origins) {
            out.addAll(o.read());
        }
        return out;
    }

    /** Where policy sources come from; read again on every reload. */
    private sealed interface Origin {
        List<PolicySource> read();

        String describe();

        record Directory(Path path) implements Origin {
            @Override
            public List<PolicySource> read() {
                if (!Files.exists(path)) {
                    throw new UncheckedIOException(new java.nio.file.NoSuchFileException(path.toString()));
                }
                return PolicySource.directory(path);
            }

            @Override
            public String describe() {
                return path.toString();
            }
        }

        record Classpath(String folder, String prefix) implements Origin {
            @Override
            public List<PolicySource> read() {
                return PolicySource.classpath(folder, prefix);
            }

            @Override
            public String describe() {
                return "classpath:" + folder;
            }
        }

        /** The library bundled in PPL's jar, as {@link PolicySource#bundled()} reads it. */
        record Bundled() implements Origin {
            @Override
            public List<PolicySource> read() {
                return PolicySource.bundled();
            }

            @Override
            public String describe() {
                return "classpath:dev/ppl/policies";
            }
        }

        record Fixed(PolicySource source) implements Origin {
            @Override
            public List<PolicySource> read() {
                return List.of(source);
            }

            @Override
            public String describe() {
                return source.path();
            }
        }
    }

    /** Collects policy sources and options, then compiles them all at once. */
    public static final class Builder {
        private final List<Origin> origins = new ArrayList<>();
        private final List<ReloadListener> listeners = new ArrayList<>();
        private boolean watch;
        private Duration debounce = Duration.ofMillis(250);
        private DecisionLog decisionLog;
        private EvaluationLimits limits = EvaluationLimits.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private PolicyCache cache;

        private Builder() {}

        /**
         * Keeps the parsed and checked policies in {@code cache} and takes them from there when the
         * policy texts and tables are unchanged (see {@link PolicyCache}): a later start skips
         * parsing and checking. Off unless set; decisions are the same either way.
         */
        public Builder cache(PolicyCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * The work one claim's evaluation may do ({@link EvaluationLimits#DEFAULT} unless set): a
         * claim over a limit gets a {@code reject} naming it, and the engine goes on.
         */
        public Builder limits(EvaluationLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Every {@code .ppl} file under a directory (or one file); scanned again on every reload. */
        public Builder load(Path path) {
            origins.add(new Origin.Directory(Objects.requireNonNull(path, "path")));
            return this;
        }

        /**
         * The policy library bundled with PPL. With a {@link #cache(PolicyCache) cache}, and nothing
         * else loaded, a run from PPL's jar takes it checked from the jar without reading it.
         */
        public Builder loadBundled() {
            origins.add(new Origin.Bundled());
            return this;
        }

        /**
         * Every {@code .ppl} file under a folder of the classpath (a jar or a directory), e.g. {@code
         * com/example/policies}; named {@code classpath:com/example/policies/...} in diagnostics.
         */
        public Builder loadClasspath(String folder) {
            origins.add(new Origin.Classpath(folder, "classpath:" + folder + "/"));
            return this;
        }

        /** One policy given as text; {@code name} is used in diagnostics. */
        public Builder add(String name, String text) {
            return add(PolicySource.of(name, text));
        }

        public Builder add(PolicySource source) {
            origins.add(new Origin.Fixed(Objects.requireNonNull(source, "source")));
            return this;
        }

        /**
         * Watches every directory given to {@link #load(Path)}, recursively, and reloads when files
         * change there, once changes have been quiet for a quarter of a second. The engine then
         * owns a daemon thread until {@link PolicyEngine#close()}.
         */
        public Builder watch() {
            return watch(Duration.ofMillis(250));
        }

        /** As {@link #watch()}, reloading once changes have been quiet for {@code debounce}. */
        public Builder watch(Duration debounce) {
            if (debounce.isNegative()) {
                throw new IllegalArgumentException("debounce must not be negative: " + debounce);
            }
            this.watch = true;
            this.debounce = debounce;
            return this;
        }

        /** Told about every reload, applied or rejected. */
        public Builder onReload(ReloadListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Writes one record per decision to this log (see {@link DecisionLog}); the caller closes it. */
        public Builder decisionLog(DecisionLog log) {
            this.decisionLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The clock for reload event times (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Reads and compiles every source, and starts the watcher when asked for.
         *
         * @throws PolicyException when any policy has errors; it carries every diagnostic
         * @throws UncheckedIOException when a policy directory cannot be read
         * @throws IllegalStateException when {@link #watch()} was asked for with no directory to watch
         */
        public PolicyEngine build() {
            if (watch && origins.stream().noneMatch(o -> o instanceof Origin.Directory)) {
                throw new IllegalStateException("watch() needs a policy directory given to load(Path)");
            }
            Diagnostics diagnostics = new Diagnostics();
            // (no record equals here: linking its invokedynamic cost a cold start more than the test)
            boolean bundledOnly = origins.size() == 1 && origins.get(0) instanceof Origin.Bundled;
            PolicySet set = cache != null && bundledOnly ? PolicySet.bundled(diagnostics) : null;
            if (set == null) {
                set = PolicySet.compile(read(origins), diagnostics, false, cache);
            }
            if (diagnostics.hasErrors()) {
                throw new PolicyException(diagnostics.render(), diagnostics.all());
            }
            List<String> warnings = new ArrayList<>();
            diagnostics.all().forEach(d -> warnings.add(d.render()));
            PolicyEngine engine = new PolicyEngine(this, set, warnings);
            if (engine.watcher != null) {
                try {
                    engine.watcher.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot watch the policy directories: " + e.getMessage(), e);
                }
            }
            return engine;
        }
    }
}
