package dev.ppl.check;

import dev.ppl.source.SourceFile;

/** Reads a table file named in a policy, relative to the policy file. */
@FunctionalInterface
public interface TableLoader {

    /** The file's text as a source (for diagnostics with line and column), or null when missing. */
    SourceFile load(String relativePath);

    /** A loader that finds nothing (policies given as strings). */
    TableLoader NONE = path -> null;
}
