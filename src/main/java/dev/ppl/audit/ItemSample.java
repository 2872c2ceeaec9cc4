package dev.ppl.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import dev.ppl.audit.MeasureExplanation.Item;

/**
 * The items behind one group of an explained measure, for drill-down: up to {@link #SIZE} items
 * for which a rate's condition held (for other kinds: any items) and up to {@link #SIZE} for which
 * it did not, each the ones with the smallest hash of claim id and line. Like {@link ClaimSample}
 * the kept items depend only on the set of items, never on the order claims were read, and two
 * samples merge into the sample of the union.
 */
final class ItemSample implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int SIZE = 12;

    private final TreeMap<Long, Item> held = new TreeMap<>();
    private final TreeMap<Long, Item> notHeld = new TreeMap<>();

    void add(Item item) {
        long h = DistinctSketch.hash(item.claimId() + "\u0000" + item.line()) >>> 1;
        TreeMap<Long, Item> kept = item.held() ? held : notHeld;
        if (kept.size() == SIZE && h >= kept.lastKey()) {
            return;
        }
        kept.put(h, item);
        if (kept.size() > SIZE) {
            kept.pollLastEntry();
        }
    }

    void merge(ItemSample other) {
        other.held.values().forEach(this::add);
        other.notHeld.values().forEach(this::add);
    }

    /** The kept items for which the condition held, by claim id and line. */
    List<Item> held() {
        return sorted(held);
    }

    /** The kept items for which a rate's condition did not hold, by claim id and line. */
    List<Item> notHeld() {
        return sorted(notHeld);
    }

    private static List<Item> sorted(TreeMap<Long, Item> items) {
        List<Item> out = new ArrayList<>(items.values());
        out.sort(Comparator.comparing((Item i) -> i.claimId() == null ? "" : i.claimId())
                .thenComparing(i -> i.line() == null ? 0 : i.line()));
        return out;
    }
}
