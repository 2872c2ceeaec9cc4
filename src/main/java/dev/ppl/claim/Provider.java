package dev.ppl.claim;

/**
 * A billing or rendering provider.
 *
 * @param npi the 10-digit National Provider Identifier
 * @param taxonomy the provider taxonomy code, or null
 */
public record Provider(String npi, String taxonomy) {}
