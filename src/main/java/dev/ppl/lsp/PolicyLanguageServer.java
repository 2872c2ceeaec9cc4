package dev.ppl.lsp;

import dev.ppl.source.Diagnostic;
import dev.ppl.testing.PolicyTests;
import dev.ppl.testing.TestResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * PPL's language server. Every edit re-checks the whole policy set of the workspace (so an edit
 * of a base policy re-checks the policies that extend it) and publishes the diagnostics of {@code
 * ppl check}; requests are answered from the latest check.
 */
public final class PolicyLanguageServer implements LanguageServer, LanguageClientAware {
    /** The command a code lens runs: the tests of one policy file ({@code ppl test}). */
    static final String RUN_TESTS = "ppl.runTests";
    /** How long after the last keystroke the set is checked again. */
    private static final long DEBOUNCE_MS = 150;

    private final List<Path> policyFolders;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ppl-lsp-check");
        t.setDaemon(true);
        return t;
    });
    private final PolicyDocuments documents = new PolicyDocuments(this);
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private LanguageClient client;
    private boolean lensRefresh;
    private Workspace workspace;
    private ScheduledFuture<?> pending;
    /** Files that were sent diagnostics, so that a fixed file is sent an empty list. */
    private final Set<String> published = new HashSet<>();
    /** The failures of the last test run of each file, by file name; dropped when the file is edited. */
    private final Map<String, List<org.eclipse.lsp4j.Diagnostic>> testFailures = new HashMap<>();
    /** The summary of the last test run of each file, shown on its code lens. */
    private final Map<String, String> testSummaries = new HashMap<>();
    private final Set<String> reportedUnreadable = new HashSet<>();

    /**
     * @param policyFolders the folders of the policy set, relative to the workspace root; empty for
     *     every {@code .ppl} file under the root
     */
    public PolicyLanguageServer(List<Path> policyFolders) {
        this.policyFolders = List.copyOf(policyFolders);
    }

    /**
     * Serves one client over a pair of streams (standard input and output for {@code ppl lsp})
     * until the input ends or the client says {@code exit}.
     */
    public static void serve(List<Path> policyFolders, InputStream in, OutputStream out)
            throws InterruptedException {
        PolicyLanguageServer server = new PolicyLanguageServer(policyFolders);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        var listening = launcher.startListening();
        try {
            CompletableFuture.anyOf(server.exited, CompletableFuture.runAsync(() -> {
                try {
                    listening.get();
                } catch (InterruptedException | ExecutionException e) {
                    // the input ended: the client has gone
                }
            })).get();
        } catch (ExecutionException e) {
            // the client has gone; nothing to report to
        } finally {
            listening.cancel(true);
            server.checker.shutdownNow();
        }
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        Path root = null;
        if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
            root = Workspace.path(params.getWorkspaceFolders().get(0).getUri());
        }
        if (root == null && params.getRootUri() != null) {
            root = Workspace.path(params.getRootUri());
        }
        if (root == null) {
            root = Path.of("").toAbsolutePath();
        }
        List<Path> folders = new ArrayList<>(policyFolders);
        if (params.getInitializationOptions() instanceof com.google.gson.JsonObject options
                && options.has("policies") && options.get("policies").isJsonArray()) {
            options.getAsJsonArray("policies").forEach(e -> folders.add(Path.of(e.getAsString())));
        }
        workspace = new Workspace(root, folders);
        var caps0 = params.getCapabilities();
        lensRefresh = caps0 != null && caps0.getWorkspace() != null && caps0.getWorkspace().getCodeLens() != null
                && Boolean.TRUE.equals(caps0.getWorkspace().getCodeLens().getRefreshSupport());

        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Full);
        caps.setCompletionProvider(new CompletionOptions(false, List.of(".", " ", "[")));
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setReferencesProvider(true);
        caps.setDocumentSymbolProvider(true);
        caps.setDocumentFormattingProvider(true);
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        caps.setCodeLensProvider(new CodeLensOptions(false));
        caps.setExecuteCommandProvider(new ExecuteCommandOptions(List.of(RUN_TESTS)));
        String version = PolicyLanguageServer.class.getPackage().getImplementationVersion();
        return CompletableFuture.completedFuture(new InitializeResult(caps,
                new ServerInfo("ppl", version == null ? "development build" : version)));
    }

    @Override
    public void initialized(InitializedParams params) {
        schedule();
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exited.complete(null);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return new WorkspaceService() {
            @Override
            public void didChangeConfiguration(DidChangeConfigurationParams params) {
                // the policy folders are set when the server starts
            }

            @Override
            public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
                workspace.filesChanged();
                schedule();
            }

            @Override
            public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
                if (RUN_TESTS.equals(params.getCommand()) && !params.getArguments().isEmpty()) {
                    Object arg = params.getArguments().get(0);
                    String uri = arg instanceof com.google.gson.JsonPrimitive p ? p.getAsString() : String.valueOf(arg);
                    return CompletableFuture.completedFuture(runTests(uri));
                }
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    Workspace workspace() {
        return workspace;
    }

    String testSummary(String name) {
        synchronized (testFailures) {
            return testSummaries.get(name);
        }
    }

    /** A document changed: its last test results no longer hold; check again shortly. */
    void edited(String uri) {
        synchronized (testFailures) {
            String name = workspace.name(uri);
            testFailures.remove(name);
            testSummaries.remove(name);
        }
        schedule();
    }

    synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = checker.schedule(this::publish, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }

    /** Checks the set and sends every file's diagnostics (an empty list to files that no longer have any). */
    private void publish() {
        try {
            Analysis analysis = workspace.analysis();
            for (String problem : analysis.unreadable()) {
                if (reportedUnreadable.add(problem)) {
                    client.logMessage(new MessageParams(MessageType.Warning, "ppl: " + problem));
                }
            }
            Map<String, List<org.eclipse.lsp4j.Diagnostic>> byName = new HashMap<>();
            analysis.diagnostics().forEach((name, list) -> byName.put(name, convert(list)));
            synchronized (testFailures) {
                testFailures.forEach((name, list) -> byName.computeIfAbsent(name, k -> new ArrayList<>()).addAll(list));
            }
            Set<String> names = new HashSet<>(byName.keySet());
            // an open document is always told, so that an editor shows it checked and clean
            workspace.openNames().forEach(names::add);
            synchronized (published) {
                names.addAll(published);
                published.clear();
                published.addAll(byName.keySet());
            }
            for (String name : names) {
                String uri = workspace.uri(name);
                if (uri == null) {
                    continue;
                }
                Workspace.Document d = workspace.document(uri);
                PublishDiagnosticsParams p = new PublishDiagnosticsParams(uri, byName.getOrDefault(name, List.of()));
                if (d != null) {
                    p.setVersion(d.version());
                }
                client.publishDiagnostics(p);
            }
        } catch (RuntimeException e) {
            // a bug must not end the server: the editor keeps working, the log says what happened
            client.logMessage(new MessageParams(MessageType.Error, "ppl: internal error while checking: " + e
                    + " (please report this with the policy that caused it)"));
        }
    }

    static List<org.eclipse.lsp4j.Diagnostic> convert(List<Diagnostic> list) {
        List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : list) {
            out.add(convert(d));
        }
        return out;
    }

    /** A diagnostic as the editor shows it: the message, then the help on its own line, as {@code ppl check} prints them. */
    static org.eclipse.lsp4j.Diagnostic convert(Diagnostic d) {
        Range range = Positions.range(d.source(), d.span());
        var out = new org.eclipse.lsp4j.Diagnostic(range, d.help() == null ? d.message() : d.message() + "\nhelp: " + d.help(),
                d.isError() ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "ppl");
        out.setCode(d.code());
        return out;
    }

    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    /** Runs the tests of one policy file; their failures become diagnostics on the test lines. Returns a summary. */
    String runTests(String uri) {
        Analysis analysis = workspace.analysis();
        String name = workspace.name(uri);
        Analysis.FileModel file = analysis.file(name);
        if (file == null) {
            return "not a policy file of this workspace";
        }
        boolean compiled = analysis.set().entries().stream()
                .anyMatch(e -> e.checked().file().source().path().equals(name));
        if (!compiled) {
            String why = "the tests of " + name + " cannot run: the policy has errors (fix them first)";
            client.showMessage(new MessageParams(MessageType.Warning, why));
            return why;
        }
        List<TestResult> results = PolicyTests.run(analysis.set(), analysis.sources(), name::equals);
        List<org.eclipse.lsp4j.Diagnostic> failures = new ArrayList<>();
        int failed = 0;
        for (TestResult r : results) {
            if (r.passed()) {
                continue;
            }
            failed++;
            int testLine = Integer.parseInt(r.location().substring(r.location().lastIndexOf(':') + 1));
            if (r.problem() != null) {
                failures.add(testDiagnostic(file, testLine, "test \"" + r.name() + "\" could not run: " + r.problem()));
                continue;
            }
            for (TestResult.Check c : r.checks()) {
                if (!c.passed()) {
                    Matcher m = LINE.matcher(c.location());
                    int line = m.find() ? Integer.parseInt(m.group(1)) : testLine;
                    StringBuilder message = new StringBuilder("test \"" + r.name() + "\" failed: expected "
                            + c.expectation().replaceFirst("^expect ", ""));
                    c.actual().forEach(a -> message.append("\nactual: ").append(a));
                    failures.add(testDiagnostic(file, line, message.toString()));
                }
            }
        }
        String summary = results.isEmpty() ? "no tests"
                : (results.size() - failed) + " passed, " + failed + " failed";
        synchronized (testFailures) {
            testFailures.put(name, failures);
            testSummaries.put(name, summary);
        }
        schedule();
        if (lensRefresh) {
            client.refreshCodeLenses();
        }
        return summary;
    }

    private static org.eclipse.lsp4j.Diagnostic testDiagnostic(Analysis.FileModel file, int line, String message) {
        var source = file.source();
        String text = source.lineText(Math.min(line, source.line(source.text().length())));
        int indent = text.length() - text.stripLeading().length();
        Range range = new Range(new org.eclipse.lsp4j.Position(line - 1, indent),
                new org.eclipse.lsp4j.Position(line - 1, text.length()));
        var d = new org.eclipse.lsp4j.Diagnostic(range, message, DiagnosticSeverity.Error, "ppl test");
        d.setCode("test");
        return d;
    }
}
