package dev.ppl.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.DiagnosticCatalog;
import dev.ppl.source.SourceFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics as a SARIF 2.1.0 log, the format code-scanning tools read: one run of the {@code
 * ppl} tool, a rule per diagnostic code used (described from {@link DiagnosticCatalog}), a result
 * per diagnostic with its file, line and column range.
 */
public final class Sarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Sarif() {}

    /** The SARIF log as indented JSON. */
    public static String write(List<Diagnostic> diagnostics, String toolVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "ppl");
        driver.put("version", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Diagnostic d : diagnostics) {
            if (ruleIndex.containsKey(d.code())) {
                continue;
            }
            ruleIndex.put(d.code(), ruleIndex.size());
            DiagnosticCatalog.Entry entry = DiagnosticCatalog.get(d.code());
            ObjectNode rule = rules.addObject();
            rule.put("id", d.code());
            rule.putObject("shortDescription").put("text", entry == null ? d.code() : entry.title());
            if (entry != null) {
                rule.putObject("fullDescription").put("text", entry.explanation());
                rule.putObject("defaultConfiguration").put("level", level(entry.level()));
                rule.putObject("help").put("text", entry.explanation() + " See docs/diagnostics.md#"
                        + d.code().toLowerCase(java.util.Locale.ROOT) + " for an example.");
            }
        }
        ArrayNode results = run.putArray("results");
        for (Diagnostic d : diagnostics) {
            ObjectNode result = results.addObject();
            result.put("ruleId", d.code());
            result.put("ruleIndex", ruleIndex.get(d.code()));
            result.put("level", level(d.level()));
            result.putObject("message").put("text", d.message() + (d.help() == null ? "" : "\nhelp: " + d.help()));
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(d.source().path()));
            region(physical.putObject("region"), d);
        }
        run.put("columnKind", "utf16CodeUnits");
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a SARIF tree always serializes", e);
        }
    }

    private static void region(ObjectNode region, Diagnostic d) {
        SourceFile source = d.source();
        int start = d.span().start();
        int end = Math.max(start, d.span().end());
        region.put("startLine", source.line(start));
        region.put("startColumn", source.column(start));
        region.put("endLine", source.line(end));
        region.put("endColumn", source.column(end));
        region.putObject("snippet").put("text", source.slice(d.span()));
    }

    private static String level(Diagnostic.Level level) {
        return level == Diagnostic.Level.ERROR ? "error" : "warning";
    }

    /** Policy paths as SARIF relative URIs; the bundled library lives in the repository's policies/ folder. */
    static String uri(String path) {
        return path.startsWith("bundled:") ? "policies/" + path.substring("bundled:".length()) : path.replace('\\', '/');
    }
}
