package dev.ppl.spark;

import dev.ppl.audit.SyntheticPractice;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a synthetic practice ({@link SyntheticPractice}: a year of Medicare B12 injection claims with
 * three planted audit patterns) as NDJSON files for the example and the benchmark, round robin over
 * {@code FILES} files, without the generator's embedded history (so history comes from the corpus):
 * {@code GenerateCorpus DIR PATIENTS FILES}. About 14.8 claims per patient.
 */
public final class GenerateCorpus {
    private GenerateCorpus() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: GenerateCorpus DIR PATIENTS FILES");
            System.exit(64);
        }
        long n = write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.err.println("wrote " + n + " claims to " + args[0]);
    }

    /** Writes the corpus; returns the number of claims. */
    public static long write(Path dir, int patients, int files) throws IOException {
        Files.createDirectories(dir);
        List<BufferedWriter> out = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            out.add(Files.newBufferedWriter(dir.resolve(String.format(Locale.ROOT, "claims-%03d.ndjson", i)),
                    StandardCharsets.UTF_8));
        }
        long[] n = {0};
        long count = SyntheticPractice.of(2026, 6, patients, 2026).generate(claim -> {
            BufferedWriter w = out.get((int) (n[0]++ % files));
            w.write(claim, 0, claim.indexOf(",\"history\":["));
            w.write("}\n");
        }, null);
        for (BufferedWriter w : out) {
            w.close();
        }
        return count;
    }
}
