package dev.ppl.formats.x12;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Randomly damaged X12 (byte flips, deletions, insertions of separator characters, truncation) never makes
 * the reader throw, and what it returns stays meaningful: no more results than {@code CLM} texts in the
 * input, every failed claim and file problem explained in words, and never the reader's own catch-all.
 */
class X12MutationProperties {

    private static final List<byte[]> SEEDS = seeds();
    private static final byte[] SEPARATORS = "*:~^|>\n ".getBytes(StandardCharsets.US_ASCII);
    private final X12ClaimReader reader = new X12ClaimReader(PayerMapping.defaults());

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        out.add(X12DefectsTest.BASE.getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(RealWorld837Test.dir("realworld/x12-837p"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".837")).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One edit: kind 0 flip, 1 delete a run, 2 insert a separator, 3 truncate, 4 duplicate a run. */
    record Edit(int kind, double where, int length, byte value) {}

    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<Edit> edit = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(1, 40),
                        Arbitraries.bytes())
                .as(Edit::new);
        return Combinators.combine(Arbitraries.integers().between(0, SEEDS.size() - 1), edit.list().ofMinSize(1).ofMaxSize(6))
                .as((seed, edits) -> apply(SEEDS.get(seed), edits));
    }

    static byte[] apply(byte[] seed, List<Edit> edits) {
        byte[] data = seed.clone();
        for (Edit e : edits) {
            if (data.length == 0) {
                break;
            }
            int at = (int) Math.min(data.length - 1, Math.floor(e.where() * data.length));
            int end = Math.min(data.length, at + e.length());
            data = switch (e.kind()) {
                case 0 -> {
                    byte[] d = data.clone();
                    d[at] = e.value();
                    yield d;
                }
                case 1 -> concat(Arrays.copyOfRange(data, 0, at), Arrays.copyOfRange(data, end, data.length));
                case 2 -> concat(Arrays.copyOfRange(data, 0, at),
                        new byte[] {SEPARATORS[Math.floorMod(e.value(), SEPARATORS.length)]},
                        Arrays.copyOfRange(data, at, data.length));
                case 3 -> Arrays.copyOfRange(data, 0, at);
                default -> concat(Arrays.copyOfRange(data, 0, end), Arrays.copyOfRange(data, at, data.length));
            };
        }
        return data;
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    @Property(tries = 500)
    void damagedInputNeverThrowsAndIsExplained(@ForAll("damaged") byte[] data) {
        FileReadResult r = reader.read(new ByteArrayInputStream(data), "damaged.x12");
        assertTrue(r.claims().size() <= occurrences(data, "CLM"),
                () -> r.claims().size() + " results for " + occurrences(data, "CLM") + " CLM texts");
        for (ClaimReadResult c : r.claims()) {
            assertTrue(c.isOk() || c.errors().stream().allMatch(e -> !e.message().isBlank()));
        }
        List<FieldError> all = new ArrayList<>(r.errors());
        r.claims().forEach(c -> all.addAll(c.errors()));
        for (FieldError e : all) {
            assertFalse(e.message().contains("Exception"), e::render);
            assertFalse(e.render().chars().anyMatch(Character::isISOControl), e::render);
        }
    }

    @Property(tries = 200)
    void anyBytesAfterIsaNeverThrow(@ForAll byte[] tail) {
        byte[] data = concat("ISA".getBytes(StandardCharsets.US_ASCII), tail);
        FileReadResult r = reader.read(new ByteArrayInputStream(data), "random.x12");
        assertTrue(r.claims().size() <= occurrences(data, "CLM"));
        assertFalse(r.errors().isEmpty() && r.claims().isEmpty() && r.warnings().isEmpty(),
                "random bytes are never a sound empty interchange");
    }

    static int occurrences(byte[] data, String text) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}
