package dev.ppl.cli;

import dev.ppl.api.PolicySource;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --policies DIR}: where policies come from (the bundled library by default). */
final class PolicyOptions {
    @Option(names = {"-p", "--policies"}, paramLabel = "DIR",
            description = "policy directory or file (repeatable); default: the policy library bundled with PPL")
    List<Path> policies = new ArrayList<>();

    /** The sources to load; throws {@link CliException} for a path that does not exist. */
    List<PolicySource> sources() {
        if (policies.isEmpty()) {
            return PolicySource.bundled();
        }
        List<PolicySource> out = new ArrayList<>();
        for (Path p : policies) {
            out.addAll(load(p));
        }
        return out;
    }

    static List<PolicySource> load(Path p) {
        if (!Files.exists(p)) {
            throw new CliException(Main.NO_INPUT, "ppl: no such policy file or directory: " + p);
        }
        try {
            return PolicySource.directory(p);
        } catch (UncheckedIOException e) {
            throw new CliException(Main.NO_INPUT, "ppl: " + e.getMessage());
        }
    }
}
