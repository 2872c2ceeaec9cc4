package dev.ppl.bench.peers;

import dev.ppl.value.Quantity;
import dev.ppl.value.Unit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot policy's three CSV tables as plain Java data, read once at setup; each peer turns
 * them into its own form (CEL maps, a Drools global). Dates stay ISO text, {@code ""} when open.
 */
final class SnapshotTables {
    /** A PTP row of a column-1/column-2 pair. */
    record Ptp(String from, String to, double indicator) {}

    /** An MUE row. */
    record Mue(String from, String to, double limit, double mai) {}

    /** HCPCS drug code to its billing unit; the value is null when the unit does not parse. */
    final Map<String, Quantity> drugUnits = new HashMap<>();
    /** Key {@code column1 + "/" + column2}. */
    final Map<String, List<Ptp>> ptp = new HashMap<>();
    final Map<String, List<Mue>> mue = new HashMap<>();

    SnapshotTables(Path folder) throws IOException {
        for (String[] row : csv(folder.resolve("hcpcs-drug-units.csv"))) {
            String[] per = row[1].trim().split(" ", 2);
            Unit unit = Unit.parse(per[1]);
            drugUnits.putIfAbsent(row[0], unit == null ? null : new Quantity(Double.parseDouble(per[0]), unit));
        }
        for (String[] row : csv(folder.resolve("ncci-ptp-96372.csv"))) {
            ptp.computeIfAbsent(row[0] + "/" + row[1], k -> new ArrayList<>())
                    .add(new Ptp(row[2].trim(), row[3].trim(), Double.parseDouble(row[4])));
        }
        for (String[] row : csv(folder.resolve("ncci-mue-96372.csv"))) {
            mue.computeIfAbsent(row[0], k -> new ArrayList<>())
                    .add(new Mue(row[3].trim(), row[4].trim(), Double.parseDouble(row[1]), Double.parseDouble(row[2])));
        }
    }

    /** Whether a row with these ISO dates ({@code ""} open) is in force on a date. */
    static boolean inForce(String from, String to, String on) {
        return (from.isEmpty() || on.compareTo(from) >= 0) && (to.isEmpty() || on.compareTo(to) <= 0);
    }

    /** Rows of a CSV file without its header; quoted cells may hold commas. */
    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells.toArray(new String[0]));
        }
        return rows;
    }
}
