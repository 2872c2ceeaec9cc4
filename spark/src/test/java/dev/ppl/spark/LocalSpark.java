package dev.ppl.spark;

import dev.ppl.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** The test classes' Spark: local[2], no UI, few shuffle partitions; and {@code ppl eval} run in this JVM. */
final class LocalSpark {
    private LocalSpark() {}

    static SparkSession start(String name) {
        return SparkSession.builder()
                .appName(name)
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
    }

    /** What {@code ppl eval ARGS} writes to standard output, as lines; fails the test on a usage or internal error. */
    static List<String> pplEval(String... args) {
        List<String> all = new ArrayList<>(List.of("eval"));
        all.addAll(List.of(args));
        String text = ppl(all.toArray(String[]::new));
        return text.isEmpty() ? List.of() : List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** What {@code ppl ARGS} writes to standard output; fails the test on a usage, input or internal error. */
    static String ppl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), out, new PrintWriter(err));
        if (code == 64 || code == 66 || code == 70) { // usage, no input, internal error
            throw new AssertionError("ppl " + args[0] + " exited " + code + ": " + err);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
