package dev.ppl.claim;

import java.util.List;

/**
 * One injection actually given: one syringe, one site.
 *
 * @param adminLine the line number that bills the administration, or null
 * @param route documented route ({@code IM SC IV IA ID} or other), or null
 * @param site documented site, or null
 * @param time documented time, or null
 * @param orderedBy who ordered it, or null
 * @param administeredBy who gave it, or null
 * @param response the patient's documented response, or null
 * @param necessity the documented medical necessity, or null
 * @param drugs drugs in this syringe
 * @param note the injection note text, or null
 */
public record Injection(
        Integer adminLine,
        String route,
        String site,
        String time,
        String orderedBy,
        String administeredBy,
        String response,
        String necessity,
        List<InjectedDrug> drugs,
        String note) {

    public Injection {
        drugs = List.copyOf(drugs);
    }
}
