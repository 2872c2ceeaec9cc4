package dev.ppl.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.ClaimReadResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting inputs into claim records: line ends, byte-order marks, overlong lines, formats by extension. */
class ClaimInputsTest {
    @TempDir
    Path tmp;

    private static List<String> lines(String text, int max) throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<String> out = new ArrayList<>();
        for (LineReader.Line l = r.next(); l != null; l = r.next()) {
            out.add(l.number() + (l.tooLong() ? " TOO LONG " + l.size() : " [" + l.text() + "] " + l.size()));
        }
        return out;
    }

    @Test
    void linesEndWithNewlineOrCrlfAndTheLastMayHaveNoEnd() throws IOException {
        assertEquals(List.of("1 [a] 2", "2 [b] 3", "3 [] 1", "4 [c] 1"), lines("a\nb\r\n\nc", 100));
        assertEquals(List.of(), lines("", 100));
        assertEquals(List.of("1 [x] 2"), lines("x\n", 100));
    }

    @Test
    void aByteOrderMarkIsDropped() throws IOException {
        assertEquals(List.of("1 [{}] 6"), lines("\uFEFF{}\n", 100), "sizes are bytes: the mark takes 3");
    }

    @Test
    void anOverlongLineIsSkippedToItsEndAndReported() throws IOException {
        assertEquals(List.of("1 [ok] 3", "2 TOO LONG 11", "3 [next] 4"), lines("ok\n0123456789\nnext", 5));
    }

    @Test
    void linesLongerThanTheBufferAreWhole() throws IOException {
        String big = "x".repeat(200_000);
        assertEquals(List.of("1 [" + big + "] 200001", "2 [y] 1"), lines(big + "\ny", 1_000_000));
    }

    @Test
    void formatsAreChosenByExtension() {
        ClaimInputs inputs = ClaimInputs.defaults();
        assertEquals(ClaimFormats.JSON, inputs.formatOf("a.json"));
        assertEquals(ClaimFormats.NDJSON, inputs.formatOf("a.NDJSON"));
        assertEquals(ClaimFormats.NDJSON, inputs.formatOf("a.jsonl"));
        assertNull(inputs.formatOf("claim.txt"), "the content of other files decides");
        assertNull(inputs.format("x12"));
    }

    @Test
    void filesOfOtherExtensionsAreReadByTheirContent() throws IOException {
        ClaimInputs inputs = ClaimInputs.defaults();
        Files.writeString(tmp.resolve("pretty.txt"), "\n{\n  \"claimId\": \"A\"\n}\n");
        Files.writeString(tmp.resolve("lines.txt"), "{\"claimId\": \"A\"}\n{\"claimId\": \"B\"}\n");
        Files.writeString(tmp.resolve("junk.txt"), "hello\nworld\n");
        assertEquals(ClaimFormats.JSON, inputs.formatOfFile(tmp.resolve("pretty.txt")));
        assertEquals(ClaimFormats.NDJSON, inputs.formatOfFile(tmp.resolve("lines.txt")));
        assertNull(inputs.formatOfFile(tmp.resolve("junk.txt")), "no claim format: not read as claims");

        List<String> seen = new ArrayList<>();
        try (ClaimInput in = inputs.open(List.of(tmp.resolve("lines.txt").toString(), tmp.resolve("junk.txt").toString()),
                new ByteArrayInputStream(new byte[0]), null, p -> {})) {
            for (InputRecord r = in.next(); r != null; r = in.next()) {
                seen.add(Path.of(r.source()).getFileName() + (r instanceof ClaimRecord c
                        ? ":" + c.number() + " " + c.read().claimId()
                        : " file: " + ((FileRecord) r).errors().get(0).message()));
            }
        }
        assertEquals(List.of("lines.txt:1 A", "lines.txt:2 B", "junk.txt file: not read: its content is not in a claim"
                + " format (X12 837, FHIR JSON, claim JSON or NDJSON); it starts with `hello world`"), seen);
    }

    @Test
    void aFormatPlugsIn() throws IOException {
        // what an X12 reader would do: several claims per document, read up front
        ClaimFormat fake = new ClaimFormat() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public List<String> extensions() {
                return List.of(".837");
            }

            @Override
            public boolean reads(dev.ppl.formats.InputFormat content) {
                return content == dev.ppl.formats.InputFormat.X12;
            }

            @Override
            public ClaimInput open(String source, java.io.InputStream in) throws IOException {
                String[] claims = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("~");
                return new ClaimInput() {
                    int next;

                    @Override
                    public ClaimRecord next() {
                        if (next == claims.length) {
                            return null;
                        }
                        next++;
                        return ClaimRecord.of(source, next, 0, ClaimReadResult.failed(claims[next - 1], List.of(
                                new dev.ppl.claim.FieldError("CLM01", "fake"))));
                    }

                    @Override
                    public void close() {}
                };
            }
        };
        Files.writeString(tmp.resolve("a.837"), "X~Y");
        Files.writeString(tmp.resolve("b.json"), "{}");
        ClaimInputs inputs = new ClaimInputs(List.of(ClaimFormats.JSON, ClaimFormats.NDJSON, fake));
        List<String> seen = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (ClaimInput in = inputs.open(List.of(tmp.toString()), new ByteArrayInputStream(new byte[0]), null, problems::add)) {
            for (InputRecord r = in.next(); r != null; r = in.next()) {
                ClaimRecord c = (ClaimRecord) r;
                seen.add(Path.of(c.source()).getFileName() + ":" + c.number() + " " + c.read().claimId());
            }
        }
        assertEquals(List.of("a.837:1 X", "a.837:2 Y", "b.json:1 null"), seen);
        assertEquals(List.of(), problems);

        // on standard input, recognized by its content before the JSON formats are asked
        ClaimInputs first = new ClaimInputs(List.of(fake, ClaimFormats.JSON, ClaimFormats.NDJSON));
        try (ClaimInput in = first.open(List.of("-"), new ByteArrayInputStream("ISA~Z".getBytes(StandardCharsets.UTF_8)),
                null, problems::add)) {
            assertEquals("ISA", ((ClaimRecord) in.next()).read().claimId());
            assertEquals("Z", ((ClaimRecord) in.next()).read().claimId());
            assertNull(in.next());
        }
    }

    @Test
    void recordsAreReadLazily() throws IOException {
        Files.writeString(tmp.resolve("a.ndjson"), "{\n{\n");
        try (ClaimInput in = ClaimInputs.defaults().open(List.of(tmp.resolve("a.ndjson").toString()),
                new ByteArrayInputStream(new byte[0]), null, p -> {})) {
            ClaimRecord first = (ClaimRecord) in.next();
            ClaimRecord second = (ClaimRecord) in.next();
            assertNull(in.next());
            assertFalse(first.read().isOk());
            assertEquals(2, second.number());
            assertTrue(first.size() > 0);
        }
    }
}
