package dev.ppl.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ppl.api.PolicySet;
import dev.ppl.claim.Claim;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws that make an audit streamable: results do not depend on the order claims arrive in,
 * and a corpus split in two, tallied apart and merged gives the tally of the whole.
 */
class MeasureProperties {
    static final PolicySet SET = Corpus.policies(MeasureTest.POLICY + """

            measure copied
              by provider
              for each inj in injections where inj.note is not blank
              rate any h in history where similarity(h.note, inj.note) >= 0.9
              volume distinct patient.id
            """);

    @Property(tries = 60)
    void orderDoesNotMatter(@ForAll("corpora") List<Claim> claims, @ForAll long seed) {
        List<Claim> shuffled = new ArrayList<>(claims);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(Corpus.audit(SET, claims), Corpus.audit(SET, shuffled));
    }

    @Property(tries = 60)
    void splitThenMergeEqualsWhole(@ForAll("corpora") List<Claim> claims, @ForAll long seed) {
        Random random = new Random(seed);
        Audit audit = Audit.of(SET, Pseudonyms.keyed(Corpus.KEY));
        Audit.Tally whole = audit.tally();
        Audit.Tally left = audit.tally();
        Audit.Tally right = audit.tally();
        for (Claim c : claims) {
            whole.add(c, SET.evaluate(c));
            (random.nextBoolean() ? left : right).add(c, SET.evaluate(c));
        }
        left.merge(right);
        assertEquals(whole.result(), left.result());
    }

    /** What PPL on Spark does: each part's tally travels as a serialized {@link Audit.Partial} and is merged. */
    @Property(tries = 30)
    void serializedPartialsMergeIntoTheWhole(@ForAll("corpora") List<Claim> claims, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        Audit audit = Audit.of(SET, Pseudonyms.keyed(Corpus.KEY));
        Audit.Tally whole = audit.tally();
        List<Audit.Tally> parts = List.of(audit.tally(), audit.tally(), audit.tally());
        for (Claim c : claims) {
            whole.add(c, SET.evaluate(c));
            parts.get(random.nextInt(3)).add(c, SET.evaluate(c));
        }
        Audit.Tally merged = audit.tally();
        for (Audit.Tally part : parts) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(part.partial());
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                merged.merge((Audit.Partial) in.readObject());
            }
        }
        assertEquals(whole.result(), merged.result());
    }

    @Provide
    Arbitrary<List<Claim>> corpora() {
        return claim().list().ofMaxSize(40).map(list -> {
            List<Claim> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i).apply("c" + i));
            }
            return out;
        });
    }

    private Arbitrary<java.util.function.Function<String, Claim>> claim() {
        Arbitrary<String> npi = Arbitraries.of("1111111111", "2222222222", "3333333333");
        Arbitrary<String> patient = Arbitraries.of("P1", "P2", "P3", "P4", "P5", "P6");
        Arbitrary<String> dx = Arbitraries.of("D51.0", "E53.8", "M54.50", "I10");
        Arbitrary<Integer> day = Arbitraries.integers().between(1, 80);
        Arbitrary<Boolean> em = Arbitraries.of(true, false);
        Arbitrary<Boolean> mod25 = Arbitraries.of(true, false);
        Arbitrary<Integer> units = Arbitraries.integers().between(1, 3);
        Arbitrary<String> note = Arbitraries.of("Given IM left deltoid, tolerated well.",
                "Given IM left deltoid, tolerated well!", "Patient reports fatigue; B12 given SC right arm.");
        return Combinators.combine(npi, patient, dx.list().ofMinSize(1).ofMaxSize(2), day, em, mod25, units, note)
                .as((n, p, d, dd, e, m, u, text) -> id -> {
                    String date = java.time.LocalDate.of(2026, 1, 1).plusDays(dd).toString();
                    List<Corpus.Line> lines = new ArrayList<>();
                    if (e) {
                        lines.add(Corpus.line("99213", m ? "25" : "", 1, date));
                    }
                    lines.add(Corpus.line("96372", "", u, date));
                    String injection = "{\"adminLine\":" + lines.size() + ",\"note\":\"" + text + "\"}";
                    String history = dd % 2 == 0 ? "{\"serviceDate\":\"2025-12-01\",\"code\":\"96372\",\"units\":1,"
                            + "\"note\":\"Given IM left deltoid, tolerated well.\"}" : "";
                    return Corpus.claim(id, n, p, d, lines, injection, history);
                });
    }
}
