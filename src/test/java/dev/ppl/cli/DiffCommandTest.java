package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ppl diff} on a policy change whose effect on the example claims is known exactly.
 *
 * <p>The change, to rule {@code b12-more-often-than-monthly} of LCD L33967 (policy {@code
 * medicare.lcd.l33967}, Medicare jurisdiction JN only): the window widens from 1 month to 2 months
 * and the finding becomes a denial ({@code deny CO-119}) instead of an internal review. The
 * rule looks at J3420 lines with an earlier J3420 in the claim's history. Among the example
 * claims, those of a JN Medicare payer with J3420 are b12-too-frequent-jn (history J3420 on
 * 2026-02-23, 14 days before the 2026-03-09 line: already within 1 month, so already a review),
 * clean-b12-injection-only-jn (history 2026-02-09, 28 days: a month to the day, which the rule's
 * near-miss test says is not within 1 month, but is within 2) and b12-dx-not-covered-jn (no
 * history). So exactly two claims change: B12-FREQ-JN from review to deny (the review on line 2
 * removed, a deny CO-119 on line 2 added) and CLEAN-B12-JN from clean to deny (a deny CO-119 on
 * line 2 added); each moves line 2, the J3420 line, charged $15.00.
 */
class DiffCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RULE = "b12-more-often-than-monthly";
    static final String FILE = "medicare/lcd-l33967-b12.ppl";

    @TempDir
    Path tmp;

    /** A copy of the bundled library (policies/) with the change described above. */
    static Path changedLibrary(Path dir) throws IOException {
        copy(Path.of("policies"), dir);
        change(dir.resolve(FILE));
        return dir;
    }

    static void change(Path file) throws IOException {
        String text = Files.readString(file);
        String old = "  when h.serviceDate within 1 month before l.serviceDate\n  review line l\n";
        assertTrue(text.contains(old), "the rule reads as this test expects");
        Files.writeString(file, text.replace(old,
                "  when h.serviceDate within 2 months before l.serviceDate\n  deny line l group CO carc 119\n"));
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** The line of {@code rule ID} in a policy file, as a finding's source names it. */
    static int ruleLine(Path file, String rule) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("rule " + rule)) {
                return i + 1;
            }
        }
        throw new AssertionError("no rule " + rule + " in " + file);
    }

    static List<JsonNode> records(String ndjson) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    @Test
    void theKnownChangeChangesExactlyTheTwoB12ClaimsAndEachLineMatchesTheSchema() throws IOException {
        Path changed = changedLibrary(tmp.resolve("new"));
        Cli r = Cli.run("diff", "--from", "policies", "--to", changed.toString(), "--format", "json", "examples/claims");
        assertEquals(0, r.code(), r.all());
        List<JsonNode> records = records(r.out());
        Map<String, JsonNode> byClaim = new TreeMap<>();
        records.forEach(c -> byClaim.put(c.get("claimId").asText(), c));
        assertEquals(List.of("B12-FREQ-JN", "CLEAN-B12-JN"), List.copyOf(byClaim.keySet()), r.all());

        int line = ruleLine(Path.of("policies", FILE), RULE);
        JsonNode freq = byClaim.get("B12-FREQ-JN");
        assertEquals("examples/claims/b12-too-frequent-jn.json", freq.at("/input/file").asText());
        assertEquals("review->deny", freq.get("transition").asText());
        assertEquals(1, freq.get("added").size());
        assertAdded(freq.get("added").get(0), changed.resolve(FILE) + ":" + line);
        assertEquals(1, freq.get("removed").size());
        JsonNode removed = freq.get("removed").get(0);
        assertEquals(RULE, removed.get("rule").asText());
        assertEquals("review", removed.get("severity").asText());
        assertEquals(2, removed.get("line").asInt());
        assertTrue(removed.get("carc").isNull());
        assertEquals("policies/" + FILE + ":" + line, removed.get("source").asText());
        assertEquals("[2]", freq.get("linesMoved").toString());
        assertEquals(0, freq.get("dollarsMoved").decimalValue().compareTo(new java.math.BigDecimal("15.00")));

        JsonNode clean = byClaim.get("CLEAN-B12-JN");
        assertEquals("clean", clean.get("before").asText());
        assertEquals("deny", clean.get("after").asText());
        assertEquals(1, clean.get("added").size());
        assertAdded(clean.get("added").get(0), changed.resolve(FILE) + ":" + line);
        assertEquals(0, clean.get("removed").size());
        assertEquals("[2]", clean.get("linesMoved").toString());
        assertEquals(0, clean.get("dollarsMoved").decimalValue().compareTo(new java.math.BigDecimal("15.00")));

        com.networknt.schema.Schema schema = EvalCommandTest.schema("diff.schema.json");
        for (String json : r.out().split("\n")) {
            assertEquals(List.of(), EvalCommandTest.violations(schema, json), json);
        }
        assertFalse(EvalCommandTest.violations(schema, "{\"claimId\":\"X\"}").isEmpty(), "the schema requires the fields");

        // the summary on stderr: every example claim compared (one per JSON file), the counts the change implies
        long claims;
        try (Stream<Path> files = Files.list(Path.of("examples/claims"))) {
            claims = files.filter(p -> p.toString().endsWith(".json")).count();
        }
        assertTrue(r.err().contains("ppl diff: " + claims + " claims compared"), r.err());
        assertTrue(r.err().contains("2 decisions changed"), r.err());
        assertTrue(r.err().contains("    clean -> deny 1\n"), r.err());
        assertTrue(r.err().contains("    review -> deny 1\n"), r.err());
        assertTrue(r.err().contains("    " + RULE + " +2 -1\n"), r.err());
        assertTrue(r.err().contains("    CO-119 +2 -0\n"), r.err());
        assertTrue(r.err().contains("charges moved: $30.00 on 2 lines"), r.err());
        assertTrue(r.err().contains("errors: none"), r.err());
    }

    private static void assertAdded(JsonNode f, String source) {
        assertEquals(RULE, f.get("rule").asText());
        assertEquals("medicare.lcd.l33967@1.1.1", f.get("policy").asText());
        assertEquals("deny", f.get("severity").asText());
        assertEquals(2, f.get("line").asInt());
        assertEquals("CO", f.get("group").asText());
        assertEquals("119", f.get("carc").asText());
        assertEquals(source, f.get("source").asText());
    }

    @Test
    void textNamesTheClaimTheFindingsAndTheChargesMoved() throws IOException {
        Path changed = changedLibrary(tmp.resolve("new"));
        Cli r = Cli.run("diff", "--from", "policies", "--to", changed.toString(), "--threads", "1",
                "examples/claims/clean-b12-injection-only-jn.json", "examples/claims/contract-example.json");
        assertEquals(0, r.code(), r.all());
        int line = ruleLine(Path.of("policies", FILE), RULE);
        assertEquals("claim CLEAN-B12-JN: CLEAN -> DENY\n"
                + "  input: examples/claims/clean-b12-injection-only-jn.json record 1\n"
                + "  + line 2  DENY CO-119  " + RULE + "  (" + changed.resolve(FILE) + ":" + line + ")\n"
                + "      J3420 on 2026-03-09 follows J3420 on 2026-02-09, 28 days earlier: maintenance B12 is covered no "
                + "more than once a month\n"
                + "  charges moved: $15.00 (line 2)\n\n", r.out());
        assertTrue(r.err().contains("ppl diff: 2 claims compared"), r.err());
    }

    @Test
    void theGatesExitOneWhenMetAndZeroOtherwise() throws IOException {
        Path changed = changedLibrary(tmp.resolve("new"));
        String to = changed.toString();
        Cli cleanToDeny = Cli.run("diff", "--from", "policies", "--to", to, "--fail-if-clean-becomes-deny", "examples/claims");
        assertEquals(DiffCommand.GATE, cleanToDeny.code(), cleanToDeny.all());
        assertTrue(cleanToDeny.err().contains("failed --fail-if-clean-becomes-deny: 1 paid claim becomes deny or reject"),
                cleanToDeny.all());
        Cli overOne = Cli.run("diff", "--from", "policies", "--to", to, "--fail-if-changed-over", "1", "examples/claims");
        assertEquals(DiffCommand.GATE, overOne.code(), overOne.all());
        assertTrue(overOne.err().contains("failed --fail-if-changed-over 1: 2 claims changed"), overOne.all());
        Cli overTwo = Cli.run("diff", "--from", "policies", "--to", to, "--fail-if-changed-over", "2", "examples/claims");
        assertEquals(0, overTwo.code(), overTwo.all());
        // the claim that was already a review becoming a deny is no paid claim denied
        Cli onlyReview = Cli.run("diff", "--from", "policies", "--to", to, "--fail-if-clean-becomes-deny",
                "examples/claims/b12-too-frequent-jn.json");
        assertEquals(0, onlyReview.code(), onlyReview.all());
        assertTrue(onlyReview.out().contains("REVIEW -> DENY"), onlyReview.all());
    }

    @Test
    void theSamePoliciesChangeNothing() {
        Cli r = Cli.run("diff", "--from", "policies", "--to", "policies", "--fail-if-changed-over", "0",
                "--format", "json", "examples/claims");
        assertEquals(0, r.code(), r.all());
        assertEquals("", r.out());
        assertTrue(r.err().contains("0 decisions changed"), r.err());
    }

    @Test
    void policyErrorsOnEitherSideAreDataErrorsNamingTheSide() throws IOException {
        Path broken = changedLibrary(tmp.resolve("broken"));
        Files.writeString(broken.resolve(FILE), Files.readString(broken.resolve(FILE)).replace("deny line l group CO carc 119",
                "deny line q group CO carc 119"));
        Cli r = Cli.run("diff", "--from", "policies", "--to", broken.toString(), "examples/claims");
        assertEquals(Main.DATA_ERROR, r.code(), r.all());
        assertTrue(r.err().contains("the policies of --to " + broken + " have errors; nothing was compared"), r.all());
        assertTrue(r.err().contains("error[PPL"), r.all());
        assertEquals("", r.out());
    }

    @Test
    void aMalformedClaimIsNotComparedAndMakesTheRunADataErrorEvenWhenAGateIsMet() throws IOException {
        Path changed = changedLibrary(tmp.resolve("new"));
        Path claims = tmp.resolve("claims.ndjson");
        String clean = JSON.readTree(Files.readString(Path.of("examples/claims/clean-b12-injection-only-jn.json"))).toString();
        Files.writeString(claims, clean + "\n{\"claimId\": \"BAD\", \"lines\": 3}\n", StandardCharsets.UTF_8);
        Cli r = Cli.run("diff", "--from", "policies", "--to", changed.toString(), "--fail-if-changed-over", "0",
                "--format", "json", claims.toString());
        assertEquals(Main.DATA_ERROR, r.code(), r.all());
        List<JsonNode> records = records(r.out());
        assertEquals(1, records.size(), r.all());
        assertEquals("CLEAN-B12-JN", records.get(0).get("claimId").asText());
        assertEquals(1, records.get(0).at("/input/record").asInt());
        assertTrue(r.err().contains("1 malformed claim"), r.err());
        assertTrue(r.err().contains(claims + ":2: "), r.err());
        assertTrue(r.err().contains("failed --fail-if-changed-over 0"), r.err());
    }

    @Test
    void neitherADirectoryNorARevisionIsAClearError() {
        Cli r = Cli.run("diff", "--from", "no-such-dir", "--to", "policies", "-p", tmp.toString(), "examples/claims");
        assertEquals(Main.NO_INPUT, r.code(), r.all());
        assertTrue(r.err().contains("--from `no-such-dir` is not a policy file or directory, and " + tmp
                + " is not in a git repository"), r.all());
        assertTrue(r.err().contains("help: "), r.all());
        assertFalse(r.err().contains("Exception"), r.all());
        Cli usage = Cli.run("diff", "--to", "policies", "examples/claims");
        assertEquals(Main.USAGE, usage.code(), usage.all());
        Cli format = Cli.run("diff", "--from", "policies", "--format", "xml", "examples/claims");
        assertEquals(Main.USAGE, format.code(), format.all());
    }

    // ------------------------------------------------------------------ git revisions

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=PPL test", "-c", "user.email=test@ppl.invalid",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    }

    /** A repository whose first commit holds the library and second the change; the work tree holds a third state. */
    private Path repository() throws IOException, InterruptedException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        git(repo, "init", "-q");
        copy(Path.of("policies"), repo.resolve("policies"));
        Files.writeString(repo.resolve("README.md"), "a policy repository\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "the library");
        change(repo.resolve("policies").resolve(FILE));
        git(repo, "commit", "-q", "-a", "-m", "B12: deny a second dose within two months");
        return repo;
    }

    @Test
    void gitRevisionsAreReadFromTheRepositoryAndNamedInSources() throws Exception {
        Path repo = repository();
        Path dir = repo.resolve("policies");
        int line = ruleLine(dir.resolve(FILE), RULE);
        Cli r = Cli.run("diff", "--from", "HEAD~1", "--to", "HEAD", "-p", dir.toString(), "--format", "json",
                "examples/claims");
        assertEquals(0, r.code(), r.all());
        List<JsonNode> records = records(r.out());
        assertEquals(List.of("B12-FREQ-JN", "CLEAN-B12-JN"), records.stream().map(c -> c.get("claimId").asText()).sorted().toList());
        JsonNode freq = records.stream().filter(c -> c.get("claimId").asText().equals("B12-FREQ-JN")).findFirst().orElseThrow();
        assertEquals("HEAD:policies/" + FILE + ":" + line, freq.at("/added/0/source").asText());
        assertEquals("HEAD~1:policies/" + FILE + ":" + line, freq.at("/removed/0/source").asText());
        long policyFiles; // one policy version per file
        try (Stream<Path> files = Files.walk(dir)) {
            policyFiles = files.filter(p -> p.toString().endsWith(".ppl")).count();
        }
        assertTrue(r.err().contains("from: HEAD~1:policies (" + policyFiles + " policy versions)"), r.err());

        // without --to: the work tree; undo the change there and HEAD -> work tree is the change backwards
        Files.copy(Path.of("policies", FILE), dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli back = Cli.run("diff", "--from", "HEAD", "-p", dir.toString(), "--format", "json", "examples/claims");
        assertEquals(0, back.code(), back.all());
        List<String> transitions = records(back.out()).stream().map(c -> c.get("transition").asText()).sorted().toList();
        assertEquals(List.of("deny->clean", "deny->review"), transitions, back.all());
        assertTrue(back.err().contains("to:   " + dir), back.err());

        // the first commit against itself by name: nothing changes
        Cli same = Cli.run("diff", "--from", "HEAD~1", "--to", "main~1", "-p", dir.toString(), "--fail-if-changed-over",
                "0", "examples/claims");
        assertEquals(0, same.code(), same.all());
    }

    @Test
    void anUnknownRevisionAndARevisionWithoutTheDirectoryAreClearErrors() throws Exception {
        Path repo = repository();
        Path dir = repo.resolve("policies");
        Cli unknown = Cli.run("diff", "--from", "v9.9", "-p", dir.toString(), "examples/claims");
        assertEquals(Main.NO_INPUT, unknown.code(), unknown.all());
        assertTrue(unknown.err().contains("--from `v9.9` is not a policy file or directory, nor a revision of the git "
                + "repository"), unknown.all());
        assertTrue(unknown.err().contains("help: name a commit, branch or tag"), unknown.all());

        Files.createDirectories(repo.resolve("later"));
        Files.writeString(repo.resolve("later/x.ppl"), "policy later\n");
        Cli missing = Cli.run("diff", "--from", "HEAD", "-p", repo.resolve("later").toString(), "examples/claims");
        assertEquals(Main.NO_INPUT, missing.code(), missing.all());
        assertTrue(missing.err().contains("revision HEAD has no policy files in later/"), missing.all());
    }
}
