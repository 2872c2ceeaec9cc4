package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    @TempDir
    Path dir;

    @Test
    void theBundledLibraryPassesAndReportsCoverage() {
        Cli cli = Cli.run("test");
        assertEquals(0, cli.code(), cli.all());
        assertTrue(cli.out().contains("0 failed"), cli.all());
        assertTrue(cli.out().contains("rule coverage "), cli.all());
    }

    @Test
    void failuresShowExpectedAndActual() {
        Cli cli = Cli.run("test", "src/test/resources/testing/failing");
        assertEquals(1, cli.code(), cli.all());
        assertTrue(cli.out().contains("FAIL  test.failing@1.0.0  wrong carc and line"), cli.all());
        assertTrue(cli.out().contains("        expected: em-needs-25 on line 2 deny carc 16  (line 24)\n"
                + "          actual: em-needs-25 on line 1 deny CO-4: it is on line 1, not line 2; its carc is 4, not 16\n"),
                cli.all());
        assertTrue(cli.out().contains("5 tests, 1 passed, 4 failed"), cli.all());
        assertTrue(cli.out().contains("rule coverage 75% (3 of 4 outcomes"), cli.all());
        assertTrue(cli.out().contains("injection-seen  fired in 3, silent in 0  never silent"), cli.all());
    }

    @Test
    void coverageBelowTheMinimumFailsTheRun() {
        Cli low = Cli.run("test", "--coverage-min", "100", "src/test/resources/testing/passing");
        assertEquals(1, low.code(), low.all());
        assertTrue(low.err().contains("rule coverage 50% is below --coverage-min 100%"), low.all());
        Cli enough = Cli.run("test", "--coverage-min", "50", "src/test/resources/testing/passing");
        assertEquals(0, enough.code(), enough.all());
    }

    @Test
    void aCoverageMinimumOutsideZeroToHundredIsAUsageError() {
        Cli cli = Cli.run("test", "--coverage-min", "120");
        assertEquals(64, cli.code(), cli.all());
    }

    @Test
    void junitXmlIsWritten() throws Exception {
        Path xml = dir.resolve("junit.xml");
        Cli cli = Cli.run("test", "--junit", xml.toString(), "src/test/resources/testing/failing");
        assertEquals(1, cli.code(), cli.all());
        String text = Files.readString(xml);
        assertTrue(text.startsWith("<?xml"), text);
        assertTrue(text.contains("<testsuite name=\"test.failing@1.0.0\" tests=\"5\" failures=\"3\" errors=\"1\""), text);
    }

    @Test
    void verboseListsCoveredRulesToo() {
        Cli cli = Cli.run("test", "-v", "src/test/resources/testing/failing");
        assertTrue(cli.out().contains("em-needs-25     fired in 2, silent in 1  covered"), cli.all());
    }
}
