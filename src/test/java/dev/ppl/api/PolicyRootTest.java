package dev.ppl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.source.Diagnostics;
import dev.ppl.testing.PolicyTests;
import dev.ppl.testing.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy set reads only files inside its root (docs/limits.md#files-a-policy-may-read): every
 * way out ({@code ..}, an absolute path, a symbolic link) is refused by name, and no diagnostic
 * shows a line of a file outside it.
 */
class PolicyRootTest {
    private static final String SECRET = "SECRET-LINE-never-shown";
    private static final String HEADER = """
            policy acme.root
              version 1.0.0
              applies to payer type medicare
              effective from 2020-01-01
              cites "test"
            """;

    @TempDir
    Path tmp;
    Path root;
    Path outside;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(tmp.resolve("policies"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.csv"), SECRET + ",x\n");
        Files.writeString(outside.resolve("secret.json"), SECRET);
        Files.writeString(outside.resolve("secret.ppl"), SECRET + "\n");
        Files.writeString(outside.resolve("shadow"), SECRET + "\n");
    }

    private static String table(String from) {
        return HEADER + """
                table LIMITS from "%s"
                  columns code: code, limit: number
                  key code
                rule r
                  for each l in lines
                  when l.units > LIMITS[l.code].limit
                  info line l message "m"
                """.formatted(from);
    }

    private static String test(String using) {
        return HEADER + """
                rule r
                  for each l in lines
                  when l.units > 1
                  info line l message "m"
                test "t" using "%s"
                  expect outcome clean
                """.formatted(using);
    }

    private Diagnostics compile(Path dir) {
        Diagnostics d = new Diagnostics();
        PolicySet.compile(PolicySource.directory(dir), d);
        return d;
    }

    private List<String> escapes() {
        return List.of("../elsewhere/secret", outside.resolve("secret").toString(), "link/secret");
    }

    @Test
    void aTableFromOutsideTheRootIsRefusedWithoutShowingIt() throws IOException {
        Files.createSymbolicLink(root.resolve("link"), outside);
        for (String escape : escapes()) {
            Files.writeString(root.resolve("p.ppl"), table(escape + ".csv"));
            Diagnostics d = compile(root);
            assertTrue(d.all().stream().anyMatch(x -> x.code().equals("PPL0261")), () -> escape + ": " + d.render());
            assertFalse(d.render().contains(SECRET), d.render());
        }
    }

    @Test
    void aTableInsideTheRootStillLoadsAlsoThroughALinkInside() throws IOException {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/limits.csv"), "code,limit\n96372,1\n");
        Files.createSymbolicLink(root.resolve("alias.csv"), root.resolve("data/limits.csv"));
        Files.createDirectories(root.resolve("sub"));
        for (String[] at : new String[][] {{"p.ppl", "data/limits.csv"}, {"p.ppl", "alias.csv"},
                {"sub/p.ppl", "../data/limits.csv"}}) {
            Files.deleteIfExists(root.resolve("p.ppl"));
            Files.deleteIfExists(root.resolve("sub/p.ppl"));
            Files.writeString(root.resolve(at[0]), table(at[1]));
            Diagnostics d = compile(root);
            assertFalse(d.hasErrors(), () -> at[1] + ": " + d.render());
        }
    }

    @Test
    void aTestClaimFromOutsideTheRootIsRefusedWithoutShowingIt() throws IOException {
        Files.createSymbolicLink(root.resolve("link"), outside);
        for (String escape : escapes()) {
            Files.writeString(root.resolve("p.ppl"), test(escape + ".json"));
            List<PolicySource> sources = PolicySource.directory(root);
            Diagnostics d = new Diagnostics();
            PolicySet set = PolicySet.compile(sources, d);
            assertFalse(d.hasErrors(), d::render);
            List<TestResult> results = PolicyTests.run(set, sources);
            assertEquals(1, results.size());
            String problem = results.get(0).problem();
            assertTrue(problem != null && problem.contains("policy root"), () -> escape + ": " + problem);
            assertFalse(problem.contains(SECRET), problem);
        }
    }

    @Test
    void aSymlinkedPolicyFileLeadingOutsideIsRefused() throws IOException {
        Files.writeString(root.resolve("ok.ppl"), test("x.json"));
        Files.createSymbolicLink(root.resolve("evil.ppl"), outside.resolve("secret.ppl"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> PolicySource.directory(root));
        assertTrue(e.getMessage().contains("evil.ppl") && e.getMessage().contains("outside the policy root"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aFileThatIsNotAPolicyIsNotRead() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> PolicySource.directory(outside.resolve("shadow")));
        assertTrue(e.getMessage().contains("not a policy file"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void aRootMarkerAboveWidensTheRootToTheProject() throws IOException {
        Files.writeString(root.resolve("p.ppl"), table("../elsewhere/secret.csv"));
        Files.writeString(tmp.resolve(PolicySource.ROOT_MARKER), "");
        Diagnostics d = compile(root);
        // now inside the root: the file is read (and is not a valid table, which is its own error)
        assertFalse(d.all().stream().anyMatch(x -> x.code().equals("PPL0261")), d::render);
    }

    @Test
    void theBundledLibraryReadsItsExampleClaimsInsideItsRoot() {
        List<PolicySource> sources = PolicySource.bundled();
        Diagnostics d = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, d);
        assertFalse(d.hasErrors(), d::render);
        List<TestResult> results = PolicyTests.run(set, sources);
        assertTrue(results.size() > 20);
        assertEquals(List.of(), results.stream().filter(r -> r.problem() != null).map(TestResult::problem).toList());
    }
}
