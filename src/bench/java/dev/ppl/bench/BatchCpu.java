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
 * runs ROUNDS times on both thread counts to warm up, then ROUNDS times measured.
 */
public final class BatchCpu {
    private BatchCpu() {}

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
            for (BatchBenchmark b : runs) {
                Callable<?>[] steps = {b::readOnly, b::readWrite, b::readEvaluateWrite};
                for (int i = 0; i < steps.length; i++) {
                    long cpu = os.getProcessCpuTime();
                    long mainCpu = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        steps[i].call();
                    }
                    double claims = (double) rounds * BatchBenchmark.CLAIMS;
                    System.out.printf("threads=%d %-18s cpu %8.2f us/claim, splitting+writing thread %8.2f us/claim,"
                                    + " wall %8.2f us/claim%n", b.threads, names[i],
                            (os.getProcessCpuTime() - cpu) / claims / 1000,
                            (threads.getCurrentThreadCpuTime() - mainCpu) / claims / 1000,
                            (System.nanoTime() - wall) / claims / 1000);
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
