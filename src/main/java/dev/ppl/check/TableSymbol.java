package dev.ppl.check;

import dev.ppl.value.Table;
import java.util.List;

/**
 * A table as the checker knows it: its loaded data and the types of its columns.
 *
 * @param name the table's name
 * @param table the loaded rows
 * @param columns column names in order
 * @param columnTypes column types in order
 * @param keyTypes the types of the key columns, in key order
 */
public record TableSymbol(String name, Table table, List<String> columns, List<Type> columnTypes, List<Type> keyTypes) {

    public int column(String column) {
        return columns.indexOf(column);
    }
}
