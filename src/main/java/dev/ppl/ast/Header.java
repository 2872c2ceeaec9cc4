package dev.ppl.ast;

import dev.ppl.source.Span;
import java.time.LocalDate;
import java.util.List;

/**
 * The policy header. Fields not written are null (or empty lists); the checker reports the
 * required ones.
 *
 * @param id policy id, e.g. {@code medicare.ncci.injection}
 * @param version semantic version as written
 * @param title one-line title
 * @param payerTypes payer types the policy applies to
 * @param payerIds payer ids the policy applies to
 * @param jurisdictions jurisdictions it is limited to; empty means all
 * @param effectiveFrom first date of service it governs
 * @param effectiveTo last date of service it governs, or null for open-ended
 * @param effectiveSpan where the effective clause was written
 * @param cites the policy's sources
 * @param extendsId the base policy this one layers on, or null
 * @param span the header as a whole
 */
public record Header(
        Name id,
        Name version,
        Text title,
        List<Name> payerTypes,
        List<Name> payerIds,
        List<Name> jurisdictions,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        Span effectiveSpan,
        List<Text> cites,
        Name extendsId,
        Span span) {

    public Header {
        payerTypes = List.copyOf(payerTypes);
        payerIds = List.copyOf(payerIds);
        jurisdictions = List.copyOf(jurisdictions);
        cites = List.copyOf(cites);
    }
}
