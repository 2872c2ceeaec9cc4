package dev.ppl.formats.x12;

import static dev.ppl.formats.x12.RealWorld837Test.dir;
import static dev.ppl.formats.x12.X12DefectsTest.BASE;
import static dev.ppl.formats.x12.X12DefectsTest.replace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ppl.claim.Claim;
import dev.ppl.claim.ClaimJson;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.claim.FieldError;
import dev.ppl.claim.ServiceLine;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import dev.ppl.formats.ReadMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SV101-7, the service line's description (837P 005010X222A1 loop 2400: "Required when, in the judgment of the
 * submitter, the Procedure Code does not definitively describe the service/product/supply ... OR ... SV101-2 is
 * a non-specific Procedure Code", as X12 RFI 2448 quotes it), read into {@code lines[].description}.
 */
class LineDescriptionX12Test {

    /** Line 3 of claim CLM-1 in PPL's own file, segment 33. */
    private static final String B12_LINE = "SV1*HC:J3420:JZ*15*UN*1***1~";

    FileReadResult read(String text, ReadMode mode) {
        return new X12ClaimReader(PayerMapping.defaults(), mode)
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.x12");
    }

    FileReadResult read(String text) {
        return read(text, ReadMode.STRICT);
    }

    @Test
    void ofTheThirdPartyFilesOnlyTheHomeInfusionExampleCarriesDescriptions() throws IOException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String name : RealWorld837Test.realFiles().toList()) {
            byte[] data = Files.readAllBytes(dir("realworld/x12-837p").resolve(name));
            List<String> descriptions = X12Oracle.segments(data).stream().filter(s -> s.tag().equals("SV1"))
                    .map(s -> s.c(1, 7)).filter(d -> !d.isEmpty()).toList();
            if (!descriptions.isEmpty()) {
                found.put(name, descriptions);
            }
        }
        // the 18 other files send no SV101-7: their lines have standard codes
        assertEquals(Map.of("demo.drug.example10.3.837",
                List.of("Sod Chl 0.9%see NDC#", "Sod Chl 0.9% see NDC#", "Hep Lock see NDC#")), found);

        byte[] data = Files.readAllBytes(dir("realworld/x12-837p").resolve("demo.drug.example10.3.837"));
        Claim c = new X12ClaimReader(PayerMapping.empty()).read(new ByteArrayInputStream(data), "10.3")
                .claims().get(0).claim();
        assertEquals(List.of("S9500", "J0696", "J7051", "J3490", "J3490", "J3490"),
                c.lines().stream().map(ServiceLine::code).toList());
        assertEquals(java.util.Arrays.asList(null, null, null, "Sod Chl 0.9%see NDC#", "Sod Chl 0.9% see NDC#",
                "Hep Lock see NDC#"), c.lines().stream().map(ServiceLine::description).toList());
        assertEquals(List.of(), c.line(4).modifiers(), "the empty modifier positions before SV101-7 are no modifiers");
    }

    @Test
    void theVariantsJ3490LineHasItsDescriptionAndNdc() throws IOException {
        byte[] data = Files.readAllBytes(dir("x12/variants").resolve("demo.drug.example10.1.noc-description.837"));
        ClaimReadResult only = new X12ClaimReader(PayerMapping.empty())
                .read(new ByteArrayInputStream(data), "variant").claims().get(0);
        assertTrue(only.isOk(), () -> only.errors().toString());
        Claim c = only.claim();
        assertNull(c.line(1).description(), "90782 has none");
        assertEquals("J3490", c.line(2).code());
        assertEquals("Gamma globulin 10 mL IM", c.line(2).description());
        assertEquals("00026063512", c.line(2).drug().ndc());
    }

    @Test
    void aDescriptionAfterAModifierKeepsTheModifier() {
        Claim c = read(replace(BASE, B12_LINE, "SV1*HC:J3420:JZ::::Cyanocobalamin 1000 mcg IM*15*UN*1***1~"))
                .claims().get(0).claim();
        assertEquals(List.of("JZ"), c.line(3).modifiers());
        assertEquals("Cyanocobalamin 1000 mcg IM", c.line(3).description());
        assertNull(c.line(2).description());
    }

    @Test
    void theComponentSeparatorFromIsa16IsUsedToFindSv1017() {
        // the file has no `:` but its composites and ISA16: all of them become `>`
        String gt = BASE.replace(":", ">");
        String text = replace(gt, "SV1*HC>J3420>JZ*15", "SV1*HC>J3420>JZ>>>>B12 1000 mcg: 1 mL*15");
        ClaimReadResult r = read(text).claims().get(0);
        assertTrue(r.isOk(), () -> r.errors().toString());
        assertEquals("B12 1000 mcg: 1 mL", r.claim().line(3).description(), "`:` is text when ISA16 is `>`");
    }

    @Test
    void convertWritesTheDescriptionAndReadsItBack() {
        Claim c = read(replace(BASE, B12_LINE, "SV1*HC:J3420:JZ::::Cyanocobalamin 1000 mcg IM*15*UN*1***1~"))
                .claims().get(0).claim();
        String json = ClaimJson.write(c);
        assertTrue(json.contains("\"code\": \"J3420\",\n      \"description\": \"Cyanocobalamin 1000 mcg IM\",\n"), json);
        assertEquals(c, ClaimJson.read(json).claim());
    }

    // ---------------------------------------------------------------- malformed SV101-7

    @Test
    void aDescriptionHoldingTheComponentSeparatorIsCutAndSaysSo() {
        String text = replace(BASE, B12_LINE, "SV1*HC:J3490:::::Atropine 0.4 mg:1 mL IM*15*UN*1***1~");
        ClaimReadResult r = read(text).claims().get(0);
        assertTrue(r.isFailed());
        assertEquals(List.of(new FieldError("segment 33 SV1 (loop 2400, claim CLM-1 line 3), SV101-8",
                "SV101 has 8 components; the 837P composite ends at SV101-7 (description), so the description"
                        + " `Atropine 0.4 mg:1 mL IM` holds the component separator `:` (ISA16) and was cut: write"
                        + " the description without `:`")), r.errors());
    }

    @Test
    void aDescriptionLongerThan80CharactersIsAnErrorAndInAnAuditOnlyItsLineIsLeftOut() {
        String longText = "Cyanocobalamin injection 1000 mcg per mL single dose vial given intramuscularly left deltoid";
        String text = replace(BASE, B12_LINE, "SV1*HC:J3420:JZ::::" + longText + "*15*UN*1***1~");
        FieldError error = new FieldError("segment 33 SV1 (loop 2400, claim CLM-1 line 3), SV101-7",
                "SV101-7 (description) has " + longText.length() + " characters, more than the 80 the 837P allows:"
                        + " `Cyanocobalamin injection 1000 mcg per mL...`; shorten it to the drug's name, strength and"
                        + " dose");
        ClaimReadResult strict = read(text).claims().get(0);
        assertTrue(strict.isFailed());
        assertEquals(List.of(error), strict.errors());

        ClaimReadResult lenient = read(text, ReadMode.LENIENT).claims().get(0);
        assertEquals(List.of(1, 2), lenient.claim().lines().stream().map(ServiceLine::line).toList());
        assertEquals(List.of(new FieldError("line 3, " + error.path(), error.message())), lenient.notChecked());
    }

    @Test
    void exactly80CharactersIsRead() {
        String eighty = "B".repeat(80);
        Claim c = read(replace(BASE, B12_LINE, "SV1*HC:J3420:JZ::::" + eighty + "*15*UN*1***1~"))
                .claims().get(0).claim();
        assertEquals(eighty, c.line(3).description());
    }
}
