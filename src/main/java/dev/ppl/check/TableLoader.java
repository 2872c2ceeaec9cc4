package dev.ppl.check;

import dev.ppl.source.SourceFile;

/** Reads a file named in a policy (a table's {@code from}, a test's {@code using}), relative to the policy file. */
@FunctionalInterface
public interface TableLoader {

    /**
     * The file's text as a source (for diagnostics with line and column), or null when missing.
     *
     * @throws Refused when the name leads outside the files the policy may read
     */
    SourceFile load(String relativePath);

    /** A loader that finds nothing (policies given as strings). */
    TableLoader NONE = path -> null;

    /**
     * A file the policy may not read (outside its root); the message says why and never shows
     * anything of the file.
     */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
