package dev.ppl.cli;

import dev.ppl.input.FileRecord;

/** A {@link FileRecord} as one line of batch output ({@code docs/schema/file-record.schema.json}). */
final class FileRecords {
    private FileRecords() {}

    static String json(FileRecord file) {
        return file.toJsonLine();
    }
}
