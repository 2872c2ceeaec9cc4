package dev.ppl.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns command-line arguments into one stream of claim records, in argument order:
 *
 * <ul>
 *   <li>a file is read in the format its extension names ({@code .json}: one claim; {@code
 *       .ndjson}, {@code .jsonl}: one claim per line); a file of another extension is read in the
 *       first format (claim JSON);
 *   <li>a directory is walked in sorted path order, depth first, taking the files whose extension
 *       a format names and skipping hidden ones;
 *   <li>{@code -} is standard input, in the format asked for, or when none is: claim JSON when its
 *       first non-blank line is a lone <code>{</code> (a pretty-printed claim), else NDJSON.
 * </ul>
 *
 * <p>Sources are opened one at a time as the stream reaches them. One that cannot be read (a
 * missing file, an I/O error part way) is told to the problem handler and skipped; the stream
 * goes on with the next.
 */
public final class ClaimInputs {
    private final List<ClaimFormat> formats;

    /** Reads the given formats; the first is used for files of unknown extension and for stdin JSON. */
    public ClaimInputs(List<ClaimFormat> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one claim format is needed");
        }
        this.formats = List.copyOf(formats);
    }

    /** Claim JSON and NDJSON. */
    public static ClaimInputs defaults() {
        return new ClaimInputs(ClaimFormats.defaults());
    }

    /** The format by name, or null. */
    public ClaimFormat format(String name) {
        return formats.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The format for a file name: the one naming its extension, else the first. */
    public ClaimFormat formatOf(String fileName) {
        return formats.stream().filter(f -> f.accepts(fileName)).findFirst().orElse(formats.get(0));
    }

    /** Whether a directory walk takes this file. */
    private boolean known(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && formats.stream().anyMatch(f -> f.accepts(name));
    }

    /**
     * The records of every argument, in order.
     *
     * @param args file paths, directory paths and {@code -}
     * @param stdin standard input
     * @param stdinFormat the format of standard input, or null to tell JSON from NDJSON by its first line
     * @param problems told about each source that cannot be read, as one line
     */
    public ClaimInput open(List<String> args, InputStream stdin, ClaimFormat stdinFormat, Consumer<String> problems) {
        return new Chain(List.copyOf(args), stdin, stdinFormat, problems);
    }

    /** Total bytes of the arguments that are files or directories, or -1 when stdin is among them. */
    public long size(List<String> args) {
        long total = 0;
        for (String a : args) {
            if (a.equals("-")) {
                return -1;
            }
            Path p = Path.of(a);
            try {
                if (Files.isDirectory(p)) {
                    try (var files = Files.walk(p)) {
                        total += files.filter(f -> Files.isRegularFile(f) && known(f)).mapToLong(f -> {
                            try {
                                return Files.size(f);
                            } catch (IOException e) {
                                return 0;
                            }
                        }).sum();
                    }
                } else if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // counted as nothing; reading it will report the problem
            }
        }
        return total;
    }

    /** Opens each argument when the previous one is done. */
    private final class Chain implements ClaimInput {
        private final Deque<String> args;
        private final InputStream stdin;
        private final ClaimFormat stdinFormat;
        private final Consumer<String> problems;
        /** Directories being walked: an iterator over each level's sorted entries. */
        private final Deque<Iterator<Path>> walk = new ArrayDeque<>();
        private ClaimInput current;
        private String currentName;

        Chain(List<String> args, InputStream stdin, ClaimFormat stdinFormat, Consumer<String> problems) {
            this.args = new ArrayDeque<>(args);
            this.stdin = stdin;
            this.stdinFormat = stdinFormat;
            this.problems = Objects.requireNonNull(problems, "problems");
        }

        @Override
        public ClaimRecord next() {
            while (true) {
                if (current != null) {
                    try {
                        ClaimRecord r = current.next();
                        if (r != null) {
                            return r;
                        }
                    } catch (IOException e) {
                        problems.accept("cannot read " + currentName + ": " + message(e));
                    }
                    closeCurrent();
                }
                if (!openNext()) {
                    return null;
                }
            }
        }

        /** Opens the next source; false when there is none. */
        private boolean openNext() {
            while (true) {
                Path file = nextWalked();
                if (file != null) {
                    if (openFile(file.toString(), file)) {
                        return true;
                    }
                    continue;
                }
                String arg = args.poll();
                if (arg == null) {
                    return false;
                }
                if (arg.equals("-")) {
                    try {
                        current = openStdin();
                        currentName = "standard input";
                        return true;
                    } catch (IOException e) {
                        problems.accept("cannot read standard input: " + message(e));
                        continue;
                    }
                }
                Path p = Path.of(arg);
                if (Files.isDirectory(p)) {
                    pushDirectory(p);
                } else if (openFile(arg, p)) {
                    return true;
                }
            }
        }

        private boolean openFile(String name, Path p) {
            try {
                current = formatOf(p.getFileName() == null ? name : p.getFileName().toString())
                        .open(name, Files.newInputStream(p));
                currentName = name;
                return true;
            } catch (NoSuchFileException e) {
                problems.accept("cannot read " + name + ": no such file or directory");
            } catch (IOException e) {
                problems.accept("cannot read " + name + ": " + message(e));
            }
            return false;
        }

        private void pushDirectory(Path dir) {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(entries::add);
            } catch (IOException e) {
                problems.accept("cannot read directory " + dir + ": " + message(e));
                return;
            }
            entries.sort(null);
            walk.push(entries.iterator());
        }

        /** The next file of the directories being walked, or null when they are done. */
        private Path nextWalked() {
            while (!walk.isEmpty()) {
                Iterator<Path> level = walk.peek();
                if (!level.hasNext()) {
                    walk.pop();
                    continue;
                }
                Path p = level.next();
                if (p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    pushDirectory(p);
                } else if (known(p)) {
                    return p;
                }
            }
            return null;
        }

        private ClaimInput openStdin() throws IOException {
            if (stdinFormat != null) {
                return stdinFormat.open("-", stdin);
            }
            // look at the first non-blank line without consuming it
            PushbackInputStream in = new PushbackInputStream(stdin, PEEK);
            byte[] head = new byte[PEEK];
            int n = 0;
            while (n < head.length && firstLine(head, n) == null) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            in.unread(head, 0, n);
            boolean document = "{".equals(firstLine(head, n));
            ClaimFormat json = Objects.requireNonNullElse(format("json"), formats.get(0));
            ClaimFormat ndjson = Objects.requireNonNullElse(format("ndjson"), formats.get(0));
            return (document ? json : ndjson).open("-", in);
        }

        private void closeCurrent() {
            try {
                current.close();
            } catch (IOException e) {
                // nothing more to read from it anyway
            }
            current = null;
        }

        @Override
        public void close() {
            if (current != null) {
                closeCurrent();
            }
        }
    }

    private static final int PEEK = 64 * 1024;

    /** The first non-blank line of the bytes, stripped, when a line end follows it; else null. */
    private static String firstLine(byte[] head, int n) {
        String text = new String(head, 0, n, StandardCharsets.UTF_8).replace("\uFEFF", "");
        int from = 0;
        for (int eol = text.indexOf('\n'); eol >= 0; eol = text.indexOf('\n', from)) {
            String line = text.substring(from, eol).strip();
            if (!line.isEmpty()) {
                return line;
            }
            from = eol + 1;
        }
        return null;
    }

    private static String message(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
