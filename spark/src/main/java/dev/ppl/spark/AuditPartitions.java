package dev.ppl.spark;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.audit.Audit;
import dev.ppl.audit.Pseudonyms;
import dev.ppl.claim.ClaimReadResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The audit measures as a Spark aggregation: each partition tallies its claims ({@link Audit.Tally},
 * bounded state per group, never a claim) and sends its partial counts, serialized; the driver
 * merges them. Tallies merge in any grouping and order into the tally of the whole corpus, so the
 * result is the one {@code ppl audit} computes on one machine.
 */
final class AuditPartitions {
    private AuditPartitions() {}

    /** One partition's claims as one serialized {@link Audit.Partial}. */
    static Iterator<byte[]> tally(Iterator<Row> claims, PolicyShipment policies, byte[] patientKey) {
        PolicyEngine engine = policies.engine();
        Audit.Tally tally = Audit.of(engine.policies(), Pseudonyms.keyed(patientKey)).tally();
        while (claims.hasNext()) {
            Row row = claims.next();
            if (ClaimRows.FILE.equals(row.getString(ClaimRows.KIND))) {
                continue; // a file's own problems are not claims
            }
            ClaimReadResult read;
            Decision decision;
            try {
                read = ClaimRows.readResult(row);
                decision = engine.evaluate(read);
            } catch (RuntimeException e) {
                tally.addInvalid(); // as ppl audit counts an internal error
                continue;
            }
            if (read.isOk()) {
                tally.add(read.claim(), decision);
            } else {
                tally.addInvalid();
            }
        }
        return List.of(serialize(tally.partial())).iterator();
    }

    static byte[] serialize(Audit.Partial partial) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(partial);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize an audit tally", e);
        }
        return bytes.toByteArray();
    }

    static Audit.Partial deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Audit.Partial) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read an audit tally sent by a task", e);
        }
    }
}
