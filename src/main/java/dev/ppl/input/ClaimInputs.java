package dev.ppl.input;

import dev.ppl.formats.InputFormat;
import java.io.IOException;
import java.io.InputStream;
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
 * Turns command-line arguments into one stream of input records, in argument order:
 *
 * <ul>
 *   <li>a file is read in the format its content shows ({@link InputFormat#detect(InputStream)}: X12,
 *       FHIR, claim JSON, NDJSON), whatever its name; content that shows none is read in the format
 *       its extension names ({@code .json}: one claim, reported malformed; {@code .837}: X12, whose
 *       reader says what is wrong), and a named file of another extension is a {@link FileRecord}
 *       saying it holds no claims;
 *   <li>a directory is walked in sorted path order, depth first; every file is looked at, and one
 *       that is not read (hidden, or content in no claim format) is a skipped {@link FileRecord}
 *       saying why;
 *   <li>{@code -} is standard input, in the format asked for, or when none is: the format its
 *       content shows, else NDJSON.
 * </ul>
 *
 * <p>Sources are opened one at a time as the stream reaches them. One that cannot be read (a
 * missing file, an I/O error part way) is told to the problem handler and skipped; the stream
 * goes on with the next. So is an argument that gave no claim at all (an empty file, a directory
 * holding no claim file): a run is never quietly about nothing.
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

    /**
     * The same inputs, but every named file and standard input read in {@code format} (for {@code
     * --input}); in a directory walk, the files whose content is in another format are skipped.
     */
    public ClaimInputs forcing(ClaimFormat format) {
        return new ClaimInputs(formats, format);
    }

    /** Claim JSON and NDJSON. Readers for other formats go before them in the list given to the constructor. */
    public static ClaimInputs defaults() {
        return new ClaimInputs(ClaimFormats.defaults());
    }

    /** The format by name, or null. */
    public ClaimFormat format(String name) {
        return formats.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The format naming this file's extension (the last one when several do), else null. */
    public ClaimFormat formatOf(String fileName) {
        List<ClaimFormat> byName = candidates(fileName);
        return byName.isEmpty() ? null : byName.get(byName.size() - 1);
    }

    /**
     * The format a named file would be read in, or null when it would not be read as claims or
     * cannot be read.
     */
    public ClaimFormat formatOfFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Choice c = choose(fileName(file, file.toString()), InputFormat.detect(in), true);
            return c.format();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** How a file is read: in {@code format}, or not, for {@code reason}. */
    private record Choice(ClaimFormat format, String reason) {}

    /**
     * Picks the format for content of kind {@code content} in a file named {@code fileName}: the
     * forced one; else the one its extension names if it reads the content (one claim on one line
     * is NDJSON in an {@code .ndjson} file); else the first that reads the content; else the one its
     * extension names, whose reader says what is wrong.
     *
     * @param named whether the user named the file (read it if at all possible) or a walk found it
     */
    private Choice choose(String fileName, InputFormat content, boolean named) {
        ClaimFormat byName = formatOf(fileName);
        if (forced != null) {
            if (named || forced.reads(content) || (content == InputFormat.UNKNOWN && forced.accepts(fileName))) {
                return new Choice(forced, null);
            }
            return new Choice(null, content == InputFormat.UNKNOWN
                    ? "its content is not " + forced.name() + " (--input " + forced.name() + ")"
                    : "it holds " + describe(content) + ", not " + forced.name() + " (--input " + forced.name() + ")");
        }
        if (byName != null && byName.reads(content)) {
            return new Choice(byName, null);
        }
        for (ClaimFormat f : formats) {
            if (f.reads(content)) {
                return new Choice(f, null);
            }
        }
        if (byName != null) {
            return new Choice(byName, null);
        }
        return new Choice(null, "its content is not in a claim format (X12 837, FHIR JSON, claim JSON or NDJSON)");
    }

    /** The content kind in words. */
    static String describe(InputFormat content) {
        return switch (content) {
            case X12 -> "X12";
            case FHIR_JSON -> "FHIR JSON";
            case FHIR_NDJSON -> "FHIR NDJSON";
            case PPL_CLAIM_JSON -> "claim JSON";
            case NDJSON -> "claim NDJSON";
            case UNKNOWN -> "no claim format";
        };
    }

    /** The formats whose extensions name this file, in list order. */
    private List<ClaimFormat> candidates(String fileName) {
        return formats.stream().filter(f -> f.accepts(fileName)).toList();
    }

    private static String fileName(Path p, String fallback) {
        return p.getFileName() == null ? fallback : p.getFileName().toString();
    }

    /**
     * The records of every argument, in order.
     *
     * @param args file paths, directory paths and {@code -}
     * @param stdin standard input
     * @param stdinFormat the format of standard input, or null to tell it by its content
     * @param problems told about each source that cannot be read, and each argument that gave no
     *     claim, as one line
     */
    public ClaimInput open(List<String> args, InputStream stdin, ClaimFormat stdinFormat, Consumer<String> problems) {
        return new Chain(List.copyOf(args), stdin, stdinFormat, problems);
    }

    /** Opens a file's bytes from the start; each call gives a new stream. */
    @FunctionalInterface
    public interface StreamOpener {
        InputStream open() throws IOException;
    }

    /**
     * One file read from any file system (HDFS, S3, a local disk) exactly as {@link #open} reads a
     * file: recognized by its content, else its extension. A file that is not read gives one {@link
     * FileRecord}: skipped with its reason when {@code named} is false (found in a directory walk),
     * unreadable when the user named it.
     *
     * @param name the file as records name it ({@code claims/a.ndjson})
     * @param open opens the file's bytes; called twice (to recognize the content, then to read it)
     * @param named whether the user named the file, or a directory walk found it
     * @throws IOException when the file cannot be read
     */
    public ClaimInput openFile(String name, StreamOpener open, boolean named) throws IOException {
        int slash = name.lastIndexOf('/');
        String fileName = slash >= 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name;
        InputFormat content;
        try (InputStream in = open.open()) {
            content = InputFormat.detect(in);
        }
        Choice choice = choose(fileName, content, named);
        if (choice.format() != null) {
            return choice.format().open(name, open.open());
        }
        FileRecord only;
        if (named) {
            try (InputStream in = open.open()) {
                only = FileRecord.unreadable(name, "not read: " + choice.reason() + "; it starts with `" + start(in) + "`");
            }
        } else {
            only = FileRecord.skipped(name, choice.reason());
        }
        return new ClaimInput() {
            private boolean done;

            @Override
            public InputRecord next() {
                if (done) {
                    return null;
                }
                done = true;
                return only;
            }

            @Override
            public void close() {
                // nothing open
            }
        };
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
                        total += files.filter(Files::isRegularFile).mapToLong(f -> {
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
        /** Records waiting to be handed out before the current source's (skipped files of a walk). */
        private final Deque<InputRecord> pending = new ArrayDeque<>();
        private ClaimInput current;
        private String currentName;
        /** The argument being read, and what it gave so far. */
        private String arg;
        private long argClaims;
        private boolean argFailed;
        private final List<String> argSkipped = new ArrayList<>();
        private boolean argProblem;

        Chain(List<String> args, InputStream stdin, ClaimFormat stdinFormat, Consumer<String> problems) {
            this.args = new ArrayDeque<>(args);
            this.stdin = stdin;
            this.stdinFormat = stdinFormat;
            this.problems = Objects.requireNonNull(problems, "problems");
        }

        @Override
        public InputRecord next() {
            while (true) {
                if (!pending.isEmpty()) {
                    return pending.poll();
                }
                if (current != null) {
                    try {
                        InputRecord r = current.next();
                        if (r != null) {
                            count(r);
                            return r;
                        }
                    } catch (IOException e) {
                        problem("cannot read " + currentName + ": " + message(e));
                    }
                    closeCurrent();
                }
                if (!openNext()) {
                    finishArg();
                    return pending.poll();
                }
            }
        }

        private void count(InputRecord r) {
            if (r instanceof ClaimRecord) {
                argClaims++;
            } else if (r instanceof FileRecord f && f.failed()) {
                argFailed = true;
            }
        }

        private void problem(String message) {
            argProblem = true;
            problems.accept(message);
        }

        /** Opens the next source; false when there is none. Skipped files go to {@code pending}. */
        private boolean openNext() {
            while (true) {
                Path file = nextWalked();
                if (file != null) {
                    if (openFile(file.toString(), file, false)) {
                        return true;
                    }
                    if (!pending.isEmpty()) {
                        return true;
                    }
                    continue;
                }
                finishArg();
                if (!pending.isEmpty()) {
                    return true;
                }
                String next = args.poll();
                if (next == null) {
                    return false;
                }
                arg = next;
                if (next.equals("-")) {
                    try {
                        current = openStdin();
                        currentName = "standard input";
                        return true;
                    } catch (IOException e) {
                        problem("cannot read standard input: " + message(e));
                        continue;
                    }
                }
                Path p = Path.of(next);
                if (Files.isDirectory(p)) {
                    pushDirectory(p);
                } else if (openFile(next, p, true)) {
                    return true;
                }
            }
        }

        /** Reports an argument that gave no claim, once, when the stream has moved past it. */
        private void finishArg() {
            if (arg == null || !walk.isEmpty()) {
                return;
            }
            if (argClaims == 0 && !argFailed && !argProblem) {
                String what = arg.equals("-") ? "standard input" : arg;
                String why = argSkipped.isEmpty() ? "it holds no claims"
                        : argSkipped.size() == 1 ? "its only file was skipped (" + argSkipped.get(0) + ")"
                        : "all " + argSkipped.size() + " files were skipped";
                problems.accept("nothing was read from " + what + ": " + why);
            }
            arg = null;
            argClaims = 0;
            argFailed = false;
            argProblem = false;
            argSkipped.clear();
        }

        /**
         * Opens a file in the format its content (else its name) shows. False when it is not read: a
         * skipped file's record is then in {@code pending}, a problem has been told.
         */
        private boolean openFile(String name, Path p, boolean named) {
            String fileName = fileName(p, name);
            try {
                if (!Files.isRegularFile(p)) {
                    if (!Files.exists(p)) {
                        throw new NoSuchFileException(name);
                    }
                    if (named) {
                        problem("cannot read " + name + ": not a regular file");
                    } else {
                        skip(name, "not a regular file");
                    }
                    return false;
                }
                InputFormat content;
                try (InputStream in = Files.newInputStream(p)) {
                    content = InputFormat.detect(in);
                }
                Choice choice = choose(fileName, content, named);
                if (choice.format() == null) {
                    if (named) {
                        pending.add(FileRecord.unreadable(name, "not read: " + choice.reason() + "; "
                                + "it starts with `" + start(p) + "`"));
                        argFailed = true;
                    } else {
                        skip(name, choice.reason());
                    }
                    return false;
                }
                current = choice.format().open(name, Files.newInputStream(p));
                currentName = name;
                return true;
            } catch (NoSuchFileException e) {
                problem("cannot read " + name + ": no such file or directory");
            } catch (IOException e) {
                problem("cannot read " + name + ": " + message(e));
            }
            return false;
        }

        private void skip(String name, String reason) {
            argSkipped.add(name + ": " + reason);
            pending.add(FileRecord.skipped(name, reason));
        }

        private void pushDirectory(Path dir) {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(entries::add);
            } catch (IOException e) {
                problem("cannot read directory " + dir + ": " + message(e));
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
                    skip(p.toString(), Files.isDirectory(p) ? "hidden directory" : "hidden file");
                    return null;
                }
                if (Files.isDirectory(p)) {
                    pushDirectory(p);
                } else {
                    return p;
                }
            }
            return null;
        }

        private ClaimInput openStdin() throws IOException {
            if (stdinFormat != null || forced != null) {
                return (forced != null ? forced : stdinFormat).open("-", stdin);
            }
            Replay replay = new Replay(stdin);
            InputFormat content = InputFormat.detect(replay);
            InputStream again = replay.again();
            for (ClaimFormat f : formats) {
                if (f.reads(content)) {
                    return f.open("-", again);
                }
            }
            return Objects.requireNonNullElse(format("ndjson"), formats.get(0)).open("-", again);
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

    /** The first characters of a file, for messages; blanks folded. */
    private static String start(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return start(in);
        } catch (IOException e) {
            return "?";
        }
    }

    private static String start(InputStream in) throws IOException {
        byte[] head = in.readNBytes(24);
        String s = new String(head, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "");
        s = s.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? "(nothing)" : s;
    }

    /** Keeps what was read from a stream so that it can be read again from the start. */
    private static final class Replay extends java.io.FilterInputStream {
        private final java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();

        Replay(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                seen.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                seen.write(b, off, n);
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the stream
        }

        /** The whole stream from its start: what was read so far, then the rest. */
        InputStream again() {
            return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(seen.toByteArray()), in);
        }
    }

    private static String message(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }
}
