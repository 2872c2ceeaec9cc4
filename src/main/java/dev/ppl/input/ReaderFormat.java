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
 * itself (an envelope that cannot be read, wrong counts) come first as record 0, a {@code reject}
 * with the byte offset or segment in words, so they are never silent. The file is read whole:
 * these readers check envelopes and references across the file.
 */
final class ReaderFormat implements ClaimFormat {
    private final String name;
    private final List<String> extensions;
    private final InputFormat detected;
    private final Reader reader;

    /** Reads one whole file into claims. */
    @FunctionalInterface
    interface Reader {
        FileReadResult read(InputStream in, String source);
    }

    private ReaderFormat(String name, List<String> extensions, InputFormat detected, Reader reader) {
        this.name = name;
        this.extensions = extensions;
        this.detected = detected;
        this.reader = reader;
    }

    static ClaimFormat x12(PayerMapping payers) {
        X12ClaimReader reader = new X12ClaimReader(payers);
        return new ReaderFormat("x12", List.of(".837", ".x12", ".edi"), InputFormat.X12, reader::read);
    }

    static ClaimFormat fhir(PayerMapping payers) {
        FhirClaimReader reader = new FhirClaimReader(payers);
        return new ReaderFormat("fhir", List.of(".json"), InputFormat.FHIR_JSON, reader::read);
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
    public boolean recognizes(byte[] head, int length) {
        return InputFormat.detect(java.util.Arrays.copyOf(head, length)) == detected;
    }

    @Override
    public ClaimInput open(String source, InputStream in) throws IOException {
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        FileReadResult result = reader.read(new ByteArrayInputStream(bytes), source);
        Deque<ClaimRecord> records = new ArrayDeque<>();
        if (!result.errors().isEmpty()) {
            records.add(ClaimRecord.of(source, 0, 0, ClaimReadResult.failed(null, result.errors())));
        }
        long number = 1;
        for (ClaimReadResult claim : result.claims()) {
            records.add(ClaimRecord.of(source, number++, bytes.length / Math.max(1, result.claims().size()), claim));
        }
        return new ClaimInput() {
            @Override
            public ClaimRecord next() {
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
