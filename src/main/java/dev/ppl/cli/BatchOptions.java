package dev.ppl.cli;

import dev.ppl.input.ClaimFormat;
import dev.ppl.input.ClaimInputs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a batch of claims is read and run, shared by {@code eval}, {@code audit} and {@code diff}:
 * the formats ({@code --input}, {@code --stdin-format}, and the payer mapping and mode of {@link
 * ReadOptions}), the worker threads and the progress bar.
 */
final class BatchOptions {

    @Mixin
    ReadOptions reading;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "threads that read, evaluate and write, the one reading the input among them; "
                    + "default: one per core")
    int threads;

    @Option(names = "--progress", negatable = true,
            description = "show a progress bar on stderr (default: only when on a terminal)")
    Boolean progress;

    @Option(names = "--stdin-format", defaultValue = "auto", paramLabel = "auto|json|ndjson|x12|fhir",
            description = "how to read -: auto (default) reads one claim when the first non-blank line is a lone {, "
                    + "else NDJSON")
    String stdinFormat = "auto";

    @Option(names = "--input", defaultValue = "auto", paramLabel = "auto|json|ndjson|x12|fhir",
            description = "read every named file and - in this format (a directory walk skips files of other formats); "
                    + "default: by content, then by extension")
    String input = "auto";

    /**
     * The claim readers asked for, forced to {@code --input} when it names a format; a {@link
     * CliException} when the payer mapping cannot be read or a format name is unknown.
     */
    ClaimInputs claimInputs(String command) {
        ClaimInputs inputs = new ClaimInputs(reading.formats());
        String problem = usage(inputs);
        if (problem != null) {
            throw new CliException(Main.USAGE, "ppl " + command + ": " + problem);
        }
        return input.equals("auto") ? inputs : inputs.forcing(inputs.format(input));
    }

    /** What is wrong with these options, in words, or null. */
    private String usage(ClaimInputs inputs) {
        if (threads < 0) {
            return "--threads must be 0 (one per core) or more, not " + threads;
        }
        if (!stdinFormat.equals("auto") && inputs.format(stdinFormat) == null) {
            return "unknown --stdin-format `" + stdinFormat + "`; use auto, json, ndjson, x12 or fhir";
        }
        if (!input.equals("auto") && inputs.format(input) == null) {
            return "unknown --input `" + input + "`; use auto, json, ndjson, x12 or fhir";
        }
        return null;
    }

    /** The format {@code -} is read in, or null to tell by its first line. */
    ClaimFormat stdinFormat(ClaimInputs inputs) {
        return stdinFormat.equals("auto") ? null : inputs.format(stdinFormat);
    }

    /** The worker threads to run. */
    int workers() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** Whether to draw the progress bar. */
    boolean showProgress() {
        return progress != null ? progress : System.console() != null;
    }
}
