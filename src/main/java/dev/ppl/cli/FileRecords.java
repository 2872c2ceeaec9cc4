package dev.ppl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.claim.FieldError;
import dev.ppl.input.FileRecord;
import java.util.List;

/** A {@link FileRecord} as one line of batch output ({@code docs/schema/file-record.schema.json}). */
final class FileRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FileRecords() {}

    static String json(FileRecord file) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", "file");
        node.put("file", file.source());
        if (file.format() != null) {
            node.put("format", file.format());
        } else {
            node.putNull("format");
        }
        node.put("status", file.failed() ? "error" : "warning");
        problems(node.putArray("errors"), file.errors());
        problems(node.putArray("warnings"), file.warnings());
        return node.toString();
    }

    private static void problems(ArrayNode into, List<FieldError> problems) {
        for (FieldError e : problems) {
            into.addObject().put("path", e.path()).put("message", e.message());
        }
    }
}
