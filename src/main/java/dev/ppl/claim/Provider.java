package dev.ppl.claim;

/**
 * A billing, rendering or supervising provider.
 *
 * @param npi the 10-digit National Provider Identifier
 * @param taxonomy the provider taxonomy code, or null
 * @param name the provider's name as the claim gives it (e.g. {@code "KILDARE, BEN"}), or null
 */
public record Provider(String npi, String taxonomy, String name) {

    /** A provider known by NPI and taxonomy, without a name. */
    public Provider(String npi, String taxonomy) {
        this(npi, taxonomy, null);
    }
}
