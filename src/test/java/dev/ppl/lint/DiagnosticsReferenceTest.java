package dev.ppl.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.DiagnosticCatalog;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The diagnostics reference, generated from golden cases so it cannot drift.
 *
 * <p>Each case in {@code src/test/resources/diagnostics} is a policy file {@code PPLnnnn-what.ppl}
 * (with any CSV files it names beside it) or a folder {@code PPLnnnn-what/} of policy files
 * loaded together. {@code PPLnnnn-what.diag} holds what {@code ppl check} prints for it. This
 * test compares them, checks that every code the code base reports has a case, and that
 * docs/diagnostics.md is what the catalog and the cases make. Regenerate both the .diag files
 * and the document with {@code mvn test -Dtest=DiagnosticsReferenceTest -Dppl.regenerate=true}
 * and review the diff.
 */
class DiagnosticsReferenceTest {
    static final Path CASES = Path.of("src/test/resources/diagnostics");
    static final Path DOC = Path.of("docs/diagnostics.md");
    static final boolean REGENERATE = Boolean.getBoolean("ppl.regenerate");
    private static final Pattern CODE = Pattern.compile("\"(PPL\\d{4})\"");
    /** Limits whose example would be a megabyte of text or a thousand rules; LimitsTest checks them. */
    static final Set<String> TOO_LARGE_TO_SHOW = Set.of("PPL0120", "PPL0122", "PPL0260");
    private static final Pattern CASE_NAME = Pattern.compile("(PPL\\d{4})-[a-z0-9-]+");

    /** A golden case: its name ({@code PPL0201-...}), its files in load order, and the .diag path. */
    record Case(String name, String code, List<Path> files, Path golden) {}

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(CASES)) {
            for (Path p : entries.sorted().toList()) {
                String file = p.getFileName().toString();
                String name = file.replaceFirst("\\.ppl$", "");
                if (!(Files.isDirectory(p) || file.endsWith(".ppl"))) {
                    continue;
                }
                Matcher m = CASE_NAME.matcher(name);
                assertTrue(m.matches(), "case names look like PPL0201-what-it-shows: " + file);
                List<Path> files;
                if (Files.isDirectory(p)) {
                    try (Stream<Path> inside = Files.list(p)) {
                        files = inside.filter(f -> f.toString().endsWith(".ppl")).sorted().toList();
                    }
                } else {
                    files = List.of(p);
                }
                out.add(new Case(name, m.group(1), files, CASES.resolve(name + ".diag")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** What {@code ppl check} prints for a case, with paths relative to the cases folder. */
    static String render(Case c) {
        List<PolicySource> sources = new ArrayList<>();
        for (Path f : c.files()) {
            String name = CASES.relativize(f).toString().replace('\\', '/');
            sources.add(PolicySource.file(f, name, CASES));
        }
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, diagnostics);
        Linter.lint(set, diagnostics);
        return diagnostics.render();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesItsGoldenDiagnostics() {
        List<Case> cases = cases();
        assertFalse(cases.isEmpty());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String rendered = render(c);
            assertTrue(rendered.contains("[" + c.code() + "]"), c.name() + " reports " + c.code() + ":\n" + rendered);
            if (REGENERATE || !Files.exists(c.golden())) {
                Files.writeString(c.golden(), rendered, StandardCharsets.UTF_8);
            }
            assertEquals(read(c.golden()), rendered, c.golden() + " differs (regenerate with -Dppl.regenerate=true)");
        }));
    }

    @Test
    void everyCodeTheCodeReportsHasAGoldenCaseAndACatalogEntry() throws IOException {
        Set<String> used = codesUsedInMain();
        assertTrue(used.size() > 40, "found the codes: " + used);
        Set<String> withCases = new TreeSet<>();
        cases().forEach(c -> withCases.add(c.code()));
        Set<String> missingCases = new TreeSet<>(used);
        missingCases.removeAll(withCases);
        missingCases.removeAll(TOO_LARGE_TO_SHOW);
        assertEquals(Set.of(), missingCases, "codes reported in src/main without a case in " + CASES);
        Set<String> missingEntries = new TreeSet<>(used);
        missingEntries.removeAll(DiagnosticCatalog.all().keySet());
        assertEquals(Set.of(), missingEntries, "codes without an entry in DiagnosticCatalog");
        Set<String> stale = new TreeSet<>(DiagnosticCatalog.all().keySet());
        stale.removeAll(used);
        assertEquals(Set.of(), stale, "catalog entries for codes nothing reports");
        Set<String> caseOnly = new TreeSet<>(withCases);
        caseOnly.removeAll(used);
        assertEquals(Set.of(), caseOnly, "cases for codes nothing reports");
    }

    @Test
    void lintCodesAreWarnings() {
        for (String code : Linter.codes()) {
            assertEquals(dev.ppl.source.Diagnostic.Level.WARNING, DiagnosticCatalog.get(code).level(), code);
        }
    }

    @Test
    void theReferenceDocumentIsGeneratedFromTheCases() throws IOException {
        String doc = document();
        if (REGENERATE || !Files.exists(DOC)) {
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
        }
        assertEquals(read(DOC), doc, DOC + " is out of date (regenerate with -Dppl.regenerate=true)");
    }

    static Set<String> codesUsedInMain() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (p.endsWith("DiagnosticCatalog.java")) {
                    continue;
                }
                Matcher m = CODE.matcher(read(p));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        return codes;
    }

    // ------------------------------------------------------------- document

    private static final Map<String, String> SECTIONS = new TreeMap<>(Map.of(
            "01", "Syntax (PPL01xx)",
            "02", "Header, code sets and tables (PPL02xx)",
            "03", "Names and types (PPL03xx)",
            "04", "Layering (PPL04xx)",
            "05", "Tests (PPL05xx)",
            "09", "Lint warnings (PPL09xx)"));

    static String document() {
        Map<String, List<Case>> byCode = new TreeMap<>();
        cases().forEach(c -> byCode.computeIfAbsent(c.code(), k -> new ArrayList<>()).add(c));
        StringBuilder out = new StringBuilder();
        out.append("# Diagnostics reference\n\n");
        out.append("<!-- Generated by src/test/java/dev/ppl/lint/DiagnosticsReferenceTest.java from DiagnosticCatalog and\n"
                + "     the examples in src/test/resources/diagnostics. Do not edit: change those, then run\n"
                + "     mvn test -Dtest=DiagnosticsReferenceTest -Dppl.regenerate=true -->\n\n");
        out.append("Every error and warning PPL reports has a stable code. `ppl check` prints each one as\n"
                + "`path:line:col: level[code]: message`, the source line with the place underlined, and a\n"
                + "`help:` line with the fix; `ppl check --format sarif` writes the same as a SARIF 2.1.0 log.\n"
                + "Errors stop a policy from loading. Warnings (PPL09xx, from lint) point at policies that check\n"
                + "but are probably not what was meant; `ppl check --strict` treats them as errors.\n\n"
                + "Each entry below shows a policy with the mistake and exactly what `ppl check` prints for it\n"
                + "(the examples are the golden files of the test suite, so this page cannot drift from PPL).\n\n");
        out.append("| code | level | meaning |\n|---|---|---|\n");
        for (DiagnosticCatalog.Entry e : DiagnosticCatalog.all().values()) {
            out.append("| [").append(e.code()).append("](#").append(anchor(e)).append(") | ")
                    .append(e.level().label()).append(" | ").append(e.title()).append(" |\n");
        }
        String section = null;
        for (DiagnosticCatalog.Entry e : DiagnosticCatalog.all().values()) {
            String s = e.code().substring(3, 5);
            if (!s.equals(section)) {
                section = s;
                out.append("\n## ").append(SECTIONS.getOrDefault(s, "PPL" + s + "xx")).append('\n');
            }
            out.append("\n### ").append(e.code()).append(": ").append(e.title()).append("\n\n");
            out.append("*").append(e.level().label()).append("*. ").append(e.explanation()).append('\n');
            if (TOO_LARGE_TO_SHOW.contains(e.code())) {
                out.append("\nNo example here: it would be too large to show (see [limits.md](limits.md)).\n");
            }
            for (Case c : byCode.getOrDefault(e.code(), List.of())) {
                for (Path f : c.files()) {
                    example(out, CASES.relativize(f).toString().replace('\\', '/'), read(f), "ppl");
                    for (Path csv : tableFiles(f)) {
                        example(out, CASES.relativize(csv).toString().replace('\\', '/'), read(csv), "csv");
                    }
                }
                out.append("\n`ppl check` prints:\n\n```\n").append(render(c).stripTrailing()).append("\n```\n");
            }
        }
        return out.toString();
    }

    private static void example(StringBuilder out, String name, String text, String language) {
        out.append("\n`").append(name).append("`:\n\n```").append(language).append('\n');
        out.append(text.isEmpty() ? "(empty file)\n" : text.endsWith("\n") ? text : text + "\n").append("```\n");
    }

    /** CSV files a policy names with {@code from "..."}, when they sit beside it. */
    private static List<Path> tableFiles(Path policy) {
        List<Path> out = new ArrayList<>();
        Matcher m = Pattern.compile("from \"([^\"]+\\.csv)\"").matcher(read(policy));
        while (m.find()) {
            Path csv = policy.getParent().resolve(m.group(1));
            if (Files.isRegularFile(csv)) {
                out.add(csv);
            }
        }
        return out;
    }

    /** GitHub's anchor for the entry's heading. */
    static String anchor(DiagnosticCatalog.Entry e) {
        String heading = (e.code() + ": " + e.title()).toLowerCase(Locale.ROOT);
        return heading.replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyCaseNamesACatalogCode() {
        for (Case c : cases()) {
            assertNotNull(DiagnosticCatalog.get(c.code()), c.name());
        }
    }
}
