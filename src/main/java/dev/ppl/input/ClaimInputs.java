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
 *       .ndjson}, {@code .jsonl}: one claim per line); a file of another extension in the first
 *       format that {@linkplain ClaimFormat#recognizes recognizes} its start, else as claim JSON;
 *   <li>a directory is walked in sorted path order, depth first, taking the files whose extension
 *       a format names and skipping hidden ones;
 *   <li>{@code -} is standard input, in the format asked for, or when none is: the first format
 *       that recognizes its start (claim JSON when its first non-blank line is a lone <code>{</code>,
 *       a pretty-printed claim; NDJSON when it starts with <code>{</code>), else NDJSON.
 * </ul>
 *
 * <p>Sources are opened one at a time as the stream reaches them. One that cannot be read (a
 * missing file, an I/O error part way) is told to the problem handler and skipped; the stream
 * goes on with the next.
 */
public final class ClaimInputs {
    private final List<ClaimFormat> formats;
    private final ClaimFormat forced;

    /** Reads the given formats, asked in this order when content must be recognized. */
    public ClaimInputs(List<ClaimFormat> formats) {
        this(formats, null);
    }

    private ClaimInputs(List<ClaimFormat> formats, ClaimFormat forced) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one claim format is needed");
        }
        this.formats = List.copyOf(formats);
        this.forced = forced;
    }

    /** The same inputs, but every file and standard input read in {@code format} (for {@code --input}). */
    public ClaimInputs forcing(ClaimFormat format) {
        return new ClaimInputs(formats, format);
    }

    /**
     * Claim JSON and NDJSON. Readers for other formats go before them in the list given to the
     * constructor, so that they are asked first when content is sniffed.
     */
    public static ClaimInputs defaults() {
        return new ClaimInputs(ClaimFormats.defaults());
    }

    /** The format by name, or null. */
    public ClaimFormat format(String name) {
        return formats.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The format for a file name: the one naming its extension, else null (its content decides). */
    public ClaimFormat formatOf(String fileName) {
        return formats.stream().filter(f -> f.accepts(fileName)).findFirst().orElse(null);
    }

    /**
     * The format a file would be read in: by its extension, else by its content (reading its
     * start), else claim JSON. Null when it cannot be read.
     */
    public ClaimFormat formatOfFile(Path file) {
        if (forced != null) {
            return forced;
        }
        List<ClaimFormat> byName = file.getFileName() == null ? List.of() : candidates(file.getFileName().toString());
        if (byName.size() == 1) {
            return byName.get(0);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = new byte[PEEK];
            int n = readHead(in, head);
            for (ClaimFormat f : byName.isEmpty() ? formats : byName) {
                if (f.recognizes(head, n)) {
                    return f;
                }
            }
            return byName.isEmpty() ? json() : byName.get(byName.size() - 1);
        } catch (IOException e) {
            return null;
        }
    }

    /** The formats whose extensions name this file, in list order. */
    private List<ClaimFormat> candidates(String fileName) {
        return formats.stream().filter(f -> f.accepts(fileName)).toList();
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
                String fileName = p.getFileName() == null ? name : p.getFileName().toString();
                List<ClaimFormat> byName = candidates(fileName);
                InputStream in = Files.newInputStream(p);
                if (forced != null) {
                    current = forced.open(name, in);
                } else if (byName.size() == 1) {
                    current = byName.get(0).open(name, in);
                } else if (byName.isEmpty()) {
                    current = sniff(name, in, formats, json());
                } else {
                    // several formats use the extension (FHIR and claim JSON both use .json): the content decides
                    current = sniff(name, in, byName, byName.get(byName.size() - 1));
                }
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
            if (stdinFormat != null || forced != null) {
                return (forced != null ? forced : stdinFormat).open("-", stdin);
            }
            return sniff("-", stdin, formats, Objects.requireNonNullElse(format("ndjson"), formats.get(0)));
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
    /** Read at least this much before recognizing content: a FHIR resource names its type after a lone `{`. */
    private static final int SNIFF = 4 * 1024;

    /**
     * Reads the start of content into {@code head}: until its first non-blank line is complete and
     * at least {@link #SNIFF} bytes are in, or the buffer is full, or the content ends.
     */
    private static int readHead(InputStream in, byte[] head) throws IOException {
        int n = 0;
        while (n < head.length && (!firstLineComplete(head, n) || n < SNIFF)) {
            int r = in.read(head, n, head.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private ClaimFormat json() {
        return Objects.requireNonNullElse(format("json"), formats.get(0));
    }

    /**
     * Opens content whose format its name does not tell: the first format, in list order, that
     * recognizes its start, else {@code fallback}. Reads ahead until the first non-blank line is
     * complete (or 64 KiB, or the end), without consuming anything.
     */
    private ClaimInput sniff(String source, InputStream raw, List<ClaimFormat> among, ClaimFormat fallback)
            throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, PEEK);
        byte[] head = new byte[PEEK];
        int n = readHead(in, head);
        in.unread(head, 0, n);
        for (ClaimFormat f : among) {
            if (f.recognizes(head, n)) {
                return f.open(source, in);
            }
        }
        return fallback.open(source, in);
    }

    /** Whether the bytes hold a non-blank line followed by a line end. */
    private static boolean firstLineComplete(byte[] head, int n) {
        boolean content = false;
        for (int i = 0; i < n; i++) {
            byte b = head[i];
            if (b == '\n') {
                if (content) {
                    return true;
                }
            } else if (b != ' ' && b != '\t' && b != '\r') {
                content = true;
            }
        }
        return false;
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
