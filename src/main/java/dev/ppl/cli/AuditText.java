package dev.ppl.cli;

import dev.ppl.audit.AuditResult;
import dev.ppl.value.Numbers;
import java.util.Locale;

/** An audit result as a compliance officer reads it in a terminal. */
final class AuditText {
    private AuditText() {}

    static String of(AuditResult r) {
        StringBuilder out = new StringBuilder();
        out.append("Audit of ").append(r.claims()).append(" claims (").append(r.lines()).append(" lines, $")
                .append(r.charges().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).append(" charged)");
        if (r.invalid() > 0) {
            out.append("; ").append(r.invalid()).append(" records could not be read");
        }
        out.append("\n\n");
        long flags = r.measures().stream().mapToLong(m -> m.flagged().size()).sum();
        out.append(flags == 0 ? "No measure raised a flag.\n" : flags + " flag" + (flags == 1 ? "" : "s") + " raised:\n");
        for (AuditResult.MeasureResult m : r.measures()) {
            for (AuditResult.GroupResult g : m.flagged()) {
                out.append("  ").append(g.flag().level().toUpperCase(Locale.ROOT)).append("  ").append(m.key()).append("  ");
                for (int i = 0; i < m.dimensions().size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(m.dimensions().get(i)).append(' ').append(g.key().get(i));
                }
                out.append("\n      ").append(g.flag().message()).append('\n');
                if (g.flag().fix() != null) {
                    out.append("      what to do: ").append(g.flag().fix()).append('\n');
                }
                out.append("      claims: ").append(String.join(", ", g.claims())).append('\n');
            }
        }
        out.append("\nMeasures:\n");
        for (AuditResult.MeasureResult m : r.measures()) {
            out.append("  ").append(m.key()).append(": ").append(m.description()).append("\n      ")
                    .append(m.groups().size()).append(" groups by ").append(String.join(", ", m.dimensions()));
            if (m.peers() > 0) {
                out.append("; ").append(m.peers()).append(" compared");
                if (m.minimumVolume() != null) {
                    out.append(" (volume at least ").append(m.minimumVolume()).append(')');
                }
                out.append(", median ").append(n(m.peerMedian())).append(", 90th percentile ").append(n(m.peer90()));
            }
            out.append('\n');
        }
        if (!r.rules().isEmpty()) {
            out.append("\nRule findings (deny, reject, review); $")
                    .append(r.atRisk().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
                    .append(" charged on flagged lines:\n");
            for (AuditResult.RuleTally t : r.rules()) {
                out.append(String.format(Locale.ROOT, "  %6d  %-40s  $%s%n", t.findings(), t.rule(),
                        t.atRisk().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()));
            }
        }
        if (r.remits() != null) {
            AuditResult.RemitResult rr = r.remits();
            out.append("\nRemittances: ").append(rr.claims()).append(" remitted claims, ").append(rr.matched())
                    .append(" matched to claims of this corpus\n");
            out.append("  denied lines by CARC: ").append(rr.deniedByCarc().isEmpty() ? "none" : rr.deniedByCarc().toString())
                    .append('\n');
            for (AuditResult.Prediction p : rr.predicted()) {
                out.append(String.format(Locale.ROOT, "  %-40s flagged %d remitted lines, payer denied %d %s%n", p.rule(),
                        p.flagged(), p.denied(), p.carcs().isEmpty() ? "" : p.carcs().toString()));
            }
            if (!rr.unpredicted().isEmpty()) {
                out.append("  denials no rule predicted, by CARC: ").append(rr.unpredicted()).append('\n');
            }
        }
        return out.toString();
    }

    private static String n(double v) {
        return Double.isNaN(v) ? "-" : Numbers.format(Math.round(v * 10) / 10d);
    }
}
