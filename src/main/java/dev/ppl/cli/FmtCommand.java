package dev.ppl.cli;

import dev.ppl.api.PolicySource;
import dev.ppl.format.Formatter;
import dev.ppl.format.LineDiff;
import dev.ppl.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl fmt}: rewrite policy files in the canonical layout, or check that they are. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Rewrite policy files in place in PPL's one canonical layout, keeping every comment.",
                "With --check nothing is changed: the files that are not formatted are listed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is formatted (or was rewritten)", "1:--check found files that are not formatted",
                "64:usage error", "65:a file has syntax errors (it is left as it is)", "66:a path does not exist"})
final class FmtCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH",
            description = "policy files or directories (every .ppl under them); with --check and no PATH: the bundled library")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--check", description = "change nothing; list the files that are not formatted and exit 1 if any")
    boolean check;

    @Option(names = "--diff", description = "like --check, and print what formatting would change as a unified diff")
    boolean diff;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        check |= diff;
        List<Target> targets = new ArrayList<>();
        if (paths.isEmpty()) {
            if (!check) {
                err.println("ppl fmt: name the policy files or directories to format, e.g. `ppl fmt policies/`"
                        + " (`ppl fmt --check` alone checks the bundled library)");
                return Main.USAGE;
            }
            PolicySource.bundled().forEach(s -> targets.add(new Target(s.path(), null, s.text())));
        }
        try {
            for (Path p : paths) {
                collect(p, targets);
            }
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        int unformatted = 0;
        int changed = 0;
        int broken = 0;
        for (Target t : targets) {
            Formatter.Result result;
            try {
                result = Formatter.format(new SourceFile(t.name(), t.text()));
            } catch (IllegalStateException refused) {
                // the formatter checks its own output and will not write a file whose tokens it would change
                err.println("ppl fmt: " + t.name() + " was left as it is: " + refused.getMessage()
                        + " (please report this with the file)");
                broken++;
                continue;
            }
            if (!result.ok()) {
                err.print(result.diagnostics().render());
                err.println("ppl fmt: " + t.name() + " has syntax errors; it was left as it is");
                broken++;
                continue;
            }
            if (result.text().equals(t.text())) {
                continue;
            }
            if (check) {
                unformatted++;
                out.println(t.name());
                if (diff) {
                    out.print(LineDiff.unified(t.name(), t.text(), result.text()));
                }
            } else {
                try {
                    Files.writeString(t.file(), result.text(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("ppl fmt: cannot write " + t.name() + ": " + IoErrors.describe(e));
                    return Main.CANT_CREATE;
                }
                changed++;
                out.println("formatted " + t.name());
            }
        }
        if (check && unformatted > 0) {
            err.printf("ppl fmt: %d of %d file%s not formatted; run `ppl fmt` on %s%n", unformatted, targets.size(),
                    targets.size() == 1 ? " is" : "s are", unformatted == 1 ? "it" : "them");
        } else if (!check && targets.size() > 0 && broken == 0) {
            err.printf("ppl fmt: %d file%s checked, %d rewritten%n", targets.size(), targets.size() == 1 ? "" : "s", changed);
        }
        return broken > 0 ? Main.DATA_ERROR : unformatted > 0 ? 1 : 0;
    }

    /** A file to format: its display name, where it is on disk (null for bundled), and its text. */
    private record Target(String name, Path file, String text) {}

    private static void collect(Path p, List<Target> targets) {
        if (!Files.exists(p)) {
            throw new CliException(Main.NO_INPUT, "ppl: no such policy file or directory: " + p);
        }
        List<Path> files;
        if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                files = walk.filter(f -> f.toString().endsWith(".ppl") && Files.isRegularFile(f)).sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                throw new CliException(Main.NO_INPUT, "ppl: cannot read " + p + ": " + e.getMessage());
            }
        } else {
            files = List.of(p);
        }
        for (Path f : files) {
            try {
                targets.add(new Target(f.toString().replace('\\', '/'), f, Files.readString(f, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new CliException(Main.NO_INPUT, "ppl: cannot read " + f + ": " + IoErrors.describe(e));
            }
        }
    }
}
