package dev.ppl.check;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Name;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.Limits;
import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import dev.ppl.value.Quantity;
import dev.ppl.value.Table;
import dev.ppl.value.Unit;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a table declaration and loads its rows, inline or from a CSV file beside the policy. */
final class TableChecker {
    private static final Map<String, Type> COLUMN_TYPES = Map.of(
            "code", Type.Simple.CODE,
            "diagnosis", Type.Simple.DIAGNOSIS,
            "modifier", Type.Simple.MODIFIER,
            "ndc", Type.Simple.NDC,
            "text", Type.Simple.TEXT,
            "number", Type.Simple.NUMBER,
            "quantity", new Type.Quantity(null),
            "date", Type.Simple.DATE);
    private static final Pattern QUANTITY = Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]+)\\s*");

    private final Decl.Table decl;
    private final SourceFile policy;
    private final Diagnostics diagnostics;
    private final TableLoader loader;

    TableChecker(Decl.Table decl, SourceFile policy, Diagnostics diagnostics, TableLoader loader) {
        this.decl = decl;
        this.policy = policy;
        this.diagnostics = diagnostics;
        this.loader = loader;
    }

    TableSymbol check() {
        int before = diagnostics.errorCount();
        String name = decl.name().text();
        if (decl.columns().isEmpty()) {
            diagnostics.error("PPL0257", policy, decl.name().span(), "table `" + name + "` declares no columns",
                    "add `columns code: code, limit: number` naming each column and its type");
            return null;
        }
        List<String> columns = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        for (Decl.Column c : decl.columns()) {
            Type t = COLUMN_TYPES.get(c.type().text());
            if (t == null) {
                diagnostics.error("PPL0253", policy, c.type().span(), "unknown column type `" + c.type().text() + "`",
                        Suggest.help(c.type().text(), COLUMN_TYPES.keySet(), "column types are " + String.join(", ",
                                new java.util.TreeSet<>(COLUMN_TYPES.keySet()))));
                t = Type.Simple.ERROR;
            }
            if (columns.contains(c.name().text())) {
                diagnostics.error("PPL0254", policy, c.name().span(), "column `" + c.name().text() + "` is declared twice",
                        "give each column its own name");
            }
            columns.add(c.name().text());
            types.add(t);
        }
        if (decl.keys().isEmpty()) {
            diagnostics.error("PPL0257", policy, decl.name().span(), "table `" + name + "` has no key",
                    "add `key <column>`: the column(s) lookups use, e.g. `key code`");
            return null;
        }
        int[] keys = new int[decl.keys().size()];
        List<Type> keyTypes = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = column(decl.keys().get(i), columns);
            keyTypes.add(keys[i] < 0 ? Type.Simple.ERROR : types.get(keys[i]));
        }
        int from = decl.effectiveFrom() == null ? -1 : column(decl.effectiveFrom(), columns);
        int to = decl.effectiveTo() == null ? -1 : column(decl.effectiveTo(), columns);
        for (int i : new int[] {from, to}) {
            if (i >= 0 && types.get(i) != Type.Simple.DATE) {
                diagnostics.error("PPL0254", policy, decl.span(), "effective column `" + columns.get(i) + "` must be a date column",
                        "declare it as `" + columns.get(i) + ": date`");
            }
        }
        List<Table.Row> rows = new ArrayList<>();
        if (decl.file() != null) {
            if (!decl.rows().isEmpty()) {
                diagnostics.error("PPL0250", policy, decl.file().span(), "table `" + name + "` has both a file and inline rows",
                        "keep the rows in one place");
            }
            SourceFile csv;
            try {
                csv = loader.load(decl.file().value());
            } catch (TableLoader.Refused refused) {
                diagnostics.error("PPL0261", policy, decl.file().span(), "table file refused: " + refused.getMessage(),
                        "a policy reads only files inside its root: its directory, or the nearest one above holding a "
                                + "`.ppl-root` file");
                return null;
            } catch (java.io.UncheckedIOException e) {
                boolean notUtf8 = e.getCause() instanceof dev.ppl.source.Utf8.Malformed;
                diagnostics.error("PPL0250", policy, decl.file().span(), "table file `" + decl.file().value()
                        + "` cannot be read: " + (notUtf8 ? e.getCause().getMessage() : e.getMessage()),
                        notUtf8 ? "table files must be UTF-8: save it as UTF-8" : "check that the file can be read");
                return null;
            }
            if (csv == null) {
                diagnostics.error("PPL0250", policy, decl.file().span(), "table file `" + decl.file().value() + "` not found",
                        "the path is relative to the policy file");
                return null;
            }
            if (csv.text().length() > Limits.TABLE_FILE_CHARS) {
                diagnostics.error("PPL0260", policy, decl.file().span(), "table file `" + decl.file().value()
                        + "` has more than " + Limits.TABLE_FILE_CHARS + " characters (64 MiB), the most a table file may have",
                        "split the table, or keep only the rows for the dates and codes the policy covers");
                return null;
            }
            readCsv(csv, columns, types, rows);
        } else {
            for (Decl.Row row : decl.rows()) {
                readInline(row, columns, types, rows);
            }
        }
        if (diagnostics.errorCount() > before) {
            return null;
        }
        Table table = new Table(name, columns, keys, from, to, rows);
        duplicates(table, rows, from, to);
        return diagnostics.errorCount() > before ? null : new TableSymbol(name, table, columns, types, keyTypes);
    }

    private int column(Name n, List<String> columns) {
        int i = columns.indexOf(n.text());
        if (i < 0) {
            diagnostics.error("PPL0254", policy, n.span(), "table `" + decl.name().text() + "` has no column `" + n.text() + "`",
                    Suggest.help(n.text(), columns, "its columns are " + String.join(", ", columns)));
        }
        return i;
    }

    /** Reports each key with two rows in force at once, once per key, in the order of the keys' first rows. */
    private void duplicates(Table table, List<Table.Row> rows, int from, int to) {
        for (Table.Row r : rows) {
            String key = table.key(r);
            List<Table.Row> same = table.rows(key);
            if (same.size() < 2 || same.get(0) != r) {
                continue;
            }
            found:
            for (int i = 1; i < same.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (overlap(same.get(i), same.get(j), from, to)) {
                        diagnostics.error("PPL0256", policy, decl.name().span(), "table `" + decl.name().text() + "` has key `"
                                + key.replace('\u001f', ',') + "` twice in force at once (rows at lines " + same.get(j).line()
                                + " and " + same.get(i).line() + ")", "give the rows effective dates that do not overlap, or remove one");
                        break found;
                    }
                }
            }
        }
    }

    private static boolean overlap(Table.Row a, Table.Row b, int from, int to) {
        if (from < 0) {
            return true;
        }
        LocalDate af = (LocalDate) a.values()[from];
        LocalDate bf = (LocalDate) b.values()[from];
        LocalDate at = to < 0 ? null : (LocalDate) a.values()[to];
        LocalDate bt = to < 0 ? null : (LocalDate) b.values()[to];
        boolean aEndsBeforeB = at != null && bf != null && at.isBefore(bf);
        boolean bEndsBeforeA = bt != null && af != null && bt.isBefore(af);
        return !aEndsBeforeB && !bEndsBeforeA;
    }

    private void readInline(Decl.Row row, List<String> columns, List<Type> types, List<Table.Row> rows) {
        if (row.cells().size() != columns.size()) {
            diagnostics.error("PPL0255", policy, row.span(), "row has " + row.cells().size() + " values but the table has "
                    + columns.size() + " columns", "columns are " + String.join(", ", columns));
            return;
        }
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Decl.Cell cell = row.cells().get(i);
            String text = cell.kind() == Decl.CellKind.MISSING ? "" : cell.unit() == null ? cell.text() : cell.text() + " " + cell.unit();
            values[i] = value(text, types.get(i), columns.get(i), policy, cell.span());
        }
        rows.add(new Table.Row(values, policy.line(row.span().start())));
    }

    private void readCsv(SourceFile csv, List<String> columns, List<Type> types, List<Table.Row> rows) {
        // one record at a time: a million-row file is never held as cells all at once
        Csv reader = new Csv(csv, diagnostics);
        List<Cell> header = reader.next();
        if (header == null) {
            diagnostics.error("PPL0251", csv, new Span(0, 0), "table file is empty", "the first line names the columns: "
                    + String.join(",", columns));
            return;
        }
        int before = diagnostics.errorCount();
        int[] map = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            map[i] = -1;
            for (int j = 0; j < header.size(); j++) {
                if (header.get(j).text().trim().equals(columns.get(i))) {
                    map[i] = j;
                }
            }
            if (map[i] < 0) {
                List<String> found = header.stream().map(c -> c.text().trim()).toList();
                diagnostics.error("PPL0251", csv, header.isEmpty() ? new Span(0, 0) : header.get(0).span(),
                        "column `" + columns.get(i) + "` of table `" + decl.name().text() + "` is not in the file's header",
                        Suggest.help(columns.get(i), found, "the header has " + String.join(", ", found)));
            }
        }
        if (diagnostics.errorCount() > before) {
            return;
        }
        List<Map<String, Object>> seen = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            seen.add(new HashMap<>());
        }
        for (List<Cell> record = reader.next(); record != null; record = reader.next()) {
            if (record.size() == 1 && record.get(0).text().isBlank()) {
                continue;
            }
            if (record.size() != header.size()) {
                diagnostics.error("PPL0255", csv, record.get(0).span(), "row has " + record.size() + " values but the header has "
                        + header.size(), "quote values that contain commas");
                continue;
            }
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                Cell cell = record.get(map[i]);
                values[i] = typed(cell, types.get(i), columns.get(i), csv, seen.get(i));
            }
            rows.add(new Table.Row(values, csv.line(record.get(0).start())));
        }
    }

    /** Most columns repeat a few values (units, dates, limits): the first 4,096 of a column are read once and shared. */
    private static final int SHARED_VALUES = 4096;

    private Object typed(Cell cell, Type type, String column, SourceFile file, Map<String, Object> seen) {
        Object value = seen.get(cell.text());
        if (value == null) {
            value = value(cell.text(), type, column, file, cell.span());
            if (value != null && seen.size() < SHARED_VALUES) {
                seen.put(cell.text(), value);
            }
        }
        return value;
    }

    private Object value(String raw, Type type, String column, SourceFile file, Span span) {
        String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        if (type == Type.Simple.NUMBER) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return bad(file, span, text, column, "a number");
            }
        }
        if (type == Type.Simple.DATE) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                return bad(file, span, text, column, "a date (yyyy-mm-dd)");
            }
        }
        if (type instanceof Type.Quantity) {
            Matcher m = QUANTITY.matcher(text);
            Unit unit = m.matches() ? Unit.parse(m.group(2)) : null;
            if (unit == null) {
                return bad(file, span, text, column, "a quantity such as `10 mg`, `1000 mcg`, `5 units` or `1 mL`");
            }
            return new Quantity(Double.parseDouble(m.group(1)), unit);
        }
        if (type == Type.Simple.CODE && !Checker.PROCEDURE.matcher(text).matches()
                || type == Type.Simple.DIAGNOSIS && !Checker.DIAGNOSIS.matcher(text).matches()
                || type == Type.Simple.MODIFIER && !Checker.MODIFIER.matcher(text).matches()
                || type == Type.Simple.NDC && !Checker.NDC.matcher(text).matches()) {
            return bad(file, span, text, column, type.describe());
        }
        return text;
    }

    private Object bad(SourceFile file, Span span, String text, String column, String expected) {
        diagnostics.error("PPL0252", file, span, "`" + text + "` in column `" + column + "` is not " + expected,
                "fix the value or the column's declared type");
        return null;
    }

    /** One CSV cell with where it was written. */
    record Cell(String text, int start, int end) {
        Span span() {
            return new Span(start, end);
        }
    }

    /** A small RFC 4180 reader that keeps each cell's position for diagnostics, one record at a time. */
    static final class Csv {
        private final SourceFile file;
        private final String s;
        private final Diagnostics diagnostics;
        private final StringBuilder quoted = new StringBuilder();
        private int at;
        private boolean done;

        Csv(SourceFile file, Diagnostics diagnostics) {
            this.file = file;
            this.s = file.text();
            this.diagnostics = diagnostics;
            this.at = s.startsWith("\uFEFF") ? 1 : 0;
        }

        /**
         * The next record, or null after the last. A record ends at a line break outside quotes; a
         * quote anywhere in a cell starts or ends a quoted part, and {@code ""} inside one is a quote.
         */
        List<Cell> next() {
            if (done) {
                return null;
            }
            int n = s.length();
            List<Cell> record = new ArrayList<>();
            while (true) {
                int start = at;
                int i = at;
                char ch = 0;
                while (i < n && (ch = s.charAt(i)) != ',' && ch != '\n' && ch != '\r' && ch != '"') {
                    i++;
                }
                String text;
                if (i < n && ch == '"') {
                    quoted.setLength(0);
                    quoted.append(s, start, i);
                    boolean inQuotes = false;
                    for (; i < n; i++) {
                        ch = s.charAt(i);
                        if (inQuotes) {
                            if (ch == '"' && i + 1 < n && s.charAt(i + 1) == '"') {
                                quoted.append('"');
                                i++;
                            } else if (ch == '"') {
                                inQuotes = false;
                            } else {
                                quoted.append(ch);
                            }
                        } else if (ch == '"') {
                            inQuotes = true;
                        } else if (ch == ',' || ch == '\n' || ch == '\r') {
                            break;
                        } else {
                            quoted.append(ch);
                        }
                    }
                    if (inQuotes) {
                        diagnostics.error("PPL0255", file, new Span(start, n), "a quoted value is never closed",
                                "end the value with `\"`");
                    }
                    text = quoted.toString();
                } else {
                    text = s.substring(start, i);
                }
                if (i >= n) {
                    done = true;
                    if (text.isEmpty() && record.isEmpty()) {
                        return null;
                    }
                    record.add(new Cell(text, start, n));
                    return record;
                }
                record.add(new Cell(text, start, i));
                if (ch == ',') {
                    at = i + 1;
                    continue;
                }
                if (ch == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
                at = i + 1;
                return record;
            }
        }
    }
}
