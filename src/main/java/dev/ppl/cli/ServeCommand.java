package dev.ppl.cli;

import dev.ppl.api.EvaluationLimits;
import dev.ppl.api.PolicySource;
import dev.ppl.serve.Playground;
import dev.ppl.serve.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ppl serve}: the web playground on a local port. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the web playground: edit a policy and a claim in the browser and see its diagnostics, "
                + "decision, explanation and tests as you type.",
                "They are those of `ppl check`, `ppl eval`, `ppl explain` and `ppl test`. The edited policy is checked "
                        + "with the policy directory (default: the bundled library), so `extends` works; nothing is saved. "
                        + "Stop it with Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "64:usage error", "65:the policy directory cannot be read",
                "66:the policy directory does not exist", "69:the port cannot be opened"})
final class ServeCommand implements Callable<Integer> {
    /** Exit code for a port that cannot be listened on (sysexits EX_UNAVAILABLE). */
    static final int UNAVAILABLE = 69;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "the port (default 8080; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "the address to listen on (default 127.0.0.1: this machine only)")
    String host;

    @Option(names = {"-p", "--policies"}, paramLabel = "DIR",
            description = "the policy directory to edit and check against; default: the library bundled with PPL")
    Path policies;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "how long one check-and-evaluate may take, e.g. 500ms, 10s, 1m (default 10s)")
    String timeoutText;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration timeout = EvalCommand.timeout(timeoutText);
        if (timeout == null) {
            err.println("ppl serve: --timeout `" + timeoutText + "` is not a positive duration such as 500ms, 10s or 1m");
            return Main.USAGE;
        }
        if (port < 0 || port > 65535) {
            err.println("ppl serve: --port " + port + " is not a port number (0 to 65535)");
            return Main.USAGE;
        }
        if (policies != null) {
            if (!Files.exists(policies)) {
                err.println("ppl: no such policy directory: " + policies);
                return Main.NO_INPUT;
            }
            if (!Files.isDirectory(policies)) {
                err.println("ppl serve: --policies takes a directory, and " + policies + " is a file; give its folder");
                return Main.USAGE;
            }
        }
        Workbench workbench = new Workbench(policies, EvaluationLimits.DEFAULT.withTimeout(timeout));
        List<PolicySource> library;
        try {
            library = workbench.library();
        } catch (UncheckedIOException e) {
            err.println("ppl serve: " + e.getMessage());
            return Main.DATA_ERROR;
        }
        Playground playground;
        try {
            playground = Playground.start(workbench, host, port, timeout);
        } catch (IOException | UncheckedIOException e) {
            err.println("ppl serve: cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + (port == 0 ? "" : "; pick another port with --port N (0 picks a free one)"));
            return UNAVAILABLE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            playground.close();
            stopped.countDown();
        }, "ppl-serve-stop"));
        out.println("PPL playground: " + playground.uri() + "  (" + library.size() + " policy file"
                + (library.size() == 1 ? "" : "s") + " from " + (policies == null ? "the bundled library" : policies)
                + "; Ctrl-C to stop)");
        if (!playground.hasEditor()) {
            out.println("note: the CodeMirror editor is not on the classpath; the page uses plain text areas");
        }
        if (!java.net.InetAddress.getLoopbackAddress().getHostAddress().equals(host) && !host.equals("localhost")
                && !host.equals("::1")) {
            err.println("ppl serve: warning: listening on " + host + ": other machines that reach it can use the "
                    + "playground and read the policy files");
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            playground.close();
        }
        return 0;
    }
}
