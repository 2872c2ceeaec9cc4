package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text is UTF-8 everywhere: bytes that are not are an error naming the byte; byte-order marks are fine. */
class EncodingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path tmp;

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String exampleLine() throws IOException {
        return JSON.readTree(Path.of("examples/claims/contract-example.json").toFile()).toString();
    }

    @Test
    void aClaimThatIsNotUtf8IsRejectedNamingTheByteNotJudged() throws IOException {
        String line = exampleLine();
        String latin = line.replace("Worsening low back pain", "Worsening low back pain, caf\u00e9");
        int at = latin.indexOf('\u00e9');
        Path file = tmp.resolve("claims.ndjson");
        byte[] first = utf8(line + "\n");
        Files.write(file, concat(first, latin.getBytes(StandardCharsets.ISO_8859_1), utf8("\n"), BOM, utf8(line + "\n")));

        Cli r = Cli.run("eval", file.toString());
        assertEquals(65, r.code(), r.all());
        List<String> out = r.out().lines().toList();
        assertEquals(3, out.size(), r.all());
        JsonNode bad = JSON.readTree(out.get(1));
        assertEquals("reject", bad.get("outcome").asText());
        String message = bad.get("findings").get(0).get("message").asText();
        long offset = first.length + at;
        assertEquals("byte " + offset + ": the claim is not UTF-8: byte " + offset + " of the file (0xE9, byte " + at
                + " of this record) is not valid UTF-8; claims must be UTF-8, so it was not read", message);
        assertEquals("clean", JSON.readTree(out.get(0)).get("outcome").asText());
        assertEquals("EX-0001", JSON.readTree(out.get(2)).get("claimId").asText(),
                "a byte-order mark at the start of an NDJSON line is accepted (files joined with cat)");
    }

    @Test
    void aLatin1PolicyOrTableNamesTheFileTheByteAndUtf8() throws IOException {
        Path dir = tmp.resolve("policies");
        Files.createDirectories(dir);
        String policy = Files.readString(Path.of("src/test/resources/diagnostics/PPL0250-file-and-rows.ppl"));
        Files.writeString(dir.resolve("t.ppl"), policy);
        byte[] csv = "code,limit\n96372,1\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("PPL0250-file-and-rows.csv"), concat(csv, "J3420,1 # \u00e0 la carte\n".getBytes(
                StandardCharsets.ISO_8859_1)));
        Cli table = Cli.run("check", dir.toString());
        assertEquals(65, table.code(), table.all());
        assertTrue(table.all().contains("PPL0250-file-and-rows.csv"), table.all());
        assertTrue(table.all().contains("byte " + (csv.length + 10) + " (0xE0) is not UTF-8"), table.all());
        assertTrue(table.all().contains("must be UTF-8"), table.all());
        assertFalse(table.all().contains("Input length"), table.all());

        Files.write(dir.resolve("PPL0250-file-and-rows.csv"), csv);
        Files.write(dir.resolve("t.ppl"), concat(utf8("# r"), new byte[] {(byte) 0xE9}, utf8("sum\u00e9\n" + policy)));
        Cli ppl = Cli.run("check", dir.toString());
        assertEquals(66, ppl.code(), ppl.all()); // a policy file that cannot be read, like a missing one
        assertTrue(ppl.all().contains("t.ppl"), ppl.all());
        assertTrue(ppl.all().contains("byte 3 (0xE9) is not UTF-8"), ppl.all());
        assertTrue(ppl.all().contains("must be UTF-8"), ppl.all());
    }

    @Test
    void aByteOrderMarkAtTheStartOfAPolicyIsAccepted() throws IOException {
        Path dir = tmp.resolve("bom");
        Files.createDirectories(dir);
        Files.write(dir.resolve("t.ppl"), concat(BOM,
                Files.readAllBytes(Path.of("src/test/resources/diagnostics/PPL0907-never-true.ppl"))));
        Cli r = Cli.run("check", dir.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("checked 1 file, 1 policy: 0 errors"), r.all());
    }

    @Test
    void aBinaryDecisionLogKeyFileWorks() throws IOException {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x80 + i * 3); // not UTF-8 text
        }
        Path keyFile = tmp.resolve("key.bin");
        Files.write(keyFile, key);
        Path log = tmp.resolve("log.jsonl");
        Cli r = Cli.run("eval", "--decision-log", log.toString(), "--decision-log-key-file", keyFile.toString(),
                "--decision-log-include", "patient-id", "examples/claims/contract-example.json");
        assertEquals(0, r.code(), r.all());
        JsonNode entry = JSON.readTree(Files.readAllLines(log).get(0));
        javax.crypto.Mac mac;
        try {
            mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        StringBuilder hex = new StringBuilder("hmac-sha256:");
        for (byte b : mac.doFinal("PT-1001".getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        assertEquals(hex.toString(), entry.get("patient").asText(), "the key's bytes as they are in the file");
    }
}
