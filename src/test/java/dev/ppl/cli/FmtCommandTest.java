package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmtCommandTest {
    private static final String MESSY = "policy p   # id\n version 1.0.0\ncodes A={96372}\n";
    private static final String FORMATTED = "policy p  # id\n  version 1.0.0\n\ncodes A = { 96372 }\n";

    @TempDir
    Path dir;

    @Test
    void rewritesFilesInPlace() throws Exception {
        Path file = Files.writeString(dir.resolve("a.ppl"), MESSY);
        Path clean = Files.writeString(dir.resolve("b.ppl"), FORMATTED);
        Cli cli = Cli.run("fmt", dir.toString());
        assertEquals(0, cli.code(), cli.all());
        assertEquals(FORMATTED, Files.readString(file));
        assertEquals(FORMATTED, Files.readString(clean));
        assertTrue(cli.out().contains("formatted " + file), cli.all());
        assertFalse(cli.out().contains("b.ppl"), "an already formatted file is not rewritten: " + cli.all());
    }

    @Test
    void checkListsUnformattedFilesAndChangesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("a.ppl"), MESSY);
        Files.writeString(dir.resolve("b.ppl"), FORMATTED);
        Cli cli = Cli.run("fmt", "--check", dir.toString());
        assertEquals(1, cli.code(), cli.all());
        assertEquals(file.toString() + "\n", cli.out());
        assertTrue(cli.err().contains("1 of 2 files are not formatted"), cli.all());
        assertEquals(MESSY, Files.readString(file));
    }

    @Test
    void checkWithDiffShowsTheChange() throws Exception {
        Files.writeString(dir.resolve("a.ppl"), MESSY);
        Cli cli = Cli.run("fmt", "--check", "--diff", dir.toString());
        assertEquals(1, cli.code(), cli.all());
        assertTrue(cli.out().contains("-codes A={96372}\n"), cli.all());
        assertTrue(cli.out().contains("+codes A = { 96372 }\n"), cli.all());
    }

    @Test
    void checkPassesOnTheBundledLibrary() {
        Cli cli = Cli.run("fmt", "--check");
        assertEquals(0, cli.code(), cli.all());
        assertEquals("", cli.out());
    }

    @Test
    void aFileWithSyntaxErrorsIsLeftAloneWithItsDiagnostics() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.ppl"), "policy p\n  version 1.0.0\nrule (\n");
        Cli cli = Cli.run("fmt", file.toString());
        assertEquals(65, cli.code(), cli.all());
        assertTrue(cli.err().contains("error[PPL0102]"), cli.all());
        assertTrue(cli.err().contains("left as it is"), cli.all());
        assertEquals("policy p\n  version 1.0.0\nrule (\n", Files.readString(file));
    }

    @Test
    void formattingWithoutPathsIsAUsageError() {
        Cli cli = Cli.run("fmt");
        assertEquals(64, cli.code(), cli.all());
        assertTrue(cli.err().contains("name the policy files"), cli.all());
    }

    @Test
    void aMissingPathIsReported() {
        Cli cli = Cli.run("fmt", dir.resolve("nope").toString());
        assertEquals(66, cli.code(), cli.all());
        assertTrue(cli.err().contains("no such policy file or directory"), cli.all());
    }
}
