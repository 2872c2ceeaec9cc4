package dev.ppl.api;

import dev.ppl.check.TableLoader;
import dev.ppl.source.Limits;
import dev.ppl.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import dev.ppl.source.BundledFiles;
import java.nio.file.FileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The text of one policy file, the name diagnostics use for it, and how to read the table files
 * it names.
 *
 * @param path the name used in diagnostics, e.g. {@code policies/medicare/ncci.ppl}
 * @param text the policy text
 * @param tables reads table files relative to the policy
 */
public record PolicySource(String path, String text, TableLoader tables) {

    /** A policy given as a string; it cannot name table files. */
    public static PolicySource of(String name, String text) {
        return new PolicySource(name, text, TableLoader.NONE);
    }

    /**
     * The name of the file that marks the top of a policy project: policies below a directory
     * holding it may read tables and test claims anywhere under that directory. Without one, the
     * root is the directory loaded (or the directory of the file loaded).
     */
    public static final String ROOT_MARKER = ".ppl-root";

    /** One policy file on disk; its root is found as {@link #ROOT_MARKER} says. */
    public static PolicySource file(Path file) {
        if (!file.getFileName().toString().endsWith(".ppl")) {
            throw new UncheckedIOException(new IOException(file + " is not a policy file: policy files end in .ppl"));
        }
        Path real = realPath(file);
        return file(file, PolicyRoot.enclosing(real.getParent()));
    }

    /**
     * One policy file named {@code name} in diagnostics, reading tables and test claims only
     * inside {@code root} (a directory that holds the file).
     */
    public static PolicySource file(Path file, String name, Path root) {
        return file(file, name, new PolicyRoot(realPath(root)));
    }

    private static PolicySource file(Path file, PolicyRoot root) {
        return file(file, display(file), root);
    }

    private static PolicySource file(Path file, String name, PolicyRoot root) {
        Path real = realPath(file);
        if (!root.contains(real)) {
            throw new UncheckedIOException(new IOException(name + " is a link to a file outside the policy root "
                    + root + "; it was not read"));
        }
        return new PolicySource(name, read(real, Limits.POLICY_FILE_CHARS), root.loader(real.getParent(), name));
    }

    /**
     * Every {@code .ppl} file under a directory (or the file itself), in path order. The policies
     * may read files only inside their root: the directory, or the nearest one above it holding
     * a {@link #ROOT_MARKER} file. A {@code .ppl} file that is a link to a file outside the root
     * is refused (an {@link UncheckedIOException} naming it), not read. A directory holding a
     * manifest (a policy bundle, docs/deployment.md) is read only when every file matches it.
     */
    public static List<PolicySource> directory(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of(file(root));
        }
        PolicyRoot within = PolicyRoot.enclosing(realPath(root));
        // a bundle with a manifest is read only when complete, and checked again after reading
        String revision = PolicyBundle.verify(realPath(root));
        try (Stream<Path> files = Files.walk(root)) {
            List<PolicySource> sources = files.filter(p -> p.toString().endsWith(".ppl") && Files.isRegularFile(p)).sorted()
                    .map(p -> file(p, within)).toList();
            if (revision != null && !revision.equals(PolicyBundle.verify(realPath(root)))) {
                throw new UncheckedIOException(new IOException("policy bundle " + root + " changed while it was read"));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** The policy library bundled in PPL's jar. */
    public static List<PolicySource> bundled() {
        return classpath("dev/ppl/policies", "bundled:", "dev/ppl");
    }

    /**
     * Every {@code .ppl} file under a classpath folder, named {@code prefix + relative path}.
     */
    public static List<PolicySource> classpath(String folder, String prefix) {
        return classpath(folder, prefix, folder);
    }

    /**
     * As {@link #classpath(String, String)}, with the policies reading files only under {@code
     * rootFolder} (the bundled library's tests read the example claims packed beside it).
     */
    static List<PolicySource> classpath(String folder, String prefix, String rootFolder) {
        Path[] dirs = classpathDirs(folder, rootFolder);
        if (dirs == null) {
            return List.of();
        }
        try {
            return under(dirs[0], prefix, dirs[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read bundled policies: " + e.getMessage(), e));
        }
    }

    /**
     * A policy given as text that stands as the file {@code relative} (a {@code .ppl} path) under the
     * directory {@code dir}, which need not exist on disk: an editor's unsaved buffer. It is named as
     * {@link #directory(Path)} would name that file, and it reads tables and test claims relative to
     * that place and only inside the root {@link #directory(Path)} gives {@code dir}.
     *
     * @throws IllegalArgumentException when {@code relative} is not a {@code .ppl} path inside {@code dir}
     */
    public static PolicySource unsaved(Path dir, String relative, String text) {
        Path realDir = realPath(dir);
        Path file = inside(realDir, relative);
        String name = display(dir.resolve(relative));
        return new PolicySource(name, text, PolicyRoot.enclosing(realDir).loader(file.getParent(), name));
    }

    /**
     * As {@link #unsaved(Path, String, String)} for a file standing at {@code relative} in the
     * bundled library (named {@code bundled:relative}, reading files as the bundled policies do).
     */
    public static PolicySource unsavedBundled(String relative, String text) {
        Path[] dirs = classpathDirs("dev/ppl/policies", "dev/ppl");
        if (dirs == null) {
            throw new IllegalStateException("the bundled policy library is not on the classpath");
        }
        try {
            Path base = dirs[0].toRealPath();
            Path file = inside(base, relative);
            String name = "bundled:" + base.relativize(file).toString().replace('\\', '/');
            return new PolicySource(name, text, new PolicyRoot(dirs[1].toRealPath()).loader(file.getParent(), name));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read bundled policies: " + e.getMessage(), e));
        }
    }

    /** {@code relative} resolved in {@code dir}: a {@code .ppl} path that stays inside it. */
    private static Path inside(Path dir, String relative) {
        Path file;
        try {
            file = dir.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("`" + relative + "` is not a valid file name");
        }
        if (relative.startsWith("/") || relative.startsWith("\\") || !file.startsWith(dir) || file.equals(dir)
                || !relative.endsWith(".ppl")) {
            throw new IllegalArgumentException("`" + relative + "` is not a policy file name (.ppl) inside " + dir);
        }
        return file;
    }

    /** The classpath folder and the root above it, as paths (in a jar file system or on disk), or null when absent. */
    private static Path[] classpathDirs(String folder, String rootFolder) {
        URL url = PolicySource.class.getClassLoader().getResource(folder);
        if (url == null) {
            return null;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs = BundledFiles.jarFileSystem(uri);
                return new Path[] {fs.getPath(folder), fs.getPath(rootFolder)};
            }
            Path dir = Path.of(uri);
            Path top = dir;
            for (int up = Path.of(folder).getNameCount() - Path.of(rootFolder).getNameCount(); up > 0; up--) {
                top = top.getParent();
            }
            return new Path[] {dir, top};
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot read bundled policies: " + e.getMessage(), e));
        }
    }

    private static List<PolicySource> under(Path root, String prefix, Path top) throws IOException {
        List<PolicySource> out = new ArrayList<>();
        PolicyRoot within = new PolicyRoot(top.toRealPath());
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".ppl")).sorted().toList()) {
                String name = prefix + root.relativize(p).toString().replace('\\', '/');
                out.add(new PolicySource(name, read(p.toRealPath(), Limits.POLICY_FILE_CHARS),
                        within.loader(p.toRealPath().getParent(), name)));
            }
        }
        return out;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
    }

    /**
     * Reads a file as UTF-8, at most {@code limit + 1} characters: a longer file is cut there, so
     * that its reader reports the limit (PPL0120, PPL0260) without holding all of it in memory.
     */
    static String read(Path p, int limit) {
        try {
            if (Files.size(p) <= limit) {
                // no more bytes than the limit has characters: the whole file is read either way, and
                // decoding it at once costs a cold start far less than a Reader's loop
                byte[] bytes = Files.readAllBytes(p);
                // String's own decoding goes straight into the string's bytes, without the strict
                // decoder's char buffer (2 bytes a character); it marks a malformed sequence with
                // U+FFFD, so only a text holding U+FFFD is decoded again strictly, to report it
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (text.indexOf('\uFFFD') >= 0) {
                    text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                }
                return text.startsWith("\uFEFF") ? text.substring(1) : text;
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            dev.ppl.source.Utf8.Malformed where = notUtf8Where(p);
            throw new UncheckedIOException("cannot read " + p + ": " + where.getMessage() + "; policy and table files must"
                    + " be UTF-8 (save it as UTF-8)", where);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
        try (java.io.Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            // sized from the file (UTF-8 has at least a byte a character): a large table is not copied as it grows
            StringBuilder out = new StringBuilder((int) Math.min(Files.size(p), limit + 1L));
            char[] buffer = new char[8192];
            int n;
            while (out.length() <= limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - out.length()))) > 0) {
                out.append(buffer, 0, n);
            }
            // a byte-order mark some editors write first is not part of the text
            return out.length() > 0 && out.charAt(0) == '\uFEFF' ? out.substring(1) : out.toString();
        } catch (java.nio.charset.MalformedInputException e) {
            dev.ppl.source.Utf8.Malformed where = notUtf8Where(p);
            throw new UncheckedIOException("cannot read " + p + ": " + where.getMessage() + "; policy and table files must"
                    + " be UTF-8 (save it as UTF-8)", where);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** Where a file stops being UTF-8, as {@link dev.ppl.source.Utf8} words it. */
    private static dev.ppl.source.Utf8.Malformed notUtf8Where(Path p) {
        try {
            dev.ppl.source.Utf8.read(p);
        } catch (dev.ppl.source.Utf8.Malformed e) {
            return e;
        } catch (IOException e) {
            // reported below as the file not being UTF-8 all the same
        }
        throw new UncheckedIOException("cannot read " + p + ": it is not UTF-8; policy and table files must be UTF-8",
                new IOException("not UTF-8"));
    }
}
