package dev.ppl.syntax;

import dev.ppl.ast.PolicyFile;
import dev.ppl.source.CompilerStack;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.Limits;
import dev.ppl.source.SourceFile;
import dev.ppl.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.ANTLRErrorListener;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;

/** Parses policy text into a {@link PolicyFile}, reporting syntax errors as diagnostics. */
public final class PolicyParser {

    private PolicyParser() {}

    /**
     * Parses one file. Returns null when the file has syntax errors (all of them are in {@code
     * diagnostics}); never throws for bad input.
     */
    public static PolicyFile parse(SourceFile source, Diagnostics diagnostics) {
        return CompilerStack.call(() -> {
            PolicyFile ast = byDeclaration(source);
            if (ast != null) {
                return ast;
            }
            Tree tree = parseTreeHere(source, diagnostics);
            return tree == null ? null : tree.ast();
        });
    }

    /**
     * The quick way to read a file that has no problems, tried before {@link #parseTreeHere}: the
     * lexer passes on no comment or whitespace token, and the parser reads the header and then one
     * declaration at a time with SLL prediction, each declaration's parse tree turned into its AST
     * and dropped, with its tokens, before the next is read. A 1,000-rule file's whole parse tree
     * and tokens are never held at once: held, they outlived several young collections and were
     * copied by each. SLL prediction starts from no outer context whichever rule the parser was
     * called on, so each declaration's tree is the one the whole-file parse makes. Returns null at
     * the first thing that is not plainly right (a syntax error, a decision SLL cannot make, a
     * limit, any diagnostic at all, anything thrown): the caller then parses the file the usual
     * way, which reports exactly what it always did.
     */
    static PolicyFile byDeclaration(SourceFile source) {
        String text = source.text();
        if (text.length() > Limits.POLICY_FILE_CHARS) {
            return null;
        }
        Diagnostics found = new Diagnostics();
        PplLexer lexer = new DefaultChannelLexer(StringCharStream.over(text, source.path()), source, found);
        lexer.removeErrorListeners();
        PplParser parser = new PplParser(new org.antlr.v4.runtime.UnbufferedTokenStream<>(lexer));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        AstBuilder builder = new AstBuilder(source, found);
        try {
            PplParser.HeaderContext headerTree = parser.header();
            if (!withinLimits(headerTree, source, 0, found)) {
                return null;
            }
            dev.ppl.ast.Header header = builder.header(headerTree);
            List<dev.ppl.ast.Decl> decls = new ArrayList<>();
            int rules = 0;
            while (parser.getTokenStream().LA(1) != Token.EOF) {
                PplParser.DeclarationContext tree = parser.declaration();
                if (tree instanceof PplParser.RuleDeclContext && ++rules > Limits.RULES_PER_POLICY
                        || !withinLimits(tree, source, 0, found)) {
                    return null;
                }
                decls.add(builder.declaration(tree));
                if (!found.all().isEmpty()) {
                    return null;
                }
            }
            return found.all().isEmpty() ? new PolicyFile(source, header, decls) : null;
        } catch (RuntimeException | StackOverflowError e) {
            return null; // ParseCancellationException at the first problem; anything else, the usual way reports it too
        }
    }

    /**
     * The lexer for {@link #byDeclaration}: comments and whitespace (the hidden channel) are
     * matched and dropped, all into one reused token, so the parser sees only the tokens it reads;
     * the formatter, which needs them, uses {@link #parseTree}. Each token passes the checks of
     * {@link #tokensWithinLimits} as it is made (the parser reads from a stream that keeps only the
     * tokens it may still look back at, so they are never all held at once); one over a limit
     * stops the parse, and the whole-file parse then reports it.
     */
    private static final class DefaultChannelLexer extends PplLexer {
        private final TokenLimits limits = new TokenLimits();
        private final SourceFile source;
        private final Diagnostics found;

        DefaultChannelLexer(org.antlr.v4.runtime.CharStream input, SourceFile source, Diagnostics found) {
            super(input);
            this.source = source;
            this.found = found;
            org.antlr.v4.runtime.CommonToken dropped = new org.antlr.v4.runtime.CommonToken(Token.INVALID_TYPE);
            setTokenFactory(new org.antlr.v4.runtime.CommonTokenFactory() {
                @Override
                public org.antlr.v4.runtime.CommonToken create(org.antlr.v4.runtime.misc.Pair<org.antlr.v4.runtime.TokenSource,
                        org.antlr.v4.runtime.CharStream> source, int type, String text, int channel, int start, int stop,
                        int line, int charPositionInLine) {
                    if (channel != Token.DEFAULT_CHANNEL) {
                        dropped.setChannel(channel);
                        return dropped;
                    }
                    return super.create(source, type, text, channel, start, stop, line, charPositionInLine);
                }
            });
        }

        @Override
        public Token nextToken() {
            Token t = super.nextToken();
            while (t.getChannel() != Token.DEFAULT_CHANNEL) {
                t = super.nextToken();
            }
            if (!limits.accept(t, source, 0, found)) {
                throw new ParseCancellationException("over a limit");
            }
            return t;
        }
    }

    /**
     * A file parsed for tools that work on its text (the formatter): the AST, ANTLR's parse tree,
     * and the token stream with comments and whitespace on the hidden channel.
     */
    public record Tree(PolicyFile ast, PplParser.PolicyFileContext root, CommonTokenStream tokens) {}

    /**
     * Parses one file keeping the parse tree and tokens. Returns null when the file has syntax
     * errors (all of them are in {@code diagnostics}); never throws for bad input.
     */
    public static Tree parseTree(SourceFile source, Diagnostics diagnostics) {
        return CompilerStack.call(() -> parseTreeHere(source, diagnostics));
    }

    private static Tree parseTreeHere(SourceFile source, Diagnostics diagnostics) {
        int before = diagnostics.errorCount();
        if (source.text().length() > Limits.POLICY_FILE_CHARS) {
            diagnostics.error("PPL0120", source, new Span(0, 0), "the file has more than " + Limits.POLICY_FILE_CHARS
                    + " characters (1 MiB), the most a policy file may have", "split the policy, or move long code lists "
                    + "into table files (`table ... from \"file.csv\"`)");
            return null;
        }
        PplParser parser = parser(source.text(), source, diagnostics);
        if (!tokensWithinLimits(parser, source, 0, diagnostics)) {
            return null;
        }
        PplParser.PolicyFileContext root = guarded(() -> policyFile(parser), source, 0, diagnostics);
        if (root == null || diagnostics.errorCount() > before || !withinLimits(root, source, 0, diagnostics)) {
            return null;
        }
        // the AST builder reports what the grammar cannot (spaces in ids, bad dates, message holes)
        PolicyFile ast = new AstBuilder(source, diagnostics).policyFile(root);
        if (diagnostics.errorCount() > before) {
            return null;
        }
        return new Tree(ast, root, (CommonTokenStream) parser.getTokenStream());
    }

    /**
     * Parses a whole file in two stages: ANTLR's SLL prediction first, which decides nearly every
     * policy without full-context lookahead (building 10,000 rules parsed about 9 times faster),
     * and only when SLL cannot decide or the text has a syntax error, again from the start with
     * full LL prediction and the error reports. A file SLL parses gets the tree LL would give.
     */
    private static PplParser.PolicyFileContext policyFile(PplParser parser) {
        return twoStage(parser, PplParser::policyFile);
    }

    /** Parses with {@code rule} in the two stages of {@link #policyFile(PplParser)}. */
    static <T> T twoStage(PplParser parser, java.util.function.Function<PplParser, T> rule) {
        List<? extends ANTLRErrorListener> listeners = List.copyOf(parser.getErrorListeners());
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        T tree;
        try {
            tree = rule.apply(parser);
        } catch (ParseCancellationException e) {
            tree = null;
        }
        listeners.forEach(parser::addErrorListener);
        parser.setErrorHandler(new DefaultErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        if (tree == null) {
            parser.reset();
            tree = rule.apply(parser);
        }
        return tree;
    }

    /**
     * Runs an ANTLR parse, turning a stack overflow into PPL0121. The nesting limit is checked on
     * the finished tree; this catches only text nested so far beyond it that the parser itself runs
     * out of stack, which it does cleanly (it changes nothing shared but ANTLR's prediction cache,
     * which stays valid). Null when it overflowed.
     */
    static <T> T guarded(java.util.function.Supplier<T> parse, SourceFile source, int offset, Diagnostics diagnostics) {
        try {
            return parse.get();
        } catch (StackOverflowError e) {
            diagnostics.error("PPL0121", source, new Span(offset, offset), "the text is nested too deeply to read "
                    + "(more than " + Limits.NESTING_DEPTH + " levels)", NESTING_HELP);
            return null;
        }
    }

    private static final String NESTING_HELP = "split the condition with `let` names, and write long alternatives as a"
            + " code set: `l.code in { ... }`";

    /** Tokens that start a clause or declaration: they never occur inside an expression. */
    private static final boolean[] ARITHMETIC = tokens(PplLexer.PLUS, PplLexer.MINUS, PplLexer.STAR, PplLexer.SLASH);
    /** Tokens of lower precedence than arithmetic, or separators: they end a chain of `+` and the like. */
    private static final boolean[] CHAIN_ENDS = tokens(PplLexer.COMMA, PplLexer.AND, PplLexer.OR,
            PplLexer.EQ, PplLexer.NEQ, PplLexer.LT, PplLexer.LE, PplLexer.GT, PplLexer.GE, PplLexer.IN);

    /** Tokens that start a clause or declaration: they never occur inside an expression. */
    private static final boolean[] CLAUSE_STARTS = tokens(PplLexer.POLICY, PplLexer.RULE,
            PplLexer.WHEN, PplLexer.LET, PplLexer.MESSAGE, PplLexer.FIX, PplLexer.TEST, PplLexer.WITH, PplLexer.WITHOUT,
            PplLexer.EXPECT, PplLexer.DISABLE, PplLexer.OVERRIDE, PplLexer.TABLE);

    /** A flag per token type, set for the types given: tested per token without boxing. */
    private static boolean[] tokens(int... types) {
        boolean[] flags = new boolean[PplLexer.VOCABULARY.getMaxTokenType() + 1];
        for (int t : types) {
            flags[t] = true;
        }
        return flags;
    }

    private static boolean is(boolean[] flags, int type) {
        return type >= 0 && type < flags.length && flags[type];
    }

    /**
     * Checks on the tokens, before parsing, what would make the parser itself slow or deep: each
     * bracket, and each `not` or minus of a run, opens a level, so more than {@link
     * Limits#NESTING_DEPTH} of them could never pass the nesting limit and get PPL0121 at once
     * (ANTLR needs seconds for thousands of levels). Nested quantifiers ({@code any x in s where
     * any y in t where ...}) make its prediction look ahead to the end of the expression at every
     * level, time quadratic in their number, so more than the limit in one expression is PPL0121
     * too. So is a chain of more than the limit of `or`, or of `and`, at one bracket level: each
     * link is a level of the tree, and a long chain with a syntax error in it also takes ANTLR's
     * error recovery time quadratic in its length (a fuzzed policy with 2,370 `or` took 30 s).
     * The same holds for a chain of `+`, `-`, `*` and `/` (a fuzzed policy with 1,400 `+ 1` and a
     * syntax error later in the file took 15 s of CPU); commas, comparisons, `and` and `or` end such
     * a chain, so the ranges of a long code list are no chain.
     */
    static boolean tokensWithinLimits(PplParser parser, SourceFile source, int offset, Diagnostics diagnostics) {
        CommonTokenStream tokens = (CommonTokenStream) parser.getTokenStream();
        tokens.fill();
        TokenLimits limits = new TokenLimits();
        for (Token t : tokens.getTokens()) {
            if (!limits.accept(t, source, offset, diagnostics)) {
                return false;
            }
        }
        tokens.seek(0);
        return true;
    }

    /** The checks of {@link #tokensWithinLimits}, fed one token at a time. */
    static final class TokenLimits {
        private int quantifiers = 0;
        private int brackets = 0;
        private int run = 0;
        // per bracket level, the `or`, `and` and arithmetic links of the current chain; grown as
        // brackets open (a template hole is a few tokens, a file has thousands of them)
        private final int levels = Limits.NESTING_DEPTH + 2;
        private int[] ors = new int[8];
        private int[] ands = new int[8];
        private int[] arithmetic = new int[8];

        /** Takes the next token; false, with PPL0121 in {@code diagnostics}, when it goes over a limit. */
        boolean accept(Token t, SourceFile source, int offset, Diagnostics diagnostics) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                return true;
            }
            int type = t.getType();
            run = type == PplLexer.NOT || type == PplLexer.MINUS ? run + 1 : 0;
            if (type == PplLexer.LPAREN || type == PplLexer.LBRACK || type == PplLexer.LBRACE) {
                brackets++;
                if (brackets < levels) {
                    if (brackets >= ors.length) {
                        int grown = Math.min(levels, ors.length * 2);
                        ors = java.util.Arrays.copyOf(ors, grown);
                        ands = java.util.Arrays.copyOf(ands, grown);
                        arithmetic = java.util.Arrays.copyOf(arithmetic, grown);
                    }
                    ors[brackets] = 0;
                    ands[brackets] = 0;
                    arithmetic[brackets] = 0;
                }
            } else if (type == PplLexer.RPAREN || type == PplLexer.RBRACK || type == PplLexer.RBRACE) {
                brackets = Math.max(0, brackets - 1);
            }
            int level = Math.min(brackets, levels - 1);
            if (type == PplLexer.OR) {
                ors[level]++;
                ands[level] = 0;
            } else if (type == PplLexer.AND) {
                ands[level]++;
            }
            if (is(ARITHMETIC, type)) {
                arithmetic[level]++;
            } else if (is(CHAIN_ENDS, type)) {
                arithmetic[level] = 0;
            }
            if (is(CLAUSE_STARTS, type)) {
                quantifiers = 0;
                java.util.Arrays.fill(ors, 0);
                java.util.Arrays.fill(ands, 0);
                java.util.Arrays.fill(arithmetic, 0);
            } else if (type == PplLexer.ANY || type == PplLexer.NO || type == PplLexer.EVERY || type == PplLexer.COUNT
                    || type == PplLexer.SUM) {
                quantifiers++;
            }
            String what = brackets > Limits.NESTING_DEPTH ? "more than " + Limits.NESTING_DEPTH + " brackets open"
                    : run > Limits.NESTING_DEPTH + 1 ? "more than " + Limits.NESTING_DEPTH + " `not` or `-` in a row"
                    : quantifiers > Limits.NESTING_DEPTH ? "more than " + Limits.NESTING_DEPTH + " quantifiers in one expression"
                    : ors[level] > Limits.NESTING_DEPTH ? "more than " + Limits.NESTING_DEPTH + " `or` in one chain"
                    : ands[level] > Limits.NESTING_DEPTH ? "more than " + Limits.NESTING_DEPTH + " `and` in one chain"
                    : arithmetic[level] > Limits.NESTING_DEPTH
                            ? "more than " + Limits.NESTING_DEPTH + " `+`, `-`, `*` or `/` in one chain"
                    : null;
            if (what != null) {
                diagnostics.error("PPL0121", source, new Span(offset + t.getStartIndex(), offset + t.getStopIndex() + 1),
                        what + ", which nests it more than " + Limits.NESTING_DEPTH + " levels deep, the most PPL reads",
                        NESTING_HELP);
                return false;
            }
            return true;
        }
    }

    /**
     * Checks the documented limits on a parse tree without recursion: nesting depth (PPL0121) and
     * rules per policy (PPL0122). Every later phase recurses over the tree, so it must not see a
     * deeper one.
     */
    static boolean withinLimits(ParserRuleContext root, SourceFile source, int offset, Diagnostics diagnostics) {
        // a stack of nodes and their depths, without boxing a depth per node
        ParserRuleContext[] nodes = new ParserRuleContext[64];
        int[] depths = new int[64];
        int top = 0;
        nodes[top] = root;
        depths[top++] = 0;
        int rules = 0;
        while (top > 0) {
            ParserRuleContext node = nodes[--top];
            nodes[top] = null;
            int depth = depths[top];
            if (node instanceof PplParser.ExprContext || node instanceof PplParser.SetExprContext
                    || node instanceof PplParser.JsonContext) {
                depth++;
                if (depth > Limits.NESTING_DEPTH) {
                    Span at = new Span(offset + node.getStart().getStartIndex(), offset + node.getStart().getStopIndex() + 1);
                    diagnostics.error("PPL0121", source, at, "this is nested more than " + Limits.NESTING_DEPTH
                            + " levels deep, the most PPL reads", NESTING_HELP);
                    return false;
                }
            }
            if (node instanceof PplParser.RuleDeclContext && ++rules > Limits.RULES_PER_POLICY) {
                Span at = new Span(offset + node.getStart().getStartIndex(), offset + node.getStart().getStopIndex() + 1);
                diagnostics.error("PPL0122", source, at, "a policy has at most " + Limits.RULES_PER_POLICY
                        + " rules; this is rule " + rules, "split the rules over several policies");
                return false;
            }
            List<ParseTree> children = node.children;
            if (children != null) {
                // by index: an iterator for each of the million nodes of a large policy is garbage the walk need not make
                for (int i = 0, n = children.size(); i < n; i++) {
                    if (children.get(i) instanceof ParserRuleContext c) {
                        if (top == nodes.length) {
                            nodes = java.util.Arrays.copyOf(nodes, top * 2);
                            depths = java.util.Arrays.copyOf(depths, top * 2);
                        }
                        nodes[top] = c;
                        depths[top++] = depth;
                    }
                }
            }
        }
        return true;
    }

    /** Token types the grammar's `name` rule accepts: IDENT and the keywords that may be names. */
    private static final boolean[] NAME_TOKENS;
    /** Each keyword's token type, by its text. */
    private static final java.util.Map<String, Integer> KEYWORDS = new java.util.HashMap<>();

    static {
        org.antlr.v4.runtime.atn.ATN atn = PplParser._ATN;
        NAME_TOKENS = tokens(atn.nextTokens(atn.ruleToStartState[PplParser.RULE_name]).toArray());
        Vocabulary vocabulary = PplLexer.VOCABULARY;
        for (int t = 1; t <= vocabulary.getMaxTokenType(); t++) {
            String literal = vocabulary.getLiteralName(t);
            if (literal != null && literal.matches("'[a-z]+'")) {
                KEYWORDS.put(literal.substring(1, literal.length() - 1), t);
            }
        }
    }

    /**
     * Whether {@code text[start, end)}, made of ASCII letters, digits and underscores and followed
     * by nothing or a dot, lexes as one token the `name` rule accepts: an IDENT or a keyword that
     * may be a name. A word starting with a digit, or with a capital and a digit (which may lex as
     * a code, taking a following dot with it), is not taken.
     */
    static boolean lexesAsName(String text, int start, int end) {
        char first = text.charAt(start);
        if (first >= '0' && first <= '9'
                || first >= 'A' && first <= 'Z' && end > start + 1 && text.charAt(start + 1) >= '0' && text.charAt(start + 1) <= '9') {
            return false;
        }
        Integer keyword = first >= 'a' && first <= 'z' ? KEYWORDS.get(text.substring(start, end)) : null;
        return is(NAME_TOKENS, keyword == null ? PplLexer.IDENT : keyword);
    }

    static PplParser parser(String text, SourceFile source, Diagnostics diagnostics) {
        return parser(text, 0, source, diagnostics);
    }

    /** A parser over {@code text}, which sits at {@code offset} in {@code source}. */
    static PplParser parser(String text, int offset, SourceFile source, Diagnostics diagnostics) {
        PplLexer lexer = new PplLexer(CharStreams.fromString(text, source.path()));
        lexer.removeErrorListeners();
        PplParser parser = new PplParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(new Reporter(source, offset, diagnostics));
        return parser;
    }

    /**
     * One lexer and parser for the template holes of a file, reset for each hole: a file of a
     * thousand rules has tens of thousands of holes, and a new parser for each was a fifth of the
     * time to parse it.
     */
    static final class HoleParser {
        private final PplLexer lexer = new PplLexer(null);
        private final PplParser parser;

        HoleParser() {
            lexer.removeErrorListeners();
            parser = new PplParser(new CommonTokenStream(lexer));
        }

        /** The parser over {@code text}, which sits at {@code offset} in {@code source}. */
        PplParser over(String text, int offset, SourceFile source, Diagnostics diagnostics) {
            lexer.setInputStream(CharStreams.fromString(text, source.path()));
            parser.setTokenStream(new CommonTokenStream(lexer));
            parser.removeErrorListeners();
            parser.addErrorListener(new Reporter(source, offset, diagnostics));
            return parser;
        }
    }

    /** Turns ANTLR's syntax errors into PPL diagnostics in words. */
    private static final class Reporter extends BaseErrorListener {
        private final SourceFile source;
        private final int offset;
        private final Diagnostics diagnostics;
        private int lastLine = -1;

        Reporter(SourceFile source, int offset, Diagnostics diagnostics) {
            this.source = source;
            this.offset = offset;
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer, Object symbol, int line, int col, String msg, RecognitionException e) {
            Token token = symbol instanceof Token t ? t : null;
            Span span = token == null || token.getType() == Token.EOF
                    ? new Span(offset + source.text().length(), offset + source.text().length())
                    : new Span(offset + token.getStartIndex(), offset + token.getStopIndex() + 1);
            if (token != null && token.getType() == Token.EOF) {
                int end = Math.max(0, Math.min(source.text().length(), offset + token.getStartIndex()));
                span = new Span(Math.max(0, end - 1), end);
            }
            if (token != null && token.getType() == PplLexer.ERROR_CHAR) {
                diagnostics.error("PPL0101", source, span,
                        "unexpected character `" + token.getText() + "`",
                        "PPL text uses letters, digits, quotes and the operators = != < <= > >= + - * /; comments start with #");
                return;
            }
            // ANTLR's recovery often reports a second error on the same line: show only the first
            int errorLine = source.line(span.start());
            if (errorLine == lastLine) {
                return;
            }
            lastLine = errorLine;
            String found = describe(token);
            List<String> expected = recognizer instanceof Parser p ? expected(p, e) : List.of();
            String message = "unexpected " + found;
            String help = null;
            if (expected.contains("a number") && expected.contains("a quoted string") && expected.contains("a name")) {
                message += ", expected a value or an expression";
            } else if (!expected.isEmpty() && expected.size() <= 6) {
                message += ", expected " + String.join(" or ", expected);
            } else if (token != null && token.getType() == PplLexer.STRING && msg.contains("extraneous")) {
                help = "a string here is not expected; check the line before for a missing keyword";
            }
            if (token != null && token.getType() == Token.EOF) {
                help = "the file ends in the middle of a declaration";
            }
            diagnostics.error("PPL0102", source, span, message, help);
        }

        private static String describe(Token token) {
            if (token == null || token.getType() == Token.EOF) {
                return "end of file";
            }
            return "`" + token.getText() + "`";
        }

        private static List<String> expected(Parser parser, RecognitionException e) {
            IntervalSet set;
            try {
                set = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
            } catch (RuntimeException ignored) {
                return List.of();
            }
            Vocabulary vocabulary = parser.getVocabulary();
            List<String> words = new ArrayList<>();
            for (int type : set.toList()) {
                words.add(word(vocabulary, type));
            }
            return words;
        }

        private static String word(Vocabulary vocabulary, int type) {
            if (type == Token.EOF) {
                return "end of file";
            }
            String literal = vocabulary.getLiteralName(type);
            if (literal != null) {
                return "`" + literal.substring(1, literal.length() - 1) + "`";
            }
            String symbolic = vocabulary.getSymbolicName(type);
            return switch (symbolic == null ? "" : symbolic) {
                case "IDENT" -> "a name";
                case "STRING" -> "a quoted string";
                case "NUMBER" -> "a number";
                case "DATE" -> "a date (yyyy-mm-dd)";
                case "CODE" -> "a code";
                case "VERSION_NUMBER" -> "a version like 1.0.0";
                default -> symbolic == null ? "token " + type : symbolic.toLowerCase(Locale.ROOT);
            };
        }
    }
}
