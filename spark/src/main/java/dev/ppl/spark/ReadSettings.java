package dev.ppl.spark;

import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import dev.ppl.input.ClaimFormat;
import dev.ppl.input.ClaimFormats;
import java.io.Serializable;
import java.util.List;

/**
 * How claim files are read, as {@code ppl eval}'s {@code --payers} and {@code --lenient} say: the
 * payer mapping for X12 and FHIR claims (CSV text over the default Medicare contractors, or none)
 * and whether FHIR claims are read leniently.
 *
 * @param payerMappingCsv the mapping's CSV text ({@link PayerMapping#CSV_HEADER}), or null for the defaults
 * @param lenient judge the readable lines of a FHIR claim and report the rest as not checked
 */
public record ReadSettings(String payerMappingCsv, boolean lenient) implements Serializable {
    /** The defaults of {@code ppl eval}: default payer mapping, strict reading. */
    public static final ReadSettings DEFAULT = new ReadSettings(null, false);

    /** The claim formats to read with, as {@code ppl eval} builds them. */
    List<ClaimFormat> formats() {
        PayerMapping mapping = payerMappingCsv == null ? PayerMapping.defaults()
                : PayerMapping.defaults().overriddenBy(PayerMapping.fromCsv(payerMappingCsv, "payer mapping"));
        return ClaimFormats.all(mapping, lenient ? ReadMode.LENIENT : ReadMode.STRICT);
    }
}
