package dev.ppl.explain;

import dev.ppl.api.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An explanation as text for people: each rule, each line it checked, each condition met or not. */
public final class ExplanationText {
    private static final String MET = "met      ";
    private static final String NOT_MET = "not met  ";
    private static final String UNCHECKED = "skipped  ";

    private ExplanationText() {}

    public static String render(Explanation x) {
        StringBuilder out = new StringBuilder();
        out.append("claim ").append(x.claimId()).append(": ").append(x.outcome().toUpperCase(Locale.ROOT)).append('\n');
        out.append("  ").append(x.claim()).append('\n');
        for (Explanation.PolicyPart p : x.policies()) {
            out.append('\n');
            out.append(p.policy()).append(p.base() == null ? "" : " (on " + p.base() + ")").append("  ").append(p.source())
                    .append('\n');
            if (!p.judged()) {
                out.append("  did not judge this claim: ").append(p.reason()).append('\n');
                continue;
            }
            if (!p.outOfRange().isEmpty()) {
                out.append("  not judged, outside its dates: ").append(String.join(", ", p.outOfRange())).append('\n');
            }
            for (Explanation.RulePart r : p.rules()) {
                rule(r, p.policy(), out);
            }
        }
        List<Finding> uncovered = x.findings().stream().filter(f -> f.rule().equals("no-policy-applies")).toList();
        if (!uncovered.isEmpty()) {
            out.append("\nlines no policy judged:\n");
            uncovered.forEach(f -> out.append("  ").append(f.message()).append('\n'));
        }
        return out.toString();
    }

    private static void rule(Explanation.RulePart r, String policy, StringBuilder out) {
        out.append("\n  ").append(r.rule()).append(": ").append(r.status().equals("fired") ? "FIRED" : r.status().equals("not-run") ? "not run" : r.status())
                .append(r.policy().equals(policy) ? "" : " (from " + r.policy() + ")").append('\n');
        if (r.description() != null) {
            out.append("    ").append(r.description()).append('\n');
        }
        out.append("    ").append(r.summary()).append('\n');
        for (Explanation.CheckPart c : r.checks()) {
            out.append("    ").append(c.bindings().isEmpty() ? "for the claim" : "for " + assignments(c.bindings()))
                    .append('\n');
            if (!c.lets().isEmpty()) {
                out.append("      with ").append(assignments(c.lets())).append('\n');
            }
            for (Explanation.BranchPart b : c.branches()) {
                out.append("      when ").append(b.when()).append('\n');
                condition(b.condition(), 8, out);
                if (b.finding() != null) {
                    Finding f = b.finding();
                    out.append("      => ").append(f.severity()).append(f.carc() == null ? ""
                            : " " + (f.group() == null ? "" : f.group() + "-") + f.carc())
                            .append(f.rarc().isEmpty() ? "" : " " + String.join(",", f.rarc()))
                            .append(f.line() == null ? " on the claim" : " on line " + f.line()).append(": ")
                            .append(f.message()).append('\n');
                } else if (b.dropped() != null) {
                    out.append("      => ").append(b.dropped()).append('\n');
                } else {
                    out.append("      => no finding\n");
                }
            }
        }
        if (!r.skipped().isEmpty()) {
            out.append("    left out by `for each ... where`:\n");
            for (Explanation.Skipped s : r.skipped()) {
                out.append("      ").append(assignments(s.bindings())).append(": ").append(s.why()).append('\n');
            }
        }
    }

    private static void condition(Explanation.Condition c, int indent, StringBuilder out) {
        String pad = " ".repeat(indent);
        switch (c.kind()) {
            case "all" -> c.parts().forEach(p -> condition(p, indent, out));
            case "any" -> {
                out.append(pad).append(mark(c.met())).append("one of:\n");
                c.parts().forEach(p -> condition(p, indent + 2, out));
            }
            case "not" -> {
                out.append(pad).append(mark(c.met())).append("not:\n");
                c.parts().forEach(p -> condition(p, indent + 2, out));
            }
            case "item" -> {
                if (c.parts().size() == 1 && c.parts().get(0).words() != null) {
                    // one reason, which names the item itself
                    condition(c.parts().get(0), indent, out);
                } else {
                    out.append(pad).append(c.words()).append(":\n");
                    c.parts().forEach(p -> condition(p, indent + 2, out));
                }
            }
            default -> {
                out.append(pad).append(mark(c.met())).append(c.met() == null ? "`" + c.text() + "` (an earlier condition decided)"
                        : c.words()).append('\n');
                Explanation.Condition named = null;
                for (Explanation.Condition item : c.parts()) {
                    if (c.words() != null && c.words().endsWith(": " + item.words())) {
                        named = item;
                    }
                }
                if (named != null) {
                    // the headline names the item that decided it: show why, directly under it
                    named.parts().forEach(p -> condition(p, indent + MET.length(), out));
                } else {
                    c.parts().forEach(item -> condition(item, indent + MET.length(), out));
                }
            }
        }
    }

    private static String mark(Boolean met) {
        return met == null ? UNCHECKED : met ? MET : NOT_MET;
    }

    private static String assignments(Map<String, String> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + " = " + v));
        return String.join(", ", parts);
    }
}
