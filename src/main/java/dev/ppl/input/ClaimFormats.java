package dev.ppl.input;

import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import dev.ppl.formats.InputFormat;

/** The claim JSON formats of the contract ({@code docs/claim-format.md}). */
public final class ClaimFormats {
    /** The most a single claim may take, in characters: far more than 50 lines of claim ever need. */
    public static final int MAX_CLAIM_CHARS = 8 * 1024 * 1024;

    private ClaimFormats() {}

    /** A {@code .json} file holds one claim. Recognized by a JSON object with {@code claimId} or {@code lines}. */
    public static final ClaimFormat JSON = new ClaimFormat() {
        @Override
        public String name() {
            return "json";
        }

        @Override
        public boolean reads(InputFormat content) {
            return content == InputFormat.PPL_CLAIM_JSON;
        }

        @Override
        public List<String> extensions() {
            return List.of(".json");
        }

        @Override
        public ClaimInput open(String source, InputStream in) {
            return new ClaimInput() {
                private boolean done;

                @Override
                public ClaimRecord next() throws IOException {
                    if (done) {
                        return null;
                    }
                    done = true;
                    LineReader.Line all = new LineReader(in, MAX_CLAIM_CHARS).rest();
                    if (all == null) {
                        return ClaimRecord.of(source, 1, 0, ClaimReadResult.failed(null,
                                List.of(new FieldError("", "the file is empty, expected a claim JSON object"))));
                    }
                    return record(source, 1, all);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /**
     * An {@code .ndjson} or {@code .jsonl} file holds one claim per line; blank lines are skipped.
     * Recognized by a first line that is a whole JSON object (not a FHIR resource) and a second that
     * starts another.
     */
    public static final ClaimFormat NDJSON = new ClaimFormat() {
        @Override
        public String name() {
            return "ndjson";
        }

        @Override
        public boolean reads(InputFormat content) {
            // one claim on one line is NDJSON too; the extension tells it from claim JSON
            return content == InputFormat.NDJSON || content == InputFormat.PPL_CLAIM_JSON;
        }

        @Override
        public List<String> extensions() {
            return List.of(".ndjson", ".jsonl");
        }

        @Override
        public ClaimInput open(String source, InputStream in) {
            LineReader lines = new LineReader(in, MAX_CLAIM_CHARS);
            return new ClaimInput() {
                @Override
                public ClaimRecord next() throws IOException {
                    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
                        if (!line.blank()) {
                            return record(source, line.number(), line);
                        }
                    }
                    return null;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public String toString() {
            return name();
        }
    };

    /** Claim JSON and NDJSON. */
    public static List<ClaimFormat> defaults() {
        return List.of(JSON, NDJSON);
    }

    /**
     * Every format PPL reads: X12 837P and FHIR (payers mapped with {@code payers}), claim JSON
     * and NDJSON. FHIR is asked before claim JSON for {@code .json} files, so the content decides.
     */
    public static List<ClaimFormat> all(dev.ppl.formats.PayerMapping payers) {
        return all(payers, dev.ppl.formats.ReadMode.STRICT);
    }

    /** Every format PPL reads, X12 and FHIR in the given mode ({@link dev.ppl.formats.ReadMode#LENIENT} for audits). */
    public static List<ClaimFormat> all(dev.ppl.formats.PayerMapping payers, dev.ppl.formats.ReadMode mode) {
        return all(() -> payers, mode);
    }

    /**
     * As {@link #all(dev.ppl.formats.PayerMapping, dev.ppl.formats.ReadMode)}, the mapping made by
     * {@code payers} when the first X12 or FHIR file is read (once): a run that reads only claim
     * JSON, as a one-claim {@code ppl eval} does, never parses it.
     */
    public static List<ClaimFormat> all(java.util.function.Supplier<dev.ppl.formats.PayerMapping> payers,
            dev.ppl.formats.ReadMode mode) {
        java.util.function.Supplier<dev.ppl.formats.PayerMapping> once = new java.util.function.Supplier<>() {
            private dev.ppl.formats.PayerMapping made;

            @Override
            public synchronized dev.ppl.formats.PayerMapping get() {
                if (made == null) {
                    made = payers.get();
                }
                return made;
            }
        };
        return List.of(ReaderFormat.x12(once, mode), ReaderFormat.fhir(once, mode), JSON, NDJSON);
    }

    private static ClaimRecord record(String source, long number, LineReader.Line line) {
        if (line.tooLong()) {
            return ClaimRecord.of(source, number, line.size(), ClaimReadResult.failed(null, List.of(new FieldError("",
                    "the claim is longer than " + MAX_CLAIM_CHARS / (1024 * 1024) + " MiB; it was not read"))));
        }
        if (line.malformed() != null) {
            long inLine = line.malformed().offset();
            String value = line.malformed().value();
            return ClaimRecord.of(source, number, line.size(), ClaimReadResult.failed(null, List.of(new FieldError(
                    "byte " + (line.offset() + inLine), "the claim is not UTF-8: byte " + (line.offset() + inLine)
                            + " of the file (" + value + ", byte " + inLine + " of this record) is not valid UTF-8;"
                            + " claims must be UTF-8, so it was not read"))));
        }
        String text = line.text();
        return new ClaimRecord(source, number, line.size(), () -> ClaimJson.read(text));
    }

}
