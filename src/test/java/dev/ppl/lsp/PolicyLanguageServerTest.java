package dev.ppl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.format.Formatter;
import dev.ppl.lint.Linter;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ppl lsp} end to end: a client talks JSON-RPC to the server over piped streams, as an
 * editor does over standard input and output, on the bundled policy library.
 */
class PolicyLanguageServerTest {
    private static final Path POLICIES = Path.of("policies").toAbsolutePath();
    private static final long WAIT_SECONDS = 120;

    private static LanguageServer server;
    private static final Client client = new Client();
    private static Thread serving;
    private static int version = 1;

    /** The client's side: it keeps the last diagnostics published for each document. */
    static final class Client implements LanguageClient {
        final Map<String, PublishDiagnosticsParams> diagnostics = new ConcurrentHashMap<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.put(params.getUri(), params);
            synchronized (this) {
                notifyAll();
            }
        }

        /** Waits until the document's diagnostics satisfy the test (the server checks after each edit). */
        synchronized List<Diagnostic> await(String uri, Predicate<List<Diagnostic>> test) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                PublishDiagnosticsParams p = diagnostics.get(uri);
                if (p != null && test.test(p.getDiagnostics())) {
                    return p.getDiagnostics();
                }
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no diagnostics as expected for " + uri + "; last: "
                            + (p == null ? "none" : p.getDiagnostics()));
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }

        @Override
        public void telemetryEvent(Object object) {}

        @Override
        public void showMessage(MessageParams messageParams) {}

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {}
    }

    @BeforeAll
    static void start() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        serving = new Thread(() -> {
            try {
                PolicyLanguageServer.serve(List.of(), serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ppl-lsp-test-server");
        serving.setDaemon(true);
        serving.start();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
        launcher.startListening();
        server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(POLICIES.toUri().toString(), "policies")));
        init.setCapabilities(new ClientCapabilities());
        var result = server.initialize(init).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(result.getCapabilities().getHoverProvider().getLeft());
        server.initialized(new InitializedParams());
    }

    @AfterAll
    static void stop() throws Exception {
        server.shutdown().get(WAIT_SECONDS, TimeUnit.SECONDS);
        server.exit();
        serving.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(serving.isAlive(), "the server ends on exit");
    }

    private static String uri(String file) {
        return POLICIES.resolve(file).toUri().toString();
    }

    private static String open(String file) throws IOException {
        String text = Files.readString(POLICIES.resolve(file));
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri(file), "ppl", version++, text)));
        return text;
    }

    private static void change(String file, String text) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri(file), version++), List.of(new TextDocumentContentChangeEvent(text))));
    }

    private static Position position(String text, int offset) {
        SourceFile s = new SourceFile("x", text);
        return new Position(s.line(offset) - 1, s.column(offset) - 1);
    }

    private static boolean noErrors(List<Diagnostic> list) {
        return list.stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error);
    }

    /** The diagnostics `ppl check` gives the same text, for comparison. */
    private static List<dev.ppl.source.Diagnostic> checked(String file, String text) {
        List<PolicySource> sources = new java.util.ArrayList<>();
        for (PolicySource s : PolicySource.directory(POLICIES)) {
            String name = POLICIES.relativize(Path.of(s.path()).toAbsolutePath()).toString();
            sources.add(new PolicySource(name, name.equals(file) ? text : s.text(), s.tables()));
        }
        Diagnostics diagnostics = new Diagnostics();
        Linter.lint(PolicySet.compile(sources, diagnostics), diagnostics);
        return diagnostics.all().stream().filter(d -> d.source().path().equals(file)).toList();
    }

    @Test
    void anErrorAppearsWithTheCheckersCodeAndSpanGetsAQuickFixAndClears() throws Exception {
        String file = "medicare/injection-core.ppl";
        String text = open(file);
        client.await(uri(file), PolicyLanguageServerTest::noErrors);

        String broken = text.replace("where inj.code in INJECTION\n", "where inj.code in INJECTON\n");
        assertTrue(!broken.equals(text));
        change(file, broken);
        List<Diagnostic> shown = client.await(uri(file), list -> !noErrors(list));
        dev.ppl.source.Diagnostic expected = checked(file, broken).stream().filter(dev.ppl.source.Diagnostic::isError)
                .findFirst().orElseThrow();
        Diagnostic error = shown.stream().filter(d -> d.getSeverity() == DiagnosticSeverity.Error).findFirst().orElseThrow();
        assertEquals(expected.code(), error.getCode().getLeft());
        assertEquals("PPL0301", error.getCode().getLeft());
        int at = broken.indexOf("INJECTON");
        assertEquals(new Range(position(broken, at), position(broken, at + "INJECTON".length())), error.getRange());
        assertTrue(error.getMessage().startsWith(expected.message()), error.getMessage());
        assertTrue(error.getMessage().contains("did you mean `INJECTION`?"), error.getMessage());

        List<?> actions = server.getTextDocumentService().codeAction(new CodeActionParams(
                new TextDocumentIdentifier(uri(file)), error.getRange(), new CodeActionContext(List.of(error))))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, actions.size());
        @SuppressWarnings("unchecked")
        CodeAction fix = ((org.eclipse.lsp4j.jsonrpc.messages.Either<org.eclipse.lsp4j.Command, CodeAction>) actions.get(0))
                .getRight();
        TextEdit edit = fix.getEdit().getChanges().get(uri(file)).get(0);
        assertEquals("INJECTION", edit.getNewText());
        assertEquals(error.getRange(), edit.getRange());

        change(file, text);
        client.await(uri(file), PolicyLanguageServerTest::noErrors);
    }

    @Test
    void editingABasePolicyRechecksThePoliciesThatExtendIt() throws Exception {
        String base = "medicare/injection-core.ppl";
        String layered = "commercial/example-hmo.ppl";
        String baseText = Files.readString(POLICIES.resolve(base));
        open(layered);
        client.await(uri(layered), PolicyLanguageServerTest::noErrors);
        open(base);
        // the layered policy disables a rule of the base; renaming it in the (unsaved) base breaks the layer
        change(base, baseText.replace("em-same-day-needs-25", "em-same-day-need-25"));
        List<Diagnostic> shown = client.await(uri(layered), list -> !noErrors(list));
        assertTrue(shown.stream().anyMatch(d -> d.getMessage().contains("em-same-day-needs-25")
                && d.getMessage().contains("did you mean `em-same-day-need-25`?")), shown.toString());
        change(base, baseText);
        client.await(uri(layered), PolicyLanguageServerTest::noErrors);
    }

    @Test
    void completesTheFieldsOfALineAfterItsVariableAndADot() throws Exception {
        String file = "medicare/lcd-l33967-b12.ppl";
        String text = open(file);
        int at = text.indexOf("for each l in lines");
        if (at < 0) {
            file = "medicare/injection-core.ppl";
            text = open(file);
            at = text.indexOf("for each l in lines");
        }
        int lineEnd = text.indexOf('\n', at);
        String typing = text.substring(0, lineEnd) + " and l." + text.substring(lineEnd);
        change(file, typing);
        List<CompletionItem> items = server.getTextDocumentService().completion(new CompletionParams(
                new TextDocumentIdentifier(uri(file)), position(typing, lineEnd + " and l.".length())))
                .get(WAIT_SECONDS, TimeUnit.SECONDS).getRight().getItems();
        List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
        assertTrue(labels.containsAll(List.of("code", "description", "modifiers", "units", "serviceDate", "drug")),
                labels.toString());
        assertFalse(labels.contains("claimId"), "a line has no claimId");
        CompletionItem code = items.stream().filter(i -> i.getLabel().equals("code")).findFirst().orElseThrow();
        assertEquals("a CPT/HCPCS code", code.getDetail());
        change(file, text);
    }

    @Test
    void completesCarcCodesWithTheirText() throws Exception {
        String file = "medicare/injection-core.ppl";
        String text = open(file);
        int at = text.indexOf("carc 151") + "carc ".length();
        List<CompletionItem> items = server.getTextDocumentService().completion(new CompletionParams(
                new TextDocumentIdentifier(uri(file)), position(text, at))).get(WAIT_SECONDS, TimeUnit.SECONDS)
                .getRight().getItems();
        CompletionItem c16 = items.stream().filter(i -> i.getLabel().equals("16")).findFirst().orElseThrow();
        assertTrue(c16.getDetail().contains("lacks information"), c16.getDetail());
    }

    @Test
    void hoverOnADrugCodeShowsItsBillingUnitRow() throws Exception {
        String file = "medicare/injection-core.ppl";
        String text = open(file);
        String edited = text.replace("where l.code = J0702 and", "where l.code = J3301 and");
        assertTrue(!edited.equals(text));
        change(file, edited);
        int at = edited.indexOf("l.code = J3301") + "l.code = J".length();
        var hover = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri(file)),
                position(edited, at))).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(hover);
        String shown = hover.getContents().getRight().getValue();
        assertTrue(shown.contains("DRUG_UNITS") && shown.contains("**10 mg**"), shown);
        assertTrue(shown.contains("triamcinolone"), shown);
        change(file, text);
    }

    @Test
    void hoverExplainsFieldsRulesAndCarcs() throws Exception {
        String file = "medicare/injection-core.ppl";
        String text = open(file);
        var docs = server.getTextDocumentService();
        int field = text.indexOf("l.modifiers") + 3;
        String onField = docs.hover(new HoverParams(new TextDocumentIdentifier(uri(file)), position(text, field)))
                .get(WAIT_SECONDS, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertTrue(onField.contains("**modifiers**: a list of modifiers (field of a service line)"), onField);
        int carc = text.indexOf("carc 151") + "carc 1".length();
        String onCarc = docs.hover(new HoverParams(new TextDocumentIdentifier(uri(file)), position(text, carc)))
                .get(WAIT_SECONDS, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertTrue(onCarc.contains("CARC 151") && onCarc.contains("frequency"), onCarc);
        int rule = text.indexOf("rule drug-units-match-dose") + "rule d".length();
        String onRule = docs.hover(new HoverParams(new TextDocumentIdentifier(uri(file)), position(text, rule)))
                .get(WAIT_SECONDS, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertTrue(onRule.contains("Drug units are the documented dose") && onRule.contains("cites: HCPCS long descriptor"),
                onRule);
        int set = text.indexOf("in INJECTION") + "in I".length();
        String onSet = docs.hover(new HoverParams(new TextDocumentIdentifier(uri(file)), position(text, set)))
                .get(WAIT_SECONDS, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertTrue(onSet.contains("codes INJECTION") && onSet.contains("{ 96372 }"), onSet);
    }

    @Test
    void goesToTheDefinitionOfACodeSetInABasePolicyAndFindsItsReferences() throws Exception {
        String file = "commercial/example-hmo.ppl";
        String text = open(file);
        int at = text.indexOf("em.code in EM") + "em.code in E".length();
        var docs = server.getTextDocumentService();
        List<? extends Location> defs = docs.definition(new DefinitionParams(new TextDocumentIdentifier(uri(file)),
                position(text, at))).get(WAIT_SECONDS, TimeUnit.SECONDS).getLeft();
        assertEquals(1, defs.size());
        String core = Files.readString(POLICIES.resolve("medicare/injection-core.ppl"));
        int decl = core.indexOf("codes EM ") + "codes ".length();
        assertEquals(uri("medicare/injection-core.ppl"), defs.get(0).getUri());
        assertEquals(new Range(position(core, decl), position(core, decl + 2)), defs.get(0).getRange());

        // INJECTION is declared by the core and used by it and by the policies layered on it
        int use = text.indexOf("in INJECTION") + "in I".length();
        ReferenceParams refs = new ReferenceParams(new TextDocumentIdentifier(uri(file)), position(text, use),
                new ReferenceContext(true));
        List<String> found = docs.references(refs).get(WAIT_SECONDS, TimeUnit.SECONDS).stream()
                .map(l -> POLICIES.toUri().relativize(java.net.URI.create(l.getUri())) + ":" + l.getRange().getStart().getLine())
                .toList();
        int injection = core.indexOf("codes INJECTION");
        assertTrue(found.contains("medicare/injection-core.ppl:" + position(core, injection).getLine()), found.toString());
        assertTrue(found.contains(file + ":" + position(text, use).getLine()), found.toString());
        assertTrue(found.stream().anyMatch(l -> l.startsWith("commercial/example-ppo.ppl:")), found.toString());
        // a policy that declares its own INJECTION is another set of the same name
        assertFalse(found.stream().anyMatch(l -> l.startsWith("coding/")), "not the core's: " + found);
    }

    @Test
    void goesToTheDefinitionOfALet() throws Exception {
        String file = "medicare/injection-core.ppl";
        String text = open(file);
        int decl = text.indexOf("let expected = ") + "let ".length();
        int use = text.indexOf("expected > 0", decl);
        List<? extends Location> defs = server.getTextDocumentService().definition(new DefinitionParams(
                new TextDocumentIdentifier(uri(file)), position(text, use + 1))).get(WAIT_SECONDS, TimeUnit.SECONDS).getLeft();
        assertEquals(List.of(new Location(uri(file), new Range(position(text, decl), position(text, decl + 8)))), defs);
    }

    @Test
    void formatsThroughTheFormatter() throws Exception {
        String file = "medicare/lcd-l33967-b12.ppl";
        String text = open(file);
        String messy = text.replaceFirst("\n  version ", "\n      version   ");
        assertTrue(!messy.equals(text));
        change(file, messy);
        List<? extends TextEdit> edits = server.getTextDocumentService().formatting(new DocumentFormattingParams(
                new TextDocumentIdentifier(uri(file)), new FormattingOptions(2, true))).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, edits.size());
        assertEquals(Formatter.format(file, messy), edits.get(0).getNewText());
        assertEquals(text, edits.get(0).getNewText(), "the bundled library is formatted");
        change(file, text);
    }

    @Test
    void outlinesThePolicy() throws Exception {
        String file = "medicare/injection-core.ppl";
        open(file);
        List<DocumentSymbol> symbols = server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(
                new TextDocumentIdentifier(uri(file)))).get(WAIT_SECONDS, TimeUnit.SECONDS).stream()
                .map(e -> e.getRight()).toList();
        assertEquals(1, symbols.size());
        assertEquals("medicare.injection.core", symbols.get(0).getName());
        List<String> children = symbols.get(0).getChildren().stream().map(DocumentSymbol::getName).toList();
        assertTrue(children.containsAll(List.of("INJECTION", "DRUG_UNITS", "drug-units-match-dose")), children.toString());
        DocumentSymbol rule = symbols.get(0).getChildren().stream()
                .filter(s -> s.getName().equals("drug-units-match-dose")).findFirst().orElseThrow();
        assertTrue(rule.getChildren().stream().anyMatch(s -> s.getName().equals("expected")));
    }

    @Test
    void theCodeLensRunsTheFilesTestsAndFailuresBecomeDiagnosticsOnTheirLines() throws Exception {
        String file = "medicare/lcd-l33967-b12.ppl";
        String text = open(file);
        var lenses = server.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri(file))))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, lenses.size());
        var command = lenses.get(0).getCommand();
        assertEquals(PolicyLanguageServer.RUN_TESTS, command.getCommand());
        Object summary = server.getWorkspaceService().executeCommand(new ExecuteCommandParams(command.getCommand(),
                command.getArguments())).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(String.valueOf(summary).endsWith(" passed, 0 failed"), String.valueOf(summary));

        // an expectation that cannot hold: `expect no` of a rule that fires in that test
        int expect = text.indexOf("\n  expect ");
        assertTrue(expect > 0);
        String ruleLine = text.substring(expect + 1, text.indexOf('\n', expect + 1));
        String failing = text.substring(0, expect + 1) + ruleLine.replaceFirst("expect ", "expect no ")
                .replaceAll(" (deny|reject|review|info).*$", "") + text.substring(text.indexOf('\n', expect + 1));
        change(file, failing);
        summary = server.getWorkspaceService().executeCommand(new ExecuteCommandParams(command.getCommand(),
                command.getArguments())).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(String.valueOf(summary).contains(" 1 failed"), String.valueOf(summary));
        int line = new SourceFile("x", failing).line(expect + 1) - 1;
        List<Diagnostic> shown = client.await(uri(file), list -> list.stream().anyMatch(d -> "test".equals(d.getCode().getLeft())));
        Diagnostic failure = shown.stream().filter(d -> "test".equals(d.getCode().getLeft())).findFirst().orElseThrow();
        assertEquals(line, failure.getRange().getStart().getLine(), failure.toString());
        change(file, text);
        client.await(uri(file), list -> list.stream().noneMatch(d -> "test".equals(d.getCode().getLeft())));
    }

    @Test
    void pplHelpListsTheLanguageServer() {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = dev.ppl.cli.Main.run(new String[] {"--help"}, new java.io.PrintWriter(out), new java.io.PrintWriter(
                new java.io.StringWriter()));
        assertEquals(0, code);
        assertTrue(out.toString().matches("(?s).*\\n\\s+lsp\\s+Run the PPL language server.*"), out.toString());
    }
}
