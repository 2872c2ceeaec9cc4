package dev.ppl.api;

import dev.ppl.check.TableLoader;
import dev.ppl.source.Limits;
import dev.ppl.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The directory a policy set may read files from (docs/limits.md#files-a-policy-may-read). Table
 * files and test claims named in a policy are resolved relative to the policy file, and their real
 * paths (links followed) must lie inside it: {@code ..} out of it, an absolute path, or a link
 * leading out is refused by name, and nothing of such a file is read or shown.
 */
final class PolicyRoot {
    private final Path dir;

    /** @param dir a real path (links resolved) */
    PolicyRoot(Path dir) {
        this.dir = dir;
    }

    /** The nearest directory at or above {@code realDir} holding a {@link PolicySource#ROOT_MARKER}, else {@code realDir}. */
    static PolicyRoot enclosing(Path realDir) {
        for (Path p = realDir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(PolicySource.ROOT_MARKER))) {
                return new PolicyRoot(p);
            }
        }
        return new PolicyRoot(realDir);
    }

    boolean contains(Path real) {
        return real.startsWith(dir);
    }

    /** Reads files named by the policy {@code policyName} in the real directory {@code policyDir}. */
    TableLoader loader(Path policyDir, String policyName) {
        String base = policyName.contains("/") ? policyName.substring(0, policyName.lastIndexOf('/') + 1) : "";
        return named -> {
            Path p;
            try {
                if (named.startsWith("/") || named.startsWith("\\") || Path.of(named).isAbsolute()) {
                    throw new TableLoader.Refused("`" + named + "` is an absolute path; a policy names files relative to "
                            + "itself, inside its policy root " + this);
                }
                p = policyDir.resolve(named).normalize();
            } catch (InvalidPathException e) {
                throw new TableLoader.Refused("`" + named + "` is not a valid file name");
            }
            if (!p.startsWith(dir)) {
                throw new TableLoader.Refused("`" + named + "` is outside the policy root " + this);
            }
            if (!Files.exists(p)) {
                return null;
            }
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + named + ": " + e.getMessage(), e);
            }
            if (!contains(real)) {
                throw new TableLoader.Refused("`" + named + "` is a link to a file outside the policy root " + this);
            }
            if (!Files.isRegularFile(real)) {
                return null;
            }
            return new SourceFile(base + named, PolicySource.read(real, Limits.TABLE_FILE_CHARS));
        };
    }

    /** The root as diagnostics show it: relative to the working directory when inside it. */
    @Override
    public String toString() {
        try {
            Path cwd = Path.of("").toRealPath();
            if (dir.getFileSystem().equals(cwd.getFileSystem()) && dir.startsWith(cwd)) {
                return dir.equals(cwd) ? "." : cwd.relativize(dir).toString().replace('\\', '/');
            }
        } catch (IOException e) {
            // the absolute path will do
        }
        return dir.toString();
    }
}
