package dev.ppl.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The decisions file of {@code ppl eval --output FILE}. Records go to {@code FILE.partial} while
 * the run goes on; when every record is written the file is flushed to the disk and renamed to
 * {@code FILE} in one atomic step, so {@code FILE} is never incomplete and never ends in a torn
 * line. An interrupted run leaves {@code FILE.partial}, whose complete lines {@code --resume}
 * keeps.
 *
 * <p>A {@code FILE} that exists and is not a regular file (a device such as {@code /dev/null}, a named
 * pipe) is written to directly: renaming a file over it would replace the device or pipe itself.
 * Callers pass a symbolic link through {@link #resolveLink}, so the link stays and its file is replaced.
 */
final class OutputFile {
    /** What an interrupted run left: its complete records, and the bytes of a torn last line. */
    record Kept(long records, long bytes, long tornBytes) {}

    private final Path target;
    /** Whether records go straight to {@code target}, a device or pipe, with no partial file and no rename. */
    private final boolean direct;
    private final Path partial;
    private final FileChannel channel;
    private final CheckedStream stream;
    private final PrintWriter writer;

    private OutputFile(Path target, FileChannel channel, boolean direct) {
        this.target = target;
        this.direct = direct;
        this.partial = direct ? target : partialOf(target);
        this.channel = channel;
        this.stream = new CheckedStream(Channels.newOutputStream(channel));
        this.writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), false);
    }

    static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    /** Whether {@code target} exists and is neither a regular file nor a folder: a device or a named pipe. */
    static boolean isSpecial(Path target) {
        return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
    }

    /**
     * A new, empty {@code FILE.partial} (an old one is replaced); or {@code FILE} itself when it is a device
     * or pipe.
     *
     * @throws IOException also when {@code FILE} is a folder
     */
    static OutputFile create(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new java.nio.file.FileSystemException(target.toString(), null, "Is a directory");
        }
        if (isSpecial(target)) {
            return new OutputFile(target, FileChannel.open(target, StandardOpenOption.WRITE), true);
        }
        return new OutputFile(target, FileChannel.open(partialOf(target), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), false);
    }

    /** {@code target}, or the file it links to: the rename must replace the file, not the link. */
    static Path resolveLink(Path target) {
        try {
            return Files.isSymbolicLink(target) && Files.exists(target) ? target.toRealPath() : target;
        } catch (IOException e) {
            return target; // creating the output names the problem
        }
    }

    /** Whether the records go straight to a device or pipe: nothing to rename, nothing to resume. */
    boolean direct() {
        return direct;
    }

    /** {@code FILE.partial} cut to its first {@code bytes} (its complete lines), written on after them. */
    static OutputFile resume(Path target, long bytes) throws IOException {
        FileChannel channel = FileChannel.open(partialOf(target), StandardOpenOption.WRITE);
        try {
            channel.truncate(bytes);
            channel.position(bytes);
            channel.force(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new OutputFile(target, channel, false);
    }

    /**
     * The complete records of a partial file: every line that ends in a newline is complete (the
     * writer writes a record and its newline together, and nothing after a record's newline
     * belongs to it); bytes after the last newline are a record cut off by the interruption.
     */
    static Kept scan(Path partial) throws IOException {
        long records = 0;
        long position = 0;
        long afterLastNewline = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(partial), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        records++;
                        afterLastNewline = position + i + 1;
                    }
                }
                position += n;
            }
        }
        return new Kept(records, afterLastNewline, position - afterLastNewline);
    }

    PrintWriter writer() {
        return writer;
    }

    Path partial() {
        return partial;
    }

    /** Why writing failed, in words. */
    /** The bytes under {@link #writer()}: flush the writer before writing here. */
    java.io.OutputStream stream() {
        return stream;
    }

    String failureText() {
        return stream.failureText();
    }

    /**
     * Flushes everything to the disk and renames {@code FILE.partial} to {@code FILE}.
     *
     * @throws IOException when a write, the flush or the rename failed; {@code FILE.partial} stays
     */
    void complete() throws IOException {
        writer.flush();
        if (writer.checkError()) {
            throw new IOException(stream.failureText());
        }
        if (direct) {
            channel.close();
            return;
        }
        channel.force(true);
        channel.close();
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Closes {@code FILE.partial} as it is, after a failure or an interruption. */
    void abandon() {
        writer.flush();
        writer.close();
    }
}
