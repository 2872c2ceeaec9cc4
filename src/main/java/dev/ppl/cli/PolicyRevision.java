package dev.ppl.cli;

import dev.ppl.api.PolicySource;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * One side of {@code ppl diff}: the policies in a directory or file as they are on disk, or as a
 * git revision of the policy directory holds them.
 *
 * <p>A revision is read with the {@code git} program (ProcessBuilder), not a Java git library:
 * whoever has a policy repository has git, and the core's jar stays free of a large dependency.
 * {@code git ls-tree} lists the files of the policy root (the directory, or the nearest one above
 * it inside the repository holding {@code .ppl-root}, so tables the policies name come along),
 * and one {@code git cat-file --batch} streams their contents into a temporary directory, which
 * {@link #close()} deletes. The policies are named {@code REV:path/in/the/repository.ppl}, so a
 * diagnostic or a finding's source says which revision it is from.
 */
final class PolicyRevision implements AutoCloseable {
    /** How the side is named in messages: the path, or {@code REV:path} for a revision. */
    final String label;
    final List<PolicySource> sources;
    private final Path temp;

    private PolicyRevision(String label, List<PolicySource> sources, Path temp) {
        this.label = label;
        this.sources = sources;
        this.temp = temp;
    }

    /**
     * The policies {@code spec} names: an existing file or directory, else a git revision of
     * {@code dir}. Throws {@link CliException} (exit 66) when it is neither, naming why.
     *
     * @param option the option that named it, for messages ({@code --from})
     */
    static PolicyRevision resolve(String spec, Path dir, String option) {
        Path asPath = pathOrNull(spec);
        if (asPath != null && Files.exists(asPath)) {
            return new PolicyRevision(spec, PolicyOptions.load(asPath), null);
        }
        return revision(spec, dir, option);
    }

    /** The directory as it is on disk. */
    static PolicyRevision onDisk(Path dir) {
        return new PolicyRevision(dir.toString(), PolicyOptions.load(dir), null);
    }

    private static Path pathOrNull(String spec) {
        try {
            return Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static PolicyRevision revision(String rev, Path dir, String option) {
        String what = "ppl diff: " + option + " `" + rev + "` is not a policy file or directory";
        if (rev.isEmpty() || rev.startsWith("-")) {
            throw new CliException(Main.NO_INPUT, what + ", nor a git revision");
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException(Main.NO_INPUT, what + ", so it was read as a git revision of the policy directory "
                    + dir + ", which does not exist\nhelp: name the policy directory inside the git repository with "
                    + "--policies DIR");
        }
        Git top = git(dir, "rev-parse", "--show-toplevel");
        if (top.code != 0) {
            throw new CliException(Main.NO_INPUT, what + ", and " + dir + " is not in a git repository, so it is no "
                    + "git revision either (git: " + top.error() + ")\nhelp: give a policy directory, or run in a git "
                    + "work tree and name the policy directory in it with --policies DIR");
        }
        Path root = Path.of(top.text().strip());
        Git commit = git(dir, "rev-parse", "--verify", "--quiet", rev + "^{commit}");
        if (commit.code != 0) {
            throw new CliException(Main.NO_INPUT, what + ", nor a revision of the git repository " + root
                    + "\nhelp: name a commit, branch or tag (HEAD~1, main, v1.2); `git log --oneline` lists them");
        }
        String sha = commit.text().strip();
        String prefix = git(dir, "rev-parse", "--show-prefix").text().strip(); // "policies/" or ""
        String rootPrefix = policyRoot(dir, root, prefix);
        Git listed = rootPrefix.isEmpty() ? git(root, "ls-tree", "-r", "-z", "--full-tree", sha)
                : git(root, "ls-tree", "-r", "-z", "--full-tree", sha, "--", stripSlash(rootPrefix));
        if (listed.code != 0) {
            throw new CliException(Main.NO_INPUT, "ppl diff: cannot list the files of " + rev + " (git: " + listed.error() + ")");
        }
        List<String[]> blobs = new ArrayList<>(); // {object id, path below the policy root}
        for (String entry : listed.text().split("\0")) {
            int tab = entry.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String[] meta = entry.substring(0, tab).split(" ");
            String path = entry.substring(tab + 1);
            // regular files only: links (120000) and submodules (commits) are not policy files
            if (meta.length == 3 && meta[1].equals("blob") && (meta[0].equals("100644") || meta[0].equals("100755"))
                    && path.startsWith(rootPrefix)) {
                blobs.add(new String[] {meta[2], path.substring(rootPrefix.length())});
            }
        }
        String dirBelowRoot = prefix.substring(rootPrefix.length());
        if (blobs.stream().noneMatch(b -> b[1].startsWith(dirBelowRoot) && b[1].endsWith(".ppl"))) {
            throw new CliException(Main.NO_INPUT, "ppl diff: revision " + rev + " has no policy files in "
                    + (prefix.isEmpty() ? "the top of " + root : prefix));
        }
        Path temp;
        try {
            temp = Files.createTempDirectory("ppl-diff-");
        } catch (IOException e) {
            throw new CliException(Main.CANT_CREATE, "ppl diff: cannot create a temporary directory for " + rev + ": "
                    + IoErrors.describe(e));
        }
        try {
            extract(root, blobs, temp);
            Path policyDir = temp.resolve(dirBelowRoot.isEmpty() ? "." : dirBelowRoot).normalize();
            List<PolicySource> sources = new ArrayList<>();
            try (Stream<Path> files = Files.walk(policyDir)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".ppl") && Files.isRegularFile(p)).sorted().toList()) {
                    String name = rev + ":" + prefix + policyDir.relativize(p).toString().replace('\\', '/');
                    sources.add(PolicySource.file(p, name, temp));
                }
            }
            return new PolicyRevision(rev + ":" + stripSlash(prefix.isEmpty() ? "." : prefix), sources, temp);
        } catch (IOException | UncheckedIOException | CliException e) {
            delete(temp);
            if (e instanceof CliException c) {
                throw c;
            }
            throw new CliException(Main.NO_INPUT, "ppl diff: cannot read revision " + rev + " of " + dir + ": "
                    + e.getMessage());
        }
    }

    /** The policy root's path in the repository: the nearest directory at or above {@code dir} with .ppl-root, else dir. */
    private static String policyRoot(Path dir, Path top, String prefix) {
        try {
            Path realTop = top.toRealPath();
            for (Path p = dir.toRealPath(); p != null && p.startsWith(realTop); p = p.getParent()) {
                if (Files.isRegularFile(p.resolve(PolicySource.ROOT_MARKER))) {
                    String rel = realTop.relativize(p).toString().replace('\\', '/');
                    return rel.isEmpty() ? "" : rel + "/";
                }
            }
        } catch (IOException e) {
            // no marker found: the directory is its own root
        }
        return prefix;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Streams every blob through one {@code git cat-file --batch} into {@code temp}. */
    private static void extract(Path repo, List<String[]> blobs, Path temp) throws IOException {
        Process p = new ProcessBuilder("git", "cat-file", "--batch").directory(repo.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
            try (OutputStream in = p.getOutputStream()) {
                for (String[] b : blobs) {
                    in.write((b[0] + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (InputStream out = new BufferedInputStream(p.getInputStream())) {
            for (String[] b : blobs) {
                String header = readLine(out);
                String[] parts = header == null ? new String[0] : header.split(" ");
                if (parts.length != 3 || !parts[1].equals("blob")) {
                    throw new IOException("git cat-file gave `" + header + "` for " + b[1]);
                }
                long size = Long.parseLong(parts[2]);
                Path target = temp.resolve(b[1]).normalize();
                if (!target.startsWith(temp)) {
                    throw new IOException("a file path leaves the policy root: " + b[1]);
                }
                Files.createDirectories(target.getParent());
                try (OutputStream file = Files.newOutputStream(target)) {
                    byte[] buf = new byte[8192];
                    long left = size;
                    while (left > 0) {
                        int n = out.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new IOException("git cat-file ended inside " + b[1]);
                        }
                        file.write(buf, 0, n);
                        left -= n;
                    }
                }
                out.read(); // the newline after the content
            }
        } finally {
            feed.exceptionally(e -> null).join();
            p.destroy();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            line.write(c);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** What a git command printed and its exit code. */
    private record Git(int code, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }

        /** Its first line of error output, for messages. */
        String error() {
            String first = err.strip().lines().findFirst().orElse("exit " + code);
            return first.startsWith("fatal: ") ? first.substring(7) : first;
        }
    }

    private static Git git(Path cwd, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            return new Git(code, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(Main.NO_INPUT, "ppl diff: cannot run git to read a revision: " + e.getMessage()
                    + "\nhelp: install git, or give both sides as policy directories");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Main.SOFTWARE, "ppl diff: interrupted while running git");
        }
    }

    @Override
    public void close() {
        if (temp != null) {
            delete(temp);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the command for
        }
    }
}
