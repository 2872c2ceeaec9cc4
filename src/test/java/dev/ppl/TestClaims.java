package dev.ppl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Claims built for tests from the contract example. */
public final class TestClaims {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestClaims() {}

    /** The contract example claim's JSON as written. */
    public static String example() {
        try {
            return Files.readString(Path.of("examples/claims/contract-example.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A small claim (about 200 KB, one line) that asks for a lot of work: 50 E/M lines, each
     * compared with each of 1,000 history notes by the copy-forward rule, with a 20,000-character
     * encounter note. Without a bound that is a billion characters of similarity().
     */
    public static String stalling() {
        try {
            ObjectNode c = (ObjectNode) JSON.readTree(example());
            c.put("claimId", "STALL-1");
            ArrayNode lines = c.putArray("lines");
            for (int i = 1; i <= 50; i++) {
                ObjectNode l = lines.addObject().put("line", i).put("code", "99213").put("units", 1).put("charge", 110.0)
                        .put("serviceDate", "2026-03-02");
                l.putArray("modifiers").add("25");
                l.putArray("diagnosisPointers").add(2);
            }
            c.remove("injections");
            ((ObjectNode) c.get("encounter")).put("note", "Worsening low back pain, exam and plan. ".repeat(500));
            ArrayNode history = c.putArray("history");
            for (int i = 0; i < 1000; i++) {
                history.addObject().put("claimId", "H-" + i).put("serviceDate", "2025-06-01").put("code", "99213")
                        .put("units", 1).put("note", "Follow-up visit " + i + ": back pain better, continue plan.");
            }
            return c.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
