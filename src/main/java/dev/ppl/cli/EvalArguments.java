package dev.ppl.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The common {@code ppl eval} command lines read without picocli: claim files and {@code -},
 * {@code -p}/{@code --policies DIR} and {@code --format json|text}. Picocli builds its model of a
 * command by reflection over the command and its mixins, which cost a one-claim run about a
 * quarter of its start (docs/performance.md); these few options are read here exactly as picocli
 * reads them ({@code EvalArgumentsTest} holds the two to the same fields on the same arguments).
 *
 * <p>Anything else goes to picocli, so help, usage and every error message stay picocli's: any
 * other option, {@code --help}, {@code --}, an {@code @file}, an option value that starts with
 * {@code -}, {@code --format} given twice, no claim at all, a path the file system cannot name.
 */
final class EvalArguments {

    private EvalArguments() {}

    /**
     * The {@code eval} command for {@code args} (starting with {@code eval}) with its options set
     * as picocli would set them, or null when picocli must read the arguments.
     */
    static EvalCommand parse(String[] args, Main main) {
        if (args.length < 2 || !args[0].equals("eval")) {
            return null;
        }
        EvalCommand eval = new EvalCommand();
        eval.main = main;
        eval.policyOptions = new PolicyOptions();
        eval.batch = new BatchOptions();
        eval.batch.reading = new ReadOptions();
        String format = null;
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                String option = arg;
                String value = null;
                if (arg.startsWith("--") && arg.indexOf('=') > 0) {
                    option = arg.substring(0, arg.indexOf('='));
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (arg.equals("-p") || arg.equals("--policies") || arg.equals("--format")) {
                    if (i + 1 == args.length) {
                        return null; // picocli says what is missing
                    }
                    value = args[++i];
                } else if (arg.equals("-") || !arg.startsWith("-") && !arg.startsWith("@")) {
                    eval.inputs.add(arg);
                    continue;
                } else {
                    return null;
                }
                if (value.startsWith("-") && !value.isEmpty() || value.startsWith("@")) {
                    return null; // picocli may take it for an option (a missing value) or an @file
                }
                switch (option) {
                    case "-p", "--policies" -> eval.policyOptions.policies.add(Path.of(value));
                    case "--format" -> {
                        if (format != null) {
                            return null; // picocli refuses a single-valued option given twice
                        }
                        format = value;
                    }
                    default -> {
                        return null;
                    }
                }
            }
        } catch (InvalidPathException e) {
            return null; // picocli names the option and the bad path
        }
        if (eval.inputs.isEmpty()) {
            return null;
        }
        if (format != null) {
            eval.format = format;
        }
        return eval;
    }
}
