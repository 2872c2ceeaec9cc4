package dev.ppl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;

/**
 * {@link BatchBenchmark}'s three steps measured in CPU time rather than wall time, for a machine
 * too busy for wall times to mean much: the CPU the whole process took a claim (workers, the
 * thread that splits and writes, and the JIT and GC threads) and the CPU of the thread that splits
 * and writes alone, which bounds how far more workers can go. Run with
 * {@code mvn -o -Pbench verify -Dbench.main=dev.ppl.bench.BatchCpu -Djmh.args=ROUNDS}: every step
 * runs ROUNDS times on both thread counts to warm up (after each setup's own warm-up), then ROUNDS
 * times measured, the steps taking turns one call each; the median and the least call are shown.
 */
public final class BatchCpu {
    private BatchCpu() {}

    /** The median and the least of every third value from {@code first}, in µs a claim. */
    private static String perClaim(long[] values, int first) {
        long[] v = new long[values.length / 3];
        for (int j = 0; j < v.length; j++) {
            v[j] = values[3 * j + first];
        }
        java.util.Arrays.sort(v);
        double claims = BatchBenchmark.CLAIMS * 1000.0;
        return String.format("%6.2f (%6.2f)", v[v.length / 2] / claims, v[0] / claims);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("load average %.2f at the start%n", os.getSystemLoadAverage());
        String[] names = {"readOnly", "readWrite", "readEvaluateWrite"};
        BatchBenchmark[] runs = new BatchBenchmark[2];
        for (int n = 1; n <= 2; n++) {
            runs[n - 1] = new BatchBenchmark();
            runs[n - 1].threads = n;
            runs[n - 1].setUp();
        }
        try {
            // warm every step on both thread counts first, so that the JIT is done before any measurement
            for (int w = 0; w < rounds; w++) {
                for (BatchBenchmark b : runs) {
                    b.readOnly();
                    b.readWrite();
                    b.readEvaluateWrite();
                }
            }
            // the steps take turns, one call each, so a busy spell of the machine falls on all of them
            long[][][] took = new long[runs.length][names.length][];
            for (int k = 0; k < runs.length; k++) {
                for (int i = 0; i < names.length; i++) {
                    took[k][i] = new long[3 * rounds];
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < runs.length; k++) {
                    BatchBenchmark b = runs[k];
                    Callable<?>[] steps = {b::readOnly, b::readWrite, b::readEvaluateWrite};
                    for (int i = 0; i < steps.length; i++) {
                        long cpu = os.getProcessCpuTime();
                        long mainCpu = threads.getCurrentThreadCpuTime();
                        long wall = System.nanoTime();
                        steps[i].call();
                        took[k][i][3 * r] = os.getProcessCpuTime() - cpu;
                        took[k][i][3 * r + 1] = threads.getCurrentThreadCpuTime() - mainCpu;
                        took[k][i][3 * r + 2] = System.nanoTime() - wall;
                    }
                }
            }
            for (int k = 0; k < runs.length; k++) {
                for (int i = 0; i < names.length; i++) {
                    System.out.printf("threads=%d %-18s median (least) us/claim: process cpu %s, splitting+writing thread %s,"
                                    + " wall %s%n", runs[k].threads, names[i], perClaim(took[k][i], 0),
                            perClaim(took[k][i], 1), perClaim(took[k][i], 2));
                }
            }
        } finally {
            for (BatchBenchmark b : runs) {
                b.tearDown();
            }
        }
        System.out.printf("load average %.2f at the end%n", os.getSystemLoadAverage());
    }
}
