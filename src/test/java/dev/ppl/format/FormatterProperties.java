package dev.ppl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ppl.ast.AstPrinter;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.syntax.PolicyParser;
import dev.ppl.syntax.PplLexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The formatter's laws: formatting is idempotent, keeps the parsed tree and every comment, and
 * does not depend on horizontal spacing. Checked on generated policies (every grammar form,
 * random spacing and comments) and on the real files with their whitespace scrambled.
 */
class FormatterProperties {

    @Property(tries = 200)
    void generatedPoliciesFormatIdempotentlyKeepingTreeAndComments(@ForAll long seed) {
        laws(new PolicyTextGenerator(seed).policy());
    }

    @Property(tries = 100)
    void scrambledRealFilesFormatIdempotentlyKeepingTreeAndComments(@ForAll("files") String text, @ForAll long seed) {
        laws(scramble(text, new Random(seed), true));
    }

    @Property(tries = 100)
    void horizontalSpacingNeverChangesTheResult(@ForAll("files") String text, @ForAll long seed) {
        String formatted = Formatter.format("a.ppl", text);
        assertEquals(formatted, Formatter.format("b.ppl", scramble(text, new Random(seed), false)));
    }

    @Tag("slow")
    @Property(tries = 20_000)
    void manyGeneratedPolicies(@ForAll long seed) {
        laws(new PolicyTextGenerator(seed).policy());
    }

    @Tag("slow")
    @Property(tries = 5_000)
    void manyScrambledFiles(@ForAll("files") String text, @ForAll long seed) {
        laws(scramble(text, new Random(seed), true));
    }

    private static void laws(String text) {
        Diagnostics diagnostics = new Diagnostics();
        var before = PolicyParser.parse(new SourceFile("in.ppl", text), diagnostics);
        assertFalse(diagnostics.hasErrors(), () -> "the input parses:\n" + text + "\n" + diagnostics.render());
        String formatted = Formatter.format("in.ppl", text);
        assertNotNull(formatted, text);
        assertEquals(formatted, Formatter.format("again.ppl", formatted), () -> "idempotent for:\n" + text);
        Diagnostics after = new Diagnostics();
        var reparsed = PolicyParser.parse(new SourceFile("out.ppl", formatted), after);
        assertFalse(after.hasErrors(), () -> "the output parses:\n" + formatted + "\n" + after.render());
        assertEquals(AstPrinter.print(before.header()) + AstPrinter.print(before.decls()),
                AstPrinter.print(reparsed.header()) + AstPrinter.print(reparsed.decls()),
                () -> "same tree for:\n" + text + "\nformatted:\n" + formatted);
        assertEquals(comments(text), comments(formatted), () -> "same comments for:\n" + text);
    }

    static List<String> comments(String text) {
        PplLexer lexer = new PplLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<String> out = new ArrayList<>();
        for (Token t : lexer.getAllTokens()) {
            if (t.getType() == PplLexer.COMMENT) {
                out.add(t.getText().strip());
            }
        }
        return out;
    }

    /**
     * Replaces every run of whitespace by another. With {@code lines}, line breaks, blank lines
     * and new comments may appear or disappear (a break after a comment always stays); without,
     * only the spaces between tokens on one line change: indentation (which the author owns for
     * continuation lines) and the space before {@code =} (which sets the alignment of a run of
     * code sets) stay as they are.
     */
    static String scramble(String text, Random random, boolean lines) {
        PplLexer lexer = new PplLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token t : lexer.getAllTokens()) {
            if (t.getType() != PplLexer.WS) {
                out.append(t.getText());
                previous = t;
                continue;
            }
            int newlines = (int) t.getText().chars().filter(c -> c == '\n').count();
            if (!lines && (newlines > 0 || before(text, t).equals("="))) {
                out.append(t.getText());
                continue;
            }
            boolean afterComment = previous != null && previous.getType() == PplLexer.COMMENT;
            if (lines) {
                newlines = switch (random.nextInt(6)) {
                    case 0, 1 -> 0;
                    case 2, 3 -> 1;
                    case 4 -> 2;
                    default -> newlines;
                };
                if (afterComment || previous == null) {
                    newlines = Math.max(newlines, previous == null ? 0 : 1);
                }
            }
            out.append(horizontal(random));
            for (int k = 0; k < newlines; k++) {
                out.append('\n').append(horizontal(random));
            }
            if (newlines == 0 && !out.isEmpty() && out.charAt(out.length() - 1) != ' ' && out.charAt(out.length() - 1) != '\t') {
                out.append(' ');
            }
            if (lines && random.nextInt(12) == 0) {
                out.append("# scrambled\n").append(horizontal(random));
            }
        }
        return out.toString();
    }

    /** The character after a whitespace token. */
    private static String before(String text, Token whitespace) {
        int end = whitespace.getStopIndex() + 1;
        return end < text.length() ? text.substring(end, end + 1) : "";
    }

    private static String horizontal(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "    ";
            case 3 -> "\t";
            default -> "  ";
        };
    }

    @Provide
    Arbitrary<String> files() {
        List<String> texts = new ArrayList<>();
        for (Path dir : List.of(Path.of("policies"), FormatterGoldenTest.DIR)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".ppl")).sorted().toList()) {
                    texts.add(Files.readString(p, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Arbitraries.of(texts);
    }
}
