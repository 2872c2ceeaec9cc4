package dev.ppl.cli;

import dev.ppl.api.PolicyCache;
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

    /**
     * Adds the policies to {@code builder}: the bundled library as a whole, which a run from PPL's
     * jar takes checked from the jar without reading it, or the sources of {@link #sources()}.
     */
    void addTo(dev.ppl.api.PolicyEngine.Builder builder) {
        if (policies.isEmpty()) {
            builder.loadBundled();
        } else {
            sources().forEach(builder::add);
        }
    }

    /**
     * The policy cache commands use (docs/tools.md): PPL's jar's own entries, then the directory
     * {@code PPL_CACHE_DIR} (or the system property {@code ppl.cache.dir}, or {@code
     * $XDG_CACHE_HOME/ppl}, or {@code ~/.cache/ppl}); null when {@code PPL_CACHE=0}.
     */
    static PolicyCache cache() {
        if ("0".equals(System.getenv("PPL_CACHE"))) {
            return null;
        }
        String dir = System.getProperty("ppl.cache.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("PPL_CACHE_DIR");
        }
        try {
            if (dir != null && !dir.isBlank()) {
                return PolicyCache.in(Path.of(dir));
            }
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return PolicyCache.in(base.resolve("ppl"));
        } catch (java.nio.file.InvalidPathException e) {
            return PolicyCache.shipped(); // a cache directory that cannot be named: only the jar's entries
        }
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
