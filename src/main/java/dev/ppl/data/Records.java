package dev.ppl.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a delimited file into records whose fields remember their line and column,
 * so a bad value is reported where it was written.
 */
final class Records {
    private Records() {}

    /** One field: its text (quotes removed) and where it starts (1-based). */
    record Field(String text, int line, int column) {
        String trimmed() {
            return text.strip();
        }
    }

    /** One record: the line it starts on and its fields. */
    record Record(int line, List<Field> fields) {
        Field field(int i) {
            return i < fields.size() ? fields.get(i) : null;
        }

        String text(int i) {
            Field f = field(i);
            return f == null ? "" : f.trimmed();
        }

        boolean isBlank() {
            return fields.stream().allMatch(f -> f.text().isBlank());
        }
    }

    /** Tab-delimited text: one record per line, no quoting (the CMS and FDA text files quote nothing). */
    static List<Record> tabs(String text) {
        List<Record> records = new ArrayList<>();
        int line = 1;
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            if (end == n && start == n) {
                break;
            }
            List<Field> fields = new ArrayList<>();
            int fieldStart = start;
            for (int i = start; i <= end; i++) {
                if (i == end || text.charAt(i) == '\t') {
                    fields.add(new Field(text.substring(fieldStart, i), line, fieldStart - start + 1));
                    fieldStart = i + 1;
                }
            }
            records.add(new Record(line, fields));
            if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
            line++;
        }
        return records;
    }

    /**
     * Comma-separated text (RFC 4180): quoted fields may hold commas, doubled quotes and line
     * breaks (the CMS MUE header "HCPCS/\nCPT Code" does). An unclosed quote is reported through
     * {@code problems} at the place it opened.
     */
    static List<Record> csv(String text, java.nio.file.Path file, Problems problems) {
        List<Record> records = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int lineStart = 0;
        int recordLine = 1;
        int cellLine = 1;
        int cellColumn = 1;
        boolean quoted = false;
        int quoteLine = 0;
        int quoteColumn = 0;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        if (i == 1) {
            lineStart = 1;
        }
        int n = text.length();
        for (; i < n; i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    if (ch == '\n' || (ch == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
                        line++;
                        lineStart = i + 1;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                quoteLine = line;
                quoteColumn = i - lineStart + 1;
            } else if (ch == ',') {
                fields.add(new Field(cell.toString(), cellLine, cellColumn));
                cell.setLength(0);
                cellLine = line;
                cellColumn = i - lineStart + 2;
            } else if (ch == '\n' || ch == '\r') {
                fields.add(new Field(cell.toString(), cellLine, cellColumn));
                records.add(new Record(recordLine, fields));
                fields = new ArrayList<>();
                cell.setLength(0);
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                lineStart = i + 1;
                recordLine = line;
                cellLine = line;
                cellColumn = 1;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            problems.add(file, quoteLine, quoteColumn, "a quoted value is never closed", "end the value with `\"`");
        }
        if (cell.length() > 0 || !fields.isEmpty()) {
            fields.add(new Field(cell.toString(), cellLine, cellColumn));
            records.add(new Record(recordLine, fields));
        }
        return records;
    }
}
