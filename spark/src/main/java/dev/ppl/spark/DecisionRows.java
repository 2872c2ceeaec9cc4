package dev.ppl.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.api.Decision;
import dev.ppl.api.DecisionJson;
import dev.ppl.api.Finding;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.CorpusHistory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The decisions Dataset: one row per row of the claims Dataset (docs/spark.md lists the columns). */
final class DecisionRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final StructType FINDING = new StructType()
            .add("rule", DataTypes.StringType, false)
            .add("policy", DataTypes.StringType, false)
            .add("severity", DataTypes.StringType, false)
            .add("line", DataTypes.IntegerType, true)
            .add("group", DataTypes.StringType, true)
            .add("carc", DataTypes.StringType, true)
            .add("rarc", new ArrayType(DataTypes.StringType, false), false)
            .add("message", DataTypes.StringType, true)
            .add("fix", DataTypes.StringType, true)
            .add("citation", DataTypes.StringType, true)
            .add("rule_source", DataTypes.StringType, true);

    static final StructType SCHEMA = new StructType()
            .add("file_index", DataTypes.IntegerType, false)
            .add("seq", DataTypes.LongType, false)
            .add("source", DataTypes.StringType, false)
            .add("record", DataTypes.LongType, false)
            .add("kind", DataTypes.StringType, false)
            .add("claim_id", DataTypes.StringType, true)
            .add("outcome", DataTypes.StringType, true)
            .add("policy_set", DataTypes.StringType, false)
            .add("decision", DataTypes.StringType, false)
            .add("findings", new ArrayType(FINDING, false), false);

    private DecisionRows() {}

    /** Evaluates each claim row as it comes. */
    static Iterator<Row> evaluate(Iterator<Row> claims, PolicyShipment policies) {
        PolicyEngine engine = policies.engine();
        return map(claims, row -> decide(row, engine, policies.digest(), null));
    }

    /**
     * Evaluates claim rows sorted by patient and date, giving each claim its patient's earlier
     * claims of the window as history ({@link CorpusHistory}).
     */
    static Iterator<Row> evaluateWithHistory(Iterator<Row> sorted, PolicyShipment policies, int windowDays) {
        PolicyEngine engine = policies.engine();
        String[] patient = {null};
        CorpusHistory.Window[] window = {null};
        return map(sorted, row -> {
            String key = row.isNullAt(ClaimRows.PATIENT_ID) ? null : row.getString(ClaimRows.PATIENT_ID);
            if (key == null) {
                return decide(row, engine, policies.digest(), null);
            }
            if (!key.equals(patient[0])) {
                patient[0] = key;
                window[0] = new CorpusHistory.Window(windowDays);
            }
            return decide(row, engine, policies.digest(), window[0]);
        });
    }

    private interface RowFunction {
        Row apply(Row row);
    }

    private static Iterator<Row> map(Iterator<Row> in, RowFunction f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public Row next() {
                return f.apply(in.next());
            }
        };
    }

    private static Row decide(Row row, PolicyEngine engine, String digest, CorpusHistory.Window window) {
        String source = row.getString(ClaimRows.SOURCE);
        long record = row.getLong(ClaimRows.RECORD);
        if (ClaimRows.FILE.equals(row.getString(ClaimRows.KIND))) {
            return RowFactory.create(row.getInt(ClaimRows.FILE_INDEX), row.getLong(ClaimRows.SEQ), source, record,
                    ClaimRows.FILE, null, null, digest, row.getString(ClaimRows.FILE_RECORD), ClaimRows.seq(List.of()));
        }
        Decision d;
        try {
            ClaimReadResult read = ClaimRows.readResult(row);
            if (window != null && read.isOk()) {
                Claim with = window.historyOf(read.claim());
                window.add(read.claim());
                read = new ClaimReadResult(read.claimId(), with, read.errors(), read.notChecked(), read.notCovered());
            }
            d = engine.evaluate(read);
        } catch (RuntimeException e) {
            // as ppl eval does: a bug in PPL rejects this claim alone, and the job goes on
            String claimId = Objects.requireNonNullElse(row.getString(ClaimRows.CLAIM_ID), "(unknown)");
            d = new Decision(claimId, "reject", List.of(), List.of(new Finding("internal-error", "ppl", "reject", null,
                    null, null, List.of(), "internal error while evaluating this claim: " + e
                            + " (please report this with the input that caused it)", null, null, null)));
        }
        ObjectNode json = DecisionJson.toJson(d);
        json.putObject("input").put("file", source).put("record", record);
        String line;
        try {
            line = JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision tree always serializes", e);
        }
        List<Row> findings = new ArrayList<>(d.findings().size());
        for (Finding f : d.findings()) {
            findings.add(RowFactory.create(f.rule(), f.policy(), f.severity(), f.line(), f.group(), f.carc(), ClaimRows.seq(f.rarc()),
                    f.message(), f.fix(), f.citation(), f.source()));
        }
        return RowFactory.create(row.getInt(ClaimRows.FILE_INDEX), row.getLong(ClaimRows.SEQ), source, record,
                ClaimRows.CLAIM, d.claimId(), d.outcome(), digest, line, ClaimRows.seq(findings));
    }
}
