package dev.ppl.formats.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The 835 reader on the real files from LinuxForHealth/x12 and on broken input. */
class RemittanceReaderTest {
    static Remittance real(String name) throws IOException {
        try (InputStream in = Files.newInputStream(RealWorld837Test.dir("realworld/x12-835").resolve(name))) {
            return RemittanceReader.read(in, name);
        }
    }

    static Remittance text(String x12) {
        return RemittanceReader.read(new ByteArrayInputStream(x12.getBytes(StandardCharsets.ISO_8859_1)), "t.835");
    }

    static BigDecimal n(String s) {
        return new BigDecimal(s);
    }

    @Test
    void everyRealFileIsReadWithEveryClaimAndNoEnvelopeError() throws IOException {
        try (Stream<Path> files = Files.list(RealWorld837Test.dir("realworld/x12-835"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".835")).toList()) {
                Remittance r = real(p.getFileName().toString());
                assertEquals(List.of(), r.errors(), p.toString());
                long clps = Files.readString(p).split("~\\s*CLP\\*", -1).length - 1;
                assertEquals(clps, r.claims().size(), p + ": one remitted claim per CLP");
            }
        }
    }

    @Test
    void managedCareClaimsLinesAndAdjustments() throws IOException {
        Remittance r = real("managed-care.835");
        assertEquals(2, r.claims().size());
        Remittance.RemittedClaim c = r.claims().get(0);
        assertEquals("5554555444", c.claimId());
        assertEquals("1", c.status());
        assertEquals(0, n("800.00").compareTo(c.charge()));
        assertEquals(0, n("450.00").compareTo(c.paid()));
        assertEquals("RUSHMORE LIFE", c.payer());
        assertEquals(List.of(new Remittance.Adjustment("CO", "A2", n("50.00"))), c.adjustments());
        Remittance.RemittedLine l = c.lines().get(0);
        assertEquals("99211", l.code());
        assertEquals(0, n("500.00").compareTo(l.paid()));
        assertEquals(List.of(new Remittance.Adjustment("PR", "1", n("300.00"))), l.adjustments());
        assertTrue(!l.denied());
        Remittance.RemittedLine second = r.claims().get(1).lines().get(0);
        assertEquals(2, second.adjustments().size());
        assertEquals("45", second.mainCarc(), "PR (the patient's share) is not a denial reason");
    }

    @Test
    void modifiersUnitsAndSeveralAdjustmentsInOneCas() throws IOException {
        Remittance.RemittedClaim c = real("secondary-payment.835").claims().stream()
                .filter(x -> "0001000053".equals(x.claimId())).findFirst().orElseThrow();
        assertEquals(2, c.lines().size());
        assertEquals("12345", c.lines().get(0).code());
        assertEquals(List.of("26"), c.lines().get(0).modifiers());
        // this file declares `:` as the component separator (ISA16) but writes `HC>12345>26`
        assertEquals(2, c.errors().size());
        assertTrue(c.errors().get(0).render().contains("SVC01: `HC>12345>26` separates its components with `>`"),
                c.errors().get(0).render());
        Remittance.RemittedLine l = c.lines().get(1);
        assertEquals(List.of(new Remittance.Adjustment("PR", "1", n("150.00")), new Remittance.Adjustment("PR", "2",
                n("70.00")), new Remittance.Adjustment("CO", "42", n("85.00"))), l.adjustments());
        assertEquals(0, BigDecimal.ONE.compareTo(l.units()));
    }

    @Test
    void aServiceLineWithoutAProcedureCodeIsKeptAndNamed() throws IOException {
        Remittance r = real("tertiary-payment.835");
        Remittance.RemittedClaim c = r.claims().get(0);
        assertEquals(1, c.lines().size(), "the line is kept");
        assertEquals(1, c.errors().size());
        assertTrue(c.errors().get(0).render().matches("segment \\d+ SVC \\(loop 2110, claim 0001000054 service line 1\\), "
                + "SVC01: the procedure code SVC01-2 is missing"), c.errors().get(0).render());
    }

    static final String ISA = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260301*1200*^*00501*000000001*0*P*:~"
            + "GS*HP*PAYER*PROVIDER*20260301*1200*1*X*005010X221A1~ST*835*0001~BPR*I*0*C*NON************20260301~"
            + "TRN*1*1*1~N1*PR*ACME HEALTH~N1*PE*CLINIC*XX*1234567893~";

    static String x12(String body) {
        int segments = body.split("~").length + 6;
        return ISA + body + "SE*" + segments + "*0001~GE*1*1~IEA*1*000000001~";
    }

    @Test
    void brokenAmountsAndLoneSegmentsNameTheirSegmentLoopAndElement() {
        Remittance r = text(x12("SVC*HC:96372*40*0~LX*1~CLP*C-1*4*150*0**MB*X~CAS*CO*16*abc~"
                + "SVC*HC:99213*110*zero~CAS*XX*4*110~"));
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().get(0).render().contains("SVC (loop 2110): a service line SVC before any claim CLP"),
                r.errors().toString());
        Remittance.RemittedClaim c = r.claims().get(0);
        assertTrue(c.denied());
        List<String> errors = c.errors().stream().map(e -> e.render()).toList();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).matches("segment \\d+ CAS \\(loop 2100, claim C-1\\), CAS03: `abc` is not an amount"), errors.get(0));
        assertTrue(errors.get(1).matches("segment \\d+ SVC \\(loop 2110, claim C-1 service line 1\\), SVC03: `zero` is not an amount"),
                errors.get(1));
        assertTrue(errors.get(2).contains("CAS01: `XX` is not a claim adjustment group code"), errors.get(2));
        assertNull(c.lines().get(0).paid());
    }

    @Test
    void notAnInterchange() {
        Remittance r = text("CLP*1*1*1*1~");
        assertEquals(0, r.claims().size());
        assertTrue(r.errors().get(0).message().contains("starts with ISA"));
    }
}
