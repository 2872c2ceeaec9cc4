package dev.ppl.bench;

import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.Claim;
import dev.ppl.runtime.ClaimContext;
import dev.ppl.runtime.CompiledPolicy;
import dev.ppl.runtime.FindingSink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link CoreBenchmark}'s {@code byHand}, {@code engine} and {@code rules} timed by the CPU time of
 * the measuring thread instead of the wall clock, the variants alternated round by round: on a
 * shared machine whose load average is many times its cores, JMH's wall-clock times mostly measure
 * the wait for a core, while a thread's CPU time counts only its own work (caches and the JIT's
 * threads still disturb it, so the ratios are rough). Not a replacement for the JMH run on a quiet
 * machine; a way to compare two versions of the engine while other work runs.
 *
 * <pre>
 * mvn -o -Pbench verify -Dbench.main=dev.ppl.bench.CoreCpuTime -Djmh.args="400"         # rounds
 * mvn -o -Pbench verify -Dbench.main=dev.ppl.bench.CoreCpuTime -Djmh.args="400 engine"  # that variant alone (to profile)
 * </pre>
 */
public final class CoreCpuTime {
    private static volatile int sink;

    private CoreCpuTime() {}

    private interface Variant {
        int run(Claim c);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        List<Claim> mix = Snapshot.claims(Snapshot.claimJson());
        CoreByHand hand = new CoreByHand(Snapshot.POLICY);
        PolicyEngine engine = Snapshot.engine();
        Snapshot.checkEquivalent(engine, hand, mix);
        CompiledPolicy compiled = engine.policies().entries().get(0).compiled();
        List<Claim> cleanOnes = new ArrayList<>();
        for (Claim c : mix) {
            if (engine.evaluate(c).findings().isEmpty()) {
                cleanOnes.add(c);
            }
        }
        List<Claim> clean = new ArrayList<>();
        for (int i = 0; i < mix.size(); i++) {
            clean.add(cleanOnes.get(i % cleanOnes.size()));
        }
        String only = args.length > 1 ? args[1] : null;
        String[] names = {"byHand", "engine", "rules"};
        Variant[] variants = {
            c -> hand.check(c).findings().size(),
            c -> engine.evaluate(c).findings().size(),
            c -> {
                List<String> messages = new ArrayList<>();
                FindingSink s = (rule, branch, line, message, fix, citation) -> messages.add(message);
                compiled.evaluate(new ClaimContext(c), s);
                return messages.size();
            },
        };
        List<List<Claim>> sets = List.of(mix, clean);
        String[] setNames = {"mix", "clean"};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // short samples, many of them: the least disturbed (the minimum, a low percentile) are what
        // the code costs; a long sample always includes other processes' cache misses
        int passes = 10;
        if (only != null) {
            Variant v = variants[Arrays.asList(names).indexOf(only)];
            for (int r = 0; r < rounds * 10; r++) {
                time(threads, v, mix, passes);
            }
            return;
        }
        // warm-up: rules get their generated classes after 500 runs, then the JIT compiles them
        for (int w = 0; w < 400; w++) {
            for (Variant v : variants) {
                for (List<Claim> set : sets) {
                    time(threads, v, set, passes);
                }
            }
        }
        double[][][] ns = new double[sets.size()][variants.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < sets.size(); s++) {
                for (int k = 0; k < variants.length; k++) {
                    int v = (k + r) % variants.length; // a different order each round
                    ns[s][v][r] = time(threads, variants[v], sets.get(s), passes);
                }
            }
        }
        System.out.printf(Locale.ROOT, "CPU time per claim, %d rounds of %d passes; load average %.2f%n", rounds, passes,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| set | variant | best ns | 10th percentile ns | median ns | best × byHand | 10th pct × byHand | median × byHand |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (int s = 0; s < sets.size(); s++) {
            double bestHand = percentile(ns[s][0], 0);
            double lowHand = percentile(ns[s][0], 10);
            double medianHand = percentile(ns[s][0], 50);
            for (int v = 0; v < variants.length; v++) {
                double best = percentile(ns[s][v], 0);
                double low = percentile(ns[s][v], 10);
                double median = percentile(ns[s][v], 50);
                System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.2f |%n", setNames[s], names[v],
                        best, low, median, best / bestHand, low / lowHand, median / medianHand);
            }
        }
    }

    /** CPU time per claim of {@code passes} passes over the claims. */
    private static double time(ThreadMXBean threads, Variant v, List<Claim> claims, int passes) {
        int acc = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < claims.size(); i++) {
                acc += v.run(claims.get(i));
            }
        }
        long spent = threads.getCurrentThreadCpuTime() - start;
        sink += acc;
        return (double) spent / (passes * claims.size());
    }

    private static double percentile(double[] xs, int p) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }
}
