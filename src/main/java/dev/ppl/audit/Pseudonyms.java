package dev.ppl.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Patient ids as keyed hashes ({@code hmac-sha256:...}), as in the decision log: the same key
 * gives the same pseudonym, so a report can be linked with the decision log by whoever holds the
 * key and by no one else. Without a key a random one is drawn per run.
 */
public final class Pseudonyms {
    private final Mac mac;

    private Pseudonyms(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Pseudonyms under a secret key of at least 16 bytes. */
    public static Pseudonyms keyed(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a patient key needs at least 16 bytes, got " + key.length);
        }
        return new Pseudonyms(key.clone());
    }

    /** Pseudonyms under a key drawn for this run only: stable within a report, unlinkable across runs. */
    public static Pseudonyms random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Pseudonyms(key);
    }

    /** The pseudonym of a patient id. */
    public String of(String patientId) {
        Mac m;
        try {
            m = (Mac) mac.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        byte[] hash = m.doFinal(patientId.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder("hmac-sha256:");
        for (int i = 0; i < hash.length; i++) {
            out.append(Character.forDigit((hash[i] >> 4) & 0xf, 16)).append(Character.forDigit(hash[i] & 0xf, 16));
        }
        return out.toString();
    }
}
