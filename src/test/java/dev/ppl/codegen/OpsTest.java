package dev.ppl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.compile.Builtins;
import dev.ppl.runtime.ClaimContext;
import dev.ppl.runtime.Frame;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shortcuts of generated rules give what the built-in functions give. */
class OpsTest {
    /** Letters whose lower case is tricky: Kelvin and Angstrom signs (lower to Latin-1), dotted I, sigma, sharp s. */
    private static final String LETTERS = "aAbBkKsSiI\u212A\u212B\u00E5\u00C5\u0130\u03A3\u03C3\u00DF\u00B5\u00C0\u00E0 ";

    @Test
    void containsWithALowerCasedPartIsContainsOfTheLowerCasedTexts() {
        Frame f = frame();
        SplittableRandom random = new SplittableRandom(96372);
        for (int n = 0; n < 50_000; n++) {
            String text = word(random, 8);
            String part = word(random, 3);
            String lowered = part.toLowerCase(Locale.ROOT);
            boolean expected = text.toLowerCase(Locale.ROOT).contains(lowered);
            assertEquals(expected, Builtins.containsLowered(f, text, lowered), text + " / " + part);
            String lowerText = text.toLowerCase(Locale.ROOT);
            assertEquals(lowerText.toLowerCase(Locale.ROOT).contains(lowered), Builtins.containsInLowerCase(f, lowerText, lowered),
                    lowerText + " / " + part);
        }
    }

    private static String word(SplittableRandom random, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return out.toString();
    }

    private static Frame frame() {
        Claim claim = ClaimJson.read("""
                {"claimId": "C-1", "payer": {"id": "medicare", "type": "medicare"}, "diagnoses": ["Z23"],
                 "lines": [{"line": 1, "code": "96372", "units": 1, "serviceDate": "2026-03-02", "diagnosisPointers": [1]}]}
                """).claim();
        return new Frame(new ClaimContext(claim), 1, 1);
    }
}
