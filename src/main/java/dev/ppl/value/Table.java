package dev.ppl.value;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded table: typed rows indexed by their key columns. Lookup is a hash lookup on the key,
 * then (for tables with per-row effective dates) a scan of that key's few versions.
 */
public final class Table {
    private final String name;
    private final List<String> columns;
    private final int[] keyColumns;
    private final int effectiveFrom;
    private final int effectiveTo;
    private final Map<String, Row[]> index;
    /** For two-column keys, the rows by first and then second key part: found without building a key. */
    private final Map<String, Map<String, Row[]>> pairs;
    private final int size;

    /**
     * @param effectiveFrom column index of the row's first effective date, or -1
     * @param effectiveTo column index of the row's last effective date, or -1
     */
    public Table(String name, List<String> columns, int[] keyColumns, int effectiveFrom, int effectiveTo, List<Row> rows) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.keyColumns = keyColumns.clone();
        this.effectiveFrom = effectiveFrom;
        this.effectiveTo = effectiveTo;
        // one map filled in a single pass, each key's rows in file order; a HashMap, not
        // Map.copyOf: at a million keys its lookups took half the time
        Map<String, Row[]> built = new HashMap<>((int) (rows.size() / 0.75f) + 1);
        for (Row row : rows) {
            String key = key(row);
            Row[] had = built.putIfAbsent(key, new Row[] {row});
            if (had != null) {
                Row[] more = Arrays.copyOf(had, had.length + 1);
                more[had.length] = row;
                built.put(key, more);
            }
        }
        this.index = built;
        if (keyColumns.length == 2) {
            this.pairs = new HashMap<>();
            built.forEach((k, v) -> {
                Object[] first = v[0].values();
                pairs.computeIfAbsent(String.valueOf(first[keyColumns[0]]), x -> new HashMap<>())
                        .put(String.valueOf(first[keyColumns[1]]), v);
            });
        } else {
            this.pairs = null;
        }
        this.size = rows.size();
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return size;
    }

    public boolean hasEffectiveDates() {
        return effectiveFrom >= 0;
    }

    /** The key of a row as it is indexed. */
    public String key(Row row) {
        if (keyColumns.length == 1) {
            return String.valueOf(row.values()[keyColumns[0]]);
        }
        StringBuilder k = new StringBuilder();
        for (int i = 0; i < keyColumns.length; i++) {
            if (i > 0) {
                k.append('\u001f');
            }
            k.append(row.values()[keyColumns[i]]);
        }
        return k.toString();
    }

    /** Joins key parts the way {@link #key(Row)} does. */
    public static String compositeKey(Object[] parts) {
        if (parts.length == 1) {
            return String.valueOf(parts[0]);
        }
        StringBuilder k = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                k.append('\u001f');
            }
            k.append(parts[i]);
        }
        return k.toString();
    }

    /** Every row with this key, in file order, whatever their dates; empty when there is none. */
    public List<Row> rows(String key) {
        Row[] rows = index.get(key);
        return rows == null ? List.of() : Collections.unmodifiableList(Arrays.asList(rows));
    }

    /** Whether any row has this key, whatever its dates. */
    public boolean containsKey(String key) {
        return index.containsKey(key);
    }

    /**
     * The row with this key in force on {@code date}; with {@code date == null} (or a table
     * without dates) the first row with the key. Null when there is none.
     */
    public Row find(String key, LocalDate date) {
        return inForce(index.get(key), date);
    }

    /** Like {@link #find(String, LocalDate)} for a table keyed by two columns, without joining the parts. */
    public Row find(String first, String second, LocalDate date) {
        if (pairs == null) {
            return find(compositeKey(new Object[] {first, second}), date);
        }
        Map<String, Row[]> seconds = pairs.get(first);
        return seconds == null ? null : inForce(seconds.get(second), date);
    }

    /** Whether the table is keyed by two columns. */
    public boolean pairKeyed() {
        return pairs != null;
    }

    private Row inForce(Row[] rows, LocalDate date) {
        if (rows == null) {
            return null;
        }
        if (effectiveFrom < 0 || date == null) {
            return rows[0];
        }
        for (Row row : rows) {
            LocalDate from = (LocalDate) row.values()[effectiveFrom];
            LocalDate to = effectiveTo < 0 ? null : (LocalDate) row.values()[effectiveTo];
            if ((from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to))) {
                return row;
            }
        }
        return null;
    }

    /** The keys, for lint checks. */
    public java.util.Set<String> keys() {
        return index.keySet();
    }

    /**
     * One row: values typed by their column ({@code String}, {@code Double}, {@link Quantity},
     * {@code LocalDate}; null for an empty cell).
     *
     * @param line the row's line in its file, for explanations
     */
    public record Row(Object[] values, int line) {}
}
