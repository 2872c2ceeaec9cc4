package dev.ppl.data;

import java.util.List;

/** Writes a PPL table file: a header line of column names, then one line per row, RFC 4180 quoting. */
final class TableCsv {
    private final StringBuilder out = new StringBuilder();

    TableCsv(String... columns) {
        row((Object[]) columns);
    }

    TableCsv row(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(values[i]));
        }
        out.append('\n');
        return this;
    }

    TableCsv rows(List<Object[]> rows) {
        rows.forEach(this::row);
        return this;
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
