package dev.ppl.cli;

import dev.ppl.lsp.PolicyLanguageServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ppl lsp}: the language server editors start, speaking LSP over standard input and output. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {"Run the PPL language server for an editor: LSP (JSON-RPC) over standard input and output.",
                "Diagnostics as you type (those of `ppl check`, for the whole policy set of the workspace), completion,",
                "hover, go to definition, references, outline, formatting, quick fixes, and a code lens running the tests.",
                "Editors start it; it is not meant to be run by hand (see docs/tools.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the editor closed the connection", "64:usage error"})
final class LspCommand implements Callable<Integer> {

    @Option(names = "--policies", paramLabel = "DIR",
            description = "a folder of the policy set, relative to the workspace root (repeatable); default: every .ppl "
                    + "file under the root except build output (target, node_modules, build, out, dist) and hidden folders")
    List<Path> policies = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        // standard output is the protocol's: the raw stream, never the command line's buffered writer
        PolicyLanguageServer.serve(policies, new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
        return 0;
    }
}
