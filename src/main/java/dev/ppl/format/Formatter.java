package dev.ppl.format;

import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.syntax.PolicyParser;
import dev.ppl.syntax.PplLexer;
import dev.ppl.syntax.PplParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Lays a policy file out in PPL's one canonical layout, keeping every comment.
 *
 * <p>The formatter owns where lines start and how a line reads; the author owns how the
 * continuation lines of one clause line up (see docs/adr/0005):
 * <ul>
 *   <li>{@code policy} and every declaration start at column 0; header clauses, table clauses
 *       and rows, rule clauses ({@code "description"}, {@code cites}, {@code for each}, {@code
 *       let}, {@code when}, the finding line) and test clauses are indented 2; a finding's
 *       {@code message}, {@code fix} and {@code cites} are indented 4.
 *   <li>Inside a line, tokens are separated by one space, except where they belong together:
 *       {@code l.code}, {@code count(}, {@code MUE[l.code]}, {@code 99202-99205}, rule ids,
 *       {@code , : ) ]}. Code sets are written {@code { a, b }}; JSON {@code {"a": 1}}.
 *   <li>Line breaks inside a clause are the author's, except that a clause's keywords and its
 *       first argument share a line. A continuation line keeps its indentation relative to its
 *       clause (so hand-aligned conditions stay aligned when the clause moves), and is indented
 *       at least one column past the clause.
 *   <li>One blank line separates declarations. Code sets, {@code disable}s, and tests may follow
 *       one of their own kind directly (a test and its near-miss twin); in a run of code sets
 *       written together the {@code =} signs line up, at least one space past the longest name.
 *       Elsewhere up to one blank line the author left is kept.
 *   <li>Comments stay where they were: on their own line (indented like the next line) or at
 *       the end of a line (consecutive ones lined up two spaces past the longest). No trailing
 *       whitespace; one final newline.
 * </ul>
 * Formatting is idempotent and never changes the parsed tree (both are tested as properties).
 */
public final class Formatter {

    /**
     * The result of formatting one file.
     *
     * @param text the formatted text, or null when the file does not parse
     * @param diagnostics why it could not be formatted
     */
    public record Result(String text, Diagnostics diagnostics) {
        public boolean ok() {
            return text != null;
        }
    }

    private Formatter() {}

    /** Formats a file; a file with syntax errors is returned with its diagnostics and no text. */
    public static Result format(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        PolicyParser.Tree tree = PolicyParser.parseTree(source, diagnostics);
        if (tree == null) {
            return new Result(null, diagnostics);
        }
        String text = new Layout(tree).run();
        String problem = Verify.sameTokens(source.text(), text);
        if (problem != null) {
            // a formatter bug must never rewrite a file into something else
            throw new IllegalStateException("the formatter would change " + source.path() + ": " + problem);
        }
        return new Result(text, diagnostics);
    }

    /** Formats text; convenience for tests and editors. Null when it does not parse. */
    public static String format(String path, String text) {
        return format(new SourceFile(path, text)).text();
    }

    // ====================================================================== layout

    /** One pass over the visible tokens, deciding for each whether it starts a line and where. */
    private static final class Layout {
        private final PolicyParser.Tree tree;
        private final List<Token> all;
        private final List<TerminalNode> visible = new ArrayList<>();
        private final Map<Integer, Integer> byTokenIndex = new HashMap<>();

        // per visible token
        private int[] clauseIndent;
        private boolean[] declStart;
        private int[] declKind;
        private boolean[] glue;
        private boolean[] breakable;
        private boolean[] keywordRun;
        private boolean[] json;
        private int[] spaces;

        // output
        private final List<Line> lines = new ArrayList<>();
        private Line current;

        // clause state: where the clause starts in the output and where its line started in the source
        private int indent;
        private int sourceIndent;
        private int lastDeclKind = -1;
        private boolean afterHeader;

        Layout(PolicyParser.Tree tree) {
            this.tree = tree;
            tree.tokens().fill();
            this.all = tree.tokens().getTokens();
            collect(tree.root());
            int n = visible.size();
            clauseIndent = new int[n];
            java.util.Arrays.fill(clauseIndent, -1);
            declStart = new boolean[n];
            declKind = new int[n];
            glue = new boolean[n];
            breakable = new boolean[n];
            keywordRun = new boolean[n];
            json = new boolean[n];
            spaces = new int[n];
            java.util.Arrays.fill(spaces, 1);
        }

        private void collect(ParseTree t) {
            if (t instanceof TerminalNode term) {
                if (term.getSymbol().getType() != Token.EOF && term.getSymbol().getTokenIndex() >= 0) {
                    byTokenIndex.put(term.getSymbol().getTokenIndex(), visible.size());
                    visible.add(term);
                }
                return;
            }
            for (int i = 0; i < t.getChildCount(); i++) {
                collect(t.getChild(i));
            }
        }

        private int at(Token t) {
            return byTokenIndex.get(t.getTokenIndex());
        }

        private int at(ParserRuleContext c) {
            return at(c.start);
        }

        private int at(TerminalNode t) {
            return at(t.getSymbol());
        }

        private void clause(int token, int indentation, int arg) {
            clauseIndent[token] = indentation;
            if (arg >= 0) {
                // a clause's keywords and its first argument always share a line
                for (int k = token + 1; k <= arg; k++) {
                    keywordRun[k] = true;
                }
            }
        }

        // ------------------------------------------------------------ structure

        private void structure() {
            PplParser.PolicyFileContext root = tree.root();
            PplParser.HeaderContext header = root.header();
            clause(at(header), 0, at(header.qualifiedWord()));
            declStart[at(header)] = true;
            for (PplParser.HeaderClauseContext c : header.headerClause()) {
                clause(at(c), 2, headerArgument(c));
            }
            for (PplParser.DeclarationContext d : root.declaration()) {
                declaration(d);
            }
            alignSetRuns(root.declaration());
        }

        private int headerArgument(PplParser.HeaderClauseContext c) {
            if (c instanceof PplParser.VersionClauseContext v) {
                return at(v.versionWord());
            } else if (c instanceof PplParser.TitleClauseContext t) {
                return at(t.STRING());
            } else if (c instanceof PplParser.AppliesToTypeClauseContext a) {
                return at(a.word(0));
            } else if (c instanceof PplParser.AppliesToIdClauseContext a) {
                return at(a.qualifiedWord(0));
            } else if (c instanceof PplParser.JurisdictionClauseContext j) {
                return at(j.word(0));
            } else if (c instanceof PplParser.EffectiveClauseContext e) {
                return at(e.FROM() != null ? e.FROM() : e.DATE(0));
            } else if (c instanceof PplParser.CitesClauseContext cites) {
                return at(cites.STRING(0));
            } else if (c instanceof PplParser.ExtendsClauseContext e) {
                return at(e.qualifiedWord());
            }
            return -1;
        }

        /** Declarations of these kinds may follow one of their own kind without a blank line. */
        private static final int CODE_SET = 1;
        private static final int DISABLE = 2;
        private static final int TEST = 3;

        private void declaration(PplParser.DeclarationContext d) {
            int first = at(d);
            declStart[first] = true;
            if (d instanceof PplParser.CodeSetDeclContext c) {
                declKind[first] = CODE_SET;
                clause(first, 0, at(c.setExpr()));
                if (c.CITES() != null) {
                    clause(at(c.CITES()), 2, at(c.STRING()));
                }
            } else if (d instanceof PplParser.TableDeclContext t) {
                clause(first, 0, at(t.name()));
                for (PplParser.TableClauseContext c : t.tableClause()) {
                    clause(at(c), 2, secondToken(c));
                }
                for (PplParser.TableRowContext r : t.tableRow()) {
                    clause(at(r), 2, at(r.literal(0)));
                }
            } else if (d instanceof PplParser.RuleDeclContext r) {
                clause(first, 0, at(r.ruleId()));
                if (r.description != null) {
                    clause(at(r.description), 2, at(r.description));
                }
                if (r.reason != null && r.description != null) {
                    clause(at(r.BECAUSE()), 2, at(r.reason));
                }
                if (r.cites != null) {
                    clause(at(r.CITES()), 2, at(r.cites));
                }
                if (r.forClause() != null) {
                    clause(at(r.forClause()), 2, at(r.forClause().binding(0)));
                }
                for (PplParser.LetClauseContext l : r.letClause()) {
                    clause(at(l), 2, at(l.expr()));
                }
                for (PplParser.BranchContext b : r.branch()) {
                    clause(at(b), 2, at(b.expr()));
                    PplParser.OutcomeContext o = b.outcome();
                    clause(at(o), 2, at(o.target()));
                    clause(at(o.MESSAGE()), 4, at(o.message));
                    if (o.FIX() != null) {
                        clause(at(o.FIX()), 4, at(o.fix));
                    }
                    if (o.CITES() != null) {
                        clause(at(o.CITES()), 4, at(o.cites));
                    }
                }
            } else if (d instanceof PplParser.MeasureDeclContext m) {
                measure(first, m);
            } else if (d instanceof PplParser.DisableDeclContext dis) {
                declKind[first] = DISABLE;
                clause(first, 0, at(dis.ruleId()));
            } else if (d instanceof PplParser.TestDeclContext t) {
                declKind[first] = TEST;
                clause(first, 0, at(t.STRING()));
                for (PplParser.TestPatchContext p : t.testPatch()) {
                    clause(at(p), 2, secondToken(p));
                }
                for (PplParser.TestExpectContext e : t.testExpect()) {
                    clause(at(e), 2, secondToken(e));
                }
            }
        }

        private void measure(int first, PplParser.MeasureDeclContext m) {
            clause(first, 0, at(m.ruleId()));
            if (m.description != null) {
                clause(at(m.description), 2, at(m.description));
            }
            if (m.cites != null) {
                clause(at(m.CITES()), 2, at(m.cites));
            }
            clause(at(m.BY()), 2, at(m.name(0)));
            if (m.forClause() != null) {
                clause(at(m.forClause()), 2, at(m.forClause().binding(0)));
            }
            for (PplParser.LetClauseContext l : m.letClause()) {
                clause(at(l), 2, at(l.expr()));
            }
            clause(at(m.measureValue()), 2, secondToken(m.measureValue()));
            if (m.volumeClause() != null) {
                clause(at(m.volumeClause()), 2, secondToken(m.volumeClause()));
            }
            if (m.minimumClause() != null) {
                clause(at(m.minimumClause()), 2, secondToken(m.minimumClause()));
            }
            for (PplParser.BenchmarkClauseContext b : m.benchmarkClause()) {
                clause(at(b), 2, at(b.name()));
            }
            for (PplParser.FlagClauseContext f : m.flagClause()) {
                clause(at(f), 2, at(f.level));
                clause(at(f.MESSAGE()), 4, at(f.message));
                if (f.FIX() != null) {
                    clause(at(f.FIX()), 4, at(f.fix));
                }
                if (f.CITES() != null) {
                    clause(at(f.CITES()), 4, at(f.cites));
                }
            }
        }

        private int secondToken(ParserRuleContext c) {
            int first = at(c);
            int last = at(c.stop);
            return first + 1 <= last ? first + 1 : -1;
        }

        /**
         * Consecutive code sets (no blank line between them) line up their {@code =} signs: at the
         * column the author aligned them to, or one space past the longest {@code kind NAME}.
         */
        private void alignSetRuns(List<PplParser.DeclarationContext> decls) {
            List<PplParser.CodeSetDeclContext> run = new ArrayList<>();
            PplParser.DeclarationContext previous = null;
            for (PplParser.DeclarationContext d : decls) {
                boolean member = d instanceof PplParser.CodeSetDeclContext;
                boolean joins = member && !run.isEmpty() && previous == run.get(run.size() - 1)
                        && !blankLineBetween(previous.stop, d.start);
                if (!joins) {
                    align(run);
                    run.clear();
                }
                if (member) {
                    run.add((PplParser.CodeSetDeclContext) d);
                }
                previous = d;
            }
            align(run);
        }

        private void align(List<PplParser.CodeSetDeclContext> run) {
            if (run.size() < 2) {
                return;
            }
            int column = 0;
            for (PplParser.CodeSetDeclContext c : run) {
                // the padding the author put before `=` is the alignment they chose
                Token name = c.name().stop;
                Token eq = c.EQ().getSymbol();
                int padding = eq.getLine() == name.getLine() ? sourceColumn(eq) - sourceColumn(name) - name.getText().length() : 1;
                column = Math.max(column, width(c) + Math.max(1, padding));
            }
            for (PplParser.CodeSetDeclContext c : run) {
                spaces[at(c.EQ())] = column - width(c);
            }
        }

        /** {@code codes NAME}: what precedes the {@code =}. */
        private static int width(PplParser.CodeSetDeclContext c) {
            return c.setKind().getText().length() + 1 + c.name().getText().length();
        }

        /** The column of a token in the source (tabs to the next multiple of 8). */
        private int sourceColumn(Token t) {
            String text = tree.ast().source().text();
            int start = t.getStartIndex();
            int lineStart = start;
            while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
                lineStart--;
            }
            int column = 0;
            for (int k = lineStart; k < start; k++) {
                column = text.charAt(k) == '\t' ? (column / 8 + 1) * 8 : column + 1;
            }
            return column;
        }

        /** The indentation of the source line a token is on. */
        private int lineIndent(Token t) {
            String text = tree.ast().source().text();
            int k = t.getStartIndex();
            while (k > 0 && text.charAt(k - 1) != '\n') {
                k--;
            }
            int column = 0;
            while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
                column = text.charAt(k) == '\t' ? (column / 8 + 1) * 8 : column + 1;
                k++;
            }
            return column;
        }

        private boolean blankLineBetween(Token from, Token to) {
            for (int i = from.getTokenIndex() + 1; i < to.getTokenIndex(); i++) {
                Token t = all.get(i);
                if (t.getType() == PplLexer.WS && newlines(t.getText()) >= 2) {
                    return true;
                }
            }
            return false;
        }

        // ------------------------------------------------------------- spacing

        private void spacing() {
            for (int i = 0; i < visible.size(); i++) {
                TerminalNode t = visible.get(i);
                ParseTree parent = t.getParent();
                json[i] = inside(t, PplParser.JsonContext.class) != null;
                if (i == 0) {
                    continue;
                }
                TerminalNode p = visible.get(i - 1);
                glue[i] = glued(p, t) && Verify.lexesApart(p.getText(), t.getText(), p.getSymbol().getType(),
                        t.getSymbol().getType());
                int type = t.getSymbol().getType();
                int prevType = p.getSymbol().getType();
                boolean closer = type == PplLexer.RPAREN || type == PplLexer.RBRACK || type == PplLexer.RBRACE;
                boolean separator = type == PplLexer.COMMA || type == PplLexer.COLON || prevType == PplLexer.COLON;
                if (keywordRun[i]) {
                    breakable[i] = false;
                } else if (json[i] && inside(p, PplParser.JsonContext.class) != null) {
                    // JSON may break anywhere but around `,` and `:`; a closer may go on its own line
                    breakable[i] = !separator;
                } else if (type == PplLexer.RBRACE && (parent instanceof PplParser.SetLiteralContext
                        || parent instanceof PplParser.InlineSetContext)) {
                    // a set written one code per line may close on its own line
                    breakable[i] = true;
                } else {
                    breakable[i] = !glue[i] && !separator && !closer;
                }
            }
        }

        private static boolean glued(TerminalNode p, TerminalNode t) {
            int type = t.getSymbol().getType();
            int prev = p.getSymbol().getType();
            ParseTree parent = t.getParent();
            ParseTree prevParent = p.getParent();
            if (type == PplLexer.COMMA || type == PplLexer.RPAREN || type == PplLexer.RBRACK || type == PplLexer.COLON) {
                return true;
            }
            if (prev == PplLexer.LPAREN || prev == PplLexer.LBRACK) {
                return true;
            }
            if (type == PplLexer.DOT || prev == PplLexer.DOT) {
                ParseTree dotParent = type == PplLexer.DOT ? parent : prevParent;
                return dotParent instanceof PplParser.MemberContext || dotParent instanceof PplParser.QualifiedWordContext
                        || dotParent instanceof PplParser.JsonPathContext;
            }
            if (type == PplLexer.LPAREN) {
                return parent instanceof PplParser.CallContext || parent instanceof PplParser.CountContext
                        || parent instanceof PplParser.SumContext;
            }
            if (type == PplLexer.LBRACK) {
                return parent instanceof PplParser.LookupContext || parent instanceof PplParser.JsonPathContext;
            }
            if (prev == PplLexer.LBRACE && type == PplLexer.RBRACE) {
                return true;
            }
            if (prev == PplLexer.LBRACE && prevParent instanceof PplParser.JsonObjectContext) {
                return true;
            }
            if (type == PplLexer.RBRACE && parent instanceof PplParser.JsonObjectContext) {
                return true;
            }
            if (prev == PplLexer.MINUS && (prevParent instanceof PplParser.NegateContext
                    || prevParent instanceof PplParser.NumberOrQuantityCellContext
                    || prevParent instanceof PplParser.JsonNumberContext)) {
                return true;
            }
            for (Class<? extends ParserRuleContext> word : List.of(PplParser.RuleIdContext.class,
                    PplParser.QualifiedWordContext.class, PplParser.SetElementContext.class, PplParser.JsonPathContext.class)) {
                ParserRuleContext a = inside(t, word);
                if (a != null && a == inside(p, word)) {
                    return true;
                }
            }
            return false;
        }

        private static ParserRuleContext inside(ParseTree t, Class<? extends ParserRuleContext> kind) {
            for (ParseTree p = t.getParent(); p != null; p = p.getParent()) {
                if (kind.isInstance(p)) {
                    return (ParserRuleContext) p;
                }
                if (p instanceof PplParser.DeclarationContext || p instanceof PplParser.HeaderClauseContext) {
                    return null;
                }
            }
            return null;
        }

        // ---------------------------------------------------------------- emit

        String run() {
            structure();
            spacing();
            int previousVisible = -1;
            for (int i = 0; i <= visible.size(); i++) {
                int tokenIndex = i < visible.size() ? visible.get(i).getSymbol().getTokenIndex() : all.size() - 1;
                List<Gap> gap = gap(previousVisible, tokenIndex);
                place(i, gap);
                previousVisible = tokenIndex;
            }
            return render();
        }

        /** What lies between two visible tokens: comments and the line breaks around them. */
        private record Gap(String comment, boolean trailing, int newlinesBefore) {}

        private List<Gap> gap(int from, int to) {
            List<Gap> out = new ArrayList<>();
            int newlines = 0;
            for (int k = from + 1; k < to; k++) {
                Token t = all.get(k);
                if (t.getType() == PplLexer.COMMENT) {
                    boolean trailing = newlines == 0 && from >= 0;
                    out.add(new Gap(stripEnd(t.getText()), trailing, newlines));
                    newlines = 0;
                } else if (t.getType() == PplLexer.WS) {
                    newlines += newlines(t.getText());
                }
            }
            out.add(new Gap(null, false, newlines));
            return out;
        }

        private void place(int i, List<Gap> gap) {
            boolean eof = i == visible.size();
            boolean clauseStart = eof || clauseIndent[i] >= 0;
            Gap tokenGap = gap.get(gap.size() - 1);
            boolean forced = gap.size() > 1;
            boolean newline = clauseStart || forced || (breakable[i] && tokenGap.newlinesBefore() > 0);

            // declarations are separated by a blank line, except one-line ones that were written together
            boolean minBlank = false;
            if ((eof || declStart[i]) && !lines.isEmpty()) {
                boolean sameKind = !eof && declKind[i] != 0 && declKind[i] == lastDeclKind;
                minBlank = afterHeader || !(sameKind || (eof && lastDeclKind != 0));
            }
            if (!eof && declStart[i]) {
                afterHeader = i == 0;
                lastDeclKind = declKind[i];
            }
            int column = eof ? 0 : clauseStart ? clauseIndent[i] : newline ? continuation(i) : -1;
            boolean firstLine = true;
            for (int g = 0; g < gap.size() - 1; g++) {
                Gap comment = gap.get(g);
                if (comment.trailing()) {
                    current.comment = comment.comment();
                    continue;
                }
                // blank lines the author left are kept between clauses, not inside one
                boolean blank = (clauseStart && comment.newlinesBefore() >= 2) || (firstLine && minBlank);
                newLine(column, blank);
                current.text.append(comment.comment());
                firstLine = false;
            }
            if (eof) {
                return;
            }
            if (newline) {
                newLine(column, (clauseStart && tokenGap.newlinesBefore() >= 2) || (firstLine && minBlank));
                if (clauseStart) {
                    startClause(column, i);
                }
            } else {
                current.text.append(" ".repeat(glue[i] ? 0 : spaces[i]));
            }
            emit(i);
        }

        private void startClause(int column, int token) {
            indent = column;
            sourceIndent = lineIndent(visible.get(token).getSymbol());
        }

        /** A continuation line keeps its indentation relative to its clause, past the clause. */
        private int continuation(int i) {
            int relative = lineIndent(visible.get(i).getSymbol()) - sourceIndent;
            return indent + Math.max(1, relative);
        }

        private void emit(int i) {
            current.text.append(visible.get(i).getText());
        }

        private void newLine(int column, boolean blank) {
            if (blank && !lines.isEmpty()) {
                lines.add(new Line());
            }
            current = new Line();
            current.text.append(" ".repeat(Math.max(0, column)));
            lines.add(current);
        }

        private String render() {
            // line up the comments at the end of consecutive lines
            int k = 0;
            while (k < lines.size()) {
                if (lines.get(k).comment == null) {
                    k++;
                    continue;
                }
                int end = k;
                int width = 0;
                while (end < lines.size() && lines.get(end).comment != null) {
                    width = Math.max(width, stripEnd(lines.get(end).text.toString()).length());
                    end++;
                }
                for (int j = k; j < end; j++) {
                    Line line = lines.get(j);
                    String code = stripEnd(line.text.toString());
                    line.text.setLength(0);
                    line.text.append(code).append(" ".repeat(width - code.length() + 2)).append(line.comment);
                    line.comment = null;
                }
                k = end;
            }
            StringBuilder out = new StringBuilder();
            for (Line line : lines) {
                out.append(stripEnd(line.text.toString())).append('\n');
            }
            return out.toString();
        }
    }

    /** One output line: its code and the comment at its end. */
    private static final class Line {
        final StringBuilder text = new StringBuilder();
        String comment;
    }

    static int newlines(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Safety checks: the formatted text must have the same tokens and comments as the original. */
    static final class Verify {
        private Verify() {}

        private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> APART =
                new java.util.concurrent.ConcurrentHashMap<>();

        /** Whether two tokens written with nothing between them still lex as the same two tokens. */
        static boolean lexesApart(String a, String b, int typeA, int typeB) {
            if (APART.size() > 10_000) {
                APART.clear();
            }
            return APART.computeIfAbsent(typeA + " " + typeB + " " + a + "\u0000" + b, k -> lex(a, b, typeA, typeB));
        }

        private static boolean lex(String a, String b, int typeA, int typeB) {
            PplLexer lexer = new PplLexer(CharStreams.fromString(a + b));
            lexer.removeErrorListeners();
            List<? extends Token> tokens = lexer.getAllTokens();
            return tokens.size() == 2 && tokens.get(0).getType() == typeA && tokens.get(1).getType() == typeB
                    && tokens.get(0).getText().equals(a);
        }

        /** Null when both texts have the same tokens and comments in the same order, else what differs. */
        static String sameTokens(String before, String after) {
            List<String> a = significant(before);
            List<String> b = significant(after);
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    return "token " + i + " `" + a.get(i) + "` became `" + b.get(i) + "`";
                }
            }
            return a.size() == b.size() ? null : "token count " + a.size() + " became " + b.size();
        }

        private static List<String> significant(String text) {
            PplLexer lexer = new PplLexer(CharStreams.fromString(text));
            lexer.removeErrorListeners();
            List<String> out = new ArrayList<>();
            for (Token t : lexer.getAllTokens()) {
                if (t.getType() != PplLexer.WS) {
                    out.add(t.getType() == PplLexer.COMMENT ? stripEnd(t.getText()) : t.getText());
                }
            }
            return out;
        }
    }
}
