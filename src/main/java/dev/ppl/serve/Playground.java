package dev.ppl.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ppl.api.PolicySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import dev.ppl.source.BundledFiles;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code ppl serve}: a local web playground on the JDK's HTTP server. One page (a policy editor,
 * a claim editor, live diagnostics, decision, explanation and tests) and a JSON endpoint the page
 * posts to as the user types, backed by a {@link Workbench}.
 *
 * <p>It is meant for one person on their own machine: it binds to 127.0.0.1 unless told
 * otherwise, answers only requests addressed to that host by name (so a web page elsewhere cannot
 * reach it through DNS rebinding), takes JSON posts only (so a cross-site form cannot post), limits
 * a request to {@value #MAX_REQUEST_BYTES} bytes and a run to a time limit, and serves only its own
 * page, the editor files bundled in the jar and the files of the policy library it was given.
 */
public final class Playground implements AutoCloseable {
    /** The largest request body accepted; a larger one gets 413. */
    public static final int MAX_REQUEST_BYTES = 1 << 20;
    /** How much of an oversized body is read and dropped before the 413 goes out. */
    private static final long DRAIN_BYTES = 8L * MAX_REQUEST_BYTES;
    /** How long one run may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "dev/ppl/serve/";
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html",
            "/assets/playground.js", "playground.js",
            "/assets/playground.css", "playground.css",
            "/assets/ppl-mode.js", "ppl-mode.js");
    /** The CodeMirror files the page uses, out of the WebJar on the classpath. */
    private static final Set<String> EDITOR_FILES = Set.of("lib/codemirror.js", "lib/codemirror.css",
            "addon/mode/simple.js", "mode/javascript/javascript.js", "addon/lint/lint.js", "addon/lint/lint.css",
            "addon/edit/matchbrackets.js", "addon/selection/active-line.js", "LICENSE");
    private static final String EXAMPLE_CLAIMS = "dev/ppl/examples/claims";
    /** The policy and claim the page opens with, when the library has them. */
    private static final String DEFAULT_POLICY = "commercial/example-ppo.ppl";
    private static final String DEFAULT_CLAIM = "commercial-ppo-no-prior-auth.json";

    private final Workbench workbench;
    private final Runner runner;
    private final Duration timeout;
    private final HttpServer server;
    private final ExecutorService http;
    private final ThreadPoolExecutor runs;
    private final Map<String, String> claims;
    private final String editorRoot;
    private final Set<String> hosts;

    /** What a run does: {@link Workbench#run}, or a stand-in in tests. */
    @FunctionalInterface
    interface Runner {
        ObjectNode run(String name, String policy, String claim);
    }

    private Playground(Workbench workbench, Runner runner, InetSocketAddress address, Duration timeout) throws IOException {
        this.workbench = workbench;
        this.runner = runner;
        this.timeout = timeout;
        this.claims = exampleClaims();
        this.editorRoot = editorRoot();
        this.server = HttpServer.create(address, 16);
        int port = server.getAddress().getPort();
        InetAddress bound = server.getAddress().getAddress();
        // behind a loopback address only these names reach the server; bound to another address, its own name does
        this.hosts = bound.isLoopbackAddress()
                ? Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port)
                : null;
        this.http = Executors.newFixedThreadPool(4, daemon("ppl-serve-http"));
        // two runs at a time and two waiting: more is a busy answer, not a growing queue
        this.runs = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2), daemon("ppl-serve-run"));
        server.setExecutor(http);
        server.createContext("/", this::handle);
    }

    /**
     * Starts a playground on {@code host:port} (port 0 picks a free one).
     *
     * @param timeout how long one run (check, evaluate, explain, test) may take
     */
    public static Playground start(Workbench workbench, String host, int port, Duration timeout) throws IOException {
        return start(workbench, workbench::run, host, port, timeout);
    }

    static Playground start(Workbench workbench, Runner runner, String host, int port, Duration timeout) throws IOException {
        Playground p = new Playground(workbench, runner, new InetSocketAddress(InetAddress.getByName(host), port), timeout);
        p.server.start();
        return p;
    }

    /** The page's address. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isLoopbackAddress() && a.getAddress().getAddress().length == 4 ? "127.0.0.1"
                : a.getAddress().getHostAddress().contains(":") ? "[" + a.getAddress().getHostAddress() + "]"
                : a.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** Whether the CodeMirror editor files were found on the classpath (without them the page uses plain text areas). */
    public boolean hasEditor() {
        return editorRoot != null;
    }

    @Override
    public void close() {
        server.stop(0);
        http.shutdownNow();
        runs.shutdownNow();
    }

    // ================================================================== requests

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String hostHeader = x.getRequestHeaders().getFirst("Host");
            if (hosts != null && (hostHeader == null || !hosts.contains(hostHeader.toLowerCase(java.util.Locale.ROOT)))) {
                error(x, 403, "this playground answers only requests for " + String.join(" or ", new java.util.TreeSet<>(hosts)));
                return;
            }
            String path = x.getRequestURI().getRawPath();
            String method = x.getRequestMethod();
            if (path.equals("/api/run")) {
                if (!method.equals("POST")) {
                    error(x, 405, "use POST for /api/run");
                    return;
                }
                run(x);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                error(x, 405, "use GET for " + path);
                return;
            }
            if (ASSETS.containsKey(path)) {
                resource(x, PAGE + ASSETS.get(path));
            } else if (path.startsWith("/vendor/codemirror/") && editorRoot != null
                    && EDITOR_FILES.contains(path.substring("/vendor/codemirror/".length()))) {
                resource(x, editorRoot + path.substring("/vendor/codemirror/".length()));
            } else if (path.equals("/api/library")) {
                library(x);
            } else if (path.equals("/api/policy")) {
                policy(x, query(x, "name"));
            } else if (path.equals("/api/claim")) {
                String name = query(x, "name");
                String text = name == null ? null : claims.get(name);
                if (text == null) {
                    error(x, 404, "no example claim `" + name + "`");
                } else {
                    send(x, 200, JSON.createObjectNode().put("name", name).put("text", text));
                }
            } else {
                error(x, 404, "nothing at " + path);
            }
        } catch (UncheckedIOException e) {
            // the policy directory was moved, or a file in it became unreadable
            error(x, 500, "cannot read the policy library: " + e.getMessage());
        } catch (RuntimeException e) {
            // never a stack trace to the page: say what failed
            error(x, 500, "internal error: " + e + " (please report this with the input that caused it)");
        }
    }

    private void run(HttpExchange x) throws IOException {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            error(x, 415, "send the run as JSON (Content-Type: application/json)");
            return;
        }
        byte[] body = body(x);
        if (body == null) {
            error(x, 413, "the request is larger than " + MAX_REQUEST_BYTES / (1 << 20) + " MiB; the playground takes a "
                    + "policy and a claim of at most that size together");
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            error(x, 400, "the request is not JSON: " + e.getOriginalMessage());
            return;
        }
        if (request == null || !request.path("policy").isTextual() || !request.path("claim").isTextual()
                || !(request.path("name").isTextual() || request.path("name").isMissingNode() || request.path("name").isNull())) {
            error(x, 400, "the request needs `policy` and `claim` as text, and `name` as text or null");
            return;
        }
        String name = request.path("name").isTextual() ? request.get("name").asText() : null;
        Future<ObjectNode> job;
        try {
            job = runs.submit(() -> runner.run(name, request.get("policy").asText(), request.get("claim").asText()));
        } catch (RejectedExecutionException e) {
            error(x, 503, "the playground is busy with earlier runs; try again in a moment");
            return;
        }
        try {
            send(x, 200, job.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            job.cancel(true);
            error(x, 503, "checking and evaluating took longer than " + words(timeout) + ", so the playground gave up; "
                    + "make the policy or claim smaller, or start `ppl serve` with a longer --timeout");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                error(x, 500, "cannot read the policy library: " + io.getMessage());
            } else {
                error(x, 500, "internal error: " + cause + " (please report this with the input that caused it)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(x, 503, "the playground is stopping");
        }
    }

    private void library(HttpExchange x) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode names = out.putArray("policies");
        List<PolicySource> library = workbench.library();
        library.forEach(s -> names.add(s.path()));
        out.put("newPolicy", workbench.newPolicyName());
        String preferred = library.stream().map(PolicySource::path).filter(p -> p.endsWith(DEFAULT_POLICY)).findFirst()
                .orElse(library.isEmpty() ? null : library.get(0).path());
        out.put("defaultPolicy", preferred);
        ArrayNode claimNames = out.putArray("claims");
        claims.keySet().forEach(claimNames::add);
        out.put("defaultClaim", claims.containsKey(DEFAULT_CLAIM) ? DEFAULT_CLAIM
                : claims.isEmpty() ? null : claims.keySet().iterator().next());
        out.put("editor", editorRoot != null);
        send(x, 200, out);
    }

    /** The text of a library file, chosen by its name in the library's list: no path from the page reaches the disk. */
    private void policy(HttpExchange x, String name) throws IOException {
        for (PolicySource s : workbench.library()) {
            if (s.path().equals(name)) {
                send(x, 200, JSON.createObjectNode().put("name", name).put("text", s.text()));
                return;
            }
        }
        error(x, 404, "no policy file `" + name + "` in the library");
    }

    /**
     * The body, or null when it is over {@link #MAX_REQUEST_BYTES}. The rest of an oversized body
     * is read and dropped (up to a few MiB), so the client, still sending, gets the 413 rather than
     * a reset connection.
     */
    private static byte[] body(HttpExchange x) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = x.getRequestBody()) {
            boolean over = false;
            String length = x.getRequestHeaders().getFirst("Content-Length");
            if (length != null) {
                try {
                    over = Long.parseLong(length.trim()) > MAX_REQUEST_BYTES;
                } catch (NumberFormatException e) {
                    // the stream's own length is checked below
                }
            }
            byte[] buffer = new byte[8192];
            long read = 0;
            int n;
            while (read <= DRAIN_BYTES && (n = in.read(buffer)) > 0) {
                read += n;
                if (!over && read > MAX_REQUEST_BYTES) {
                    over = true;
                }
                if (!over) {
                    out.write(buffer, 0, n);
                }
            }
            return over ? null : out.toByteArray();
        }
    }

    private static String query(HttpExchange x, String key) {
        String q = x.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(key)) {
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void resource(HttpExchange x, String name) throws IOException {
        byte[] bytes;
        try (InputStream in = Playground.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                error(x, 404, "nothing at " + x.getRequestURI().getRawPath());
                return;
            }
            bytes = in.readAllBytes();
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/plain; charset=utf-8";
        x.getResponseHeaders().set("Content-Type", type);
        headers(x);
        x.sendResponseHeaders(200, x.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
        if (!x.getRequestMethod().equals("HEAD")) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void headers(HttpExchange x) {
        var h = x.getResponseHeaders();
        // the page runs only its own scripts and talks only to this server
        h.set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
    }

    private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers(x);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        send(x, status, JSON.createObjectNode().put("error", message));
    }

    private static String words(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    // ================================================================== bundled files

    /** The CodeMirror WebJar's folder on the classpath, or null when the jar is not there. */
    private static String editorRoot() {
        try (InputStream in = Playground.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/codemirror/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String root = "META-INF/resources/webjars/codemirror/" + p.getProperty("version") + "/";
            return Playground.class.getClassLoader().getResource(root + "lib/codemirror.js") == null ? null : root;
        } catch (IOException e) {
            return null;
        }
    }

    /** The example claims bundled in the jar, by file name. */
    static Map<String, String> exampleClaims() {
        Map<String, String> out = new TreeMap<>();
        URL url = Playground.class.getClassLoader().getResource(EXAMPLE_CLAIMS);
        if (url == null) {
            return out;
        }
        try {
            URI uri = url.toURI();
            Path dir;
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs = BundledFiles.jarFileSystem(uri);
                dir = fs.getPath(EXAMPLE_CLAIMS);
            } else {
                dir = Path.of(uri);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                    out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot read the bundled example claims: " + e.getMessage(), e));
        }
        return out;
    }
}
