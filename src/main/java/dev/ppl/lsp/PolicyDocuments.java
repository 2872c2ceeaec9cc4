package dev.ppl.lsp;

import dev.ppl.ast.Decl;
import dev.ppl.ast.PolicyFile;
import dev.ppl.format.Formatter;
import dev.ppl.lsp.Analysis.FileModel;
import dev.ppl.lsp.Navigation.Place;
import dev.ppl.lsp.Occurrences.Occurrence;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The document requests: text sync, completion, hover, navigation, outline, formatting, quick fixes, code lenses. */
final class PolicyDocuments implements TextDocumentService {
    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean `([^`]+)`\\?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private final PolicyLanguageServer server;

    PolicyDocuments(PolicyLanguageServer server) {
        this.server = server;
    }

    private Workspace workspace() {
        return server.workspace();
    }

    // ------------------------------------------------------------------ text sync

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var d = params.getTextDocument();
        workspace().open(d.getUri(), d.getText(), d.getVersion());
        server.schedule();
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        Workspace.Document before = workspace().document(uri);
        String text = before == null ? "" : before.text();
        for (TextDocumentContentChangeEvent change : params.getContentChanges()) {
            if (change.getRange() == null) {
                text = change.getText();
            } else {
                // a client that sends ranges despite full sync
                int start = Positions.offset(text, change.getRange().getStart());
                int end = Positions.offset(text, change.getRange().getEnd());
                text = text.substring(0, start) + change.getText() + text.substring(end);
            }
        }
        workspace().change(uri, text, params.getTextDocument().getVersion());
        server.edited(uri);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        workspace().close(params.getTextDocument().getUri());
        server.schedule();
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the editor's text is already checked; tables and claims beside it may have changed
        workspace().filesChanged();
        server.schedule();
    }

    // ------------------------------------------------------------------ lookups

    /** The file and the offset of a position in its current text, or null. */
    private record At(Analysis analysis, FileModel file, int offset) {
        /** The name at the offset, when the syntax tree is of the current text. */
        Occurrence name() {
            return file.current() ? Occurrences.at(file.names(), offset) : null;
        }
    }

    private At at(String uri, Position position) {
        Analysis analysis = workspace().analysis();
        FileModel file = analysis.file(workspace().name(uri));
        if (file == null) {
            return null;
        }
        return new At(analysis, file, Positions.offset(file.source().text(), position));
    }

    private Location location(Place p) {
        String uri = workspace().uri(p.file().name());
        return new Location(uri == null ? p.file().name() : uri, Positions.range(p.file().astSource(), p.occurrence().span()));
    }

    // ------------------------------------------------------------------ features

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return guarded(() -> {
            At at = at(params.getTextDocument().getUri(), params.getPosition());
            List<CompletionItem> items = at == null ? List.of() : new Completions(at.analysis()).at(at.file(), at.offset());
            return Either.forRight(new CompletionList(false, items));
        }, Either.forRight(new CompletionList(false, List.of())));
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return guarded(() -> {
            At at = at(params.getTextDocument().getUri(), params.getPosition());
            if (at == null) {
                return null;
            }
            Occurrence o = at.name();
            String text = o == null ? null : new Hovers(at.analysis()).hover(at.file(), o);
            Span span = o == null ? null : o.span();
            if (text == null) {
                // no tree of this text (it does not parse), or a word the tree does not name: read the word
                Span word = word(at.file().source().text(), at.offset());
                if (word != null) {
                    String w = at.file().source().slice(word);
                    String before = at.file().source().text().substring(0, word.start()).stripTrailing();
                    text = before.endsWith("carc") ? Hovers.carc(w) : before.endsWith("rarc") ? Hovers.rarc(w)
                            : Hovers.function(w) != null && at.file().source().text().startsWith("(", word.end())
                            ? Hovers.function(w) : null;
                    span = word;
                }
            }
            if (text == null) {
                return null;
            }
            return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text), Positions.range(at.file().source(), span));
        }, null);
    }

    private static Span word(String text, int offset) {
        Matcher m = WORD.matcher(text);
        int from = Math.max(0, text.lastIndexOf('\n', Math.max(0, offset - 1)));
        while (m.find(from)) {
            if (m.start() > offset) {
                return null;
            }
            if (m.end() >= offset) {
                return new Span(m.start(), m.end());
            }
            from = m.end();
        }
        return null;
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        return guarded(() -> {
            At at = at(params.getTextDocument().getUri(), params.getPosition());
            Occurrence o = at == null ? null : at.name();
            List<Location> out = new ArrayList<>();
            if (o != null) {
                new Navigation(at.analysis()).definitions(new Place(at.file(), o)).forEach(p -> out.add(location(p)));
            }
            return Either.forLeft(out);
        }, Either.forLeft(List.of()));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        return guarded(() -> {
            At at = at(params.getTextDocument().getUri(), params.getPosition());
            Occurrence o = at == null ? null : at.name();
            List<Location> out = new ArrayList<>();
            if (o != null) {
                boolean declarations = params.getContext() == null || params.getContext().isIncludeDeclaration();
                new Navigation(at.analysis()).references(new Place(at.file(), o), declarations)
                        .forEach(p -> out.add(location(p)));
            }
            return out;
        }, List.of());
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return guarded(() -> {
            Analysis analysis = workspace().analysis();
            FileModel file = analysis.file(workspace().name(params.getTextDocument().getUri()));
            List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
            if (file != null && file.ast() != null) {
                outline(file.ast(), file.astSource()).forEach(s -> out.add(Either.forRight(s)));
            }
            return out;
        }, List.of());
    }

    /** The outline: the policy, and under it its code sets, tables, rules (with their lets), tests and measures. */
    static List<DocumentSymbol> outline(PolicyFile ast, SourceFile source) {
        List<DocumentSymbol> children = new ArrayList<>();
        for (Decl d : ast.decls()) {
            if (d instanceof Decl.CodeSet s) {
                children.add(symbol(source, s.name().text(), s.kind().keyword(), SymbolKind.Constant, d.span(), s.name().span()));
            } else if (d instanceof Decl.Table t) {
                children.add(symbol(source, t.name().text(), "table", SymbolKind.Struct, d.span(), t.name().span()));
            } else if (d instanceof Decl.Rule r) {
                DocumentSymbol rule = symbol(source, r.id().text(), r.override() ? "override rule" : "rule",
                        SymbolKind.Function, d.span(), r.id().span());
                List<DocumentSymbol> lets = new ArrayList<>();
                for (Decl.Let let : r.lets()) {
                    lets.add(symbol(source, let.name().text(), "let", SymbolKind.Variable,
                            let.name().span().to(let.value().span()), let.name().span()));
                }
                rule.setChildren(lets);
                children.add(rule);
            } else if (d instanceof Decl.Disable dis) {
                children.add(symbol(source, "disable " + dis.ruleId().text(), "disable", SymbolKind.Null, d.span(),
                        dis.ruleId().span()));
            } else if (d instanceof Decl.Test t) {
                children.add(symbol(source, t.name().value(), "test", SymbolKind.Event, d.span(), t.name().span()));
            } else if (d instanceof Decl.Measure m) {
                children.add(symbol(source, m.id().text(), "measure", SymbolKind.Field, d.span(), m.id().span()));
            }
        }
        var h = ast.header();
        Span whole = h.span().to(new Span(source.text().length(), source.text().length()));
        DocumentSymbol policy = symbol(source, h.id().text(), h.version() == null ? "policy" : "version " + h.version().text(),
                SymbolKind.Module, whole, h.id().span());
        policy.setChildren(children);
        return List.of(policy);
    }

    private static DocumentSymbol symbol(SourceFile source, String name, String detail, SymbolKind kind, Span all, Span selection) {
        return new DocumentSymbol(name, kind, Positions.range(source, all.to(selection)), Positions.range(source, selection),
                detail);
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return guarded(() -> {
            Workspace.Document d = workspace().document(params.getTextDocument().getUri());
            if (d == null) {
                return List.of();
            }
            SourceFile source = new SourceFile(workspace().name(d.uri()), d.text());
            Formatter.Result result = Formatter.format(source);
            if (!result.ok() || result.text().equals(d.text())) {
                // a file with syntax errors is left as it is (its diagnostics say why), as `ppl fmt` does
                return List.of();
            }
            return List.of(new TextEdit(Positions.whole(source), result.text()));
        }, List.of());
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return guarded(() -> {
            String uri = params.getTextDocument().getUri();
            Analysis analysis = workspace().analysis();
            String name = workspace().name(uri);
            List<Either<Command, CodeAction>> out = new ArrayList<>();
            for (Diagnostic d : analysis.diagnostics().getOrDefault(name, List.of())) {
                Matcher m = d.help() == null ? null : DID_YOU_MEAN.matcher(d.help());
                if (m == null || !m.find()) {
                    continue;
                }
                Range range = Positions.range(d.source(), d.span());
                if (!overlaps(range, params.getRange())) {
                    continue;
                }
                Span target = replaced(d.source(), d.span(), m.group(1));
                if (target == null) {
                    continue;
                }
                String suggestion = m.group(1);
                CodeAction action = new CodeAction("Change `" + d.source().slice(target) + "` to `" + suggestion + "`");
                action.setKind(CodeActionKind.QuickFix);
                action.setDiagnostics(List.of(PolicyLanguageServer.convert(d)));
                action.setIsPreferred(true);
                action.setEdit(new WorkspaceEdit(Map.of(uri,
                        List.of(new TextEdit(Positions.range(d.source(), target), suggestion)))));
                out.add(Either.forRight(action));
            }
            return out;
        }, List.of());
    }

    /** The word of a diagnostic's span a suggestion replaces: the span when it is one word, else its last word. */
    private static Span replaced(SourceFile source, Span span, String suggestion) {
        String text = source.slice(span);
        if (WORD.matcher(text).matches()) {
            return span;
        }
        Matcher m = Pattern.compile("[A-Za-z0-9_]+").matcher(text);
        Span last = null;
        while (m.find()) {
            last = new Span(span.start() + m.start(), span.start() + m.end());
        }
        return last;
    }

    private static boolean overlaps(Range a, Range b) {
        return compare(a.getStart(), b.getEnd()) <= 0 && compare(b.getStart(), a.getEnd()) <= 0;
    }

    private static int compare(Position a, Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return guarded(() -> {
            String uri = params.getTextDocument().getUri();
            Analysis analysis = workspace().analysis();
            FileModel file = analysis.file(workspace().name(uri));
            if (file == null || file.ast() == null || !file.current()) {
                return List.of();
            }
            List<Decl.Test> tests = file.ast().decls().stream().filter(d -> d instanceof Decl.Test)
                    .map(d -> (Decl.Test) d).toList();
            if (tests.isEmpty()) {
                return List.of();
            }
            String summary = server.testSummary(file.name());
            String title = "Run the " + tests.size() + " test" + (tests.size() == 1 ? "" : "s") + " of this file"
                    + (summary == null ? "" : " (last run: " + summary + ")");
            Range range = Positions.range(file.source(), tests.get(0).span());
            range = new Range(range.getStart(), range.getStart());
            return List.of(new CodeLens(range, new Command(title, PolicyLanguageServer.RUN_TESTS, List.of(uri)), null));
        }, List.of());
    }

    /** Runs a request; a bug answers with nothing rather than ending the server or the editor's request. */
    private static <T> CompletableFuture<T> guarded(java.util.function.Supplier<T> request, T fallback) {
        try {
            return CompletableFuture.completedFuture(request.get());
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(PolicyDocuments.class.getName())
                    .log(java.util.logging.Level.WARNING, "ppl lsp: request failed", e);
            return CompletableFuture.completedFuture(fallback);
        }
    }
}
