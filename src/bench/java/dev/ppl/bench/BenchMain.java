package dev.ppl.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks ({@code mvn -Pbench verify}) and prints each as a ratio to the baselines
 * measured in the same run, so that numbers from a busy or slow machine still compare.
 * Arguments are JMH's own ({@code -f 2 -wi 5}, a benchmark regex...).
 */
public final class BenchMain {
    /** The benchmarks that run the same rules as {@code handWritten}. */
    private static final List<String> HAND_COMPARED = List.of("handWritten", "threeRules");

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(EvaluationBenchmark.class.getName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        // claim param -> benchmark -> ns/op
        Map<String, Map<String, double[]>> byClaim = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            String claim = r.getParams().getParam("claim");
            var s = r.getPrimaryResult().getStatistics();
            byClaim.computeIfAbsent(claim, k -> new LinkedHashMap<>())
                    .put(name, new double[] {s.getMean(), s.getMeanErrorAt(0.999), s.getMin()});
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-6s %-16s %10s %10s %10s %12s %14s", "claim", "benchmark", "mean ns", "±99.9%",
                "best ns", "× readClaim", "× handWritten"));
        byClaim.forEach((claim, rows) -> {
            double[] read = rows.get("readClaim");
            double[] hand = rows.get("handWritten");
            rows.forEach((name, v) -> out.add(String.format(Locale.ROOT, "%-6s %-16s %10.1f %10.1f %10.1f %12s %14s", claim,
                    name, v[0], v[1], v[2], read == null ? "-" : String.format(Locale.ROOT, "%.3f", v[2] / read[2]),
                    hand == null || !HAND_COMPARED.contains(name) ? "-"
                            : String.format(Locale.ROOT, "%.2f", v[2] / hand[2]))));
        });
        System.out.println();
        System.out.println("Ratios to the baselines of this run, on the best iteration of each (lower is faster;");
        System.out.println("the best iteration is the one least disturbed by other work on the machine):");
        out.forEach(System.out::println);
    }
}
