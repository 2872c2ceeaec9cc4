package dev.ppl.formats.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.ClaimReadResult;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 837I (institutional) and dental transaction sets, 5010 and 4010: made from the real demo.837
 * (LinuxForHealth/x12, Apache-2.0, src/test/resources/realworld/x12-837p) by changing only its version
 * identifiers GS08 and ST03 (for 4010, which has no ST03, by dropping ST03).
 */
class InstitutionalTest {
    private final X12ClaimReader reader = new X12ClaimReader(PayerMapping.defaults());

    static String demo(String version) throws IOException {
        String text = Files.readString(Path.of("src/test/resources/realworld/x12-837p/demo.837"));
        if (version.startsWith("004010")) {
            text = text.replace("ST*837*0021*005010X222A2", "ST*837*0021"); // 4010 has no ST03: GS08 says it
        }
        return text.replace("005010X222A2", version);
    }

    FileReadResult read(String text) {
        return reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.837");
    }

    @Test
    void an837iClaimIsReadAndMarkedNotJudgedAsProfessional() throws IOException {
        for (String version : List.of("005010X223A2", "004010X096A1")) {
            FileReadResult r = read(demo(version));
            assertEquals(List.of(), r.errors(), "not an error of the file: " + version);
            assertEquals(1, r.claims().size(), version);
            ClaimReadResult claim = r.claims().get(0);
            assertEquals("26463774", claim.claimId());
            assertFalse(claim.isOk());
            assertFalse(claim.isFailed());
            assertTrue(claim.notCovered().startsWith("an institutional claim (837I, `" + version + "`)"),
                    claim.notCovered());
        }
    }

    @Test
    void dentalIsAFileErrorIn5010And4010AndNeverReadAs837p() throws IOException {
        for (String version : List.of("005010X224A2", "004010X097A1")) {
            FileReadResult r = read(demo(version));
            assertEquals(List.of(), r.claims(), version);
            assertEquals(1, r.errors().size(), r.errors()::toString);
            assertTrue(r.errors().get(0).message().contains("is an 837 dental claim (`" + version + "`)"),
                    r.errors()::toString);
        }
    }
}
