package dev.ppl.examples.embedding;

import dev.ppl.api.Decision;
import dev.ppl.api.DecisionLog;
import dev.ppl.api.PolicyEngine;
import dev.ppl.api.ReloadEvent;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A host application embedding PPL: it serves claims on several threads all day while an analyst
 * edits its policy directory under it.
 *
 * <p>It copies the bundled policy library into a directory of its own, builds an engine over it
 * with a reload listener and a decision log, and starts evaluating claims on several threads.
 * Meanwhile it adds a local policy, breaks it, fixes it, deletes and restores it, reloading after
 * each edit. The broken edit is turned down and the last good set keeps serving; no evaluation
 * fails. Run it with the CLI jar on the class path:
 *
 * <pre>
 * ./ppl --version    # builds target/ppl-0.1.0-cli.jar
 * java -cp target/ppl-0.1.0-cli.jar examples/embedding/src/main/java/dev/ppl/examples/embedding/HostExample.java [--watch]
 * </pre>
 *
 * With {@code --watch} the engine watches the directory and reloads by itself; without, the host
 * calls {@link PolicyEngine#reload()} after each edit.
 */
public final class HostExample {
    /** What the host saw; {@code failures} must be 0. */
    public record Report(long evaluations, long failures, List<ReloadEvent.Status> reloads, long generation,
            Map<String, Long> outcomes, long logged, Path decisionLog) {}

    /**
     * A claim as the host's own systems would send it: the contract example without its injection note, which
     * the bundled library accepts and the host's own rule below asks for.
     */
    static final String CLAIM = """
            {"claimId": "H-1", "payer": {"id": "medicare", "type": "medicare", "jurisdiction": "JF"},
             "patient": {"id": "PT-1001", "birthDate": "1951-04-09", "sex": "F"},
             "diagnoses": ["D51.0", "M54.50"],
             "lines": [
               {"line": 1, "code": "99213", "modifiers": ["25"], "units": 1, "serviceDate": "2026-03-02", "diagnosisPointers": [2]},
               {"line": 2, "code": "96372", "units": 1, "serviceDate": "2026-03-02", "diagnosisPointers": [1]},
               {"line": 3, "code": "J3420", "modifiers": ["JZ"], "units": 1, "serviceDate": "2026-03-02", "diagnosisPointers": [1],
                "drug": {"ndc": "00517003125", "quantity": 1, "unit": "ML", "container": "single-dose"}}],
             "encounter": {"purpose": "evaluation",
               "note": "Worsening low back pain over 2 weeks; exam, medication adjusted. Also due for monthly B12."},
             "injections": [{"adminLine": 2, "route": "IM", "site": "left deltoid", "time": "2026-03-02T10:15:00",
               "orderedBy": "1234567893", "administeredBy": "RN-0042", "response": "tolerated well, no reaction after 15 minutes",
               "necessity": "pernicious anemia; oral supplementation ineffective",
               "drugs": [{"line": 3, "name": "cyanocobalamin", "dose": {"value": 1000, "unit": "mcg"}}]}]}
            """;

    /** The host's own policy, layered beside the bundled library. */
    static String localPolicy(String version) {
        return """
                policy host.local
                  version %s
                  title "The host's own rule on top of the bundled library"
                  applies to payer type medicare
                  effective from 2020-10-01
                  cites "Host billing office: every injection is documented with a note"

                rule injection-note
                  "Every injection given needs a note"
                  for each i in injections
                  when i.note is blank
                  review line i.adminLine group CO carc 16 rarc M127
                    message "the injection billed on line {i.adminLine.line} has no note"
                    fix "document the injection (drug, dose, route, site, time, who gave it)"
                """.formatted(version);
    }

    private HostExample() {}

    public static void main(String[] args) throws Exception {
        boolean watch = List.of(args).contains("--watch");
        Path work = Files.createTempDirectory("ppl-host-example");
        Report r = run(work, Math.max(2, Runtime.getRuntime().availableProcessors()), watch, System.out);
        System.out.println("evaluations: " + r.evaluations() + ", failed: " + r.failures() + ", outcomes: " + r.outcomes());
        System.out.println("reloads: " + r.reloads() + ", generation in service: " + r.generation());
        System.out.println("decision log: " + r.logged() + " records in " + r.decisionLog());
        System.exit(r.failures() == 0 ? 0 : 1);
    }

    /**
     * Runs the scenario in {@code work}: serves claims on {@code threads} threads through five
     * policy edits, and reports what happened.
     */
    public static Report run(Path work, int threads, boolean watch, PrintStream out) throws Exception {
        Path policies = work.resolve("policies");
        copyBundledLibrary(policies);
        Path logFile = work.resolve("decisions.jsonl");
        BlockingQueue<ReloadEvent> events = new LinkedBlockingQueue<>();
        byte[] patientKey = "host secret: keep in a vault, not in code".getBytes(StandardCharsets.UTF_8);

        try (DecisionLog log = DecisionLog.builder().patientKey(patientKey).open(logFile)) {
            PolicyEngine.Builder builder = PolicyEngine.builder()
                    .load(policies)
                    .decisionLog(log)
                    .onReload(e -> {
                        out.println("reload: " + e.status() + " - " + e.message());
                        if (!e.details().isEmpty() && e.status() == ReloadEvent.Status.REJECTED) {
                            out.print(e.details());
                        }
                        events.add(e);
                    });
            if (watch) {
                builder.watch(Duration.ofMillis(100));
            }
            try (PolicyEngine engine = builder.build()) {
                ClaimReadResult claim = ClaimJson.read(CLAIM);
                Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
                AtomicLong evaluations = new AtomicLong();
                AtomicLong failures = new AtomicLong();
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> servers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Thread server = new Thread(() -> {
                        while (!stop.get()) {
                            try {
                                Decision d = engine.evaluate(claim);
                                outcomes.computeIfAbsent(d.outcome(), k -> new AtomicLong()).incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                                out.println("evaluation failed: " + e);
                            }
                            evaluations.incrementAndGet();
                        }
                    }, "claims-" + t);
                    servers.add(server);
                    server.start();
                }

                Path local = policies.resolve("host/local.ppl");
                List<ReloadEvent.Status> reloads = new ArrayList<>();
                Files.createDirectories(local.getParent());
                reloads.add(edit(engine, watch, events, evaluations, () -> write(local, localPolicy("1.0.0"))));
                reloads.add(edit(engine, watch, events, evaluations,
                        () -> write(local, localPolicy("1.0.1").replace("is blank", "is blnk"))));
                reloads.add(edit(engine, watch, events, evaluations, () -> write(local, localPolicy("1.0.1"))));
                reloads.add(edit(engine, watch, events, evaluations, () -> Files.delete(local)));
                reloads.add(edit(engine, watch, events, evaluations, () -> write(local, localPolicy("1.0.1"))));

                stop.set(true);
                for (Thread s : servers) {
                    s.join();
                }
                Map<String, Long> counts = new TreeMap<>();
                outcomes.forEach((k, v) -> counts.put(k, v.get()));
                return new Report(evaluations.get(), failures.get(), reloads, engine.generation(), counts,
                        log.written(), logFile);
            }
        }
    }

    interface Edit {
        void apply() throws IOException;
    }

    /**
     * Makes one edit while claims are being served, then reloads (or waits for the watcher), and
     * lets some more claims through so that each set serves a while.
     */
    private static ReloadEvent.Status edit(PolicyEngine engine, boolean watch, BlockingQueue<ReloadEvent> events,
            AtomicLong evaluations, Edit edit) throws IOException, InterruptedException {
        edit.apply();
        ReloadEvent.Status status;
        if (watch) {
            ReloadEvent e;
            do {
                e = events.poll(30, TimeUnit.SECONDS);
                if (e == null) {
                    throw new IllegalStateException("the watcher did not reload within 30 s");
                }
            } while (e.status() == ReloadEvent.Status.UNCHANGED);
            status = e.status();
        } else {
            status = engine.reload().status();
        }
        long until = evaluations.get() + 1000;
        while (evaluations.get() < until) {
            Thread.onSpinWait();
        }
        return status;
    }

    /** Writes a file as deploy tools do: a temporary file renamed over the old one. */
    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The policy library bundled in PPL's jar (or classes directory), copied to a directory the host can edit. */
    static void copyBundledLibrary(Path target) throws IOException, URISyntaxException {
        URI uri = HostExample.class.getClassLoader().getResource("dev/ppl/policies").toURI();
        Path root;
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            try {
                fs = FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException e) {
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException raced) {
                    fs = FileSystems.getFileSystem(uri);
                }
            }
            root = fs.getPath("dev/ppl/policies");
        } else {
            root = Path.of(uri);
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
