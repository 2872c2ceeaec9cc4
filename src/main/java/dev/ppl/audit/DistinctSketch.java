package dev.ppl.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A count of distinct values in bounded memory: the K smallest 64-bit hashes of the values seen
 * (a "K minimum values" sketch). Below K distinct values the count is exact; above, it is
 * estimated as {@code (K - 1) / kth-smallest-hash} with a relative error of about
 * {@code 1 / sqrt(K)} (3% for K = 1024). Two sketches merge into the sketch of the union, and the
 * result does not depend on the order values were added in.
 */
final class DistinctSketch implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int K = 1024;

    /** Hashes shifted right by one so signed order is unsigned order; sorted ascending. */
    private long[] hashes = new long[4];
    private int size;

    void add(String value) {
        addHash(hash(value));
    }

    void addHash(long h) {
        long x = h >>> 1;
        if (size == K && x >= hashes[K - 1]) {
            return;
        }
        int at = Arrays.binarySearch(hashes, 0, size, x);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        if (size == hashes.length && size < K) {
            hashes = Arrays.copyOf(hashes, Math.min(K, size * 2));
        }
        int end = size == K ? K - 1 : size;
        System.arraycopy(hashes, insert, hashes, insert + 1, end - insert);
        hashes[insert] = x;
        if (size < K) {
            size++;
        }
    }

    void merge(DistinctSketch other) {
        for (int i = 0; i < other.size; i++) {
            addHash(other.hashes[i] << 1);
        }
    }

    /** The number of distinct values (exact below {@link #K}). */
    double count() {
        if (size < K) {
            return size;
        }
        double kth = (double) hashes[K - 1] / (double) Long.MAX_VALUE;
        return Math.rint((K - 1) / kth);
    }

    boolean exact() {
        return size < K;
    }

    /** FNV-1a over the UTF-8 bytes, then the SplitMix64 finaliser to spread the bits. */
    static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
