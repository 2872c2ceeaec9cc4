package dev.ppl.cli;

import dev.ppl.data.CodeFilter;
import dev.ppl.data.HcpcsImporter;
import dev.ppl.data.ImportException;
import dev.ppl.data.ImportProblem;
import dev.ppl.data.MueImporter;
import dev.ppl.data.NdcImporter;
import dev.ppl.data.PtpImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ppl data import KIND FILE...}: one official file kind into one PPL table file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turn official reference files into a PPL table with per-row effective dates, merging quarters.",
                "Kinds: ptp (NCCI PTP practitioner .txt files), mue (CMS MUE .csv tables), hcpcs (CMS alpha-numeric",
                "HCPCS file, .txt or .zip), ndc (CMS ASP NDC-HCPCS crosswalk .csv, with --fda-packages package.txt).",
                "Sources, layouts and the quarterly refresh: docs/reference-data.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the table was written", "64:usage error", "65:an input file is not in the official layout (listed on stderr)",
                "73:the table file cannot be written"})
final class DataImportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "ptp, mue, hcpcs or ndc")
    String kind;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "the official files; several quarters merge")
    List<Path> files;

    @Option(names = "--out", paramLabel = "TABLE.csv", description = "where to write the table (default: standard output)")
    Path out;

    @Option(names = "--codes", paramLabel = "LIST",
            description = "keep only these codes, e.g. 96372,99202-99215,J0120-J9999 (ptp: either column)")
    String codes;

    @Option(names = "--effective", paramLabel = "DATE",
            description = "mue, ndc: the first day of the quarter of a single file whose name does not say it")
    String effective;

    @Option(names = "--covers-from", paramLabel = "DATE",
            description = "mue: add rows with no value for every period from DATE on that no file covers, so rules can say so")
    String coversFrom;

    @Option(names = "--fda-packages", paramLabel = "package.txt", description = "ndc: the FDA NDC directory package file")
    Path fdaPackages;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            CodeFilter filter = codes == null ? null : CodeFilter.parse(codes);
            LocalDate eff = date("--effective", effective);
            LocalDate covers = date("--covers-from", coversFrom);
            String k = kind.toLowerCase(Locale.ROOT);
            if (!k.equals("mue") && covers != null || !(k.equals("mue") || k.equals("ndc")) && eff != null
                    || !k.equals("ndc") && fdaPackages != null) {
                throw new CliException(Main.USAGE, "ppl data import: --effective is for mue and ndc, --covers-from for mue, "
                        + "--fda-packages for ndc");
            }
            if (eff != null && files.size() > 1) {
                throw new CliException(Main.USAGE, "ppl data import: --effective names the quarter of one file; with several files "
                        + "keep the CMS file names, which carry the quarter");
            }
            CodeFilter all = filter == null ? CodeFilter.all() : filter;
            String table;
            int rows;
            switch (k) {
                case "ptp" -> {
                    List<PtpImporter.Edit> edits = PtpImporter.read(files, all);
                    table = PtpImporter.csv(edits);
                    rows = edits.size();
                }
                case "mue" -> {
                    List<MueImporter.Limit> limits = MueImporter.read(files, eff, all, covers);
                    table = MueImporter.csv(limits);
                    rows = limits.size();
                }
                case "hcpcs" -> {
                    List<HcpcsImporter.Code> list = HcpcsImporter.read(files, filter);
                    table = HcpcsImporter.csv(list);
                    rows = list.size();
                }
                case "ndc" -> {
                    List<NdcImporter.Package> packages = NdcImporter.read(files, eff, fdaPackages, all);
                    table = NdcImporter.csv(packages);
                    rows = packages.size();
                }
                default -> throw new CliException(Main.USAGE, "ppl data import: unknown kind `" + kind + "`; kinds are ptp, mue, hcpcs, ndc");
            }
            write(table);
            err.println("ppl data import: " + rows + " row(s) from " + files.size() + " file(s)"
                    + (out == null ? "" : " written to " + out));
            return 0;
        } catch (ImportException e) {
            for (ImportProblem p : e.problems()) {
                err.println(p.render());
            }
            err.println("ppl data import: no table written" + (out == null ? "" : "; " + out + " is unchanged"));
            return Main.DATA_ERROR;
        } catch (IllegalArgumentException e) {
            err.println("ppl data import: --codes: " + e.getMessage());
            return Main.USAGE;
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
    }

    private static LocalDate date(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(Main.USAGE, "ppl data import: " + option + " `" + text + "` is not a date (yyyy-mm-dd)");
        }
    }

    /** Writes beside the target and moves into place, so a failed write leaves the old table whole. */
    private void write(String table) {
        if (out == null) {
            spec.commandLine().getOut().print(table);
            spec.commandLine().getOut().flush();
            return;
        }
        Path target = out.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".ppl-import-", ".csv");
            try {
                Files.writeString(tmp, table, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            throw new CliException(Main.CANT_CREATE, "ppl data import: cannot write " + out + ": "
                    + (e instanceof IOException io ? IoErrors.describe(io) : e.getMessage()));
        }
    }
}
