package dev.ppl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.re2j.Pattern;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A pattern that is a list of whole texts is looked up; it must match exactly what RE2/J matches. */
class MatchPatternTest {

    @Test
    void aListOfTextsIsLookedUp() {
        assertEquals(Set.of("im", "sc", "sq", "subq", "sub-q", "subcut"), texts("im|sc|sq|subq|sub-q|subcut"));
        assertEquals(Set.of("iv", "ia", "iv push", "ia push"), texts("(iv|ia)( push)?"));
        assertEquals(Set.of("ab", "b"), texts("a?b"));
        assertEquals(Set.of("a.b"), texts("a\\.b"));
        assertEquals(Set.of("x", ""), texts("(?:x|)"));
        assertEquals(Set.of(""), texts(""));
    }

    @Test
    void anythingElseRunsAsARegularExpression() {
        for (String p : new String[] {"[0-9]{11}", "a*", "a+", "a.b", "^a$", "(?i)im", "a??", "\\d", "a{2}", "(?P<x>a)",
            "x\\-y"}) {
            assertNull(texts(p), p);
        }
        // more alternatives than are worth a set: (a|b)? seven times is 3^7 texts
        assertNull(texts("(a|b)?(a|b)?(a|b)?(a|b)?(a|b)?(a|b)?(a|b)?"));
    }

    @Test
    void missingCaseAndSpaceAreNotForgiven() {
        MatchPattern p = MatchPattern.of(Pattern.compile("im|sc"));
        assertEquals(false, p.matches("IM"));
        assertEquals(false, p.matches(" im"));
        assertEquals(false, p.matches(""));
        assertEquals(true, p.matches("sc"));
    }

    /** The lookup and RE2/J agree on every text, for patterns of both kinds. */
    @Property
    void decidesAsRe2Does(@ForAll("patterns") String pattern, @ForAll("texts") String text) {
        Pattern compiled = Pattern.compile(pattern);
        assertEquals(compiled.matcher(text).matches(), MatchPattern.of(compiled).matches(text),
                () -> "`" + text + "` against `" + pattern + "`");
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("im|sc|sq|subq|sub-q|subcut", "(iv|ia)( push)?", "a?b?", "(a|ab)(c|bcd)?", "a|", "(?:a|b)c",
                "a\\.b", "a.b", "[ab]+", "(a|b)*c", "", " ", "a b|a");
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.of("im", "sc", "subcut", "iv push", "ia", "iv  push", "ab", "abcd", "a", "b",
                "ac", "bc", "a.b", "axb", "", " ", "a b", "IM", "im "), Arbitraries.strings().withChars("abcd. ").ofMaxLength(5));
    }

    private static Set<String> texts(String pattern) {
        return MatchPattern.of(Pattern.compile(pattern)).texts();
    }
}
