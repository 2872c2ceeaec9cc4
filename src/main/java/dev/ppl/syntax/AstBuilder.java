package dev.ppl.syntax;

import dev.ppl.ast.Decl;
import dev.ppl.ast.Expr;
import dev.ppl.ast.Header;
import dev.ppl.ast.Name;
import dev.ppl.ast.PolicyFile;
import dev.ppl.ast.SetExpr;
import dev.ppl.ast.Severity;
import dev.ppl.ast.Template;
import dev.ppl.ast.TestCase;
import dev.ppl.ast.Text;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Builds the AST from ANTLR's parse tree; reports what the grammar alone cannot. */
final class AstBuilder {
    private final SourceFile source;
    private final Diagnostics diagnostics;
    private final int offset;
    /** The parser of this file's template holes, made at the first hole. */
    private PolicyParser.HoleParser holes;

    AstBuilder(SourceFile source, Diagnostics diagnostics) {
        this(source, diagnostics, 0);
    }

    private AstBuilder(SourceFile source, Diagnostics diagnostics, int offset) {
        this.source = source;
        this.diagnostics = diagnostics;
        this.offset = offset;
    }

    PolicyFile policyFile(PplParser.PolicyFileContext ctx) {
        Header header = header(ctx.header());
        List<Decl> decls = new ArrayList<>();
        for (PplParser.DeclarationContext d : ctx.declaration()) {
            decls.add(declaration(d));
        }
        return new PolicyFile(source, header, decls);
    }

    // ------------------------------------------------------------------ header

    Header header(PplParser.HeaderContext ctx) {
        Name id = qualified(ctx.qualifiedWord());
        Name version = null;
        Text title = null;
        List<Name> types = new ArrayList<>();
        List<Name> ids = new ArrayList<>();
        List<Name> jurisdictions = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        Span effectiveSpan = null;
        List<Text> cites = new ArrayList<>();
        Name extendsId = null;
        for (PplParser.HeaderClauseContext clause : ctx.headerClause()) {
            if (clause instanceof PplParser.VersionClauseContext c) {
                version = duplicateCheck(version, c, "version") ? version : name(c.versionWord());
            } else if (clause instanceof PplParser.TitleClauseContext c) {
                title = duplicateCheck(title, c, "title") ? title : text(c.STRING());
            } else if (clause instanceof PplParser.AppliesToTypeClauseContext c) {
                c.word().forEach(w -> types.add(name(w)));
            } else if (clause instanceof PplParser.AppliesToIdClauseContext c) {
                c.qualifiedWord().forEach(w -> ids.add(qualified(w)));
            } else if (clause instanceof PplParser.JurisdictionClauseContext c) {
                c.word().forEach(w -> jurisdictions.add(name(w)));
            } else if (clause instanceof PplParser.EffectiveClauseContext c) {
                if (!duplicateCheck(effectiveSpan, c, "effective")) {
                    effectiveSpan = span(c);
                    from = date(c.DATE(0));
                    to = c.DATE().size() > 1 ? date(c.DATE(1)) : null;
                }
            } else if (clause instanceof PplParser.CitesClauseContext c) {
                c.STRING().forEach(s -> cites.add(text(s)));
            } else if (clause instanceof PplParser.ExtendsClauseContext c) {
                extendsId = duplicateCheck(extendsId, c, "extends") ? extendsId : qualified(c.qualifiedWord());
            }
        }
        return new Header(id, version, title, types, ids, jurisdictions, from, to, effectiveSpan, cites, extendsId,
                span(ctx));
    }

    private boolean duplicateCheck(Object existing, ParserRuleContext clause, String what) {
        if (existing != null) {
            diagnostics.error("PPL0104", source, span(clause), "the header has `" + what + "` twice",
                    "keep one `" + what + "` clause; a new version of a policy is a new file");
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------ declarations

    Decl declaration(PplParser.DeclarationContext ctx) {
        if (ctx instanceof PplParser.CodeSetDeclContext c) {
            Decl.CodeKind kind = c.setKind() instanceof PplParser.DiagnosisSetKindContext
                    ? Decl.CodeKind.DIAGNOSIS
                    : c.setKind() instanceof PplParser.ModifierSetKindContext ? Decl.CodeKind.MODIFIER
                    : c.setKind() instanceof PplParser.NdcSetKindContext ? Decl.CodeKind.NDC : Decl.CodeKind.PROCEDURE;
            return new Decl.CodeSet(kind, name(c.name()), setExpr(c.setExpr()),
                    c.STRING() == null ? null : text(c.STRING()), span(c));
        }
        if (ctx instanceof PplParser.TableDeclContext c) {
            return table(c);
        }
        if (ctx instanceof PplParser.RuleDeclContext c) {
            return rule(c);
        }
        if (ctx instanceof PplParser.DisableDeclContext c) {
            return new Decl.Disable(ruleId(c.ruleId()), text(c.STRING()), span(c));
        }
        if (ctx instanceof PplParser.MeasureDeclContext c) {
            return measure(c);
        }
        PplParser.TestDeclContext c = (PplParser.TestDeclContext) ctx;
        return new Decl.Test(text(c.STRING()), testCase(c), span(c));
    }

    private Decl.Table table(PplParser.TableDeclContext c) {
        List<Name> keys = new ArrayList<>();
        List<Decl.Column> columns = new ArrayList<>();
        Name effFrom = null;
        Name effTo = null;
        Text cites = null;
        for (PplParser.TableClauseContext clause : c.tableClause()) {
            if (clause instanceof PplParser.KeyClauseContext k) {
                k.name().forEach(n -> keys.add(name(n)));
            } else if (clause instanceof PplParser.ColumnsClauseContext cols) {
                for (PplParser.ColumnContext col : cols.column()) {
                    columns.add(new Decl.Column(name(col.name(0)), name(col.name(1))));
                }
            } else if (clause instanceof PplParser.RowEffectiveClauseContext e) {
                effFrom = name(e.name(0));
                effTo = name(e.name(1));
            } else if (clause instanceof PplParser.TableCitesClauseContext t) {
                cites = text(t.STRING());
            }
        }
        List<Decl.Row> rows = new ArrayList<>();
        for (PplParser.TableRowContext row : c.tableRow()) {
            List<Decl.Cell> cells = new ArrayList<>();
            for (PplParser.LiteralContext lit : row.literal()) {
                cells.add(cell(lit));
            }
            rows.add(new Decl.Row(cells, span(row)));
        }
        return new Decl.Table(name(c.name()), c.file == null ? null : text(c.file), keys, columns, effFrom, effTo,
                cites, rows, span(c));
    }

    private Decl.Cell cell(PplParser.LiteralContext lit) {
        Span span = span(lit);
        if (lit instanceof PplParser.NumberOrQuantityCellContext n) {
            String number = (n.MINUS() != null ? "-" : "") + n.NUMBER().getText();
            return new Decl.Cell(number, n.IDENT() == null ? null : n.IDENT().getText(), Decl.CellKind.NUMBER, span);
        }
        if (lit instanceof PplParser.StringCellContext s) {
            return new Decl.Cell(unquote(s.STRING().getSymbol()), null, Decl.CellKind.STRING, span);
        }
        if (lit instanceof PplParser.DateCellContext d) {
            return new Decl.Cell(d.DATE().getText(), null, Decl.CellKind.DATE, span);
        }
        if (lit instanceof PplParser.CodeCellContext code) {
            return new Decl.Cell(code.CODE().getText(), null, Decl.CellKind.CODE, span);
        }
        if (lit instanceof PplParser.WordCellContext w) {
            return new Decl.Cell(w.IDENT().getText(), null, Decl.CellKind.WORD, span);
        }
        return new Decl.Cell("", null, Decl.CellKind.MISSING, span);
    }

    private Decl.Rule rule(PplParser.RuleDeclContext c) {
        List<Decl.Binding> bindings = bindings(c.forClause());
        Expr where = c.forClause() == null || c.forClause().expr() == null ? null : expr(c.forClause().expr());
        List<Decl.Let> lets = lets(c.letClause());
        List<Decl.Branch> branches = new ArrayList<>();
        for (PplParser.BranchContext b : c.branch()) {
            branches.add(new Decl.Branch(expr(b.expr()), outcome(b.outcome())));
        }
        return new Decl.Rule(ruleId(c.ruleId()), c.description == null ? null : text(c.description),
                c.OVERRIDE() != null, c.reason == null ? null : text(c.reason), c.cites == null ? null : text(c.cites),
                bindings, where, lets, branches, span(c));
    }

    /** The variables of a rule's or measure's {@code for each}. */
    private List<Decl.Binding> bindings(PplParser.ForClauseContext c) {
        List<Decl.Binding> bindings = new ArrayList<>();
        if (c != null) {
            for (PplParser.BindingContext b : c.binding()) {
                bindings.add(new Decl.Binding(name(b.name()), expr(b.expr())));
            }
        }
        return bindings;
    }

    private List<Decl.Let> lets(List<PplParser.LetClauseContext> clauses) {
        List<Decl.Let> lets = new ArrayList<>();
        for (PplParser.LetClauseContext l : clauses) {
            lets.add(new Decl.Let(name(l.name()), expr(l.expr())));
        }
        return lets;
    }

    private Decl.Measure measure(PplParser.MeasureDeclContext c) {
        List<Decl.Binding> bindings = bindings(c.forClause());
        Expr where = c.forClause() == null || c.forClause().expr() == null ? null : expr(c.forClause().expr());
        List<Decl.Let> lets = lets(c.letClause());
        PplParser.MeasureValueContext v = c.measureValue();
        Decl.MeasureKind kind = v instanceof PplParser.RateValueContext ? Decl.MeasureKind.RATE
                : v instanceof PplParser.SumValueContext ? Decl.MeasureKind.SUM
                : v instanceof PplParser.AverageValueContext ? Decl.MeasureKind.AVERAGE
                : v instanceof PplParser.DistinctValueContext ? Decl.MeasureKind.DISTINCT : Decl.MeasureKind.COUNT;
        PplParser.ExprContext item = v.getRuleContext(PplParser.ExprContext.class, 0);
        List<Decl.Benchmark> benchmarks = new ArrayList<>();
        for (PplParser.BenchmarkClauseContext b : c.benchmarkClause()) {
            benchmarks.add(new Decl.Benchmark(name(b.name()), expr(b.expr())));
        }
        List<Decl.Flag> flags = new ArrayList<>();
        for (PplParser.FlagClauseContext f : c.flagClause()) {
            flags.add(new Decl.Flag(name(f.level), expr(f.expr()), template(f.message),
                    f.fix == null ? null : template(f.fix), f.cites == null ? null : template(f.cites), span(f)));
        }
        return new Decl.Measure(ruleId(c.ruleId()), c.description == null ? null : text(c.description),
                c.cites == null ? null : text(c.cites), c.name().stream().map(this::name).toList(), bindings, where,
                lets, kind, item == null ? null : expr(item), v.getToken(PplParser.PER, 0) != null,
                c.volumeClause() == null ? null : expr(c.volumeClause().expr()),
                c.minimumClause() == null ? null : minimum(c.minimumClause()), benchmarks, flags, span(c));
    }

    private Integer minimum(PplParser.MinimumClauseContext c) {
        String text = c.NUMBER().getText();
        if (text.contains(".") || text.length() > 9) {
            diagnostics.error("PPL0107", source, span(c.NUMBER().getSymbol()), "a minimum volume is a whole number",
                    "write e.g. `minimum volume 30`");
            return null;
        }
        return Integer.parseInt(text);
    }

    private Decl.Outcome outcome(PplParser.OutcomeContext c) {
        Severity severity = Severity.valueOf(c.severity().getText().toUpperCase(Locale.ROOT));
        Expr line = c.target() instanceof PplParser.LineTargetContext t ? expr(t.expr()) : null;
        Name group = null;
        Name carc = null;
        List<Name> rarc = new ArrayList<>();
        for (PplParser.AdjustmentContext a : c.adjustment()) {
            if (a instanceof PplParser.GroupCodeContext g) {
                group = token(g.IDENT().getSymbol());
            } else if (a instanceof PplParser.CarcCodeContext cc) {
                carc = name(cc.adjustmentCode());
            } else if (a instanceof PplParser.RarcCodesContext r) {
                r.adjustmentCode().forEach(code -> rarc.add(name(code)));
            }
        }
        return new Decl.Outcome(severity, span(c.severity()), line, group, carc, rarc, template(c.message),
                c.fix == null ? null : template(c.fix), c.cites == null ? null : template(c.cites), span(c));
    }

    // ------------------------------------------------------------------- tests

    private TestCase testCase(PplParser.TestDeclContext c) {
        Text file = null;
        String inline = null;
        if (c.testClaim() instanceof PplParser.ClaimFromFileContext f) {
            file = text(f.STRING());
        } else if (c.testClaim() instanceof PplParser.InlineClaimContext i) {
            inline = compact(i.json());
        }
        List<TestCase.Patch> patches = new ArrayList<>();
        for (PplParser.TestPatchContext p : c.testPatch()) {
            if (p instanceof PplParser.SetLineContext sl) {
                patches.add(new TestCase.Patch(integer(sl.NUMBER()), "", compact(sl.json()), span(p)));
            } else if (p instanceof PplParser.PatchLineContext pl) {
                patches.add(new TestCase.Patch(integer(pl.NUMBER()), compact(pl.jsonPath()), compact(pl.json()), span(p)));
            } else if (p instanceof PplParser.PatchClaimContext pc) {
                patches.add(new TestCase.Patch(null, compact(pc.jsonPath()), compact(pc.json()), span(p)));
            } else if (p instanceof PplParser.RemoveLineContext rl) {
                patches.add(new TestCase.Patch(integer(rl.NUMBER()), "", null, span(p)));
            } else if (p instanceof PplParser.RemoveFieldContext rf) {
                patches.add(new TestCase.Patch(null, compact(rf.jsonPath()), null, span(p)));
            }
        }
        List<TestCase.Expectation> expectations = new ArrayList<>();
        for (PplParser.TestExpectContext e : c.testExpect()) {
            if (e instanceof PplParser.ExpectFindingContext f) {
                expectations.add(new TestCase.Fires(ruleId(f.ruleId()), f.NUMBER() == null ? null : integer(f.NUMBER()),
                        f.severity() == null ? null : Severity.valueOf(f.severity().getText().toUpperCase(Locale.ROOT)),
                        f.adjustmentCode() == null ? null : f.adjustmentCode().getText(), span(e)));
            } else if (e instanceof PplParser.ExpectNoFindingContext n) {
                expectations.add(new TestCase.Silent(ruleId(n.ruleId()), n.NUMBER() == null ? null : integer(n.NUMBER()),
                        span(e)));
            } else if (e instanceof PplParser.ExpectOutcomeContext o) {
                expectations.add(new TestCase.Outcome(o.severity() == null ? null
                        : Severity.valueOf(o.severity().getText().toUpperCase(Locale.ROOT)), span(e)));
            }
        }
        return new TestCase(file, inline, patches, expectations);
    }

    // ------------------------------------------------------------- expressions

    Expr expr(PplParser.ExprContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof PplParser.PrimaryExprContext c) {
            return primary(c.primary());
        }
        if (ctx instanceof PplParser.MemberContext c) {
            return new Expr.Member(expr(c.expr()), name(c.name()), span);
        }
        if (ctx instanceof PplParser.LookupContext c) {
            List<Expr> keys = new ArrayList<>();
            c.keys.forEach(k -> keys.add(expr(k)));
            return new Expr.Lookup(name(c.name()), keys, c.on == null ? null : expr(c.on), span);
        }
        if (ctx instanceof PplParser.NegateContext c) {
            return new Expr.Negate(expr(c.expr()), span);
        }
        if (ctx instanceof PplParser.MultiplyContext c) {
            return new Expr.Arithmetic(c.op.getText().charAt(0), expr(c.expr(0)), expr(c.expr(1)), span);
        }
        if (ctx instanceof PplParser.AddContext c) {
            return new Expr.Arithmetic(c.op.getText().charAt(0), expr(c.expr(0)), expr(c.expr(1)), span);
        }
        if (ctx instanceof PplParser.WithinContext c) {
            Expr.Direction direction = switch (c.direction.getType()) {
                case PplLexer.BEFORE -> Expr.Direction.BEFORE;
                case PplLexer.AFTER -> Expr.Direction.AFTER;
                default -> Expr.Direction.OF;
            };
            return new Expr.Within(expr(c.date), expr(c.window), direction, expr(c.ref), span);
        }
        if (ctx instanceof PplParser.CompareContext c) {
            return new Expr.Compare(c.op.getText(), expr(c.expr(0)), expr(c.expr(1)), span);
        }
        if (ctx instanceof PplParser.InContext c) {
            return new Expr.In(expr(c.expr(0)), expr(c.expr(1)), c.NOT() != null, span);
        }
        if (ctx instanceof PplParser.IsContext c) {
            Expr.Check check = switch (c.check.getType()) {
                case PplLexer.PRESENT -> Expr.Check.PRESENT;
                case PplLexer.MISSING -> Expr.Check.MISSING;
                default -> Expr.Check.BLANK;
            };
            return new Expr.Is(expr(c.expr()), check, c.NOT() != null, span);
        }
        if (ctx instanceof PplParser.NotContext c) {
            return new Expr.Not(expr(c.expr()), span);
        }
        if (ctx instanceof PplParser.AndContext c) {
            return new Expr.And(expr(c.expr(0)), expr(c.expr(1)), span);
        }
        if (ctx instanceof PplParser.OrContext c) {
            return new Expr.Or(expr(c.expr(0)), expr(c.expr(1)), span);
        }
        if (ctx instanceof PplParser.ExistsContext c) {
            Expr.Quantifier q = c.quantifier.getType() == PplLexer.ANY ? Expr.Quantifier.ANY : Expr.Quantifier.NO;
            return new Expr.Quantified(q, name(c.name()), expr(c.source), c.cond == null ? null : expr(c.cond), null,
                    span);
        }
        PplParser.EveryContext c = (PplParser.EveryContext) ctx;
        return new Expr.Quantified(Expr.Quantifier.EVERY, name(c.name()), expr(c.source),
                c.cond == null ? null : expr(c.cond), expr(c.test), span);
    }

    private Expr primary(PplParser.PrimaryContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof PplParser.QuantityLiteralContext c) {
            return new Expr.QuantityLit(c.NUMBER().getText(), token(c.IDENT().getSymbol()), span);
        }
        if (ctx instanceof PplParser.NumberLiteralContext c) {
            return new Expr.NumberLit(c.NUMBER().getText(), span);
        }
        if (ctx instanceof PplParser.StringLiteralContext c) {
            return new Expr.StringLit(unquote(c.STRING().getSymbol()), span);
        }
        if (ctx instanceof PplParser.DateLiteralContext c) {
            LocalDate date = date(c.DATE());
            return new Expr.DateLit(date == null ? LocalDate.EPOCH : date, span);
        }
        if (ctx instanceof PplParser.CodeLiteralContext c) {
            return new Expr.CodeLit(c.CODE().getText(), span);
        }
        if (ctx instanceof PplParser.BoolLiteralContext c) {
            return new Expr.BoolLit(c.TRUE() != null, span);
        }
        if (ctx instanceof PplParser.InlineSetContext c) {
            List<SetExpr.Element> elements = new ArrayList<>();
            c.setElement().forEach(e -> elements.add(element(e)));
            return new Expr.SetLit(new SetExpr.Literal(elements, span), span);
        }
        if (ctx instanceof PplParser.CountContext c) {
            return new Expr.Count(name(c.name()), expr(c.source), c.cond == null ? null : expr(c.cond), span);
        }
        if (ctx instanceof PplParser.SumContext c) {
            return new Expr.Sum(expr(c.value), name(c.name()), expr(c.source), c.cond == null ? null : expr(c.cond),
                    span);
        }
        if (ctx instanceof PplParser.CallContext c) {
            List<Expr> args = new ArrayList<>();
            c.expr().forEach(a -> args.add(expr(a)));
            return new Expr.Call(name(c.name()), args, span);
        }
        if (ctx instanceof PplParser.NameRefContext c) {
            return new Expr.NameRef(oneToken(c.name()), span);
        }
        return expr(((PplParser.ParensContext) ctx).expr());
    }

    private SetExpr setExpr(PplParser.SetExprContext ctx) {
        Span span = span(ctx);
        if (ctx instanceof PplParser.SetLiteralContext c) {
            List<SetExpr.Element> elements = new ArrayList<>();
            c.setElement().forEach(e -> elements.add(element(e)));
            return new SetExpr.Literal(elements, span);
        }
        if (ctx instanceof PplParser.SetRefContext c) {
            return new SetExpr.Ref(name(c.name()), span);
        }
        if (ctx instanceof PplParser.SetUnionContext c) {
            return new SetExpr.Union(setExpr(c.setExpr(0)), setExpr(c.setExpr(1)), span);
        }
        PplParser.SetDifferenceContext c = (PplParser.SetDifferenceContext) ctx;
        return new SetExpr.Difference(setExpr(c.setExpr(0)), setExpr(c.setExpr(1)), span);
    }

    private SetExpr.Element element(PplParser.SetElementContext ctx) {
        String from = atom(ctx.codeAtom(0));
        String to = ctx.codeAtom().size() > 1 ? atom(ctx.codeAtom(1)) : null;
        return new SetExpr.Element(from, to, span(ctx));
    }

    private String atom(PplParser.CodeAtomContext ctx) {
        return ctx.STRING() != null ? unquote(ctx.STRING().getSymbol()) : ctx.getText();
    }

    // --------------------------------------------------------------- templates

    /** Splits a message string into literal text and {@code {expression}} holes. */
    private Template template(Token string) {
        String raw = string.getText();
        int base = offset + string.getStartIndex() + 1;
        String body = raw.substring(1, raw.length() - 1);
        List<Template.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char ch = body.charAt(i);
            if (ch == '{' && i + 1 < body.length() && body.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (ch == '}' && i + 1 < body.length() && body.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (ch == '{') {
                int close = closingBrace(body, i);
                if (close < 0) {
                    diagnostics.error("PPL0105", source, new Span(base + i, base + body.length()),
                            "`{` in a message has no closing `}`", "close the hole with `}`, or write `{{` for a literal brace");
                    return new Template(parts, span(string));
                }
                if (!literal.isEmpty()) {
                    parts.add(new Template.Literal(literal.toString()));
                    literal.setLength(0);
                }
                Expr hole = hole(body.substring(i + 1, close), base + i + 1);
                if (hole != null) {
                    parts.add(new Template.Hole(hole));
                }
                i = close + 1;
            } else if (ch == '\\' && i + 1 < body.length()) {
                literal.append(escape(body.charAt(i + 1)));
                i += 2;
            } else {
                literal.append(ch);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Template.Literal(literal.toString()));
        }
        return new Template(parts, span(string));
    }

    private static int closingBrace(String body, int open) {
        int depth = 0;
        for (int j = open; j < body.length(); j++) {
            if (body.charAt(j) == '{') {
                depth++;
            } else if (body.charAt(j) == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private Expr hole(String text, int at) {
        if (text.isBlank()) {
            diagnostics.error("PPL0105", source, new Span(at - 1, at + text.length() + 1), "empty `{}` in a message",
                    "put a claim value inside, e.g. `{line.code}`, or write `{{}}` for literal braces");
            return null;
        }
        Expr chain = nameChain(text, at);
        return chain != null ? chain : parsedHole(text, at);
    }

    /** A hole read by the parser: null when it has errors, all of them reported. */
    Expr parsedHole(String text, int at) {
        int before = diagnostics.errorCount();
        if (holes == null) {
            holes = new PolicyParser.HoleParser();
        }
        PplParser parser = holes.over(text, at, source, diagnostics);
        if (!PolicyParser.tokensWithinLimits(parser, source, at, diagnostics)) {
            return null;
        }
        PplParser.TemplateHoleContext tree = PolicyParser.guarded(() -> PolicyParser.twoStage(parser, PplParser::templateHole),
                source, at, diagnostics);
        if (tree == null || diagnostics.errorCount() > before || !PolicyParser.withinLimits(tree, source, at, diagnostics)) {
            return null;
        }
        return new AstBuilder(source, diagnostics, at).expr(tree.expr());
    }

    /** The most dots {@link #nameChain} takes; longer chains go through the parser and its limits. */
    private static final int CHAIN_DOTS = 8;

    /**
     * A hole that is a name or a chain of members ({@code {l.code}}, {@code {i.adminLine.line}}: nearly
     * every hole written) built without the parser, as the same nodes the parser's tree would give.
     * Null for anything else, which the parser reads: spaces, brackets, operators, a word that lexes
     * as a code ({@code J3420}) or as a keyword that is not a name ({@code rule}), non-ASCII letters.
     */
    static Expr nameChain(String text, int at) {
        Expr chain = null;
        int dots = 0;
        int start = 0;
        int n = text.length();
        while (true) {
            int end = start;
            while (end < n && isWordChar(text.charAt(end))) {
                end++;
            }
            if (end == start || !PolicyParser.lexesAsName(text, start, end)) {
                return null;
            }
            String word = text.substring(start, end);
            Span span = new Span(at + start, at + end);
            chain = chain == null ? new Expr.NameRef(word, span) : new Expr.Member(chain, new Name(word, span), new Span(at, at + end));
            if (end == n) {
                return chain;
            }
            if (text.charAt(end) != '.' || ++dots > CHAIN_DOTS) {
                return null;
            }
            start = end + 1;
        }
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    // ----------------------------------------------------------------- helpers

    private Name ruleId(PplParser.RuleIdContext ctx) {
        return joined(ctx, "rule id");
    }

    private Name qualified(PplParser.QualifiedWordContext ctx) {
        return joined(ctx, "id");
    }

    /** A word made of several tokens with no spaces between them, e.g. {@code em-same-day-needs-25}. */
    private Name joined(ParserRuleContext ctx, String what) {
        String written = raw(ctx);
        String text = ctx.getText();
        if (!written.equals(text)) {
            diagnostics.error("PPL0103", source, span(ctx), "the " + what + " `" + written + "` has spaces in it",
                    "write it as one word: `" + text + "`");
        }
        return new Name(text, span(ctx));
    }

    private Name name(ParserRuleContext ctx) {
        return new Name(oneToken(ctx), span(ctx));
    }

    /**
     * The text of a context, taken from its token when it has just one (a `name` always does)
     * rather than through the string builder of {@code getText()}: there is a name in nearly
     * every expression.
     */
    private static String oneToken(ParserRuleContext ctx) {
        return ctx.getChildCount() == 1 && ctx.getChild(0) instanceof TerminalNode t ? t.getText() : ctx.getText();
    }

    private Name token(Token t) {
        return new Name(t.getText(), new Span(offset + t.getStartIndex(), offset + t.getStopIndex() + 1));
    }

    private Text text(TerminalNode node) {
        return text(node.getSymbol());
    }

    private Text text(Token t) {
        return new Text(unquote(t), new Span(offset + t.getStartIndex(), offset + t.getStopIndex() + 1));
    }

    private static String unquote(Token t) {
        String raw = t.getText();
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length() - 1; i++) {
            char ch = raw.charAt(i);
            if (ch == '\\' && i + 1 < raw.length() - 1) {
                out.append(escape(raw.charAt(++i)));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static char escape(char ch) {
        return switch (ch) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> ch;
        };
    }

    /**
     * The tokens of a JSON value or field path with nothing between them. The grammar lets
     * whitespace and comments sit between any two tokens (`- 12`, `lines [0] . code`); the JSON
     * reader and the claim patcher would reject them as written, so they get the tokens only.
     */
    private static String compact(ParserRuleContext ctx) {
        return ctx.getText();
    }

    private String raw(ParserRuleContext ctx) {
        return source.text().substring(ctx.start.getStartIndex() + offset, ctx.stop.getStopIndex() + 1 + offset);
    }

    private LocalDate date(TerminalNode node) {
        try {
            return LocalDate.parse(node.getText());
        } catch (DateTimeParseException e) {
            diagnostics.error("PPL0106", source, span(node.getSymbol()), "`" + node.getText() + "` is not a calendar date",
                    "write dates as yyyy-mm-dd with a real month and day");
            return null;
        }
    }

    private Integer integer(TerminalNode node) {
        try {
            return Integer.parseInt(node.getText());
        } catch (NumberFormatException e) {
            diagnostics.error("PPL0107", source, span(node.getSymbol()), "`" + node.getText() + "` is not a whole number",
                    "line numbers are whole numbers such as 1 or 2");
            return -1;
        }
    }

    private Span span(ParserRuleContext ctx) {
        int end = ctx.stop == null || ctx.stop.getStopIndex() < ctx.start.getStartIndex()
                ? ctx.start.getStartIndex()
                : ctx.stop.getStopIndex() + 1;
        return new Span(offset + ctx.start.getStartIndex(), offset + end);
    }

    private Span span(Token t) {
        return new Span(offset + t.getStartIndex(), offset + t.getStopIndex() + 1);
    }
}
