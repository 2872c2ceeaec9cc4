/**
 * Where claims come from in a batch: {@link dev.ppl.input.ClaimInput}, a stream of {@link
 * dev.ppl.input.ClaimRecord}s (source, record number, the claim as read), one {@link
 * dev.ppl.input.ClaimFormat} per file format (claim JSON and NDJSON here; X12 837P and FHIR plug in
 * the same way), and {@link dev.ppl.input.ClaimInputs}, which turns command-line arguments (files,
 * directories, {@code -} for stdin) into one stream in argument order.
 */
package dev.ppl.input;
