package dev.ppl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The built-in functions whose arithmetic is PPL's own. */
class BuiltinsTest {

    @Test
    void similarityIsDiceOverCharacterPairs() {
        assertEquals(1.0, Builtins.similarity("Injection  given.", "injection given."));
        // "night" / "nacht": pairs ni ig gh ht / na ac ch ht share one of four each
        assertEquals(0.25, Builtins.similarity("night", "nacht"));
        // repeated pairs count as often as they occur in both: aa aa / aa
        assertEquals(2.0 * 1 / 3, Builtins.similarity("aaa", "aa"), 1e-12);
        assertEquals(0.0, Builtins.similarity("a", "b"));
        assertEquals(1.0, Builtins.similarity(" x ", "X"));
        String note = "Cyanocobalamin 1000 mcg IM left deltoid by RN-0042 per order of Dr. 1234567893 at 10:15; tolerated well.";
        double copied = Builtins.similarity(note, note.replace("left", "right").replace("10:15", "09:40"));
        assertTrue(copied > 0.85 && copied < 1, "a copied-forward note with the site and time changed: " + copied);
        assertTrue(Builtins.similarity(note, "Worsening low back pain; exam, medication adjusted.") < 0.4);
    }

    @Test
    void withoutDetailsDropsTimesLotsNumbersAndSites() {
        String march = "Cyanocobalamin 1000 mcg IM left deltoid at 10:15, lot A1234B exp 2027-01; tolerated well.";
        String april = "Cyanocobalamin 1000 mcg IM right deltoid at 09:40, lot C9876D exp 2027-06; tolerated well.";
        assertEquals("Cyanocobalamin mcg IM at tolerated well", Builtins.withoutDetails(march));
        assertEquals(Builtins.withoutDetails(march), Builtins.withoutDetails(april));
        assertEquals(1.0, Builtins.similarity(Builtins.withoutDetails(march), Builtins.withoutDetails(april)));
        assertTrue(Builtins.similarity(march, april) < 0.9, "without it, the same note reads as a new one");
        assertEquals("Pain improving since February", Builtins.withoutDetails("Pain improving since February."));
    }

    @Test
    void listJoinsThePresentTextsAsASentenceDoes() {
        assertEquals(null, Builtins.joinAsList(java.util.List.of()));
        assertEquals("the site", Builtins.joinAsList(java.util.List.of("the site")));
        assertEquals("the site and the time", Builtins.joinAsList(java.util.List.of("the site", "the time")));
        assertEquals("the dose, the site and the time",
                Builtins.joinAsList(java.util.List.of("the dose", "the site", "the time")));
    }

    @Test
    void npiCheckDigit() {
        assertTrue(Builtins.validNpi("1234567893"));
        assertFalse(Builtins.validNpi("1234567890"));
        assertFalse(Builtins.validNpi("123456789"));
        assertFalse(Builtins.validNpi("12345678a3"));
    }

    @Test
    void wordsCountsRunsOfNonSpace() {
        assertEquals(2, Builtins.words("  injection   given "));
        assertEquals(0, Builtins.words("   "));
        assertEquals(3, Builtins.words("a\tb\u000Bc"));
        // a no-break space is not a word separator for \\s, only for strip() at the ends
        assertEquals(1, Builtins.words("\u2003a\u00A0b\u2003"));
    }

    /** The loop counts exactly what the regex split it replaced counted. */
    @Property
    void wordsCountsAsTheRegexSplitDid(@ForAll("spacedText") String s) {
        String t = s.strip();
        assertEquals(t.isEmpty() ? 0 : t.split("\\s+").length, Builtins.words(s), () -> "words of [" + s + "]");
    }

    @Provide
    Arbitrary<String> spacedText() {
        return Arbitraries.strings().withChars("ab \t\n\u000B\f\r\u00A0\u2003\u001C").ofMaxLength(12);
    }

    /** The pairs come out as sorting the normalized text's pairs gave them, whatever the characters. */
    @Property
    void pairsAreTheNormalizedTextsPairsSorted(@ForAll("noteText") String s) {
        String t = normalizedReference(s);
        int[] expected = new int[Math.max(0, t.length() - 1)];
        for (int i = 0; i + 1 < t.length(); i++) {
            expected[i] = (t.charAt(i) << 16) | t.charAt(i + 1);
        }
        java.util.Arrays.sort(expected);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, Builtins.bigrams(s), () -> "pairs of [" + s + "]");
    }

    @Provide
    Arbitrary<String> noteText() {
        // letters, digits, punctuation, white space of several kinds, a control character below the
        // space, Latin-1 and wider characters (the counting passes and the sort both run)
        return Arbitraries.oneOf(Arbitraries.strings().withChars("aAbZz09 .;-\t\n\u001F\u2003").ofMaxLength(60),
                Arbitraries.strings().withChars("aAbZz09 .;-\t\n\u000B\u001C\u001F\u2003\u0001\u00C9\u00DF\u4E2D\uD83D").ofMaxLength(60),
                // long runs of pairs with one first character (ordered by Arrays.sort, not insertion)
                Arbitraries.strings().withChars("xyz").ofMinLength(80).ofMaxLength(400));
    }

    /** Lower case, trimmed, each run of white space one space: the text the pairs are read from. */
    private static String normalizedReference(String s) {
        return String.join(" ", java.util.Arrays.stream(s.split("(?U)[\\p{javaWhitespace}]+"))
                .filter(w -> !w.isEmpty()).map(w -> {
                    StringBuilder b = new StringBuilder();
                    w.chars().forEach(c -> b.append(Character.toLowerCase((char) c)));
                    return b.toString();
                }).toList());
    }
}
