package dev.ppl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ppl.api.Decision;
import dev.ppl.api.PolicyEngine;
import dev.ppl.claim.ClaimJson;
import org.junit.jupiter.api.Test;

/** Message templates show the claim's own values: quantities and table quantities as written amounts. */
class MessageValuesTest {
    private static final String POLICY = """
            policy test.messages
              version 1.0.0
              applies to payer type medicare
              effective from 2020-01-01
              cites "test"
            table UNITS
              key code
              columns code: code, per: quantity
              row J3301, 10 mg
            rule dose-shown
              for each i in injections, x in i.drugs
              let dose = sum(y.dose for y in i.drugs)
              when x.dose is present
              info line i.adminLine
                message "{x.dose} of {x.name}; total {dose}; per {UNITS[x.line.code].per}; {billingUnits(x.dose, UNITS[x.line.code].per)} units"
            """;

    private static final String CLAIM = """
            {"claimId": "M-1", "payer": {"id": "medicare", "type": "medicare"},
             "lines": [
               {"line": 1, "code": "96372", "units": 1, "serviceDate": "2026-03-02"},
               {"line": 2, "code": "J3301", "units": 4, "serviceDate": "2026-03-02"}],
             "injections": [{"adminLine": 1, "drugs": [
               {"line": 2, "name": "triamcinolone", "dose": {"value": 40, "unit": "mg"}}]}]}
            """;

    @Test
    void quantitiesReadAsAmountAndUnit() {
        PolicyEngine engine = PolicyEngine.builder().add("messages.ppl", POLICY).build();
        Decision d = engine.evaluate(ClaimJson.read(CLAIM));
        assertEquals(1, d.findings().size(), d.findings()::toString);
        assertEquals("40 mg of triamcinolone; total 40 mg; per 10 mg; 4 units", d.findings().get(0).message());
    }
}
