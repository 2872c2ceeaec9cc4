package dev.ppl.check;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.Exprs;
import dev.ppl.ast.Name;
import dev.ppl.ast.Template;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an audit measure. Its item part (bindings, filter, lets, the value per item, the
 * volume key) is checked like a rule, against the claim; its group part (benchmarks and flags)
 * sees only the group's figures, which are bound as numeric variables.
 */
final class MeasureChecker {
    /** The dimensions a measure may group by, with what each one is. */
    static final Map<String, String> DIMENSIONS = new LinkedHashMap<>();

    static {
        DIMENSIONS.put("provider", "the billing provider's NPI");
        DIMENSIONS.put("renderingProvider", "the rendering provider's NPI (the line's, else the claim's)");
        DIMENSIONS.put("patient", "the patient, shown only as a keyed hash");
        DIMENSIONS.put("payer", "the payer id");
        DIMENSIONS.put("month", "the month of the line's date of service (else the claim's first)");
        DIMENSIONS.put("placeOfService", "the place of service (the line's, else the claim's)");
    }

    /** The group-level figures a benchmark or flag can read, in the order of their slots. */
    static final List<String> FIGURES = List.of(
            "value", "numerator", "denominator", "volume", "percentile", "peers", "peerMedian", "peer90");

    static final Set<String> LEVELS = Set.of("high", "medium", "low");

    private final Decl.Measure measure;
    private final Checker.RuleChecker rules;
    private final SourceFile source;
    private final Diagnostics diagnostics;

    MeasureChecker(Decl.Measure measure, Checker.RuleChecker rules, SourceFile source, Diagnostics diagnostics) {
        this.measure = measure;
        this.rules = rules;
        this.source = source;
        this.diagnostics = diagnostics;
    }

    void check() {
        dimensions();
        rules.push();
        for (Decl.Binding b : measure.bindings()) {
            Type element = rules.elementOf(rules.expr(b.source()), b.source(), "for each");
            rules.facts().bound.put(b, rules.bind(b.var(), element, false));
        }
        if (measure.where() != null) {
            rules.condition(measure.where());
        }
        for (Decl.Let let : measure.lets()) {
            Type t = rules.expr(let.value());
            rules.facts().bound.put(let, rules.bind(let.name(), t, t == Type.Simple.NUMBER));
        }
        item();
        if (measure.volume() != null) {
            distinctKey(measure.volume(), "volume distinct");
        }
        rules.pop();

        // the group part: the figures, then benchmarks, then flags
        rules.push();
        Set<String> groupNames = new HashSet<>(FIGURES);
        for (String figure : FIGURES) {
            rules.bind(new Name(figure, measure.id().span()), Type.Simple.NUMBER, true);
        }
        for (Decl.Benchmark b : measure.benchmarks()) {
            Type t = rules.expr(b.value());
            if (t != Type.Simple.NUMBER && t != Type.Simple.ERROR) {
                diagnostics.error("PPL0321", source, b.value().span(), "a benchmark is a number, but this is "
                        + t.describe(), "look up a number column, e.g. `CBR_RATES[\"modifier-25\"].national`");
            }
            groupOnly(b.value());
            if (!groupNames.add(b.name().text())) {
                diagnostics.error("PPL0313", source, b.name().span(), "`" + b.name().text()
                        + "` is already a name in this measure", "pick another name for the benchmark");
            } else {
                rules.facts().bound.put(b, rules.bind(b.name(), Type.Simple.NUMBER, true));
            }
        }
        for (Decl.Flag f : measure.flags()) {
            if (!LEVELS.contains(f.level().text())) {
                diagnostics.error("PPL0320", source, f.level().span(), "unknown flag level `" + f.level().text() + "`",
                        Suggest.help(f.level().text(), LEVELS, "a flag is `high`, `medium` or `low`"));
            }
            rules.condition(f.when());
            groupOnly(f.when());
            for (Template t : new Template[] {f.message(), f.fix(), f.cites()}) {
                if (t != null) {
                    rules.template(t);
                    t.parts().stream().filter(p -> p instanceof Template.Hole)
                            .forEach(p -> groupOnly(((Template.Hole) p).expr()));
                }
            }
        }
        rules.pop();
        rules.done();
    }

    private void dimensions() {
        Set<String> seen = new HashSet<>();
        for (Name d : measure.dimensions()) {
            if (!DIMENSIONS.containsKey(d.text())) {
                diagnostics.error("PPL0320", source, d.span(), "cannot group by `" + d.text() + "`",
                        Suggest.help(d.text(), DIMENSIONS.keySet(), "a measure groups by "
                                + String.join(", ", DIMENSIONS.keySet())));
            } else if (!seen.add(d.text())) {
                diagnostics.error("PPL0320", source, d.span(), "`" + d.text() + "` is named twice after `by`",
                        "name each dimension once");
            }
        }
    }

    private void item() {
        Expr e = measure.item();
        switch (measure.kind()) {
            case RATE -> rules.condition(e);
            case SUM, AVERAGE -> {
                Type t = rules.expr(e);
                if (t != Type.Simple.NUMBER && t != Type.Simple.ERROR) {
                    diagnostics.error("PPL0321", source, e.span(), "`" + measure.kind().keyword()
                            + "` needs a number per item, but this is " + t.describe(),
                            "use a number such as `l.units`; for a quantity divide by its unit, e.g. `d.dose / 1 mg`");
                }
            }
            case DISTINCT -> distinctKey(e, "distinct");
            case COUNT -> { }
        }
    }

    private void distinctKey(Expr e, String what) {
        Type t = rules.expr(e);
        if (t instanceof Type.ListOf l && !(l.element() instanceof Type.Entity)) {
            return; // every element of the list is one value
        }
        if (t instanceof Type.ListOf || t instanceof Type.RowOf || t instanceof Type.CodeSetOf
                || t == Type.Simple.BOOL || t instanceof Type.Entity) {
            diagnostics.error("PPL0321", source, e.span(), "`" + what + "` counts distinct values, but this is "
                    + t.describe(), "name one value per item, e.g. `patient.id` or `l.code`");
        }
    }

    /** Benchmarks and flags are judged per group, after every claim was read: no claim is in sight. */
    private void groupOnly(Expr e) {
        Exprs.walk(e, x -> {
            Symbol s = rules.facts().symbol(x);
            if (s instanceof Symbol.ClaimRoot || s instanceof Symbol.ClaimField) {
                diagnostics.error("PPL0322", source, x.span(), "a flag or benchmark sees the group's figures, not a claim",
                        "use " + String.join(", ", FIGURES.stream().map(n -> "`" + n + "`").toList())
                                + " or a benchmark; put claim conditions in the measure's `for each ... where`");
            }
        });
    }
}
