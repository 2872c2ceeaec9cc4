package dev.ppl.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium (Debian's /usr/bin/chromium) driven over the DevTools protocol with
 * the JDK's own WebSocket client: nothing is downloaded, no driver manager runs. It records the
 * page's console errors, uncaught exceptions, log errors and every network request.
 */
public final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of(System.getProperty("ppl.chromium", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    public final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** Fails with how to install Chromium when it is missing. */
    public static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError("the report test needs a real Chromium at " + BINARY + " and none is installed: "
                    + "run `apt-get install -y chromium chromium-driver` (Debian; .ci/run does this in CI), or point "
                    + "-Dppl.chromium=PATH at a Chromium binary. The test never downloads a browser.");
        }
    }

    public Chromium(int width, int height) throws IOException, InterruptedException {
        requireInstalled();
        profile = Files.createTempDirectory("ppl-chromium");
        process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                "--hide-scrollbars", "--mute-audio", "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.exists(profile.resolve("chromium.log")) ? Files.readString(profile.resolve("chromium.log")) : "";
                close();
                throw new AssertionError("Chromium did not start its DevTools endpoint:\n" + log);
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String ws = null;
        for (JsonNode t : JSON.readTree(list)) {
            if (t.path("type").asText().equals("page")) {
                ws = t.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (ws == null) {
            close();
            throw new AssertionError("Chromium has no page target: " + list);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).join();
        send("Runtime.enable", null);
        send("Log.enable", null);
        send("Page.enable", null);
        send("Network.enable", null);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    message(JSON.readTree(text));
                } catch (IOException e) {
                    errors.add("unreadable DevTools message: " + e.getMessage());
                }
            }
            ws.request(1);
            return null;
        }
    }

    private void message(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                if (m.has("error")) {
                    f.completeExceptionally(new AssertionError("DevTools error: " + m.get("error")));
                } else {
                    f.complete(m.path("result"));
                }
            }
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
                    errors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + p.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                String level = p.path("entry").path("level").asText();
                if (level.equals("error") || level.equals("warning")) {
                    errors.add("log." + level + ": " + p.path("entry").path("text").asText() + " "
                            + p.path("entry").path("url").asText());
                }
            }
            case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
            case "Page.loadEventFired" -> loaded.complete(null);
            default -> {
                // other events are not needed
            }
        }
    }

    public JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            m.set("params", params);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(m.toString(), true).join();
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("DevTools call " + method + " failed: " + e, e);
        }
    }

    /** Opens a page and waits for its load event. */
    public void open(Path file) throws Exception {
        open(file.toUri());
    }

    /** Opens a page at an address (a served page) and waits for its load event. */
    public void open(URI uri) throws Exception {
        loaded = new CompletableFuture<>();
        send("Page.navigate", JSON.createObjectNode().put("url", uri.toString()));
        loaded.get(60, TimeUnit.SECONDS);
    }

    /** Types text where the page's focus is, as a keyboard would (an input method's insertion). */
    public void type(String text) {
        send("Input.insertText", JSON.createObjectNode().put("text", text));
    }

    /** Presses and releases a key such as {@code Backspace} (its DOM key name and Windows key code). */
    public void press(String key, int keyCode) {
        for (String type : new String[] {"rawKeyDown", "keyUp"}) {
            send("Input.dispatchKeyEvent", JSON.createObjectNode().put("type", type).put("key", key).put("code", key)
                    .put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode));
        }
    }

    /**
     * Waits until a JavaScript expression is true, polling; fails naming the expression and the
     * value of {@code describe} (an expression that says what the page shows) after 60 s.
     */
    public void waitFor(String condition, String describe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!eval("Boolean(" + condition + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never showed `" + condition + "`; it shows: " + eval(describe));
            }
            Thread.sleep(50);
        }
    }

    /** The value of a JavaScript expression (JSON-serialisable). */
    public JsonNode eval(String expression) {
        JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the whole page, {@code width} CSS pixels wide. */
    public byte[] screenshot(int width) {
        int height = eval("Math.ceil(document.documentElement.scrollHeight)").asInt();
        send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
        JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode(shot.path("data").asText());
    }

    /** A PNG of part of the page (after {@link #screenshot(int)} sized the viewport). */
    public byte[] screenshot(int width, int y, int height) {
        com.fasterxml.jackson.databind.node.ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", y)
                .put("width", width).put("height", height).put("scale", 1);
        JsonNode shot = send("Page.captureScreenshot", (ObjectNode) JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true).set("clip", clip));
        return java.util.Base64.getDecoder().decode(shot.path("data").asText());
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
