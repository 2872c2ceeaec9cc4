package dev.ppl.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ppl.ast.Expr;
import dev.ppl.source.Diagnostics;
import dev.ppl.source.SourceFile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Holes that are a name or a chain of members are built without the parser, as the parser builds them. */
class TemplateHoleTest {

    /** What the parser builds for {@code text} sitting at offset 3 of a file, or null when it reports an error. */
    private static Expr parsed(String text) {
        SourceFile source = new SourceFile("hole.ppl", "ab{" + text + "}");
        Diagnostics diagnostics = new Diagnostics();
        Expr e = new AstBuilder(source, diagnostics).parsedHole(text, 3);
        return diagnostics.hasErrors() ? null : e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"l", "l.code", "i.adminLine.line", "x.line.line", "claim", "line.units", "_a.b_1", "Per.type",
        "h.claimId", "a.id.key.columns.title.version.from.to.each", "measure.by.rate.flag", "A.B"})
    void chainsAreBuiltAsTheParserBuildsThem(String text) {
        Expr fast = AstBuilder.nameChain(text, 3);
        assertNotNull(fast, text);
        assertEquals(parsed(text), fast);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " l", "l ", "l .code", "l.", ".l", "l..code", "J3420", "D51.x", "l.A1", "A1b", "1.x", "rule",
        "l.count", "in", "not.x", "x.when", "round(x)", "a[b]", "a.b.c.d.e.f.g.h.i.j", "é", "a-b", "l.code # x"})
    void anythingElseGoesToTheParser(String text) {
        assertNull(AstBuilder.nameChain(text, 3), text);
    }

    @Test
    void aKeywordThatIsNoNameIsStillASyntaxErrorThroughTheParser() {
        assertNull(AstBuilder.nameChain("l.rule", 3));
        assertNull(parsed("l.rule"));
    }

    @Property(tries = 2000)
    void whenTheShortcutTakesAHoleItIsWhatTheParserBuilds(@ForAll("holes") String text) {
        Expr fast = AstBuilder.nameChain(text, 3);
        if (fast != null) {
            assertEquals(parsed(text), fast, text);
        }
    }

    @Provide
    Arbitrary<String> holes() {
        Arbitrary<String> words = Arbitraries.oneOf(
                Arbitraries.of("l", "line", "claim", "rule", "in", "type", "id", "count", "lines", "J3420", "A1", "A1b", "a1",
                        "_x", "x_1", "D51", "Z9Z", "per", "policy", "true", "null", "code", "é", "1", "2.5"),
                Arbitraries.strings().withChars("aAzZ019_").ofMinLength(1).ofMaxLength(4));
        Arbitrary<String> separators = Arbitraries.of(".", ".", ".", "", " ", "..", "-", "(", "[", "*");
        return Arbitraries.integers().between(1, 5).flatMap(n -> words.list().ofSize(n).flatMap(ws -> separators.list()
                .ofSize(n - 1).map(ss -> {
                    StringBuilder b = new StringBuilder(ws.get(0));
                    for (int i = 1; i < n; i++) {
                        b.append(ss.get(i - 1)).append(ws.get(i));
                    }
                    return b.toString();
                })));
    }
}
