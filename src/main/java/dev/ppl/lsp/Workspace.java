package dev.ppl.lsp;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.ast.PolicyFile;
import dev.ppl.check.CheckedPolicy;
import dev.ppl.check.Checker;
import dev.ppl.check.TableLoader;
import dev.ppl.lint.Linter;
import dev.ppl.source.CompilerStack;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.syntax.PolicyParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy files of the editor's workspace: every {@code .ppl} file under its policy folders,
 * with the text of the documents open in the editor in place of what is on disk. {@link
 * #analysis()} checks them all together, as {@code ppl check FOLDER} would.
 */
final class Workspace {
    /** Folders never searched for policies: build output, dependencies, version control. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", "build", "out", "dist");

    private final Path root;
    private final List<Path> folders;
    /** Open documents by file: the editor's text, version and URI as the editor spells it. */
    private final Map<Path, Document> open = new ConcurrentHashMap<>();
    /** Open documents that are not files (an untitled buffer), by URI. */
    private final Map<String, Document> unsaved = new ConcurrentHashMap<>();
    /** Table and test claim files read, so a keystroke does not read them again; cleared when files change. */
    private final Map<String, Optional<SourceFile>> tableCache = new ConcurrentHashMap<>();
    /** The last syntax tree (and its text) of each file that parsed, for features while it does not. */
    private final Map<String, Parsed> lastParsed = new HashMap<>();
    private List<Path> disk;
    private Analysis current;

    /** A document open in the editor. */
    record Document(String uri, String text, int version) {}

    private record Parsed(PolicyFile ast, SourceFile source) {}

    /**
     * @param root the workspace folder: names in diagnostics are relative to it
     * @param folders the folders holding the policy set (the root itself when empty)
     */
    Workspace(Path root, List<Path> folders) {
        this.root = root.toAbsolutePath().normalize();
        this.folders = folders.isEmpty() ? List.of(this.root)
                : folders.stream().map(f -> this.root.resolve(f).toAbsolutePath().normalize()).toList();
    }

    Path root() {
        return root;
    }

    synchronized void open(String uri, String text, int version) {
        put(uri, new Document(uri, text, version));
    }

    synchronized void change(String uri, String text, int version) {
        put(uri, new Document(uri, text, version));
    }

    synchronized void close(String uri) {
        Path p = path(uri);
        if (p != null) {
            open.remove(p);
        } else {
            unsaved.remove(uri);
        }
        current = null;
    }

    /** Files were created, changed or deleted on disk: scan and read again. */
    synchronized void filesChanged() {
        disk = null;
        tableCache.clear();
        current = null;
    }

    private void put(String uri, Document d) {
        Path p = path(uri);
        if (p != null) {
            open.put(p, d);
        } else {
            unsaved.put(uri, d);
        }
        current = null;
    }

    /** The names of the open documents. */
    List<String> openNames() {
        List<String> out = new ArrayList<>();
        open.values().forEach(d -> out.add(name(d.uri())));
        unsaved.values().forEach(d -> out.add(name(d.uri())));
        return out;
    }

    /** The open document, or null. */
    Document document(String uri) {
        Path p = path(uri);
        return p != null ? open.get(p) : unsaved.get(uri);
    }

    /** The file a {@code file:} URI names, or null for other schemes. */
    static Path path(String uri) {
        try {
            URI u = URI.create(uri);
            return "file".equals(u.getScheme()) ? Path.of(u).toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /** The name diagnostics use for a document: its path relative to the root, or its URI's last part. */
    String name(String uri) {
        Path p = path(uri);
        if (p == null) {
            return uri.substring(uri.lastIndexOf('/') + 1);
        }
        return (p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
    }

    /** The URI of a file named in diagnostics (the editor's spelling when it is open), or null when it is no file. */
    String uri(String name) {
        for (Document d : unsaved.values()) {
            if (name(d.uri()).equals(name)) {
                return d.uri();
            }
        }
        Path p = root.resolve(name).normalize();
        Document d = open.get(p);
        if (d != null) {
            return d.uri();
        }
        return Files.exists(p) ? p.toUri().toString() : null;
    }

    /** The current check of the whole policy set; made again after any edit. */
    synchronized Analysis analysis() {
        if (current == null) {
            current = CompilerStack.call(this::analyze);
        }
        return current;
    }

    private Analysis analyze() {
        List<PolicySource> sources = new ArrayList<>();
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path file : diskFiles()) {
            byName.put(name(file.toUri().toString()), file);
        }
        for (Path p : open.keySet()) {
            if (p.getFileName().toString().endsWith(".ppl")) {
                byName.putIfAbsent(name(p.toUri().toString()), p);
            }
        }
        List<String> unreadable = new ArrayList<>();
        for (Map.Entry<String, Path> e : byName.entrySet()) {
            PolicySource source = source(e.getKey(), e.getValue(), unreadable);
            if (source != null) {
                sources.add(source);
            }
        }
        for (Document d : unsaved.values()) {
            sources.add(PolicySource.of(name(d.uri()), d.text()));
        }
        Diagnostics diagnostics = new Diagnostics();
        PolicySet set = PolicySet.compile(sources, diagnostics);
        Linter.lint(set, diagnostics);
        Map<String, List<Diagnostic>> byFile = new HashMap<>();
        for (Diagnostic d : diagnostics.all()) {
            byFile.computeIfAbsent(d.source().path(), k -> new ArrayList<>()).add(d);
        }
        return new Analysis(set, sources, models(set, sources), byFile, unreadable);
    }

    /** The policy source of a file, with the editor's text when it is open; null (and a diagnostic) when unreadable. */
    private PolicySource source(String name, Path file, List<String> unreadable) {
        Document d = open.get(file);
        PolicySource read;
        try {
            if (Files.isRegularFile(file)) {
                read = PolicySource.file(file, name, policyRoot(file));
            } else {
                read = PolicySource.of(name, "");
            }
        } catch (UncheckedIOException e) {
            if (d == null) {
                unreadable.add(e.getMessage());
                return null;
            }
            read = PolicySource.of(name, "");
        }
        TableLoader loader = cached(name, read.tables());
        return new PolicySource(name, d != null ? d.text() : read.text(), loader);
    }

    private TableLoader cached(String policy, TableLoader loader) {
        return named -> tableCache.computeIfAbsent(policy + "\u0000" + named, k -> Optional.ofNullable(loader.load(named)))
                .orElse(null);
    }

    /** The nearest folder at or above the file holding a {@code .ppl-root}, else the workspace root (as {@code ppl check} finds it). */
    private Path policyRoot(Path file) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(PolicySource.ROOT_MARKER))) {
                return p;
            }
        }
        return file.startsWith(root) ? root : file.getParent();
    }

    private List<Path> diskFiles() {
        if (disk == null) {
            List<Path> found = new ArrayList<>();
            for (Path folder : folders) {
                walk(folder, found);
            }
            disk = found.stream().distinct().sorted().toList();
        }
        return disk;
    }

    private static void walk(Path folder, List<Path> found) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(folder) && (n.startsWith(".") || SKIPPED.contains(n))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".ppl")) {
                        found.add(file.toAbsolutePath().normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // an unreadable folder holds no policies the server can check
        }
    }

    /** The syntax tree and side tables of every file, for completion, hover and navigation. */
    private Map<String, Analysis.FileModel> models(PolicySet set, List<PolicySource> sources) {
        Map<String, CheckedPolicy> checked = new HashMap<>();
        Map<String, CheckedPolicy> byId = new HashMap<>();
        for (PolicySet.Entry e : set.entries()) {
            checked.putIfAbsent(e.checked().file().source().path(), e.checked());
            byId.putIfAbsent(e.checked().info().id(), e.checked());
        }
        Map<String, Analysis.FileModel> out = new LinkedHashMap<>();
        for (PolicySource s : sources) {
            SourceFile source = new SourceFile(s.path(), s.text());
            PolicyFile ast = PolicyParser.parse(source, new Diagnostics());
            SourceFile astSource = source;
            if (ast != null) {
                lastParsed.put(s.path(), new Parsed(ast, source));
            } else {
                Parsed last = lastParsed.get(s.path());
                if (last != null) {
                    ast = last.ast();
                    astSource = last.source();
                }
            }
            CheckedPolicy c = astSource == source ? checked.get(s.path()) : null;
            if (c == null && ast != null) {
                CheckedPolicy base = ast.header().extendsId() == null ? null : byId.get(ast.header().extendsId().text());
                PolicyFile file = ast;
                try {
                    c = Checker.checkForTools(file, base, new Diagnostics(), s.tables());
                } catch (RuntimeException e) {
                    c = null; // the features work from the syntax tree alone; the diagnostics come from the real check
                }
            }
            out.put(s.path(), new Analysis.FileModel(s.path(), source, ast, astSource, c,
                    ast == null ? List.of() : Occurrences.of(ast)));
        }
        return out;
    }
}
