package dev.ppl.bench;

import dev.ppl.api.PolicyEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * {@link BuildBenchmark#tenThousandRules}'s build measured in process CPU time (the compiler
 * threads, the JIT and the GC all count) as well as wall time, for a machine too busy for wall
 * times alone to mean much. Each build is one line: its number in this JVM (build 1 is the cold
 * one a CLI run pays), wall ms, process CPU ms and the bytes the threads that build allocated.
 * Run with {@code mvn -o -Pbench verify -Dbench.main=dev.ppl.bench.BuildCpu -Djmh.args=BUILDS},
 * or {@code java -Xmx3g -cp ... dev.ppl.bench.BuildCpu BUILDS [DIR]} (the 10,000 rules are
 * written under {@code target/bench-build/rules} when no folder is given); run it with one build
 * in fresh JVMs, alternating two versions, to compare cold builds.
 */
public final class BuildCpu {
    private BuildCpu() {}

    public static void main(String[] args) throws Exception {
        int builds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path dir = args.length > 1 ? Path.of(args[1]) : BuildBenchmark.inputs(false).resolve("rules");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf("load average %.2f at the start%n", os.getSystemLoadAverage());
        for (int b = 1; b <= builds; b++) {
            long cpu = os.getProcessCpuTime();
            long allocated = allocated(threads);
            long wall = System.nanoTime();
            PolicyEngine engine = PolicyEngine.builder().load(dir).build();
            long wallNs = System.nanoTime() - wall;
            long cpuNs = os.getProcessCpuTime() - cpu;
            long bytes = allocated(threads) - allocated;
            int n = 0;
            for (var e : engine.policies().entries()) {
                n += e.compiled().rules().size();
            }
            System.out.printf("build %d: wall %,d ms, cpu %,d ms, allocated %,d MB, %d rules%n", b, wallNs / 1_000_000,
                    cpuNs / 1_000_000, bytes >> 20, n);
        }
        System.out.printf("load average %.2f at the end%n", os.getSystemLoadAverage());
    }

    /** Bytes allocated so far by every thread of the JVM, including the compiler threads that have finished. */
    private static long allocated(com.sun.management.ThreadMXBean threads) {
        return threads.getTotalThreadAllocatedBytes();
    }
}
