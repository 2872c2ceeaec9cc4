package dev.ppl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ppl.api.PolicySet;
import dev.ppl.api.PolicySource;
import dev.ppl.source.Diagnostic;
import dev.ppl.source.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A function called with an argument that is already an error gives that one diagnostic, not an exception. */
class CheckerErrorArgumentsTest {

    @Test
    void billingUnitsOfAnUnknownNameIsOneDiagnostic() {
        // found by ParserProperties: `let dose = ...` renamed, then `billingUnits(dose, per)`
        String policy = """
                policy t.units
                  version 1.0.0
                  applies to payer id acme
                  effective from 2026-01-01
                  cites "test"

                rule units
                  "units match the dose"
                  for each l in lines where l.code = J3420
                  let expected = billingUnits(dose, 1000 mcg)
                  when l.units != expected
                  review line l group CO carc 16
                    message "expected {expected}"
                """;
        Diagnostics d = new Diagnostics();
        PolicySet.compile(List.of(PolicySource.of("t.ppl", policy)), d);

        List<Diagnostic> errors = d.all().stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), d.render());
        assertEquals(10, errors.get(0).line());
        assertEquals(31, errors.get(0).column());
    }
}
