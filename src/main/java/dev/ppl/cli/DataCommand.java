package dev.ppl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ppl data}: reference data tables. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Reference data: build PPL tables from the official CMS and FDA files.",
        subcommands = {DataImportCommand.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
