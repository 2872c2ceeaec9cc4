package dev.ppl.input;

import dev.ppl.claim.ClaimReadResult;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.InputFormat;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.fhir.FhirClaimReader;
import dev.ppl.formats.x12.X12ClaimReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * X12 837P and FHIR as claim formats: one record per claim ({@code CLM}, or {@code Claim} /
 * {@code ExplanationOfBenefit} resource), numbered from 1 in file order. Problems of the file
 * itself (an envelope that cannot be read, wrong counts, an 835 where claims were expected) and
 * its warnings come first as a {@link FileRecord}, so they are never silent and never pass for a
 * claim. The file is read whole: these readers check envelopes and references across the file.
 */
final class ReaderFormat implements ClaimFormat {
    private final String name;
    private final List<String> extensions;
    private final java.util.Set<InputFormat> detected;
    /** Makes the reader when the first file is read: a run that reads no file of this format never sets it up. */
    private final java.util.function.Supplier<Reader> make;
    private Reader reader;

    /** Reads one whole file into claims. */
    @FunctionalInterface
    interface Reader {
        FileReadResult read(InputStream in, String source);
    }

    private ReaderFormat(String name, List<String> extensions, java.util.Set<InputFormat> detected,
            java.util.function.Supplier<Reader> make) {
        this.name = name;
        this.extensions = extensions;
        this.detected = detected;
        this.make = make;
    }

    /** X12 837P, the payers mapped with {@code payers.get()}, asked for when the first X12 file is read. */
    static ClaimFormat x12(java.util.function.Supplier<PayerMapping> payers, dev.ppl.formats.ReadMode mode) {
        return new ReaderFormat("x12", List.of(".837", ".x12", ".edi"), java.util.Set.of(InputFormat.X12),
                () -> new X12ClaimReader(payers.get(), mode)::read);
    }

    /** FHIR, the payers mapped with {@code payers.get()}, asked for when the first FHIR file is read. */
    static ClaimFormat fhir(java.util.function.Supplier<PayerMapping> payers, dev.ppl.formats.ReadMode mode) {
        return new ReaderFormat("fhir", List.of(".json"),
                java.util.Set.of(InputFormat.FHIR_JSON, InputFormat.FHIR_NDJSON),
                () -> new FhirClaimReader(payers.get(), mode)::read);
    }

    private synchronized Reader reader() {
        if (reader == null) {
            reader = make.get();
        }
        return reader;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public boolean reads(InputFormat content) {
        return detected.contains(content);
    }

    @Override
    public ClaimInput open(String source, InputStream in) throws IOException {
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        FileReadResult result = reader().read(new ByteArrayInputStream(bytes), source);
        Deque<InputRecord> records = new ArrayDeque<>();
        if (!result.errors().isEmpty() || !result.warnings().isEmpty()) {
            records.add(FileRecord.read(source, name, result.errors(), result.warnings()));
        }
        long number = 1;
        for (ClaimReadResult claim : result.claims()) {
            records.add(ClaimRecord.of(source, number++, bytes.length / Math.max(1, result.claims().size()), claim));
        }
        return new ClaimInput() {
            @Override
            public InputRecord next() {
                return records.poll();
            }

            @Override
            public void close() {
                records.clear();
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
