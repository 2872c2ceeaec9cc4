package dev.ppl.api;

import dev.ppl.check.TableLoader;
import dev.ppl.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
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

    /** One policy file on disk. */
    public static PolicySource file(Path file) {
        return new PolicySource(display(file), read(file), relativeTo(file.toAbsolutePath().getParent(), display(file)));
    }

    /** Every {@code .ppl} file under a directory (or the file itself), in path order. */
    public static List<PolicySource> directory(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(file(root));
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".ppl") && Files.isRegularFile(p)).sorted()
                    .map(PolicySource::file).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** The policy library bundled in PPL's jar. */
    public static List<PolicySource> bundled() {
        return classpath("dev/ppl/policies", "bundled:");
    }

    /**
     * Every {@code .ppl} file under a classpath folder, named {@code prefix + relative path}.
     */
    public static List<PolicySource> classpath(String folder, String prefix) {
        URL url = PolicySource.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    try {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    } catch (java.nio.file.FileSystemAlreadyExistsException raced) {
                        fs = FileSystems.getFileSystem(uri);
                    }
                }
                return under(fs.getPath(folder), prefix);
            }
            return under(Path.of(uri), prefix);
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot read bundled policies: " + e.getMessage(), e));
        }
    }

    private static List<PolicySource> under(Path root, String prefix) throws IOException {
        List<PolicySource> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".ppl")).sorted().toList()) {
                String name = prefix + root.relativize(p).toString().replace('\\', '/');
                out.add(new PolicySource(name, read(p), relativeTo(p.getParent(), name)));
            }
        }
        return out;
    }

    private static TableLoader relativeTo(Path dir, String policyName) {
        String base = policyName.contains("/") ? policyName.substring(0, policyName.lastIndexOf('/') + 1) : "";
        return relative -> {
            Path p = dir.resolve(relative).normalize();
            return Files.isRegularFile(p) ? new SourceFile(base + relative, read(p)) : null;
        };
    }

    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
