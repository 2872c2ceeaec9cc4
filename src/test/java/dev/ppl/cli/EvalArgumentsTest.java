package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The eval command lines read without picocli set exactly the fields picocli sets; the others go to picocli. */
class EvalArgumentsTest {

    /** Command lines the hand-written reader takes. */
    static final List<List<String>> TAKEN = List.of(
            List.of("eval", "claim.json"),
            List.of("eval", "a.json", "b.ndjson", "-", "dir"),
            List.of("eval", "-p", "policies", "claim.json"),
            List.of("eval", "claim.json", "--policies", "one", "-p", "two"),
            List.of("eval", "--policies=policies/medicare", "claim.json"),
            List.of("eval", "--policies=", "claim.json"),
            List.of("eval", "--format", "text", "claim.json"),
            List.of("eval", "claim.json", "--format=text"),
            List.of("eval", "--format", "xml", "claim.json"),
            List.of("eval", "--format=", "claim.json"),
            List.of("eval", "claim.json", "claim.json"),
            List.of("eval", "with space.json", "eval", "help", "ünïcode.json"),
            List.of("eval", "-p", "eval", "--format", "json", "x=y.json"));

    /** Command lines it leaves to picocli: other options, help, errors. */
    static final List<List<String>> LEFT = List.of(
            List.of("eval"),
            List.of("eval", "--help"),
            List.of("eval", "-h"),
            List.of("eval", "--version"),
            List.of("eval", "--threads", "2", "claim.json"),
            List.of("eval", "-o", "out.ndjson", "claim.json"),
            List.of("eval", "--bogus", "claim.json"),
            List.of("eval", "--formt=text", "claim.json"),
            List.of("eval", "-x", "claim.json"),
            List.of("eval", "-pdir", "claim.json"),
            List.of("eval", "-p=dir", "claim.json"),
            List.of("eval", "--", "claim.json"),
            List.of("eval", "@args.txt"),
            List.of("eval", "-p", "@dirs.txt", "claim.json"),
            List.of("eval", "claim.json", "--format"),
            List.of("eval", "claim.json", "-p"),
            List.of("eval", "--format", "--policies", "x", "claim.json"),
            List.of("eval", "-p", "-", "claim.json"),
            List.of("eval", "--policies=-p", "claim.json"),
            List.of("eval", "--format=-x", "claim.json"),
            List.of("eval", "--format=@text", "claim.json"),
            List.of("eval", "--format", "text", "--format", "json", "claim.json"),
            List.of("eval", "--format=text", "--format=json", "claim.json"),
            List.of("eval", "--policies", "bad\0path", "claim.json"),
            List.of("check", "policies"),
            List.of("evaluate", "claim.json"));

    @Test
    void takenCommandLinesSetTheFieldsPicocliSets() throws Exception {
        for (List<String> args : TAKEN) {
            EvalCommand byHand = EvalArguments.parse(args.toArray(String[]::new), null);
            assertNotNull(byHand, "read by hand: " + args);
            assertEquals(fields(picocli(args)), fields(byHand), "same options as picocli for " + args);
        }
    }

    @Test
    void theRestIsLeftToPicocli() {
        for (List<String> args : LEFT) {
            assertNull(EvalArguments.parse(args.toArray(String[]::new), null), "left to picocli: " + args);
        }
    }

    @Test
    void theDefaultsAreTheAnnotations() throws Exception {
        // a new option's default must reach the command read by hand too: compare with no options at all
        EvalCommand byHand = EvalArguments.parse(new String[] {"eval", "claim.json"}, null);
        Map<String, Object> picked = fields(picocli(List.of("eval", "claim.json")));
        assertEquals(picked, fields(byHand));
        assertEquals("json", picked.get("EvalCommand.format"));
        assertEquals("auto", picked.get("BatchOptions.stdinFormat"));
        assertEquals("365d", picked.get("EvalCommand.historyWindow"));
    }

    @Test
    void badOptionsStillGetPicocliErrorsAndUsage() {
        Cli unknown = Cli.run("eval", "--bogus", "examples/claims/contract-example.json");
        assertEquals(Main.USAGE, unknown.code(), unknown.all());
        assertTrue(unknown.err().contains("Unknown option: '--bogus'"), unknown.all());
        Cli close = Cli.run("eval", "--formt=text", "examples/claims/contract-example.json");
        assertTrue(close.err().contains("Unknown option: '--formt=text'") && close.err().contains("--format"),
                close.all());
        Cli missing = Cli.run("eval", "examples/claims/contract-example.json", "--format");
        assertEquals(Main.USAGE, missing.code(), missing.all());
        assertTrue(missing.err().contains("Missing required parameter for option '--format'"), missing.all());
        Cli twice = Cli.run("eval", "--format", "text", "--format", "json", "examples/claims/contract-example.json");
        assertEquals(Main.USAGE, twice.code(), twice.all());
        assertTrue(twice.err().contains("should be specified only once"), twice.all());
        Cli none = Cli.run("eval");
        assertEquals(Main.USAGE, none.code(), none.all());
        assertTrue(none.err().contains("Missing required parameter: 'CLAIMS'"), none.all());
        Cli help = Cli.run("eval", "--help");
        assertEquals(0, help.code(), help.all());
        assertTrue(help.out().contains("Usage: ppl eval") && help.out().contains("--decision-log"), help.all());
    }

    @Test
    void aBadFormatIsTheCommandsOwnUsageErrorOnBothPaths() {
        Cli run = Cli.run("eval", "--format", "xml", "examples/claims/contract-example.json");
        assertEquals(Main.USAGE, run.code(), run.all());
        assertEquals("ppl eval: unknown --format `xml`; use json or text\n", run.err(), run.all());
        assertEquals("", run.out());
    }

    @Test
    void theCommandReadByHandEvaluatesAsPicocliRunsIt() {
        String[] args = {"eval", "--format", "text", "examples/claims/contract-example.json"};
        Cli fast = Cli.run(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main(System.in, null)).addSubcommand("eval", EvalCommand.class);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertEquals(code, fast.code(), fast.all());
        assertEquals(out.toString(), fast.out());
        assertEquals(err.toString(), fast.err());
        assertFalse(fast.out().isEmpty(), fast.all());
    }

    private static EvalCommand picocli(List<String> args) {
        CommandLine cli = new CommandLine(new Main(null, null)).addSubcommand("eval", EvalCommand.class);
        CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
        return parsed.subcommand().commandSpec().commandLine().getCommand();
    }

    /** Every option field of the command and its mixins, by class and name. */
    private static Map<String, Object> fields(Object command) throws IllegalAccessException {
        Map<String, Object> out = new LinkedHashMap<>();
        collect(command, out);
        return out;
    }

    private static final Set<String> NOT_OPTIONS = Set.of("spec", "main", "emittedBeforeFailure");

    private static void collect(Object o, Map<String, Object> out) throws IllegalAccessException {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || NOT_OPTIONS.contains(f.getName())) {
                continue;
            }
            f.setAccessible(true);
            Object value = f.get(o);
            if (value instanceof PolicyOptions || value instanceof BatchOptions || value instanceof ReadOptions) {
                collect(value, out);
            } else {
                out.put(o.getClass().getSimpleName() + "." + f.getName(), value);
            }
        }
    }
}
