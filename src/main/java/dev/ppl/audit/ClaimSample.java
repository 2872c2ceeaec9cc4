package dev.ppl.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A few claim ids behind a group, for drill-down: the {@link #SIZE} ids with the smallest hash.
 * Which ids are kept depends only on the set of ids, never on the order claims were read, and
 * two samples merge into the sample of the union.
 */
final class ClaimSample implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int SIZE = 10;

    private final TreeMap<Long, String> byHash = new TreeMap<>();

    void add(String claimId) {
        if (claimId == null) {
            return;
        }
        long h = DistinctSketch.hash(claimId) >>> 1;
        if (byHash.size() == SIZE && h >= byHash.lastKey()) {
            return;
        }
        byHash.put(h, claimId);
        if (byHash.size() > SIZE) {
            byHash.pollLastEntry();
        }
    }

    void merge(ClaimSample other) {
        other.byHash.values().forEach(this::add);
    }

    /** The kept ids, sorted. */
    List<String> ids() {
        List<String> out = new ArrayList<>(byHash.values());
        out.sort(null);
        return out;
    }
}
