package dev.ppl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.api.EvaluationLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playground's HTTP endpoints: what they answer, and what they refuse. */
class PlaygroundTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path top;

    private Playground start(Path dir) throws IOException {
        return Playground.start(new Workbench(dir, EvaluationLimits.DEFAULT), "127.0.0.1", 0, Duration.ofSeconds(60));
    }

    @Test
    void thePageAndItsEditorAreServedFromTheJarWithAStrictContentPolicy() throws Exception {
        try (Playground p = start(PolicyDir.create(top))) {
            assertTrue(p.uri().toString().startsWith("http://127.0.0.1:"), p.uri().toString());
            HttpResponse<String> page = get(p, "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>PPL playground</title>"), page.body());
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("connect-src 'self'"), csp);
            assertTrue(p.hasEditor(), "the CodeMirror WebJar is on the test classpath");
            HttpResponse<String> cm = get(p, "/vendor/codemirror/lib/codemirror.js");
            assertEquals(200, cm.statusCode());
            assertTrue(cm.body().contains("CodeMirror"), "not CodeMirror");
            assertEquals(200, get(p, "/assets/ppl-mode.js").statusCode());
            // only the files the page uses, and no path out of the WebJar
            assertEquals(404, get(p, "/vendor/codemirror/mode/javascript/test.js").statusCode());
            assertEquals(404, get(p, "/vendor/codemirror/../../../../dev/ppl/serve/Playground.class").statusCode());
            assertEquals(404, get(p, "/nothing").statusCode());
        }
    }

    @Test
    void theLibraryAndItsFilesAreListedAndOnlyThoseAreRead() throws Exception {
        Path dir = PolicyDir.create(top);
        try (Playground p = start(dir)) {
            JsonNode lib = json(get(p, "/api/library"));
            assertEquals(1, lib.get("policies").size(), lib.toString());
            String base = lib.get("policies").get(0).asText();
            assertTrue(base.endsWith("policies/base.ppl"), base);
            assertEquals(base, lib.get("defaultPolicy").asText());
            assertTrue(lib.get("claims").toString().contains("em-without-25.json"), lib.toString());
            assertEquals(PolicyDir.BASE, json(get(p, "/api/policy?name=" + enc(base))).get("text").asText());
            HttpResponse<String> outside = get(p, "/api/policy?name=" + enc(top.resolve("secret.csv").toString()));
            assertEquals(404, outside.statusCode());
            assertFalse(outside.body().contains(PolicyDir.SECRET), outside.body());
            assertEquals(404, get(p, "/api/policy?name=" + enc(dir.resolve("../secret.csv").toString())).statusCode());
            assertEquals(404, get(p, "/api/claim?name=" + enc("../../../secret.json")).statusCode());
            assertTrue(json(get(p, "/api/claim?name=em-without-25.json")).get("text").asText().contains("EM-NO-25"));
        }
    }

    @Test
    void aRunAnswersDiagnosticsAsJsonWithLineAndColumn() throws Exception {
        Path dir = PolicyDir.create(top);
        try (Playground p = start(dir)) {
            String name = dir.resolve("base.ppl").toString();
            String broken = PolicyDir.BASE.replace("25 not in em.modifiers", "25 not in em.modifers");
            HttpResponse<String> r = post(p, JSON.createObjectNode().put("name", name).put("policy", broken)
                    .put("claim", PolicyDir.claim()).toString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode d = json(r).get("diagnostics").get(0);
            assertEquals("PPL0302", d.get("code").asText(), r.body());
            int line = java.util.Arrays.asList(broken.split("\n")).indexOf("   and 25 not in em.modifers") + 1;
            assertEquals(line, d.get("line").asInt(), r.body());
            assertEquals("   and 25 not in em.".length() + 1, d.get("column").asInt());
            assertTrue(d.get("help").asText().contains("modifiers"), d.toString());

            JsonNode fixed = json(post(p, JSON.createObjectNode().put("name", name).put("policy", PolicyDir.BASE)
                    .put("claim", PolicyDir.claim()).toString()));
            assertEquals("deny", fixed.get("decision").get("outcome").asText(), fixed.toString());
        }
    }

    @Test
    void aRequestOverOneMebibyteIs413WithAJsonError() throws Exception {
        try (Playground p = start(PolicyDir.create(top))) {
            String big = JSON.createObjectNode().put("name", (String) null).put("policy", "#".repeat(Playground.MAX_REQUEST_BYTES))
                    .put("claim", "{}").toString();
            HttpResponse<String> r = post(p, big);
            assertEquals(413, r.statusCode());
            assertTrue(json(r).get("error").asText().contains("larger than 1 MiB"), r.body());

            // a body sent in chunks, with no length given up front, is cut off as it is read
            HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(p.uri().resolve("/api/run"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                            big.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode(), chunked.body());

            String justUnder = JSON.createObjectNode().put("name", (String) null).put("policy", "# x")
                    .put("claim", "{}").toString();
            assertEquals(200, post(p, justUnder).statusCode());
        }
    }

    @Test
    void aRunOverTheTimeLimitIsAClearErrorAndTheServerGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Workbench bench = new Workbench(PolicyDir.create(top), EvaluationLimits.DEFAULT);
        Playground.Runner stuck = (name, policy, claim) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JSON.createObjectNode().put("late", true);
        };
        try (Playground p = Playground.start(bench, stuck, "127.0.0.1", 0, Duration.ofMillis(50))) {
            HttpResponse<String> r = post(p, JSON.createObjectNode().putNull("name").put("policy", "").put("claim", "{}").toString());
            assertEquals(503, r.statusCode(), r.body());
            String error = json(r).get("error").asText();
            assertTrue(error.contains("took longer than 50 ms") && error.contains("--timeout"), error);
            release.countDown();
            assertEquals(200, get(p, "/api/library").statusCode(), "the server still answers");
        } finally {
            release.countDown();
        }
    }

    @Test
    void requestsForAnotherHostOrNotAsJsonAreRefused() throws Exception {
        try (Playground p = start(PolicyDir.create(top))) {
            // a page on another site that rebinds its name to 127.0.0.1 sends its own name as Host
            String answer = raw(p, "GET /api/library HTTP/1.1\r\nHost: evil.example:" + p.uri().getPort()
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("answers only requests for"), answer);
            assertTrue(raw(p, "GET /api/library HTTP/1.1\r\nHost: localhost:" + p.uri().getPort()
                    + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));

            // a cross-site form can post text/plain without asking; the playground takes JSON only
            HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(p.uri().resolve("/api/run"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(415, form.statusCode());
            assertEquals(400, post(p, "{\"policy\": 1}").statusCode());
            assertEquals(400, post(p, "not json").statusCode());
            assertEquals(405, get(p, "/api/run").statusCode());
        }
    }

    private static String raw(Playground p, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", p.uri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(Playground p, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(p.uri().toString().replaceAll("/$", "") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(Playground p, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(p.uri().resolve("/api/run")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
