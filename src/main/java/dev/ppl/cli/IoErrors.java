package dev.ppl.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An I/O error in words with what to do about it, never a Java class name: Java's file exceptions carry
 * only the path as their message ({@code NoSuchFileException: /var/out/log.ndjson}), which says nothing
 * to a user who does not know the class.
 */
final class IoErrors {
    private IoErrors() {}

    /** What went wrong, naming the file when the error does, then a hint after a semicolon. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            String file = n.getFile();
            Path parent = file == null ? null : parentOf(file);
            if (parent != null && !Files.isDirectory(parent)) {
                return "the folder " + parent + " does not exist; create it or name a file in a folder that exists";
            }
            return (file == null ? "a file" : file) + " does not exist; check the path";
        }
        if (e instanceof AccessDeniedException a) {
            return on(a) + "permission denied; check the permissions of the file and its folder";
        }
        if (e instanceof FileAlreadyExistsException a) {
            return (a.getFile() == null ? "the file" : a.getFile()) + " already exists";
        }
        if (e instanceof NotDirectoryException a) {
            return (a.getFile() == null ? "a part of the path" : a.getFile()) + " is not a folder";
        }
        if (e instanceof DirectoryNotEmptyException a) {
            return (a.getFile() == null ? "the folder" : a.getFile()) + " is a folder that is not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return on(f) + reason(f.getReason());
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "an input/output error with no further detail from the system";
        }
        return reason(message);
    }

    /** The system's reason, with a hint for the ones a user can act on. */
    private static String reason(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "no space left on the device; free space and run again";
        }
        if (lower.contains("is a directory")) {
            return "a folder, not a file; name a file";
        }
        if (lower.contains("disk quota")) {
            return "the disk quota is exceeded; free space and run again";
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only; write somewhere else";
        }
        return message;
    }

    /** {@code FILE: } (or {@code FILE -> OTHER: } for a move), or nothing when the error names no file. */
    private static String on(FileSystemException f) {
        return f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": ";
    }

    private static Path parentOf(String file) {
        try {
            return Path.of(file).toAbsolutePath().getParent();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
