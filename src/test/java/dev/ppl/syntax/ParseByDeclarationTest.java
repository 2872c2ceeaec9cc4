package dev.ppl.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.ast.PolicyFile;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyParser#parse} reads a file one declaration at a time through a lexer that drops
 * comments and whitespace, and falls back to the whole-file parse at anything unusual: the AST
 * and the diagnostics must be exactly those of the whole-file parse ({@link PolicyParser#parseTree}),
 * on every policy in the repository and on broken copies of them.
 */
class ParseByDeclarationTest {

    static List<Path> policies() {
        List<Path> out = new ArrayList<>();
        for (String root : List.of("policies", "examples", "src/test/resources", "src/bench")) {
            if (!Files.isDirectory(Path.of(root))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(p -> p.toString().endsWith(".ppl")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code text} both ways and asserts the same AST and the same diagnostics; the AST of the new way. */
    private static PolicyFile sameBothWays(String name, String text) {
        SourceFile source = new SourceFile(name, text);
        Diagnostics quick = new Diagnostics();
        PolicyFile ast = PolicyParser.parse(source, quick);
        Diagnostics whole = new Diagnostics();
        PolicyParser.Tree tree = PolicyParser.parseTree(source, whole);
        assertEquals(tree == null ? null : tree.ast(), ast, name);
        assertEquals(render(whole), render(quick), name);
        assertEquals(whole.errorCount(), quick.errorCount(), name);
        return ast;
    }

    private static List<String> render(Diagnostics d) {
        return d.all().stream().map(Diagnostic::render).toList();
    }

    @Test
    void everyPolicyInTheRepositoryParsesAsBefore() {
        List<Path> files = policies();
        assertTrue(files.size() > 50, "found " + files.size());
        int quick = 0;
        for (Path p : files) {
            String text = read(p);
            sameBothWays(p.toString(), text);
            if (PolicyParser.byDeclaration(new SourceFile(p.toString(), text)) != null) {
                quick++;
            }
        }
        // the bundled library and the benchmark snapshot all go the quick way; the diagnostics goldens mostly not
        for (Path p : files) {
            if (p.startsWith("policies") || p.startsWith("src/bench")) {
                PolicyFile ast = PolicyParser.byDeclaration(new SourceFile(p.toString(), read(p)));
                assertNotNull(ast, p + " did not parse the quick way");
            }
        }
        assertTrue(quick > 20, "only " + quick + " files parsed the quick way");
    }

    @Test
    void brokenCopiesReportWhatTheWholeFileParseReports() {
        String[] inserts = {"{", "}", "(", ")", "\"", "rule", " and ", "=", "#", "\n", "$", "§", "when", ".", "1", "J3420"};
        Random random = new Random(11);
        int differentFromOriginal = 0;
        for (Path p : policies()) {
            if (!p.startsWith("policies")) {
                continue;
            }
            String text = read(p);
            for (int i = 0; i < 12; i++) {
                int at = random.nextInt(text.length());
                String broken = switch (i % 4) {
                    case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(6)));
                    case 1 -> text.substring(0, at) + inserts[random.nextInt(inserts.length)] + text.substring(at);
                    case 2 -> text.substring(0, at);
                    default -> text.substring(0, at) + text.substring(at).replaceFirst("\\d", "x");
                };
                Diagnostics d = new Diagnostics();
                PolicyParser.parse(new SourceFile(p.toString(), broken), d);
                if (!d.all().isEmpty()) {
                    differentFromOriginal++;
                }
                sameBothWays(p + " (copy " + i + ")", broken);
            }
        }
        assertTrue(differentFromOriginal > 30, "only " + differentFromOriginal + " broken copies had diagnostics");
    }

    @Test
    void limitsAndSyntaxErrorsAreReportedAsBefore() {
        String header = "policy a.b\n  version 1.0.0\n  effective from 2026-01-01\n\n";
        String rule = "rule r%d\n  \"A rule\"\n  when claimId = \"x\"\n  info claim\n    message \"m {claimId}\"\n\n";
        StringBuilder many = new StringBuilder(header);
        for (int i = 0; i < dev.ppl.source.Limits.RULES_PER_POLICY + 1; i++) {
            many.append(String.format(rule, i));
        }
        assertNull(sameBothWays("many.ppl", many.toString()));
        String deep = header + "rule deep\n  when " + "(".repeat(60) + "true" + ")".repeat(60)
                + "\n  info claim\n    message \"m\"\n";
        sameBothWays("deep.ppl", deep);
        // over the token limits: stopped while the quick way's parser is looking ahead, then reported as before
        for (String text : List.of(
                deep.replace("(".repeat(60), "(".repeat(160)).replace(")".repeat(60), ")".repeat(160)),
                header + "rule o\n  when " + "claimId = \"x\" or ".repeat(150) + "true\n  info claim\n    message \"m\"\n"
                        + String.format(rule, 2),
                header + "rule n\n  when " + "not ".repeat(150) + "true\n  info claim\n    message \"m\"\n")) {
            assertNull(sameBothWays("limit.ppl", text));
            Diagnostics d = new Diagnostics();
            PolicyParser.parse(new SourceFile("limit.ppl", text), d);
            assertEquals(List.of("PPL0121"), d.all().stream().map(Diagnostic::code).toList());
        }
        sameBothWays("members.ppl", header + "rule m\n  when " + "claimId".concat(".x".repeat(300))
                + " = 1\n  info claim\n    message \"m\"\n");
        sameBothWays("trailing.ppl", header + String.format(rule, 1) + "rule");
        sameBothWays("badhole.ppl", header + "rule h\n  when true\n  info claim\n    message \"{1 +}\"\n");
        sameBothWays("baddate.ppl", "policy a.b\n  version 1.0.0\n  effective from 2026-02-30\n");
        assertNotNull(sameBothWays("fine.ppl", header + String.format(rule, 1)));
    }

    @Test
    void theStringStreamLexesLikeAntlrsOwn() {
        List<String> texts = new ArrayList<>();
        for (Path p : policies()) {
            texts.add(read(p));
        }
        texts.add("policy a.b # déjà vu — ok\n title \"naïve ☃\" \"\\u00e9\"");
        texts.add("");
        texts.add("rule x \"emoji \uD83D\uDE00 in a string\" when");
        for (String text : texts) {
            CharStream ours = StringCharStream.over(text, "t.ppl");
            CharStream theirs = CharStreams.fromString(text, "t.ppl");
            assertEquals(theirs.size(), ours.size());
            assertEquals(theirs.getSourceName(), ours.getSourceName());
            List<? extends Token> a = tokens(ours);
            List<? extends Token> b = tokens(theirs);
            assertEquals(b.size(), a.size());
            for (int i = 0; i < a.size(); i++) {
                Token x = a.get(i);
                Token y = b.get(i);
                assertEquals(y.toString(), x.toString());
                assertEquals(y.getText(), x.getText());
            }
            int n = text.length();
            assertEquals(theirs.getText(Interval.of(0, n + 5)), ours.getText(Interval.of(0, n + 5)));
            assertEquals(theirs.getText(Interval.of(3, 2)), ours.getText(Interval.of(3, 2)));
        }
        assertEquals("t.ppl", StringCharStream.over("x", "t.ppl").getSourceName());
        CharStream s = StringCharStream.over("ab", "");
        assertEquals(CharStreams.fromString("ab").getSourceName(), s.getSourceName());
        assertEquals('a', s.LA(1));
        s.consume();
        assertEquals('a', s.LA(-1));
        assertEquals('b', s.LA(1));
        assertEquals(Token.EOF, s.LA(2));
        s.consume();
        assertEquals(Token.EOF, s.LA(1));
    }

    private static List<? extends Token> tokens(CharStream in) {
        PplLexer lexer = new PplLexer(in);
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        return tokens.getTokens();
    }
}
