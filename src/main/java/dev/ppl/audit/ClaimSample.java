package dev.ppl.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A few claim ids behind a group, for drill-down: the {@link #SIZE} ids with the smallest hash.
 * Which ids are kept depends only on the set of ids, never on the order claims were read, and
 * two samples merge into the sample of the union. Kept in two small arrays sorted by hash (none
 * until the first id), since a measure grouped by patient and month has a sample per group.
 */
final class ClaimSample implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    static final int SIZE = 10;

    private static final long[] NO_HASHES = {};
    private static final String[] NO_IDS = {};

    /** Hashes shifted right by one (so signed order is unsigned order), ascending; ids at the same index. */
    private long[] hashes = NO_HASHES;
    private String[] ids = NO_IDS;

    void add(String claimId) {
        if (claimId == null) {
            return;
        }
        add(DistinctSketch.hash(claimId) >>> 1, claimId);
    }

    private void add(long h, String claimId) {
        int size = hashes.length;
        if (size == SIZE && h >= hashes[SIZE - 1]) {
            return;
        }
        int at = Arrays.binarySearch(hashes, h);
        if (at >= 0) {
            return; // the same id again (a claim counted for two lines)
        }
        int insert = -at - 1;
        int kept = Math.min(SIZE, size + 1);
        long[] h2 = new long[kept];
        String[] i2 = new String[kept];
        System.arraycopy(hashes, 0, h2, 0, insert);
        System.arraycopy(ids, 0, i2, 0, insert);
        h2[insert] = h;
        i2[insert] = claimId;
        System.arraycopy(hashes, insert, h2, insert + 1, kept - insert - 1);
        System.arraycopy(ids, insert, i2, insert + 1, kept - insert - 1);
        hashes = h2;
        ids = i2;
    }

    void merge(ClaimSample other) {
        for (int i = 0; i < other.hashes.length; i++) {
            add(other.hashes[i], other.ids[i]);
        }
    }

    /** The kept ids, sorted. */
    List<String> ids() {
        List<String> out = new ArrayList<>(Arrays.asList(ids));
        out.sort(null);
        return out;
    }

    /** After Java deserialization the empty arrays are fresh copies; share the constants again. */
    private Object readResolve() {
        if (hashes.length == 0) {
            hashes = NO_HASHES;
            ids = NO_IDS;
        }
        return this;
    }
}
