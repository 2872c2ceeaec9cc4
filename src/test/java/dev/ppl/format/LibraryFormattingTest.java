package dev.ppl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every policy file in the library is in the canonical layout ({@code ppl fmt --check policies}). */
class LibraryFormattingTest {

    @Test
    void everyLibraryFileIsFormatted() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("policies"))) {
            files = walk.filter(p -> p.toString().endsWith(".ppl")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        StringBuilder unformatted = new StringBuilder();
        for (Path p : files) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String formatted = Formatter.format(p.toString(), text);
            if (!text.equals(formatted)) {
                unformatted.append(formatted == null ? p + " does not parse\n"
                        : LineDiff.unified(p.toString(), text, formatted));
            }
        }
        assertEquals("", unformatted.toString(), "run `ppl fmt policies` and review the diff");
    }
}
