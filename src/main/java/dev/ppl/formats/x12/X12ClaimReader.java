package dev.ppl.formats.x12;

import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads X12 837P (005010X222A1) professional claims into PPL's claim model, one {@link ClaimReadResult} per
 * {@code CLM} segment, in file order, across any number of interchanges, functional groups and transaction
 * sets. The tokenizing and envelope checks are StAEDI's; the separators come from each ISA header.
 *
 * <p>What is read from where, what is not read and the error format are in {@code docs/x12-and-fhir.md}.
 * A claim with a defect becomes {@link ClaimReadResult#failed} with one {@link FieldError} per problem, whose
 * path names the segment position, loop and element, e.g. {@code segment 23 SV1 (loop 2400, claim CLM-1
 * line 2), SV104}; the other claims of the file are still read. An envelope that cannot be read gives a
 * file-level error naming the byte offset. This reader never throws for bad input.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class X12ClaimReader {

    private final PayerMapping payers;
    private final ReadMode mode;

    /**
     * A strict reader: any problem fails the claim.
     *
     * @param payers turns the payer in loop 2010BB into the PPL payer; see {@link PayerMapping#defaults()}
     */
    public X12ClaimReader(PayerMapping payers) {
        this(payers, ReadMode.STRICT);
    }

    /**
     * @param payers turns the payer in loop 2010BB into the PPL payer; see {@link PayerMapping#defaults()}
     * @param mode {@link ReadMode#LENIENT} leaves a service line with problems out of the claim, reported in
     *     {@link ClaimReadResult#notChecked()}; problems of the claim itself still fail it
     */
    public X12ClaimReader(PayerMapping payers, ReadMode mode) {
        this.payers = Objects.requireNonNull(payers, "payers");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Reads every claim in {@code in}. The stream is read to its end but not closed.
     *
     * @param in the X12 content; a UTF-8 byte-order mark and whitespace before {@code ISA} are skipped
     * @param sourceName names the input in the result, e.g. the file name
     * @return one result per CLM in file order, file-level errors and warnings
     */
    public FileReadResult read(InputStream in, String sourceName) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldError> warnings = new ArrayList<>();
        byte[] data;
        try {
            data = in.readAllBytes();
        } catch (IOException e) {
            errors.add(new FieldError("", "the input cannot be read: " + e.getMessage()));
            return result(sourceName, List.of(), errors, warnings);
        }
        int start = skipBomAndWhitespace(data);
        if (start >= data.length) {
            errors.add(new FieldError("byte " + start, "the input is empty: expected an X12 interchange starting with ISA"));
            return result(sourceName, List.of(), errors, warnings);
        }
        if (data.length - start < 3 || data[start] != 'I' || data[start + 1] != 'S' || data[start + 2] != 'A') {
            errors.add(new FieldError("byte " + start,
                    "not an X12 interchange: it must start with `ISA`, found `" + preview(data, start) + "`"));
            return result(sourceName, List.of(), errors, warnings);
        }
        String header = SegmentSource.checkIsaHeader(data, start);
        if (header != null) {
            errors.add(new FieldError("byte " + start, "the interchange header cannot be read: " + header));
            return result(sourceName, List.of(), errors, warnings);
        }
        ClaimAssembler assembler = new ClaimAssembler(payers, mode, errors, warnings);
        try {
            SegmentSource.read(data, start, assembler, errors);
        } catch (RuntimeException e) {
            // a bug must not stop a batch: report it against the file, keep the claims read so far
            errors.add(new FieldError("", "internal error while reading X12 (" + e + "); please report it"));
        }
        List<ClaimReadResult> claims = assembler.results();
        if (claims.isEmpty() && !errors.isEmpty() && noTransactionSeen(errors)) {
            errors.add(new FieldError("", "no claim could be read; check that every segment ends with the terminator"
                    + " declared in ISA (the byte after ISA16: `" + (char) data[start + SegmentSource.ISA_LENGTH - 1]
                    + "`)"));
        }
        return result(sourceName, claims, errors, warnings);
    }

    private static FileReadResult result(String sourceName, List<ClaimReadResult> claims, List<FieldError> errors,
            List<FieldError> warnings) {
        return new FileReadResult(sourceName, claims.stream().map(X12ClaimReader::clean).toList(), clean(errors),
                clean(warnings));
    }

    /** Control characters from a damaged file would garble a message: show them escaped. */
    private static List<FieldError> clean(List<FieldError> errors) {
        return errors.stream()
                .map(e -> new FieldError(escape(e.path()), escape(e.message())))
                .toList();
    }

    private static ClaimReadResult clean(ClaimReadResult r) {
        if (r.isFailed()) {
            return ClaimReadResult.failed(r.claimId(), clean(r.errors()));
        }
        return r.notChecked().isEmpty() ? r : ClaimReadResult.partial(r.claim(), clean(r.notChecked()));
    }

    private static String escape(String s) {
        return SegmentSource.show(s, Integer.MAX_VALUE);
    }

    private static boolean noTransactionSeen(List<FieldError> errors) {
        return errors.stream().noneMatch(e -> e.message().contains("transaction set `"));
    }

    private static int skipBomAndWhitespace(byte[] data) {
        int i = 0;
        if (data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < data.length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static String preview(byte[] data, int start) {
        int end = Math.min(data.length, start + 20);
        return new String(data, start, end - start, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ");
    }
}
