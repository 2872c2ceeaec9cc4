package dev.ppl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppl data import} on the excerpts of the official files. */
class DataImportCommandTest {
    static final String EXCERPTS = "src/test/resources/data/excerpts/";

    @Test
    void importsTwoMueQuartersIntoOneTableFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("mue.csv");
        Cli r = Cli.run("data", "import", "mue", EXCERPTS + "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv",
                EXCERPTS + "MCR_MUE_PractitionerServices_Eff_10-01-2026.csv", "--codes", "96372", "--covers-from", "2020-10-01",
                "--out", out.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains("3 row(s) from 2 file(s) written to " + out), r.all());
        assertTrue(Files.readString(out).contains("96372,4,3,2026-07-01,2026-12-31,"), Files.readString(out));
    }

    @Test
    void writesToStandardOutputWithoutOut() {
        Cli r = Cli.run("data", "import", "ptp", EXCERPTS + "ccipra-v322r0-f1.txt", "--codes", "99211");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("column1,column2,effectiveFrom,effectiveTo,modifierIndicator,release\n"), r.all());
        assertTrue(r.out().contains("96372,99211,2020-10-01,,0,ccipra v32.2r0"), r.all());
    }

    @Test
    void aFileInTheWrongLayoutGivesFileLineColumnAndLeavesTheTableAlone(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("ptp.csv"), "keep me\n");
        Cli r = Cli.run("data", "import", "ptp", EXCERPTS + "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv", "--out", out.toString());
        assertEquals(65, r.code(), r.all());
        assertTrue(r.err().contains("MCR_MUE_PractitionerServices_Eff_07-01-2026.csv:1:1: error: not an NCCI PTP edit file"), r.all());
        assertTrue(r.err().contains("is unchanged"), r.all());
        assertFalse(r.err().contains("Exception"), r.all());
        assertEquals("keep me\n", Files.readString(out));
    }

    @Test
    void usageErrorsNameTheOption() {
        Cli kind = Cli.run("data", "import", "rvu", EXCERPTS + "ccipra-v322r0-f1.txt");
        assertEquals(64, kind.code(), kind.all());
        assertTrue(kind.err().contains("unknown kind `rvu`"), kind.all());
        Cli date = Cli.run("data", "import", "mue", EXCERPTS + "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv", "--covers-from", "10/01/2020");
        assertEquals(64, date.code(), date.all());
        assertTrue(date.err().contains("--covers-from `10/01/2020` is not a date"), date.all());
        Cli codes = Cli.run("data", "import", "ptp", EXCERPTS + "ccipra-v322r0-f1.txt", "--codes", "9637");
        assertEquals(64, codes.code(), codes.all());
        assertTrue(codes.err().contains("`9637` is not a code"), codes.all());
    }

    @Test
    void aMissingFileIsNamed() {
        Cli r = Cli.run("data", "import", "hcpcs", "no-such-HCPC2026_ANWEB.txt");
        assertEquals(65, r.code(), r.all());
        assertTrue(r.err().contains("no-such-HCPC2026_ANWEB.txt: error: file not found"), r.all());
    }
}
