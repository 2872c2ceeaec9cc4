package dev.ppl.ast;

import dev.ppl.source.Span;
import java.util.List;

/** A top-level declaration after the header. */
public sealed interface Decl {
    Span span();

    /** The kind of codes a code set holds. */
    enum CodeKind {
        PROCEDURE("codes", "CPT/HCPCS code"),
        DIAGNOSIS("diagnoses", "ICD-10-CM code"),
        MODIFIER("modifiers", "modifier"),
        NDC("ndcs", "NDC");

        private final String keyword;
        private final String noun;

        CodeKind(String keyword, String noun) {
            this.keyword = keyword;
            this.noun = noun;
        }

        public String keyword() {
            return keyword;
        }

        public String noun() {
            return noun;
        }
    }

    /** {@code codes NAME = { ... }}. */
    record CodeSet(CodeKind kind, Name name, SetExpr codes, Text cites, Span span) implements Decl {}

    /** {@code table NAME [from "file.csv"] key ... columns ... [row ...]}. */
    record Table(
            Name name,
            Text file,
            List<Name> keys,
            List<Column> columns,
            Name effectiveFrom,
            Name effectiveTo,
            Text cites,
            List<Row> rows,
            Span span)
            implements Decl {

        public Table {
            keys = List.copyOf(keys);
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** A table column: its name and declared type name ({@code code}, {@code number}, ...). */
    record Column(Name name, Name type) {}

    /** One inline table row. */
    record Row(List<Cell> cells, Span span) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** One cell of an inline row: the literal text as written and, for quantities, its unit. */
    record Cell(String text, String unit, CellKind kind, Span span) {}

    /** What a row cell was written as. */
    enum CellKind {
        NUMBER,
        STRING,
        DATE,
        CODE,
        WORD,
        MISSING
    }

    /**
     * A rule: optional {@code for each} bindings, {@code let}s, and one or more {@code when}
     * branches, each producing a finding.
     */
    record Rule(
            Name id,
            Text description,
            boolean override,
            Text reason,
            Text cites,
            List<Binding> bindings,
            Expr where,
            List<Let> lets,
            List<Branch> branches,
            Span span)
            implements Decl {

        public Rule {
            bindings = List.copyOf(bindings);
            lets = List.copyOf(lets);
            branches = List.copyOf(branches);
        }
    }

    /** {@code disable rule ID because "..."}: drops a rule inherited from the base policy. */
    record Disable(Name ruleId, Text reason, Span span) implements Decl {}

    /** A test case written beside the rules. */
    record Test(Text name, TestCase body, Span span) implements Decl {}

    /**
     * An audit measure: the items it counts (its {@code for each} combinations, or each claim),
     * the dimensions it groups them by, the value each group gets, and flags on that value.
     */
    record Measure(
            Name id,
            Text description,
            Text cites,
            List<Name> dimensions,
            List<Binding> bindings,
            Expr where,
            List<Let> lets,
            MeasureKind kind,
            Expr item,
            boolean perVolume,
            Expr volume,
            Integer minimumVolume,
            List<Benchmark> benchmarks,
            List<Flag> flags,
            Span span)
            implements Decl {

        public Measure {
            dimensions = List.copyOf(dimensions);
            bindings = List.copyOf(bindings);
            lets = List.copyOf(lets);
            benchmarks = List.copyOf(benchmarks);
            flags = List.copyOf(flags);
        }
    }

    /** What a measure computes per group from its items. */
    enum MeasureKind {
        /** Percentage of items for which a condition holds. */
        RATE("rate"),
        /** Number of items. */
        COUNT("count"),
        /** Sum of a number over the items. */
        SUM("sum"),
        /** Mean of a number over the items. */
        AVERAGE("average"),
        /** Number of distinct values over the items. */
        DISTINCT("distinct");

        private final String keyword;

        MeasureKind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** {@code benchmark NAME = expr}: a fixed comparison value, usually a table lookup. */
    record Benchmark(Name name, Expr value) {}

    /** {@code flag LEVEL when condition message ... fix ... cites ...}: judged once per group. */
    record Flag(Name level, Expr when, Template message, Template fix, Template cites, Span span) {}

    /** {@code name in collection}. */
    record Binding(Name var, Expr source) {}

    /** {@code let name = expr}. */
    record Let(Name name, Expr value) {}

    /** {@code when condition severity target ... message ... fix ... cites ...}. */
    record Branch(Expr when, Outcome outcome) {}

    /** What a branch produces. */
    record Outcome(
            Severity severity,
            Span severitySpan,
            Expr line,
            Name group,
            Name carc,
            List<Name> rarc,
            Template message,
            Template fix,
            Template cites,
            Span span) {

        public Outcome {
            rarc = List.copyOf(rarc);
        }
    }
}
