package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppl serve}'s command line: listed in the help, and bad options refused before anything listens. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void theHelpListsServeAndItsOptions() {
        Cli help = Cli.run("--help");
        assertTrue(help.out().contains("serve") && help.out().contains("web playground"), help.all());
        Cli serve = Cli.run("serve", "--help");
        assertEquals(0, serve.code(), serve.all());
        for (String option : new String[] {"--port", "--policies", "--host", "--timeout"}) {
            assertTrue(serve.out().contains(option), option + " missing:\n" + serve.all());
        }
    }

    @Test
    void badOptionsAreUsageErrorsAndAMissingDirectoryIsNoInput() throws Exception {
        Cli missing = Cli.run("serve", "--port", "0", "--policies", dir.resolve("nope").toString());
        assertEquals(66, missing.code(), missing.all());
        assertTrue(missing.err().contains("no such policy directory"), missing.all());
        Path file = Files.writeString(dir.resolve("a.ppl"), "");
        Cli notDir = Cli.run("serve", "--port", "0", "--policies", file.toString());
        assertEquals(64, notDir.code(), notDir.all());
        assertTrue(notDir.err().contains("takes a directory"), notDir.all());
        Cli timeout = Cli.run("serve", "--port", "0", "--timeout", "0s");
        assertEquals(64, timeout.code(), timeout.all());
        Cli port = Cli.run("serve", "--port", "70000");
        assertEquals(64, port.code(), port.all());
    }
}
