package dev.ppl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
    @Test
    void tiesGoToTheAlphabeticallyFirstCandidateWhateverTheOrder() {
        assertEquals("CO", Suggest.closest("CX", List.of("CR", "CO", "PR")));
        assertEquals("CO", Suggest.closest("CX", List.of("CO", "CR", "PR")));
    }

    @Test
    void farWordsGetNoSuggestion() {
        assertNull(Suggest.closest("jurisdiction", List.of("lines", "claim")));
        assertEquals("lines", Suggest.closest("line", List.of("claim", "lines")));
    }
}
