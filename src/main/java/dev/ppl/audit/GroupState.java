package dev.ppl.audit;

/**
 * What a measure keeps for one group while claims stream past: counters, a sum in millionths
 * (so adding is exact and order does not matter), and two bounded distinct-value sketches.
 * Its size does not grow with the number of claims.
 */
final class GroupState implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    long items;
    long numerator;
    long valued;
    long sumMicros;
    DistinctSketch distinct;
    DistinctSketch volume;
    final ClaimSample sample = new ClaimSample();
    /** Items behind the group, kept only for a measure being explained. */
    ItemSample trace;

    static long micros(double x) {
        return Math.round(x * 1_000_000d);
    }

    void merge(GroupState o) {
        items += o.items;
        numerator += o.numerator;
        valued += o.valued;
        sumMicros += o.sumMicros;
        if (o.distinct != null) {
            distinct().merge(o.distinct);
        }
        if (o.volume != null) {
            volume().merge(o.volume);
        }
        sample.merge(o.sample);
        if (o.trace != null) {
            trace().merge(o.trace);
        }
    }

    ItemSample trace() {
        if (trace == null) {
            trace = new ItemSample();
        }
        return trace;
    }

    DistinctSketch distinct() {
        if (distinct == null) {
            distinct = new DistinctSketch();
        }
        return distinct;
    }

    DistinctSketch volume() {
        if (volume == null) {
            volume = new DistinctSketch();
        }
        return volume;
    }
}
