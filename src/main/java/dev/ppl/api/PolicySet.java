package dev.ppl.api;

import dev.ppl.ast.PolicyFile;
import dev.ppl.ast.Severity;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.Checker;
import dev.ppl.check.PolicyInfo;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ServiceLine;
import dev.ppl.codegen.RuleGenerator;
import dev.ppl.compile.Compiler;
import dev.ppl.runtime.ClaimContext;
import dev.ppl.runtime.CompiledPolicy;
import dev.ppl.runtime.CompiledRule;
import dev.ppl.runtime.EvaluationLimitException;
import dev.ppl.runtime.FindingSink;
import dev.ppl.runtime.Tracer;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.syntax.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled, immutable set of policy versions and the selection logic that decides which of them
 * judge each claim line. Built by {@link #compile}; shared freely between threads.
 */
public final class PolicySet {
    /** The policy name of findings the engine itself makes (no policy applies, invalid claim). */
    static final String ENGINE = "ppl@engine";
    /** The rule id of the finding for a claim over an {@link EvaluationLimits evaluation limit}. */
    public static final String EVALUATION_LIMIT = "evaluation-limit";
    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.line() == null ? Integer.MIN_VALUE : f.line())
            .thenComparing(Finding::policy)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    private final List<Entry> entries;
    private final List<Decision.PolicyRef> refs;
    /**
     * The set's digest, made on first use ({@link #digest()}): the first SHA-256 of a run loads the
     * JDK's security providers, which a one-claim run with neither decision log nor reload needs
     * not. Two threads may both make it; they make the same string.
     */
    private volatile String digest;
    /** Per entry: the versions a decision it judges names (its own, then its bases'), made once. */
    private final List<List<Decision.PolicyRef>> usedRefs;
    /** Per entry: {@code id@version}, as its findings name the policy. */
    private final String[] policyRefs;
    /** Whether some entry extends a base: only then can a base's findings be replaced on a line. */
    private final boolean layered;

    /** One compiled policy version with what it was compiled from. */
    public record Entry(CheckedPolicy checked, CompiledPolicy compiled, String sourceText) {

        /** The version as a decision names it. */
        public Decision.PolicyRef ref() {
            return new Decision.PolicyRef(compiled.info().id(), compiled.info().version(), compiled.digest());
        }
    }

    private PolicySet(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.refs = entries.stream().map(Entry::ref).distinct().toList();
        List<List<Decision.PolicyRef>> used = new ArrayList<>();
        this.policyRefs = new String[this.entries.size()];
        boolean anyBase = false;
        for (int i = 0; i < this.entries.size(); i++) {
            CompiledPolicy policy = this.entries.get(i).compiled();
            List<Decision.PolicyRef> own = new ArrayList<>();
            own.add(this.entries.get(i).ref());
            for (CompiledPolicy b = policy.base(); b != null; b = b.base()) {
                own.add(new Decision.PolicyRef(b.info().id(), b.info().version(), b.digest()));
            }
            used.add(List.copyOf(own));
            policyRefs[i] = policy.info().ref();
            anyBase |= policy.base() != null;
        }
        this.usedRefs = List.copyOf(used);
        this.layered = anyBase;
    }

    /** The compiled policy versions, in load order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Every policy version in the set with its digest, in load order (a layered policy once per
     * base version it was compiled against). A decision's {@link Decision#policies()} are a subset.
     */
    public List<Decision.PolicyRef> refs() {
        return refs;
    }

    /**
     * A digest of the whole set: {@code sha256:} over the sorted {@code id@version digest} lines of
     * {@link #refs()}. Two sets with the same digest judge every claim alike; the decision log
     * records it so a decision can be traced to the set that made it.
     */
    public String digest() {
        String made = digest;
        if (made == null) {
            StringBuilder all = new StringBuilder();
            refs.stream().map(r -> r.id() + "@" + r.version() + " " + r.digest()).sorted()
                    .forEach(line -> all.append(line).append('\n'));
            made = digest(all.toString());
            digest = made;
        }
        return made;
    }

    /**
     * Parses, checks and compiles policy files. Problems go to {@code diagnostics}; the returned
     * set holds the policies that compiled (callers that need all-or-nothing check {@code
     * diagnostics.hasErrors()}).
     */
    public static PolicySet compile(List<PolicySource> sources, Diagnostics diagnostics) {
        return compile(sources, diagnostics, false);
    }

    /**
     * Like {@link #compile(List, Diagnostics)}; with {@code traced} every sub-condition reports
     * its value to the tracer given to {@link #evaluate(Claim, Tracer)} (for {@code ppl explain}).
     * A traced set is slower: build it for explanations, not for production evaluation.
     */
    public static PolicySet compile(List<PolicySource> sources, Diagnostics diagnostics, boolean traced) {
        return compile(sources, diagnostics, traced, null);
    }

    /**
     * Like {@link #compile(List, Diagnostics, boolean)}, taking the parsed and checked policies from
     * {@code cache} when it holds them for exactly these sources (and the tables they read), and
     * keeping them there otherwise. Only a set without errors is kept. A null cache is no cache.
     */
    public static PolicySet compile(List<PolicySource> sources, Diagnostics diagnostics, boolean traced,
            PolicyCache cache) {
        return dev.ppl.source.CompilerStack.call(() -> {
            if (cache == null) {
                return compileHere(sources, diagnostics, traced, null);
            }
            PolicySet set = compileKept(cache.load(sources), traced, diagnostics);
            if (set != null) {
                return set;
            }
            Diagnostics local = new Diagnostics();
            List<Checked> made = new ArrayList<>(1);
            set = compileHere(sources, local, traced, made);
            diagnostics.addAll(local);
            if (!local.hasErrors()) {
                cache.store(sources, made.get(0));
            }
            return set;
        });
    }

    /**
     * The library bundled in PPL's jar, from the entry the build shipped in the jar without reading
     * the policy files ({@link PolicyCache#loadBundled}), or null when that entry cannot be used
     * here: the caller then reads the sources and compiles them as usual.
     */
    static PolicySet bundled(Diagnostics diagnostics) {
        return bundled(PolicySet.class.getClassLoader(), diagnostics);
    }

    /** As {@link #bundled(Diagnostics)}, with the library and its entry read through {@code loader}. */
    static PolicySet bundled(ClassLoader loader, Diagnostics diagnostics) {
        return dev.ppl.source.CompilerStack.call(() -> {
            // two compiler threads: one decodes the entry, the other compiles each policy version as
            // soon as it is decoded, in load order, so that a run waits for the longer of the two
            // instead of both (the compiled policies are the same as compiling the whole entry after)
            Pipeline pipeline = new Pipeline();
            Checked[] kept = new Checked[1];
            java.util.concurrent.atomic.AtomicBoolean decoding = new java.util.concurrent.atomic.AtomicBoolean();
            dev.ppl.source.CompilerStack.inParallel(2, () -> {
                if (decoding.compareAndSet(false, true)) {
                    try {
                        kept[0] = PolicyCache.loadBundled(loader, pipeline::offer);
                    } finally {
                        pipeline.close();
                    }
                } else {
                    pipeline.compileAll();
                }
            });
            if (kept[0] == null) {
                return null;
            }
            PolicySet set = pipeline.set(kept[0]);
            if (set == null) {
                return compileKept(kept[0], false, diagnostics);
            }
            kept[0].warnings().forEach(diagnostics::add);
            return set;
        });
    }

    /**
     * Compiles checked policy versions handed over one by one while the entry holding them is
     * still being decoded: one thread offers them, another compiles them in the order offered.
     */
    private static final class Pipeline {
        private static final CheckedEntry END = new CheckedEntry(null, null, null, -1, Map.of());
        private final java.util.concurrent.BlockingQueue<CheckedEntry> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        private final List<CheckedEntry> offered = new ArrayList<>();
        private final List<Entry> entries = new ArrayList<>();
        private boolean failed;

        /** A policy version decoded (called by the decoding thread). */
        void offer(CheckedEntry item) {
            queue.add(item);
        }

        /** No more versions come (called by the decoding thread, also when decoding failed). */
        void close() {
            queue.add(END);
        }

        /** Compiles every version offered until {@link #close()}; after a failure, only drains. */
        void compileAll() {
            Map<CheckedPolicy, CompiledPolicy> compiled = new java.util.IdentityHashMap<>();
            while (true) {
                CheckedEntry item;
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    synchronized (this) {
                        failed = true;
                    }
                    return;
                }
                if (item == END) {
                    return;
                }
                synchronized (this) {
                    offered.add(item);
                    if (failed) {
                        continue;
                    }
                }
                try {
                    Entry entry = compileItem(item, compiled, false);
                    synchronized (this) {
                        entries.add(entry);
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    synchronized (this) {
                        failed = true; // the caller compiles the entry again, which reports what it reports
                    }
                }
            }
        }

        /**
         * The set compiled from exactly the versions of {@code kept}, in its order, or null when
         * compiling failed or what was offered is not that (the caller then compiles {@code kept}).
         */
        synchronized PolicySet set(Checked kept) {
            if (failed || offered.size() != kept.items().size() || entries.size() != offered.size()) {
                return null;
            }
            for (int i = 0; i < offered.size(); i++) {
                if (offered.get(i) != kept.items().get(i)) {
                    return null;
                }
            }
            return new PolicySet(entries);
        }
    }

    /** Compiles a kept entry and adds its warnings, or null when there is none or it does not compile. */
    private static PolicySet compileKept(Checked kept, boolean traced, Diagnostics diagnostics) {
        if (kept == null) {
            return null;
        }
        PolicySet set;
        try {
            set = kept.compile(traced);
        } catch (RuntimeException | StackOverflowError e) {
            return null; // an entry that does not compile is not used: compile the sources as without a cache
        }
        kept.warnings().forEach(diagnostics::add);
        return set;
    }

    /** Parses and checks (and compiles) sources, returning what a cache keeps of them. */
    static Checked checked(List<PolicySource> sources, Diagnostics diagnostics) {
        return dev.ppl.source.CompilerStack.call(() -> {
            List<Checked> made = new ArrayList<>(1);
            compileHere(sources, diagnostics, false, made);
            return made.get(0);
        });
    }

    /**
     * A set parsed and checked but not compiled: what {@link PolicyCache} keeps, since compiled
     * rules are closures and cannot be written out. Entries are in load order, every base before
     * the policies that extend it.
     *
     * @param items the checked policy versions
     * @param warnings the checker's warnings for the set
     */
    record Checked(List<CheckedEntry> items, List<dev.ppl.source.Diagnostic> warnings) {
        Checked {
            items = List.copyOf(items);
            warnings = List.copyOf(warnings);
        }

        PolicySet compile(boolean traced) {
            Map<CheckedPolicy, CompiledPolicy> compiled = new java.util.IdentityHashMap<>();
            List<Entry> entries = new ArrayList<>(items.size());
            for (CheckedEntry item : items) {
                entries.add(compileItem(item, compiled, traced));
            }
            return new PolicySet(entries);
        }
    }

    /** Compiles one kept version against its base, compiled before it (in {@code compiled}, where it is added). */
    private static Entry compileItem(CheckedEntry item, Map<CheckedPolicy, CompiledPolicy> compiled, boolean traced) {
        CompiledPolicy base = null;
        if (item.checked().base() != null) {
            base = compiled.get(item.checked().base());
            if (base == null) {
                throw new IllegalStateException("base of " + item.checked().info().id() + " is not before it");
            }
        }
        CompiledPolicy c = compileOne(item.checked(), item.digest(), base, traced);
        compiled.put(item.checked(), c);
        return new Entry(item.checked(), c, item.sourceText());
    }

    /**
     * Compiles one checked policy version: traced (for explain), or with its rules generated as
     * bytecode ({@code dev.ppl.codegen}) once each has run a few hundred times; {@code
     * -Dppl.codegen=now} generates them from the start, {@code -Dppl.codegen=false} never (node
     * trees only, the way {@code ppl explain} always runs them).
     */
    private static CompiledPolicy compileOne(CheckedPolicy checked, String digest, CompiledPolicy base, boolean traced) {
        if (traced) {
            return Compiler.compileTraced(checked, digest, base);
        }
        CompiledPolicy compiled = Compiler.compile(checked, digest, base);
        return switch (System.getProperty("ppl.codegen", "")) {
            case "false" -> compiled;
            case "now" -> RuleGenerator.generate(checked, compiled, RuleGenerator.When.NOW);
            default -> RuleGenerator.generate(checked, compiled, RuleGenerator.When.AFTER_WARM_UP);
        };
    }

    /**
     * One checked policy version.
     *
     * @param checked the checked policy (its base, when it extends one, is an earlier item's)
     * @param digest the version's digest (its text, the tables it read, its base's digest)
     * @param sourceText the policy text
     * @param source the index of its source in the list compiled
     * @param tables the SHA-256 of every table file it read, by the name it read it under
     */
    record CheckedEntry(CheckedPolicy checked, String digest, String sourceText, int source, Map<String, String> tables) {}

    private static PolicySet compileHere(List<PolicySource> sources, Diagnostics diagnostics, boolean traced,
            List<Checked> made) {
        PolicyFile[] files = parseAll(sources, diagnostics);
        Map<String, List<Parsed>> byId = new LinkedHashMap<>();
        for (int i = 0; i < files.length; i++) {
            PolicyFile parsed = files[i];
            if (parsed == null) {
                continue;
            }
            byId.computeIfAbsent(parsed.header().id().text(), k -> new ArrayList<>())
                    .add(new Parsed(parsed, sources.get(i), i));
        }
        Builder builder = new Builder(byId, diagnostics, traced);
        PolicySet set = builder.build();
        if (made != null) {
            List<CheckedEntry> items = new ArrayList<>();
            for (Entry e : set.entries) {
                items.add(builder.kept.get(e));
            }
            made.add(new Checked(items, diagnostics.all()));
        }
        return set;
    }

    /**
     * Parses the files on as many threads as there are cores (parsing is most of building a large
     * set, and files parse independently); each file's diagnostics are then added in the order of
     * the files, so the result is the same as parsing them one after another.
     */
    private static PolicyFile[] parseAll(List<PolicySource> sources, Diagnostics diagnostics) {
        int n = sources.size();
        PolicyFile[] files = new PolicyFile[n];
        Diagnostics[] found = new Diagnostics[n];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        dev.ppl.source.CompilerStack.inParallel(threads, () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                PolicySource s = sources.get(i);
                found[i] = new Diagnostics();
                files[i] = PolicyParser.parse(new SourceFile(s.path(), s.text()), found[i]);
            }
        });
        for (Diagnostics d : found) {
            diagnostics.addAll(d);
        }
        return files;
    }

    private record Parsed(PolicyFile file, PolicySource source, int index) {}

    /** Checks policies in dependency order (bases before the policies that extend them). */
    private static final class Builder {
        private final Map<String, List<Parsed>> byId;
        private final Diagnostics diagnostics;
        private final Map<String, List<Entry>> done = new HashMap<>();
        private final Set<String> visiting = new LinkedHashSet<>();
        private final List<Entry> ordered = new ArrayList<>();
        private final boolean traced;
        /** What each entry was compiled from, for {@link PolicyCache}. */
        final Map<Entry, CheckedEntry> kept = new java.util.IdentityHashMap<>();
        /** Versions that extend no other policy, checked and compiled ahead of the ordered pass. */
        private final Map<Parsed, Ahead> ahead = new java.util.IdentityHashMap<>();

        /** A version checked and compiled ahead, with the diagnostics it gave; checked is null when it had errors. */
        private record Ahead(CheckedPolicy checked, String digest, CompiledPolicy compiled, ReadTables tables,
                Diagnostics diagnostics) {}

        Builder(Map<String, List<Parsed>> byId, Diagnostics diagnostics, boolean traced) {
            this.byId = byId;
            this.diagnostics = diagnostics;
            this.traced = traced;
        }

        private CompiledPolicy compile(CheckedPolicy checked, String digest, CompiledPolicy base) {
            return compileOne(checked, digest, base, traced);
        }

        PolicySet build() {
            for (List<Parsed> versions : byId.values()) {
                rejectOverlaps(versions);
            }
            checkAhead();
            for (String id : byId.keySet()) {
                versions(id);
            }
            return new PolicySet(ordered);
        }

        /**
         * Checks and compiles the versions that extend no other policy on as many threads as there
         * are cores: they depend on nothing else loaded, and with parsing already parallel they
         * were most of the time left to build a large set. Each keeps its own diagnostics, which
         * {@link #version} adds where the one-at-a-time pass would have, so the result is the same.
         */
        private void checkAhead() {
            List<Parsed> standalone = new ArrayList<>();
            for (List<Parsed> versions : byId.values()) {
                for (Parsed p : versions) {
                    if (p.file().header().extendsId() == null) {
                        standalone.add(p);
                    }
                }
            }
            int n = standalone.size();
            int threads = Math.min(n, Runtime.getRuntime().availableProcessors());
            if (threads < 2) {
                return;
            }
            Ahead[] done = new Ahead[n];
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            dev.ppl.source.CompilerStack.inParallel(threads, () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    Parsed p = standalone.get(i);
                    Diagnostics local = new Diagnostics();
                    ReadTables tables = new ReadTables(p.source().tables());
                    CheckedPolicy checked = Checker.check(p.file(), null, local, tables);
                    String digest = checked == null ? null : digest(tables.content(p.source().text()));
                    done[i] = new Ahead(checked, digest, checked == null ? null : compile(checked, digest, null), tables, local);
                }
            });
            for (int i = 0; i < n; i++) {
                ahead.put(standalone.get(i), done[i]);
            }
        }

        /**
         * One version of a policy in force per line: the same version loaded twice (PPL0410), or two
         * versions in force on one day for the same payers and jurisdictions (PPL0409), would judge a
         * line twice. The later of the two is reported and left out.
         */
        private void rejectOverlaps(List<Parsed> versions) {
            List<Parsed> kept = new ArrayList<>();
            List<Parsed> sorted = new ArrayList<>(versions);
            sorted.sort(Comparator.comparing((Parsed p) -> p.file().header().effectiveFrom(),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            for (Parsed p : sorted) {
                var h = p.file().header();
                if (h.version() == null) {
                    continue; // the checker reports the missing version (PPL0201); it takes no part in the overlap test
                }
                Parsed clash = null;
                for (Parsed k : kept) {
                    var o = k.file().header();
                    if (h.version().text().equals(o.version().text())) {
                        diagnostics.error("PPL0410", p.file().source(), h.version().span(), "version "
                                + h.version().text() + " of policy `" + h.id().text() + "` is already loaded from "
                                + k.source().path(), "give this file a new version number, or remove one of the copies");
                        clash = k;
                        break;
                    }
                    if (h.effectiveFrom() != null && o.effectiveFrom() != null
                            && overlaps(h.effectiveFrom(), h.effectiveTo(), o.effectiveFrom(), o.effectiveTo())
                            && sameClaims(h, o)) {
                        LocalDate from = h.effectiveFrom().isAfter(o.effectiveFrom()) ? h.effectiveFrom() : o.effectiveFrom();
                        String help = o.effectiveFrom().isBefore(h.effectiveFrom())
                                ? "end version " + o.version().text() + " the day before this one starts: `effective "
                                        + o.effectiveFrom() + " to " + h.effectiveFrom().minusDays(1) + "`"
                                : "give the two versions effective ranges that do not overlap";
                        diagnostics.error("PPL0409", p.file().source(), h.effectiveSpan() == null ? h.id().span()
                                : h.effectiveSpan(), "versions " + o.version().text() + " (" + k.source().path() + ") and "
                                + h.version().text() + " of policy `" + h.id().text()
                                + "` are both in force from " + from, help);
                        clash = k;
                        break;
                    }
                }
                if (clash == null) {
                    kept.add(p);
                }
            }
            versions.removeIf(p -> p.file().header().version() != null && !kept.contains(p));
        }

        /** Whether some claim could be governed by both headers (payer types or ids shared, jurisdictions too). */
        private static boolean sameClaims(dev.ppl.ast.Header a, dev.ppl.ast.Header b) {
            boolean payers = shares(a.payerTypes(), b.payerTypes()) || shares(a.payerIds(), b.payerIds());
            boolean places = a.jurisdictions().isEmpty() || b.jurisdictions().isEmpty()
                    || shares(a.jurisdictions(), b.jurisdictions());
            return payers && places;
        }

        private static boolean shares(List<dev.ppl.ast.Name> a, List<dev.ppl.ast.Name> b) {
            for (dev.ppl.ast.Name x : a) {
                for (dev.ppl.ast.Name y : b) {
                    if (x.text().equals(y.text())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private List<Entry> versions(String id) {
            List<Entry> existing = done.get(id);
            if (existing != null) {
                return existing;
            }
            if (!visiting.add(id)) {
                return null;
            }
            List<Entry> result = new ArrayList<>();
            for (Parsed p : byId.get(id)) {
                result.addAll(version(p));
            }
            visiting.remove(id);
            done.put(id, result);
            ordered.addAll(result);
            return result;
        }

        private List<Entry> version(Parsed p) {
            var header = p.file().header();
            Ahead a = ahead.remove(p);
            if (a != null) {
                diagnostics.addAll(a.diagnostics());
                return a.checked() == null ? List.of() : List.of(compiledEntry(p, a.checked(), a.digest(), a.compiled(), a.tables()));
            }
            if (header.extendsId() == null) {
                ReadTables tables = new ReadTables(p.source().tables());
                CheckedPolicy checked = Checker.check(p.file(), null, diagnostics, tables);
                return checked == null ? List.of()
                        : List.of(entry(p, checked, digest(tables.content(p.source().text())), null, tables));
            }
            String baseId = header.extendsId().text();
            SourceFile file = p.file().source();
            if (!byId.containsKey(baseId)) {
                diagnostics.error("PPL0403", file, header.extendsId().span(), "base policy `" + baseId + "` is not loaded",
                        dev.ppl.check.Suggest.help(baseId, byId.keySet(), "load the base policy's file together with this one"));
                return List.of();
            }
            if (visiting.contains(baseId)) {
                diagnostics.error("PPL0407", file, header.extendsId().span(), "policies extend each other in a cycle: "
                        + String.join(" -> ", visiting) + " -> " + baseId, "a base policy cannot extend the policies built on it");
                return List.of();
            }
            List<Entry> bases = versions(baseId);
            if (bases == null || bases.isEmpty()) {
                return List.of();
            }
            List<Entry> variants = new ArrayList<>();
            boolean first = true;
            for (Entry base : bases) {
                PolicyInfo b = base.compiled().info();
                LocalDate from = header.effectiveFrom();
                LocalDate to = header.effectiveTo();
                if (from == null || !overlaps(from, to, b.effectiveFrom(), b.effectiveTo())) {
                    continue;
                }
                Diagnostics local = first ? diagnostics : new Diagnostics();
                ReadTables tables = new ReadTables(p.source().tables());
                CheckedPolicy checked = Checker.check(p.file(), base.checked(), local, tables);
                first = false;
                if (checked == null) {
                    break;
                }
                CheckedPolicy narrowed = new CheckedPolicy(checked.file(), narrow(checked.info(), b), checked.base(),
                        checked.sets(), checked.tables(), checked.rules(), checked.disabled(), checked.tests(), checked.facts());
                variants.add(entry(p, narrowed, digest(tables.content(p.source().text(),
                        "\n" + base.compiled().digest())), base.compiled(), tables));
            }
            if (first) {
                diagnostics.error("PPL0408", file, header.extendsId().span(), "no version of base policy `" + baseId
                        + "` is in force while this policy is (" + (header.effectiveFrom() == null ? "?" : header.effectiveFrom())
                        + (header.effectiveTo() == null ? " onward" : " to " + header.effectiveTo()) + ")",
                        "load a version of `" + baseId + "` whose effective dates overlap this policy's");
            }
            return variants;
        }

        private Entry entry(Parsed p, CheckedPolicy checked, String digest, CompiledPolicy base, ReadTables tables) {
            return compiledEntry(p, checked, digest, compile(checked, digest, base), tables);
        }

        private Entry compiledEntry(Parsed p, CheckedPolicy checked, String digest, CompiledPolicy compiled, ReadTables tables) {
            Entry e = new Entry(checked, compiled, p.source().text());
            kept.put(e, new CheckedEntry(checked, digest, p.source().text(), p.index(), tables.digests()));
            return e;
        }

        private static boolean overlaps(LocalDate aFrom, LocalDate aTo, LocalDate bFrom, LocalDate bTo) {
            return (aTo == null || !aTo.isBefore(bFrom)) && (bTo == null || !bTo.isBefore(aFrom));
        }

        private static PolicyInfo narrow(PolicyInfo child, PolicyInfo base) {
            LocalDate from = child.effectiveFrom().isAfter(base.effectiveFrom()) ? child.effectiveFrom() : base.effectiveFrom();
            LocalDate to = child.effectiveTo() == null ? base.effectiveTo()
                    : base.effectiveTo() == null || child.effectiveTo().isBefore(base.effectiveTo()) ? child.effectiveTo()
                    : base.effectiveTo();
            return new PolicyInfo(child.id(), child.version(), child.title(), child.payerTypes(), child.payerIds(),
                    child.jurisdictions(), from, to, child.cites(), child.extendsId());
        }
    }

    /**
     * Remembers the table files a policy read, so that its digest covers them: a changed CSV is a
     * changed policy.
     */
    private static final class ReadTables implements dev.ppl.check.TableLoader {
        private final dev.ppl.check.TableLoader loader;
        private final Map<String, String> read = new LinkedHashMap<>();

        ReadTables(dev.ppl.check.TableLoader loader) {
            this.loader = loader;
        }

        @Override
        public SourceFile load(String relativePath) {
            SourceFile file;
            // policies are checked in parallel: a loader shared by several sources is still called by one thread at a time
            synchronized (loader) {
                file = loader.load(relativePath);
            }
            if (file != null) {
                read.putIfAbsent(relativePath, file.text());
            }
            return file;
        }

        /** The SHA-256 of each table read, by the name it was read under. */
        Map<String, String> digests() {
            Map<String, String> out = new LinkedHashMap<>();
            read.forEach((name, text) -> out.put(name, digest(text)));
            return out;
        }

        /**
         * The policy text, followed by each table read (name and text), then {@code more}: the
         * parts whose concatenation is digested, without copying a large table into one string.
         */
        List<String> content(String policyText, String... more) {
            List<String> parts = new ArrayList<>();
            parts.add(policyText);
            read.forEach((name, text) -> {
                parts.add("\n\u0000table " + name + "\n");
                parts.add(text);
            });
            parts.addAll(List.of(more));
            return parts;
        }
    }

    static String digest(String text) {
        return digest(List.of(text));
    }

    /** The digest of the parts' concatenation, each part encoded on its own. */
    static String digest(List<String> parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            StringBuilder out = new StringBuilder("sha256:");
            for (byte b : sha.digest()) {
                out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    // ------------------------------------------------------------ evaluation

    /** Evaluates a claim against the policies that govern its lines, within the default {@link EvaluationLimits}. */
    public Decision evaluate(Claim claim) {
        return evaluate(claim, EvaluationLimits.DEFAULT);
    }

    /**
     * Evaluates a claim within {@code limits}: a claim that needs more work gets a {@code reject}
     * decision whose one finding, {@code evaluation-limit}, names the limit.
     */
    public Decision evaluate(Claim claim, EvaluationLimits limits) {
        Objects.requireNonNull(limits, "limits");
        if (claim.history().size() > limits.maxHistoryEntries()) {
            return overLimit(claim.claimId(), "the claim carries " + claim.history().size()
                    + " history entries, more than the limit of " + limits.maxHistoryEntries()
                    + "; it was not judged on part of its history",
                    "send only the history the policies look back over (a year or two of the patient's services), or raise "
                            + "the limit (" + "ppl eval --max-history N; EvaluationLimits.withMaxHistoryEntries)");
        }
        try {
            return evaluate(new ClaimContext(claim, limits.budget()), null);
        } catch (EvaluationLimitException e) {
            String what = e.limit() == EvaluationLimitException.Limit.STEPS
                    ? "it needed more than " + String.format(java.util.Locale.ROOT, "%,d", e.steps())
                            + " evaluation steps, the per-claim budget"
                    : "it took longer than the per-claim timeout of " + limits.timeout().toMillis() + " ms";
            return overLimit(claim.claimId(), "evaluation of this claim was stopped: " + what
                    + (e.rule() == null ? "" : " (rule " + e.rule() + " was running)") + "; no finding of it is reported",
                    "check the claim for oversized content (many lines, history entries or long notes); a host that expects "
                            + "such claims can raise the limit (" + (e.limit() == EvaluationLimitException.Limit.STEPS
                                    ? "ppl eval --max-steps N; EvaluationLimits.withMaxSteps"
                                    : "ppl eval --claim-timeout DURATION; EvaluationLimits.withTimeout")
                            + ")");
        }
    }

    /** The reject for a claim over an evaluation limit: one {@code evaluation-limit} finding, no policy. */
    private static Decision overLimit(String claimId, String message, String fix) {
        List<Finding> findings = new ArrayList<>(List.of(new Finding(EVALUATION_LIMIT, ENGINE, "reject", null, null,
                null, List.of(), message, fix, null, null)));
        return decision(claimId, List.of(), findings);
    }

    /**
     * Evaluates with a tracer receiving each rule evaluation and, when the set was compiled with
     * {@code traced}, each sub-condition's value. The decision is the same as without a tracer;
     * the evaluation has no work limit (tools trace one claim a person asked about).
     */
    public Decision evaluate(Claim claim, Tracer tracer) {
        return evaluate(new ClaimContext(claim), tracer);
    }

    private Decision evaluate(ClaimContext context, Tracer tracer) {
        Claim claim = context.claim();
        List<ServiceLine> lines = claim.lines();
        boolean[] covered = new boolean[lines.size()];
        LocalDate firstDate = firstDate(lines);
        String payerId = claim.payer() == null ? null : claim.payer().id();
        String payerType = claim.payer() == null || claim.payer().type() == null ? null : claim.payer().type().key();
        String jurisdiction = claim.payer() == null ? null : claim.payer().jurisdiction();
        List<Finding> findings = new ArrayList<>();
        List<Decision.PolicyRef> used = new ArrayList<>(2);
        Map<String, boolean[]> replaced = layered ? replacedBases(claim, payerId, payerType, jurisdiction, firstDate)
                : Map.of();
        for (int e = 0; e < entries.size(); e++) {
            CompiledPolicy policy = entries.get(e).compiled();
            PolicyInfo info = policy.info();
            // a policy of audit measures only judges corpora (ppl audit), not single claims
            if (policy.rules().isEmpty() || !info.appliesTo(payerId, payerType, jurisdiction)) {
                continue;
            }
            // a policy that extends this one and judges the same line speaks for it there
            boolean[] byLayer = replaced.get(info.id());
            boolean any = false;
            for (int i = 0; i < lines.size(); i++) {
                if (info.inForce(lines.get(i).serviceDate())) {
                    covered[i] = true;
                    any |= byLayer == null || !byLayer[i];
                }
            }
            if (!any) {
                continue;
            }
            for (Decision.PolicyRef ref : usedRefs.get(e)) {
                if (!used.contains(ref)) { // in load order, each version once
                    used.add(ref);
                }
            }
            String ref = policyRefs[e];
            FindingSink sink = (rule, branch, line, message, fix, citation) -> {
                LocalDate date = line != null ? line.serviceDate() : firstDate;
                int at = line != null ? indexOf(lines, line) : lines.size();
                boolean replacedHere = byLayer != null && at >= 0 && byLayer[at];
                if (info.inForce(date) && !replacedHere) {
                    // an inherited rule names its own (base) policy
                    findings.add(finding(rule, rule.policy() == info ? ref : rule.policy().ref(), branch, line, message,
                            fix, citation));
                }
            };
            policy.evaluate(context, sink, tracer);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!covered[i]) {
                ServiceLine l = lines.get(i);
                findings.add(new Finding("no-policy-applies", ENGINE, "review", l.line(), null, null, List.of(),
                        "NOT CHECKED: line " + l.line() + " (" + l.code() + ", " + l.serviceDate()
                                + ") was not checked by any rule: no loaded policy covers payer `" + payerId + "` (type "
                                + Objects.requireNonNullElse(payerType, "not given") + ", jurisdiction "
                                + Objects.requireNonNullElse(jurisdiction, "not given") + ") on that date"
                                + CompiledRule.INTERNAL_REVIEW,
                        "check line " + l.line() + " by hand before sending the claim; if the payer (`" + payerId
                                + "`, type " + Objects.requireNonNullElse(payerType, "not given")
                                + ") or the date of service " + l.serviceDate()
                                + " is wrong, correct it; otherwise ask your policy analyst for a policy that covers it",
                        null, null));
            }
        }
        return decision(claim.claimId(), used, findings);
    }

    /** The position of this very line (two identical lines are two lines). */
    private static int indexOf(List<ServiceLine> lines, ServiceLine line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == line) {
                return i;
            }
        }
        return -1;
    }

    /**
     * For each policy id, the claim lines (and, at index {@code lines.size()}, the claim itself, dated
     * by its first line) on which a policy extending it, directly or further down, also judges this
     * claim. The extending policy is the more specific one (a state over every Medicaid program, a
     * plan over its base), and its inherited rules already run with its overrides and disables, so the
     * base's own findings there would repeat them or undo a {@code disable}.
     */
    private Map<String, boolean[]> replacedBases(Claim claim, String payerId, String payerType, String jurisdiction,
            LocalDate firstDate) {
        List<ServiceLine> lines = claim.lines();
        Map<String, boolean[]> replaced = new HashMap<>();
        for (Entry entry : entries) {
            CompiledPolicy policy = entry.compiled();
            PolicyInfo info = policy.info();
            if (policy.base() == null || !info.appliesTo(payerId, payerType, jurisdiction)) {
                continue;
            }
            for (CompiledPolicy b = policy.base(); b != null; b = b.base()) {
                boolean[] at = replaced.computeIfAbsent(b.info().id(), k -> new boolean[lines.size() + 1]);
                for (int i = 0; i < lines.size(); i++) {
                    at[i] |= info.inForce(lines.get(i).serviceDate());
                }
                at[lines.size()] |= firstDate != null && info.inForce(firstDate);
            }
        }
        return replaced;
    }

    /**
     * Whether a policy version judges a claim: it applies to the claim's payer (and
     * jurisdiction) and at least one line's date of service is in its effective range. The
     * same test {@link #evaluate(Claim)} makes; for tools (test coverage, explain).
     */
    public static boolean judges(PolicyInfo info, Claim claim) {
        String payerId = claim.payer() == null ? null : claim.payer().id();
        String payerType = claim.payer() == null || claim.payer().type() == null ? null : claim.payer().type().key();
        String jurisdiction = claim.payer() == null ? null : claim.payer().jurisdiction();
        if (!info.appliesTo(payerId, payerType, jurisdiction)) {
            return false;
        }
        for (ServiceLine l : claim.lines()) {
            if (info.inForce(l.serviceDate())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a policy version does not judge a claim, in words ({@code "it applies to payer type
     * medicaid; this claim's payer is medicare (type medicare)"}), or null when it does.
     */
    public static String whyNotJudged(PolicyInfo info, Claim claim) {
        if (judges(info, claim)) {
            return null;
        }
        String payerId = claim.payer() == null ? null : claim.payer().id();
        String payerType = claim.payer() == null || claim.payer().type() == null ? null : claim.payer().type().key();
        String jurisdiction = claim.payer() == null ? null : claim.payer().jurisdiction();
        boolean payer = info.payerIds().contains(payerId) || (payerType != null && info.payerTypes().contains(payerType));
        if (!payer) {
            List<String> wanted = new ArrayList<>();
            if (!info.payerTypes().isEmpty()) {
                wanted.add("payer type " + String.join(", ", new java.util.TreeSet<>(info.payerTypes())));
            }
            if (!info.payerIds().isEmpty()) {
                wanted.add("payer id " + String.join(", ", new java.util.TreeSet<>(info.payerIds())));
            }
            return "it applies to " + String.join(" or ", wanted) + "; this claim's payer is "
                    + Objects.requireNonNullElse(payerId, "not given") + " (type "
                    + Objects.requireNonNullElse(payerType, "not given") + ")";
        }
        if (!info.jurisdictions().isEmpty() && (jurisdiction == null || !info.jurisdictions().contains(jurisdiction))) {
            return "it applies in jurisdiction " + String.join(", ", new java.util.TreeSet<>(info.jurisdictions()))
                    + "; this claim's jurisdiction is " + Objects.requireNonNullElse(jurisdiction, "not given");
        }
        Set<String> dates = new java.util.TreeSet<>();
        claim.lines().forEach(l -> dates.add(String.valueOf(l.serviceDate())));
        return "it is in force " + info.effectiveRange() + "; this claim's dates of service are "
                + (dates.isEmpty() ? "none (no lines)" : String.join(", ", dates));
    }

    private static LocalDate firstDate(List<ServiceLine> lines) {
        LocalDate first = null;
        for (ServiceLine l : lines) {
            if (l.serviceDate() != null && (first == null || l.serviceDate().isBefore(first))) {
                first = l.serviceDate();
            }
        }
        return first;
    }

    private static Finding finding(CompiledRule rule, String policyRef, CompiledRule.Branch branch, ServiceLine line,
            String message, String fix, String citation) {
        return new Finding(rule.id(), policyRef, branch.severity().key(), line == null ? null : line.line(),
                branch.group(), branch.carc(), branch.rarc(), message, fix, citation, rule.sourceLocation());
    }

    /** Sorts, removes exact repeats, and derives the outcome. */
    static Decision decision(String claimId, List<Decision.PolicyRef> used, List<Finding> findings) {
        findings.sort(ORDER);
        // sorted by line, policy, rule and message, so exact repeats are neighbours
        List<Finding> unique = new ArrayList<>(findings.size());
        Finding previous = null;
        Severity worst = null;
        for (Finding f : findings) {
            if (previous != null && Objects.equals(f.line(), previous.line()) && f.rule().equals(previous.rule())
                    && f.policy().equals(previous.policy()) && f.message().equals(previous.message())) {
                continue;
            }
            previous = f;
            unique.add(f);
            Severity s = severity(f.severity());
            if (worst == null || s.ordinal() < worst.ordinal()) {
                worst = s;
            }
        }
        return new Decision(claimId, worst == null ? "clean" : worst.key(), used, unique);
    }

    private static Severity severity(String key) {
        return switch (key) {
            case "reject" -> Severity.REJECT;
            case "deny" -> Severity.DENY;
            case "review" -> Severity.REVIEW;
            case "info" -> Severity.INFO;
            default -> throw new IllegalArgumentException("no severity " + key);
        };
    }
}
