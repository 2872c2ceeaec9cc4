package dev.ppl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.ast.AstPrinter;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import dev.ppl.syntax.PolicyParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each {@code src/test/resources/format/NAME.ppl} formats to {@code NAME.fmt}
 * (regenerate with {@code -Dppl.regenerate=true} and review the diff). Every golden output is a
 * fixed point and parses to the same tree as its input.
 */
class FormatterGoldenTest {
    static final Path DIR = Path.of("src/test/resources/format");
    static final boolean REGENERATE = Boolean.getBoolean("ppl.regenerate");

    @TestFactory
    Stream<DynamicTest> everyGoldenFile() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(DIR)) {
            inputs = files.filter(p -> p.toString().endsWith(".ppl")).sorted().toList();
        }
        assertFalse(inputs.isEmpty(), "golden inputs exist");
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            String text = Files.readString(input, StandardCharsets.UTF_8);
            String formatted = Formatter.format(input.getFileName().toString(), text);
            assertNotNull(formatted, "the golden input parses");
            Path golden = DIR.resolve(input.getFileName().toString().replaceFirst("\\.ppl$", ".fmt"));
            if (REGENERATE || !Files.exists(golden)) {
                Files.writeString(golden, formatted, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), formatted,
                    "formatting " + input + " differs from " + golden + " (regenerate with -Dppl.regenerate=true)");
            assertEquals(formatted, Formatter.format("again", formatted), "formatting is idempotent");
            assertEquals(tree(text), tree(formatted), "formatting keeps the tree");
        }));
    }

    static String tree(String text) {
        Diagnostics diagnostics = new Diagnostics();
        var file = PolicyParser.parse(new SourceFile("t.ppl", text), diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics::render);
        return AstPrinter.print(file.header()) + "\n" + AstPrinter.print(file.decls());
    }

    @Test
    void theBundledExampleIsAFixedPoint() throws IOException {
        String text = Files.readString(Path.of("policies/medicare/injection-core.ppl"), StandardCharsets.UTF_8);
        assertEquals(text, Formatter.format("injection-core.ppl", text));
    }

    @Test
    void aFileWithSyntaxErrorsIsNotFormatted() {
        Formatter.Result result = Formatter.format(new SourceFile("bad.ppl", "policy x\n  version 1.0.0\nrule ("));
        assertNull(result.text());
        assertTrue(result.diagnostics().hasErrors());
        assertTrue(result.diagnostics().render().contains("PPL0102"), result.diagnostics().render());
    }

    @Test
    void commentsStayOnTheirOwnLineOrAtTheEndOfTheirLine() {
        String in = "# top\npolicy p   # id\n  version 1.0.0\n# before codes\ncodes   A={ 96372 }   # one\ncodes B = { 96373 } # two\n";
        String out = Formatter.format("c.ppl", in);
        assertEquals("# top\npolicy p  # id\n  version 1.0.0\n\n# before codes\ncodes A = { 96372 }  # one\n"
                + "codes B = { 96373 }  # two\n", out);
    }

    @Test
    void aCommentWhereTokensWouldBeJoinedForcesALineBreak() {
        String in = "policy p\n  version 1.0.0\nrule r\n  when true info claim # why\n  message \"m\"\n"
                + "rule s\n  when l.code # the code\n  = 96372 info claim message \"m\"\n";
        String out = Formatter.format("c.ppl", in);
        assertTrue(out.contains("  info claim  # why\n    message \"m\"\n"), out);
        assertTrue(out.contains("  when l.code  # the code\n   = 96372\n"), out);
        assertEquals(out, Formatter.format("again", out));
    }

    @Test
    void tokensThatWouldLexAsOneAreKeptApart() {
        // `E11 .x` glued would lex as the code `E11.` followed by `x`
        String in = "policy p\n  version 1.0.0\nrule r\n  when E11 .x = 1 info claim message \"m\"\n";
        String out = Formatter.format("c.ppl", in);
        assertTrue(out.contains("when E11 .x = 1"), out);
        assertEquals(tree(in), tree(out));
    }
}
