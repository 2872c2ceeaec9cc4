package dev.ppl.formats;

/**
 * How strictly a reader takes a claim whose parts cannot all be read.
 *
 * <ul>
 *   <li>{@link #STRICT} (the default, for claims before they are billed): any problem makes the
 *       whole claim a failed read, which PPL turns back with CO-16 naming every field.
 *   <li>{@link #LENIENT} (for retrospective audit of adjudicated data, such as CMS Blue Button
 *       EOBs): a service line that cannot be read (a data-absent procedure code, no quantity, a
 *       modifier whose codings disagree) is left out and reported as not checked; the readable
 *       lines are judged. Problems of the claim itself (no id, no payer, no line readable at all)
 *       still fail it. The X12 and FHIR readers support it; claim JSON is always read strictly.
 * </ul>
 */
public enum ReadMode {
    STRICT,
    LENIENT
}
