package dev.ppl.audit;

import dev.ppl.claim.Claim;
import dev.ppl.runtime.ClaimContext;
import dev.ppl.runtime.Frame;
import dev.ppl.runtime.Node;
import dev.ppl.value.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a measure's group states into figures: values, peer percentiles, benchmarks, flags. */
final class MeasureResults {
    /** Flags are judged on a group's figures: the frame's claim is an empty one (the checker saw no claim is read). */
    private static final ClaimContext NO_CLAIM = new ClaimContext(new Claim(null, null, null, null, null, null, null,
            List.of(), List.of(), null, List.of(), List.of()));

    private MeasureResults() {}

    /** A group's figures, as its flags see them ({@code total}: a rate's numerator, else the value before {@code per volume}). */
    private record Figures(List<String> key, GroupState state, double value, double total, double volume, boolean exact) {}

    private static Figures figures(CompiledMeasure m, List<String> key, GroupState g) {
        double value = switch (m.kind) {
            case RATE -> g.items == 0 ? Double.NaN : 100d * g.numerator / g.items;
            case COUNT -> g.items;
            case SUM -> g.sumMicros / 1_000_000d;
            case AVERAGE -> g.valued == 0 ? Double.NaN : (g.sumMicros / 1_000_000d) / g.valued;
            case DISTINCT -> g.distinct == null ? 0 : g.distinct.count();
        };
        double volume = m.distinctVolume ? (g.volume == null ? 0 : g.volume.count()) : g.items;
        double total = m.kind == dev.ppl.ast.Decl.MeasureKind.RATE ? g.numerator : value;
        if (m.perVolume) {
            value = volume == 0 ? Double.NaN : value / volume;
        }
        boolean exact = (g.distinct == null || g.distinct.exact()) && (g.volume == null || g.volume.exact());
        return new Figures(key, g, value, total, volume, exact);
    }

    /** Puts a group's figures and the benchmarks in the frame a flag's condition and message read. */
    private static void fill(Frame frame, CompiledMeasure m, Figures f, double percentile, int peers, double median,
            double p90) {
        double[] figures = {f.value(), f.total(), f.state().items, f.volume(), percentile, peers, median, p90};
        System.arraycopy(figures, 0, frame.nums, 0, figures.length);
        for (CompiledMeasure.Benchmark b : m.benchmarks) {
            frame.nums[b.slot()] = number(b.value().get(frame));
        }
    }

    /**
     * Why the groups {@code which} accepts got their figures and flags: every flag's condition
     * judged on them, and the items (claim ids and lines) kept for them when the measure was traced.
     */
    static MeasureExplanation explain(CompiledMeasure m, Map<List<String>, GroupState> states,
            java.util.function.Predicate<AuditResult.GroupResult> which) {
        AuditResult.MeasureResult result = of(m, states);
        Frame frame = new Frame(NO_CLAIM, m.refSlots, m.numSlots);
        List<MeasureExplanation.GroupExplanation> groups = new ArrayList<>();
        for (AuditResult.GroupResult g : result.groups()) {
            if (!which.test(g)) {
                continue;
            }
            GroupState state = states.get(g.key());
            boolean compared = !Double.isNaN(g.percentile());
            List<MeasureExplanation.FlagCheck> checks = new ArrayList<>();
            if (compared) {
                fill(frame, m, figures(m, g.key(), state), g.percentile(), result.peers(), result.peerMedian(),
                        result.peer90());
            }
            for (CompiledMeasure.Flag flag : m.flags) {
                checks.add(new MeasureExplanation.FlagCheck(flag.level(), flag.where(), flag.condition(),
                        compared && Boolean.TRUE.equals(flag.when().get(frame))));
            }
            ItemSample trace = state.trace;
            groups.add(new MeasureExplanation.GroupExplanation(g, compared, List.copyOf(checks),
                    trace == null ? List.of() : trace.held(), trace == null ? List.of() : trace.notHeld()));
        }
        return new MeasureExplanation(result, m.policy, m.version, m.declaredAt, m.definition, List.copyOf(groups));
    }

    static AuditResult.MeasureResult of(CompiledMeasure m, Map<List<String>, GroupState> states) {
        List<Figures> all = new ArrayList<>();
        states.forEach((key, g) -> all.add(figures(m, key, g)));
        double[] peers = all.stream().filter(f -> isPeer(m, f.volume()) && !Double.isNaN(f.value()))
                .mapToDouble(Figures::value).sorted().toArray();
        double median = nearestRank(peers, 50);
        double p90 = nearestRank(peers, 90);

        List<AuditResult.GroupResult> groups = new ArrayList<>();
        Frame frame = new Frame(NO_CLAIM, m.refSlots, m.numSlots);
        for (Figures f : all) {
            boolean peer = isPeer(m, f.volume()) && !Double.isNaN(f.value());
            double percentile = peer ? percentile(peers, f.value()) : Double.NaN;
            AuditResult.Flag flag = null;
            if (peer) {
                fill(frame, m, f, percentile, peers.length, median, p90);
                for (CompiledMeasure.Flag candidate : m.flags) {
                    if (Boolean.TRUE.equals(candidate.when().get(frame))) {
                        flag = new AuditResult.Flag(candidate.level(), render(candidate.message(), frame),
                                render(candidate.fix(), frame), candidate.cites() == null ? m.cites
                                        : render(candidate.cites(), frame));
                        break;
                    }
                }
            }
            groups.add(new AuditResult.GroupResult(f.key(), f.state().items, f.state().numerator, f.value(), f.volume(),
                    f.exact(), percentile, flag, f.state().sample.ids()));
        }
        groups.sort(Comparator.comparing((AuditResult.GroupResult g) -> g.flag() == null)
                .thenComparing(g -> Double.isNaN(g.value()) ? Double.NEGATIVE_INFINITY : -g.value())
                .thenComparing(g -> String.join("\u0000", g.key())));
        TreeMap<String, Double> benchmarks = new TreeMap<>();
        for (CompiledMeasure.Benchmark b : m.benchmarks) {
            benchmarks.put(b.name(), number(b.value().get(frame)));
        }
        return new AuditResult.MeasureResult(m.key, m.description, m.cites, m.kind.keyword(), m.dimensions,
                m.minimumVolume, m.distinctVolume, peers.length, median, p90, benchmarks, List.copyOf(groups));
    }

    private static boolean isPeer(CompiledMeasure m, double volume) {
        return m.minimumVolume == null || volume >= m.minimumVolume;
    }

    /** Percent of the sorted peer values that are at most {@code v} (the empirical distribution). */
    static double percentile(double[] sorted, double v) {
        int upper = Arrays.binarySearch(sorted, v);
        if (upper < 0) {
            upper = -upper - 1;
        } else {
            while (upper < sorted.length && sorted[upper] == v) {
                upper++;
            }
        }
        return 100d * upper / sorted.length;
    }

    /** The value at rank ceil(p/100 * n) of the sorted values; NaN when there are none. */
    static double nearestRank(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100d * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double number(Object o) {
        return o instanceof Double d ? d : Double.NaN;
    }

    private static String render(List<Object> parts, Frame f) {
        if (parts == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.append(s);
            } else {
                Object v = ((Node.Obj) p).get(f);
                out.append(v instanceof Double d ? (d.isNaN() ? "(not documented)" : Numbers.format(Math.round(d * 10) / 10d))
                        : v instanceof Boolean b ? (b ? "yes" : "no") : v == null ? "(not documented)" : v.toString());
            }
        }
        return out.toString();
    }
}
