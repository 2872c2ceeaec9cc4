/**
 * Reading claims from formats other than PPL's own claim JSON: X12 837P
 * ({@link dev.ppl.formats.x12.X12ClaimReader}) and FHIR R4 ({@link dev.ppl.formats.fhir.FhirClaimReader}),
 * the shared {@link dev.ppl.formats.PayerMapping} that turns a payer named in a file into a PPL payer,
 * and {@link dev.ppl.formats.InputFormat#detect(byte[])} that tells the formats apart by content.
 *
 * <p>Readers never throw for bad input: every problem becomes a {@link dev.ppl.claim.FieldError}, either on
 * the claim it belongs to or, when no claim can be named, on the {@link dev.ppl.formats.FileReadResult}.
 */
package dev.ppl.formats;
