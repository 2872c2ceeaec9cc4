package dev.ppl.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ppl}: check policies and evaluate claims. */
@Command(
        name = "ppl",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "PPL, the Payer Policy Language: payer billing rules as versioned, tested text files.",
        footer = {"%nIn an editor: the VS Code extension in editors/vscode runs `ppl lsp` for",
                "diagnostics, completion and hover as you type; so can any LSP client",
                "(see docs/tools.md)."})
public final class Main implements Runnable {
    /** Exit code for bad command-line usage (sysexits EX_USAGE). */
    static final int USAGE = 64;
    /** Exit code for bad input data: a policy with errors, a malformed claim (sysexits EX_DATAERR). */
    static final int DATA_ERROR = 65;
    /** Exit code for a file that cannot be read (sysexits EX_NOINPUT). */
    static final int NO_INPUT = 66;
    /** Exit code for an internal error, a bug (sysexits EX_SOFTWARE). */
    static final int SOFTWARE = 70;
    /** Exit code for an output file that cannot be created (sysexits EX_CANTCREAT). */
    static final int CANT_CREATE = 73;
    /** Exit code for an output that failed while writing (sysexits EX_IOERR). */
    static final int IO_ERROR = 74;

    /**
     * The subcommands, in the order {@code --help} lists them. Only the one named first on the
     * command line is given to picocli (all of them for anything else): building the model of
     * every command's options costs a start more than evaluating a claim does. Made for picocli's
     * runs only: {@code ppl eval} read by {@link EvalArguments} loads none of these classes.
     */
    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("check", CheckCommand.class);
        commands.put("eval", EvalCommand.class);
        commands.put("test", TestCommand.class);
        commands.put("fmt", FmtCommand.class);
        commands.put("explain", ExplainCommand.class);
        commands.put("convert", ConvertCommand.class);
        commands.put("data", DataCommand.class);
        commands.put("audit", AuditCommand.class);
        commands.put("lsp", LspCommand.class);
        commands.put("diff", DiffCommand.class);
        commands.put("serve", ServeCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return commands;
    }

    /** StAEDI logs schema details at INFO on first use; users need none of it. Held so it is not collected. */
    private static java.util.logging.Logger staediLog;

    /**
     * Quiets StAEDI (the X12 reader) before a command that may read X12. Not done at start: making
     * a logger starts the JDK's logging, tens of milliseconds of a one-claim run, which reads no X12.
     */
    static synchronized void quietLibraryLogs() {
        if (staediLog == null) {
            staediLog = java.util.logging.Logger.getLogger("io.xlate");
            staediLog.setLevel(java.util.logging.Level.WARNING);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard input, for commands that read {@code -}. */
    final InputStream in;

    /** Standard output as bytes, when given as a stream: it keeps the first write error for messages. */
    final CheckedStream stdout;

    Main(InputStream in, CheckedStream stdout) {
        this.in = in;
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, new FileOutputStream(FileDescriptor.out), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line writing standard output to {@code out} (UTF-8); a write error there
     * ends the command with exit 74 and a message naming it. Returns the exit code.
     */
    public static int run(String[] args, InputStream in, OutputStream out, PrintWriter err) {
        CheckedStream stdout = new CheckedStream(out);
        return run(args, in, new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true), err, stdout);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /** Runs the command line with the given streams, {@code in} as standard input; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        return run(args, in, out, err, null);
    }

    private static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, CheckedStream stdout) {
        EvalCommand eval = EvalArguments.parse(args, new Main(in, stdout));
        if (eval != null) {
            return runWithoutPicocli(eval, out, err);
        }
        quietLibraryLogs();
        CommandLine cli = new CommandLine(new Main(in, stdout));
        Map<String, Class<?>> commands = commands();
        String first = args.length > 0 && !args[0].equals("help") && commands.containsKey(args[0]) ? args[0] : null;
        commands.forEach((name, command) -> {
            if (first == null || first.equals(name)) {
                cli.addSubcommand(name, command);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            // the last line of defence: a user never sees a stack trace
            err.println(internalError(ex));
            return SOFTWARE;
        });
        cli.setParameterExceptionHandler((ex, ignored) -> {
            err.println("ppl: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("run `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage");
            }
            return USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code ppl eval} as picocli's {@code execute} runs it, with the same last line of defence. */
    private static int runWithoutPicocli(EvalCommand eval, PrintWriter out, PrintWriter err) {
        int code;
        try {
            code = eval.run(out, err);
        } catch (RuntimeException e) {
            err.println(internalError(e));
            code = SOFTWARE;
        }
        out.flush();
        err.flush();
        return code;
    }

    private static String internalError(Exception e) {
        return "ppl: internal error: " + e + " (please report this with the input that caused it)";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ppl " + (v == null ? "development build" : v)};
        }
    }
}
