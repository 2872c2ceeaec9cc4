package dev.ppl.bench.peers;

import dev.ppl.bench.CoreByHand;
import dev.ppl.value.Quantity;
import dev.ppl.value.Unit;
import java.io.IOException;
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
        for (String[] row : CoreByHand.csv(folder.resolve("hcpcs-drug-units.csv"))) {
            String[] per = row[1].trim().split(" ", 2);
            Unit unit = Unit.parse(per[1]);
            drugUnits.putIfAbsent(row[0], unit == null ? null : new Quantity(Double.parseDouble(per[0]), unit));
        }
        for (String[] row : CoreByHand.csv(folder.resolve("ncci-ptp-96372.csv"))) {
            ptp.computeIfAbsent(row[0] + "/" + row[1], k -> new ArrayList<>())
                    .add(new Ptp(row[2].trim(), row[3].trim(), Double.parseDouble(row[4])));
        }
        for (String[] row : CoreByHand.csv(folder.resolve("ncci-mue-96372.csv"))) {
            mue.computeIfAbsent(row[0], k -> new ArrayList<>())
                    .add(new Mue(row[3].trim(), row[4].trim(), Double.parseDouble(row[1]), Double.parseDouble(row[2])));
        }
    }

    /** Whether a row with these ISO dates ({@code ""} open) is in force on a date. */
    static boolean inForce(String from, String to, String on) {
        return (from.isEmpty() || on.compareTo(from) >= 0) && (to.isEmpty() || on.compareTo(to) <= 0);
    }
}
