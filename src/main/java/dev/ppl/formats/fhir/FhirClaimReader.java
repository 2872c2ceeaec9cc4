package dev.ppl.formats.fhir;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.InputFormat;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads FHIR R4 {@code Claim} and {@code ExplanationOfBenefit} resources into PPL's claim model, over
 * Jackson's tree (no FHIR library). The input is one resource, a {@code Bundle} (every Claim and
 * ExplanationOfBenefit entry becomes one result; the other entries, such as Patient, Organization or
 * Coverage, are used to resolve references), or NDJSON with one resource per line.
 *
 * <p>Errors name FHIR paths, e.g. {@code Bundle.entry[2].resource.item[0].quantity.value}; in NDJSON the path
 * starts with the line, e.g. {@code [line 3] ExplanationOfBenefit.item[0].quantity}. What is read from
 * where is in {@code docs/x12-and-fhir.md}. This reader never throws for bad input.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FhirClaimReader {

    /** Made at the first FHIR file, not when the reader is: a run over claim JSON never needs Jackson's ObjectMapper. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    private final PayerMapping payers;
    private final ReadMode mode;

    /**
     * A strict reader: any problem fails the claim.
     *
     * @param payers turns the insurer into the PPL payer; see {@link PayerMapping#defaults()}
     */
    public FhirClaimReader(PayerMapping payers) {
        this(payers, ReadMode.STRICT);
    }

    /**
     * @param payers turns the insurer into the PPL payer; see {@link PayerMapping#defaults()}
     * @param mode {@link ReadMode#LENIENT} leaves unreadable service lines out, reported as not checked
     */
    public FhirClaimReader(PayerMapping payers, ReadMode mode) {
        this.payers = Objects.requireNonNull(payers, "payers");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Reads every Claim and ExplanationOfBenefit in {@code in}. The stream is read to its end but not closed.
     *
     * @param in UTF-8 JSON: a resource, a Bundle, or NDJSON of resources
     * @param sourceName names the input in the result, e.g. the file name
     * @return one result per Claim/ExplanationOfBenefit in file order, file-level errors and warnings
     */
    public FileReadResult read(InputStream in, String sourceName) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldError> warnings = new ArrayList<>();
        List<ClaimReadResult> claims = new ArrayList<>();
        byte[] data;
        try {
            data = in.readAllBytes();
        } catch (IOException e) {
            errors.add(new FieldError("", "the input cannot be read: " + e.getMessage()));
            return new FileReadResult(sourceName, claims, errors, warnings);
        }
        ClaimMapper mapper = new ClaimMapper(payers, warnings, mode);
        try {
            if (InputFormat.detect(data).lineDelimited()) {
                readLines(data, mapper, claims, errors);
            } else {
                JsonNode root = parse(data, 0, data.length, "", errors);
                if (root != null) {
                    readRoot(root, "", mapper, claims, errors);
                }
            }
        } catch (RuntimeException e) {
            // a bug must not stop a batch: report it against the file
            errors.add(new FieldError("", "internal error while reading FHIR (" + e + "); please report it"));
        }
        return new FileReadResult(sourceName, claims, errors, warnings);
    }

    private void readLines(byte[] data, ClaimMapper mapper, List<ClaimReadResult> claims, List<FieldError> errors) {
        int lineNo = 0;
        int start = 0;
        while (start <= data.length) {
            int end = start;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            lineNo++;
            String text = new String(data, start, end - start, StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                String prefix = "[line " + lineNo + "] ";
                JsonNode root = parse(data, start, end - start, prefix, errors);
                if (root != null) {
                    readRoot(root, prefix, mapper, claims, errors);
                }
            }
            start = end + 1;
        }
    }

    private void readRoot(JsonNode root, String prefix, ClaimMapper mapper, List<ClaimReadResult> claims,
            List<FieldError> errors) {
        if (!root.isObject()) {
            errors.add(new FieldError(prefix.strip(), "expected a JSON object (a FHIR resource), found "
                    + Json.kind(root)));
            return;
        }
        String type = Json.text(root, "resourceType");
        if (type == null) {
            errors.add(new FieldError(prefix.strip(), "not a FHIR resource: the object has no resourceType"));
            return;
        }
        switch (type) {
            case "Claim", "ExplanationOfBenefit" -> claims.add(mapper.map(root, prefix + type, References.of(root, null)));
            case "Bundle" -> {
                JsonNode entries = root.path("entry");
                References bundle = References.ofBundle(root);
                int found = 0;
                for (int i = 0; i < entries.size(); i++) {
                    JsonNode resource = entries.get(i).path("resource");
                    String t = Json.text(resource, "resourceType");
                    if ("Claim".equals(t) || "ExplanationOfBenefit".equals(t)) {
                        found++;
                        claims.add(mapper.map(resource, prefix + "Bundle.entry[" + i + "].resource",
                                References.of(resource, bundle)));
                    }
                }
                if (found == 0) {
                    errors.add(new FieldError(prefix + "Bundle.entry",
                            "the bundle holds no Claim or ExplanationOfBenefit resource"));
                }
            }
            default -> errors.add(new FieldError(prefix + type,
                    "a " + type + " resource is not a Claim, ExplanationOfBenefit or Bundle: nothing to read"));
        }
    }

    private static JsonNode parse(byte[] data, int offset, int length, String prefix, List<FieldError> errors) {
        try {
            JsonNode node = Mapper.MAPPER.readTree(data, offset, length);
            if (node == null || node.isMissingNode()) {
                errors.add(new FieldError(prefix.strip(), "the input is empty: expected a FHIR resource"));
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "byte " + (offset + Math.max(0, at.getByteOffset()));
            String lineCol = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            errors.add(new FieldError((prefix + where).strip(),
                    "not valid JSON" + lineCol + ": " + dev.ppl.claim.ClaimJson.jsonWords(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            errors.add(new FieldError(prefix.strip(), "the input cannot be read: " + e.getMessage()));
            return null;
        }
    }
}
