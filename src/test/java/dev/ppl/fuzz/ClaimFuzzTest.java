package dev.ppl.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.DecisionLog;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.formats.PayerMapping;
import dev.ppl.input.ClaimFormat;
import dev.ppl.input.ClaimFormats;
import dev.ppl.input.ClaimInput;
import dev.ppl.input.ClaimRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mutated claims through the API: claim JSON, X12 837P and FHIR seeds, mutated in structure and in
 * bytes, read by their format's reader and evaluated by the bundled library with a decision log
 * attached. Counts escaped exceptions (anything thrown out of reading, evaluating or serializing),
 * hangs (one claim over {@code ppl.fuzz.hangSeconds}, default 60) and out-of-memory errors; each
 * failing input is saved under {@code target/fuzz/} and the test fails when any count is not zero.
 *
 * <p>Not in the default suite: {@code mvn test -Pfuzz -Dppl.fuzz.claims=1000000} (default 20,000
 * claims; {@code ppl.fuzz.seed}, {@code ppl.fuzz.threads} too).
 */
@Tag("fuzz")
class ClaimFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CODES = {"96372", "99213", "99214", "99211", "J3420", "J1100", "J0897", "J1030",
        "90471", "96374", "96365", "97110", "20610", "A4657", "J7050", "00000", "ZZZZZ", "9637", "963720", "J342O"};
    private static final String[] MODIFIERS = {"25", "59", "XS", "XU", "JZ", "JW", "GA", "GY", "GZ", "76", "91", "",
        "2", "255", "ZZ"};
    private static final String[] TEXTS = {"", " ", "\u0000", "\uFFFD", "\uD800", "é", "💉", "null", "NaN",
        "-1", "1e309", "2026-02-30", "2026-03-02", "9999-12-31", "0000-01-01", "{l.code}", "%s%n", "\\", "\"",
        "D51.0", "M54.50", "medicare", "commercial", "JF", "JN", "11", "99", "mcg", "ML", "UN"};

    record Seed(String name, ClaimFormat format, byte[] bytes, JsonNode tree) {}

    record Failure(String kind, String seed, String detail) {}

    @Test
    void mutatedClaimsNeverEscapeHangOrExhaustMemory() throws Exception {
        long total = Long.getLong("ppl.fuzz.claims", 20_000);
        long seed = Long.getLong("ppl.fuzz.seed", 96372);
        int threads = Integer.getInteger("ppl.fuzz.threads", Math.max(1, Runtime.getRuntime().availableProcessors()));
        long hangNanos = Long.getLong("ppl.fuzz.hangSeconds", 60) * 1_000_000_000L;
        Path out = Path.of("target/fuzz");
        Files.createDirectories(out);

        List<ClaimFormat> formats = ClaimFormats.all(PayerMapping.defaults());
        List<Seed> seeds = seeds(formats);
        PolicyEngine engine = PolicyEngine.builder().loadBundled()
                .decisionLog(DecisionLog.builder().patientKey("fuzz-key-0123456789".getBytes(StandardCharsets.UTF_8))
                        .include(DecisionLog.Detail.values()).to(Writer.nullWriter()))
                .build();

        AtomicLong next = new AtomicLong();
        AtomicLong evaluated = new AtomicLong();
        AtomicLongArray started = new AtomicLongArray(threads); // 0: idle
        Map<String, Long> outcomes = new ConcurrentHashMap<>();
        List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] slowest = {0};
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < total && failures.isEmpty(); i = next.getAndIncrement()) {
                    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
                    Seed s = seeds.get(random.nextInt(seeds.size()));
                    byte[] input;
                    try {
                        input = mutate(s, random);
                    } catch (RuntimeException e) { // a bug of this test, not of PPL: fail loudly
                        failures.add(save(out, "mutator", s, i, s.bytes(), e));
                        break;
                    }
                    long start = System.nanoTime();
                    started.set(id, start);
                    try {
                        for (Decision d : evaluate(engine, s.format(), input)) {
                            outcomes.merge(d.outcome(), 1L, Long::sum);
                            DecisionJson.toJson(d);
                        }
                        evaluated.incrementAndGet();
                    } catch (OutOfMemoryError e) {
                        failures.add(save(out, "oom", s, i, input, e));
                    } catch (Throwable e) {
                        failures.add(save(out, "exception", s, i, input, e));
                    } finally {
                        started.set(id, 0);
                    }
                    long took = System.nanoTime() - start;
                    synchronized (slowest) {
                        slowest[0] = Math.max(slowest[0], took);
                    }
                }
            }, "fuzz-" + w);
            t.setDaemon(true); // a hung worker must not keep the JVM alive
            workers.add(t);
            t.start();
        }
        boolean hung = false;
        long lastReport = System.nanoTime();
        while (workers.stream().anyMatch(Thread::isAlive) && !hung) {
            Thread.sleep(200);
            for (int w = 0; w < threads; w++) {
                long s = started.get(w);
                if (s != 0 && System.nanoTime() - s > hangNanos) {
                    StringBuilder stack = new StringBuilder();
                    for (StackTraceElement e : workers.get(w).getStackTrace()) {
                        stack.append("  at ").append(e).append('\n');
                    }
                    failures.add(new Failure("hang", workers.get(w).getName(), stack.toString()));
                    hung = true;
                }
            }
            if (System.nanoTime() - lastReport > 60_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("fuzz: %,d of %,d claims, %.0f s%n", evaluated.get(), total, (lastReport - t0) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String report = String.format(java.util.Locale.ROOT,
                "claim fuzz: %,d mutated claims (seed %d, %d threads) in %.0f s; escaped exceptions %d, hangs %d, "
                        + "out of memory %d; slowest claim %.0f ms; decisions by outcome %s%n",
                evaluated.get(), seed, threads, seconds, count(failures, "exception"), count(failures, "hang"),
                count(failures, "oom"), slowest[0] / 1e6, new java.util.TreeMap<>(outcomes));
        System.out.print(report);
        Files.writeString(out.resolve("claim-fuzz-report.txt"), report + failures.stream()
                .map(f -> f.kind() + " " + f.seed() + "\n" + f.detail()).reduce("", String::concat));
        assertTrue(failures.isEmpty(), () -> report + failures.get(0).kind() + " " + failures.get(0).seed() + "\n"
                + failures.get(0).detail());
        assertEquals(total, evaluated.get(), report);
    }

    private static long count(List<Failure> failures, String kind) {
        synchronized (failures) {
            return failures.stream().filter(f -> f.kind().equals(kind)).count();
        }
    }

    /** Reads every record of the input with its format's reader and evaluates each. */
    static List<Decision> evaluate(PolicyEngine engine, ClaimFormat format, byte[] input) throws IOException {
        List<Decision> out = new ArrayList<>();
        if (format == ClaimFormats.JSON) { // the embedding path: JSON text straight to ClaimJson
            out.add(engine.evaluate(ClaimJson.read(new String(input, StandardCharsets.UTF_8))));
            return out;
        }
        try (ClaimInput in = format.open("fuzz", new ByteArrayInputStream(input))) {
            for (dev.ppl.input.InputRecord r = in.next(); r != null; r = in.next()) {
                if (r instanceof ClaimRecord c) { // a file record is not a claim: nothing to evaluate
                    ClaimReadResult read = c.read();
                    out.add(engine.evaluate(read));
                }
            }
        }
        return out;
    }

    private static Failure save(Path dir, String kind, Seed seed, long i, byte[] input, Throwable e) {
        String name = kind + "-" + i + "-" + seed.name();
        try {
            Files.write(dir.resolve(name), input);
        } catch (IOException | OutOfMemoryError ignored) {
            // the report still names it
        }
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        return new Failure(kind, name, trace.toString());
    }

    private static List<Seed> seeds(List<ClaimFormat> formats) throws IOException {
        List<Seed> seeds = new ArrayList<>();
        ClaimFormat x12 = formats.stream().filter(f -> f.name().equals("x12")).findFirst().orElseThrow();
        ClaimFormat fhir = formats.stream().filter(f -> f.name().equals("fhir")).findFirst().orElseThrow();
        for (Path p : list(Path.of("examples/claims"), ".json")) {
            byte[] b = Files.readAllBytes(p);
            seeds.add(new Seed(p.getFileName().toString(), ClaimFormats.JSON, b, JSON.readTree(b)));
        }
        for (Path p : list(Path.of("examples/x12"), ".837")) {
            seeds.add(new Seed(p.getFileName().toString(), x12, Files.readAllBytes(p), null));
        }
        for (Path p : list(Path.of("src/test/resources/realworld/fhir"), ".json")) {
            byte[] b = Files.readAllBytes(p);
            seeds.add(new Seed(p.getFileName().toString(), fhir, b, JSON.readTree(b)));
        }
        assertTrue(seeds.size() > 40, "seeds: " + seeds.size());
        return seeds;
    }

    private static List<Path> list(Path dir, String ext) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ mutation

    static byte[] mutate(Seed s, SplittableRandom r) {
        byte[] b;
        if (s.tree() != null && r.nextInt(4) != 0) {
            JsonNode tree = s.tree().deepCopy();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                tree = mutateTree(tree, r);
            }
            b = tree.toString().getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(8) == 0) {
                b = mutateBytes(b, r);
            }
        } else {
            b = mutateBytes(s.bytes(), r);
        }
        return b;
    }

    /** One change at a random place of the tree; may return a new root. */
    static JsonNode mutateTree(JsonNode root, SplittableRandom r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) { // the claim became a scalar
            return r.nextBoolean() ? root : JsonNodeFactory.instance.objectNode().set(randomName(r), root);
        }
        JsonNode target = containers.get(r.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || r.nextInt(10) == 0 ? randomName(r) : names.get(r.nextInt(names.size()));
            switch (r.nextInt(6)) {
                case 0 -> o.remove(name);
                case 1, 2, 3 -> o.set(name, value(o.get(name), r));
                case 4 -> o.set(name, amplify(o.get(name), r));
                default -> o.set(randomName(r), value(null, r));
            }
        } else if (target instanceof ArrayNode a) {
            int at = a.isEmpty() ? 0 : r.nextInt(a.size());
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (!a.isEmpty()) {
                        a.remove(at);
                    }
                }
                case 1 -> {
                    if (!a.isEmpty()) {
                        a.add(a.get(at).deepCopy());
                    }
                }
                case 2 -> {
                    if (a.isEmpty()) {
                        a.add(value(null, r));
                    } else {
                        a.set(at, value(a.get(at), r));
                    }
                }
                case 3 -> a.insert(at, value(null, r));
                default -> {
                    JsonNode amplified = amplify(a, r);
                    return amplified == a || root != a ? root : amplified;
                }
            }
        }
        if (r.nextInt(200) == 0) {
            return value(root, r); // the whole claim is something else
        }
        return root;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static String randomName(SplittableRandom r) {
        String[] names = {"claimId", "payer", "patient", "lines", "line", "code", "modifiers", "units", "charge",
            "serviceDate", "diagnosisPointers", "diagnoses", "injections", "adminLine", "drugs", "dose", "history",
            "note", "encounter", "placeOfService", "priorAuthorization", "drug", "ndc", "resourceType", "item", "type",
            "birthDate", "jurisdiction", "__proto__", ""};
        return names[r.nextInt(names.length)];
    }

    /** A value of another kind, or an edge of the same kind. */
    static JsonNode value(JsonNode old, SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(16)) {
            case 0:
                return f.nullNode();
            case 1:
                return f.booleanNode(r.nextBoolean());
            case 2:
                return f.numberNode(new long[] {0, -1, 1, Integer.MAX_VALUE, Long.MIN_VALUE, 9999, 51}[r.nextInt(7)]);
            case 3:
                return f.numberNode(new double[] {0.5, -0.0, 1e308, -1e308, 4.9e-324, 1e-9, 123456789.123}[r.nextInt(7)]);
            case 4:
                return f.numberNode(new java.math.BigDecimal("1e" + (r.nextInt(2000) - 1000)));
            case 5:
                return f.textNode(TEXTS[r.nextInt(TEXTS.length)]);
            case 6:
                return f.textNode(CODES[r.nextInt(CODES.length)]);
            case 7:
                return f.textNode(MODIFIERS[r.nextInt(MODIFIERS.length)]);
            case 8: {
                StringBuilder s = new StringBuilder();
                int n = r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    s.appendCodePoint(r.nextInt(10) == 0 ? r.nextInt(0x10FFFF) : 32 + r.nextInt(95));
                }
                return f.textNode(s.toString());
            }
            case 9:
                return f.textNode("x".repeat(r.nextInt(500) == 0 ? 200_000 : 1 + r.nextInt(300)));
            case 10:
                return f.arrayNode();
            case 11:
                return f.objectNode();
            case 12: {
                JsonNode deep = f.numberNode(1);
                int depth = r.nextInt(5) == 0 ? 200 : r.nextInt(30); // deeper is written as bytes (mutateBytes)
                for (int i = 0; i < depth; i++) {
                    deep = r.nextBoolean() ? f.arrayNode().add(deep) : f.objectNode().set("a", deep);
                }
                return deep;
            }
            case 13:
                return f.textNode(String.format("%04d-%02d-%02d", r.nextInt(10000), r.nextInt(14), r.nextInt(33)));
            case 14:
                return old == null ? f.nullNode() : old.isContainerNode() ? f.textNode(old.toString()) : f.arrayNode().add(old);
            default:
                return old == null ? f.textNode("") : old.deepCopy();
        }
    }

    /**
     * Makes a value large: many copies of an array's elements (lines, history), long notes.
     * Rarely, since big claims cost real time, but often enough to find what they break.
     */
    static JsonNode amplify(JsonNode old, SplittableRandom r) {
        if (r.nextInt(1000) != 0) {
            return value(old, r);
        }
        if (old instanceof ArrayNode a && !a.isEmpty()) {
            int copies = new int[] {10, 60, 1100, 5000}[r.nextInt(4)];
            ArrayNode out = a.deepCopy();
            for (int i = 0; i < copies && out.size() < 20_000; i++) {
                out.add(a.get(i % a.size()).deepCopy());
            }
            return out;
        }
        if (old != null && old.isTextual()) {
            return JsonNodeFactory.instance.textNode(old.asText().repeat(1 + r.nextInt(3000)));
        }
        return value(old, r);
    }

    static byte[] mutateBytes(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        int n = 1 + r.nextInt(8);
        for (int k = 0; k < n && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at); // truncated
                case 2 -> { // a chunk repeated
                    int len = Math.min(b.length - at, 1 + r.nextInt(200));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                case 3 -> { // a chunk removed
                    int len = Math.min(b.length - at, 1 + r.nextInt(50));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                case 4 -> { // special bytes inserted: invalid UTF-8, a BOM, separators
                    byte[][] specials = {{(byte) 0xC3}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {'~'}, {'*'}, {':'},
                        {'\n'}, {'"'}, {'{'}, {']'}, {0}, {(byte) 0xFF, (byte) 0xFE}};
                    byte[] s = specials[r.nextInt(specials.length)];
                    byte[] c = new byte[b.length + s.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(s, 0, c, at, s.length);
                    System.arraycopy(b, at, c, at + s.length, b.length - at);
                    b = c;
                }
                case 5 -> {
                    if (r.nextInt(20) == 0) { // nesting deeper than any reader allows
                        int depth = 1000 + r.nextInt(20_000);
                        byte[] s = ("[".repeat(depth) + "]".repeat(r.nextBoolean() ? depth : 0))
                                .getBytes(StandardCharsets.US_ASCII);
                        byte[] c = new byte[b.length + s.length];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(s, 0, c, at, s.length);
                        System.arraycopy(b, at, c, at + s.length, b.length - at);
                        b = c;
                    } else {
                        b[at] = (byte) (b[at] ^ (1 << r.nextInt(8)));
                    }
                }
                default -> { // a digit changed: codes, dates, counts
                    if (b[at] >= '0' && b[at] <= '9') {
                        b[at] = (byte) ('0' + r.nextInt(10));
                    }
                }
            }
        }
        return b;
    }
}
