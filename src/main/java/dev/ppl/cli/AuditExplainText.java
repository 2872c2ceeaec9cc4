package dev.ppl.cli;

import dev.ppl.audit.AuditResult;
import dev.ppl.audit.MeasureExplanation;
import dev.ppl.value.Numbers;
import java.util.List;

/** {@code ppl audit --explain}: why a measure flagged a group (or did not), in words and figures. */
final class AuditExplainText {
    private AuditExplainText() {}

    static String of(MeasureExplanation e, String groupFilter) {
        AuditResult.MeasureResult m = e.measure();
        StringBuilder out = new StringBuilder();
        out.append("measure ").append(m.key()).append(" (").append(e.policy()).append(' ').append(e.version()).append(")\n");
        out.append("  ").append(m.description()).append('\n');
        out.append("  declared at ").append(e.where()).append(":\n");
        for (String line : e.definition().split("\n")) {
            out.append("    | ").append(line.stripTrailing()).append('\n');
        }
        if (m.cites() != null) {
            out.append("  source: ").append(m.cites()).append('\n');
        }
        out.append("  value: ").append(valueWords(m)).append(", one value per ").append(String.join(", ", m.dimensions()))
                .append('\n');
        out.append("  peers: ").append(m.peers()).append(" group").append(m.peers() == 1 ? "" : "s");
        if (m.minimumVolume() != null) {
            out.append(" with a volume of at least ").append(m.minimumVolume())
                    .append(m.distinctVolume() ? " (distinct values of the volume expression)" : " items");
        }
        out.append(" of ").append(m.groups().size()).append("; median ").append(n(m.peerMedian()))
                .append(", 90th percentile ").append(n(m.peer90())).append('\n');
        m.benchmarks().forEach((name, v) -> out.append("  benchmark ").append(name).append(": ").append(n(v)).append('\n'));
        out.append('\n');
        if (e.groups().isEmpty()) {
            out.append(groupFilter == null ? "No group was flagged; name one with --group to see its figures.\n"
                    : "No group of this measure starts with `" + groupFilter + "`.\n");
            return out.toString();
        }
        for (MeasureExplanation.GroupExplanation g : e.groups()) {
            group(out, m, g);
        }
        return out.toString();
    }

    private static void group(StringBuilder out, AuditResult.MeasureResult m, MeasureExplanation.GroupExplanation ge) {
        AuditResult.GroupResult g = ge.group();
        for (int i = 0; i < m.dimensions().size(); i++) {
            out.append(i == 0 ? "" : ", ").append(m.dimensions().get(i)).append(' ').append(g.key().get(i));
        }
        out.append(": ").append(g.flag() == null ? "not flagged" : "flagged " + g.flag().level()).append('\n');
        out.append("  value ").append(n(g.value())).append(m.kind().equals("rate") ? "%" : "");
        if (m.kind().equals("rate")) {
            out.append(" (").append(g.numerator()).append(" of ").append(g.items()).append(" items)");
        } else {
            out.append(" over ").append(g.items()).append(" items");
        }
        out.append(", volume ").append(n(g.volume())).append(m.distinctVolume() ? " distinct" : "")
                .append(g.exact() ? "" : " (estimated)");
        if (ge.compared()) {
            out.append(", percentile ").append(n(g.percentile())).append(" among ").append(m.peers()).append(" peers\n");
        } else {
            out.append("\n  not compared or flagged: the volume is below the minimum of ").append(m.minimumVolume()).append('\n');
        }
        boolean raised = false;
        for (MeasureExplanation.FlagCheck f : ge.flags()) {
            out.append("  flag ").append(f.level()).append(" at ").append(f.where()).append(": when ").append(f.condition())
                    .append(" -> ").append(!ge.compared() ? "not judged" : !f.met() ? "not met"
                            : raised ? "met (an earlier flag was raised)" : "met, raised").append('\n');
            raised |= ge.compared() && f.met();
        }
        if (g.flag() != null) {
            out.append("  message: ").append(g.flag().message()).append('\n');
            if (g.flag().fix() != null) {
                out.append("  what to do: ").append(g.flag().fix()).append('\n');
            }
            if (g.flag().cites() != null) {
                out.append("  source: ").append(g.flag().cites()).append('\n');
            }
        }
        boolean rate = m.kind().equals("rate");
        long heldTotal = rate ? g.numerator() : g.items();
        items(out, rate ? "items where the condition held" : "items counted", ge.held(), heldTotal);
        if (rate) {
            items(out, "items where it did not", ge.notHeld(), g.items() - g.numerator());
        }
        out.append('\n');
    }

    private static void items(StringBuilder out, String what, List<MeasureExplanation.Item> items, long total) {
        if (total == 0) {
            return;
        }
        out.append("  ").append(what).append(": ").append(total);
        out.append(items.size() < total ? ", a sample of " + items.size() + " (chosen by hash, not by order):\n" : ":\n");
        for (MeasureExplanation.Item i : items) {
            out.append("    claim ").append(i.claimId() == null ? "(no id)" : i.claimId());
            if (i.line() != null) {
                out.append(" line ").append(i.line());
            }
            if (i.value() != null) {
                out.append(": ").append(i.value());
            }
            out.append('\n');
        }
    }

    private static String valueWords(AuditResult.MeasureResult m) {
        return switch (m.kind()) {
            case "rate" -> "the percentage of items for which the rate's condition holds";
            case "count" -> "the number of items";
            case "sum" -> "the sum over the items";
            case "average" -> "the mean over the items";
            default -> "the number of distinct values over the items";
        };
    }

    private static String n(double v) {
        return Double.isNaN(v) ? "-" : Numbers.format(Math.round(v * 10) / 10d);
    }
}
