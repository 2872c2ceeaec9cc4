package dev.ppl.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every diagnostic code PPL reports, with a title and what it means. docs/diagnostics.md is
 * generated from this catalog and the golden examples in src/test/resources/diagnostics; SARIF
 * output uses it for rule descriptions. A test keeps it in step with the codes the code reports.
 */
public final class DiagnosticCatalog {

    /**
     * One code.
     *
     * @param code {@code PPLnnnn}
     * @param level whether it is an error or a warning
     * @param title a few words, lowercase
     * @param explanation what it means and how to fix it, in a sentence or two
     */
    public record Entry(String code, Diagnostic.Level level, String title, String explanation) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    private static void error(String code, String title, String explanation) {
        ENTRIES.put(code, new Entry(code, Diagnostic.Level.ERROR, title, explanation));
    }

    private static void warning(String code, String title, String explanation) {
        ENTRIES.put(code, new Entry(code, Diagnostic.Level.WARNING, title, explanation));
    }

    static {
        // 01xx: syntax
        error("PPL0101", "unexpected character",
                "A character that is not part of PPL's text: letters, digits, quotes, `#` comments and the operators.");
        error("PPL0102", "syntax error",
                "The words are not in an order the grammar allows; the message says what was expected there.");
        error("PPL0103", "spaces inside an id",
                "Rule ids and policy ids are one word: parts joined by `-` or `.` with nothing between them.");
        error("PPL0104", "header clause written twice",
                "`version`, `title`, `effective` and `extends` appear once in a header; a new version is a new file.");
        error("PPL0105", "bad message template",
                "A `{` in a message opens a hole showing a claim value and needs its `}`; write `{{` for a literal brace.");
        error("PPL0106", "not a calendar date", "Dates are `yyyy-mm-dd` with a real month and day.");
        error("PPL0107", "not a whole number", "Line numbers in tests and minimum volumes of measures are whole numbers.");
        error("PPL0120", "policy file too large",
                "A policy file has at most 1 MiB of text (docs/limits.md); long code lists belong in table files.");
        error("PPL0121", "nested too deeply",
                "An expression, code set expression or test claim nests at most 100 levels (docs/limits.md): each operator, "
                        + "parenthesis, `not`, quantifier and JSON object counts. Name parts with `let`; write long `or` "
                        + "chains as a code set.");
        error("PPL0122", "too many rules", "A policy file has at most 1000 rules (docs/limits.md); split it.");
        // 02xx: header, code sets, tables
        error("PPL0201", "header clause missing",
                "Every policy says its `version`, which claims it `applies to`, and its `effective` dates of service.");
        error("PPL0202", "unknown payer type", "Payer types are `medicare`, `medicaid` and `commercial`.");
        error("PPL0203", "effective range ends before it starts", "The first date of an `effective` range comes first.");
        error("PPL0204", "name declared twice or shaped like a code",
                "Code sets and tables share one namespace per policy, and a name must not look like a code (`B12` is one).");
        error("PPL0205", "rule defined twice", "Each rule of a policy has its own id; findings and tests name rules by it.");
        error("PPL0206", "code of the wrong form",
                "A literal in a code set or comparison must have the form of its kind: CPT/HCPCS `96372`, ICD-10-CM "
                        + "`D51.0`, modifier `25`, NDC `00517003125` (11 digits).");
        error("PPL0207", "invalid code range",
                "A range runs from the lower code to the higher one, both of the same form: `99202-99205`.");
        error("PPL0208", "sets of different kinds combined",
                "`+` and `-` combine sets holding the same kind of code.");
        error("PPL0209", "unknown code set", "A set expression names a code set that is not declared here or in the base.");
        error("PPL0210", "code set defined in terms of itself", "Code sets may refer to each other but not in a cycle.");
        error("PPL0250", "table file missing, or rows in two places",
                "A table's `from` file is found relative to the policy file; a table has a file or inline rows, not both.");
        error("PPL0251", "table file without the declared columns",
                "The first line of a table file names its columns; every declared column must be there.");
        error("PPL0252", "bad table cell",
                "Every cell is checked against its column's type when the policy is compiled.");
        error("PPL0253", "unknown column type",
                "Column types are code, diagnosis, modifier, text, number, quantity and date.");
        error("PPL0254", "unknown or repeated column",
                "Key and effective-date columns must be declared columns; effective columns are dates; names are unique.");
        error("PPL0255", "row with the wrong number of values",
                "Each row has one value per column; quote CSV values that contain commas.");
        error("PPL0256", "key in force twice",
                "Two rows with the same key may not be in force on the same day, or a lookup could not choose.");
        error("PPL0257", "table without columns or key",
                "A table declares its `columns` and the `key` lookups use.");
        error("PPL0260", "table file too large",
                "A table file has at most 64 MiB of text (docs/limits.md); keep the rows for the codes and dates the policy covers.");
        error("PPL0261", "file outside the policy root",
                "A policy reads table files and test claims only inside its root: its directory, or the nearest directory "
                        + "above holding a `.ppl-root` file. `..` out of it, absolute paths and links leading out are refused, "
                        + "and nothing of such a file is shown.");
        // 03xx: names and types
        error("PPL0301", "unknown name",
                "Names are rule variables, code sets, tables and claim fields such as `lines`.");
        error("PPL0302", "unknown field or column",
                "The object has no field of that name (see the claim model in docs/language.md), or the table no such column.");
        error("PPL0303", "values of the wrong kind",
                "An operation got values it cannot work on: comparing a date with a number, adding mg to mL, ...");
        error("PPL0304", "condition that is not true or false",
                "`where`, `when` and the logic operators need conditions; compare a value to make one.");
        error("PPL0306", "unknown unit",
                "Quantities use mcg, mg, g, mL, L or units; durations days, weeks, months or years.");
        error("PPL0307", "unknown function", "The functions are listed in docs/language.md.");
        error("PPL0309", "not a list", "`for each`, quantifiers, `count` and `sum` range over a list such as `lines`.");
        error("PPL0310", "unknown table", "A lookup names a table that is not declared here or in the base.");
        error("PPL0311", "finding about something other than a line",
                "`deny line X` needs X to be a service line; write `deny claim` for the claim as a whole.");
        error("PPL0312", "message shows a set or a row",
                "A message hole shows one value; show a column of a row, not the row.");
        error("PPL0313", "variable defined twice", "Each variable of a rule has its own name.");
        error("PPL0314", "bad regular expression",
                "The pattern of `matches` is an RE2 pattern, matched in time linear in the text: no backreferences or lookaround.");
        error("PPL0315", "bad adjustment code",
                "Group codes are CO, PR, OA, PI, CR; CARC codes look like `16` or `B7`; RARC codes like `M53` or `N362`.");
        error("PPL0316", "finding without group and CARC",
                "`reject` and `deny` findings are what the payer sends back, so they need a group and a CARC code. A"
                        + " `review` (an internal hold) or `info` finding has none unless the payer really sends that code;"
                        + " when it has one, the group and the CARC come together.");
        error("PPL0317", "window longer than 100 years",
                "A `within` window or a duration added to a date is at most 36500 days, 5200 weeks, 1200 months or 100 years.");
        error("PPL0320", "bad measure dimension or flag level",
                "A measure groups by provider, renderingProvider, patient, payer, month or placeOfService; a flag is "
                        + "`high`, `medium` or `low`.");
        error("PPL0321", "measure value of the wrong kind",
                "`sum` and `average` need a number per item, `distinct` and `volume distinct` one value (or a list of "
                        + "codes) per item, a benchmark a number.");
        error("PPL0322", "flag reads a claim",
                "Benchmarks and flags are judged per group after all claims were read; they see the group's figures "
                        + "(value, numerator, denominator, volume, percentile, peers, peerMedian, peer90) and benchmarks.");
        // 04xx: layering
        error("PPL0401", "disable or override without a base",
                "Only a policy that `extends` another can disable or override rules.");
        error("PPL0402", "base has no such rule", "`disable` and `override` name a rule the base policy has.");
        error("PPL0403", "base policy not loaded", "The policy named by `extends` must be loaded with this one.");
        error("PPL0404", "name already declared by the base",
                "A layered policy uses its base's code sets and tables as they are; give a new one another name.");
        error("PPL0405", "override without a reason",
                "`override rule X because \"...\"`: the reason is shown to reviewers of the layered policy.");
        error("PPL0406", "rule replaces a base rule silently",
                "A rule with the id of a base rule must say `override`, so replacing it is deliberate.");
        error("PPL0407", "policies extend each other", "`extends` cannot form a cycle.");
        error("PPL0408", "no base version in force",
                "A layered policy is compiled against each base version its dates overlap; there must be one.");
        error("PPL0409", "overlapping versions",
                "Two versions of a policy in force on the same day for the same payers and jurisdictions would judge each "
                        + "claim line twice; the later one is left out.");
        error("PPL0410", "version loaded twice",
                "The same version of a policy is loaded from two files; one of them is left out.");
        // 05xx: tests
        error("PPL0501", "test names an unknown rule",
                "`expect` names a rule of this policy or of the policies loaded with it.");
        error("PPL0502", "test edits a field claim JSON does not have",
                "A test's `with` and `without` edits name fields of claim JSON (docs/claim-format.md): an edit of a "
                        + "misspelled field would change nothing, and the test would assert less than it says.");
        // 09xx: lint (warnings, errors with --strict)
        warning("PPL0901", "rule cites no source",
                "Every rule should name the LCD, NCCI table or payer manual section it implements, on the rule, its "
                        + "findings or the policy header.");
        warning("PPL0903", "unused code set", "A code set no rule or other set uses (here or in a layered policy).");
        warning("PPL0904", "unused table", "A table no rule looks up (here or in a layered policy).");
        warning("PPL0905", "rule no test names",
                "No `test` expects the rule to fire or to stay silent; `ppl test` reports each rule's coverage.");
        warning("PPL0906", "code missing from a table",
                "A rule tests codes against a set and looks them up in a table, but a code listed in the set has no row "
                        + "(e.g. a J-code absent from the billing-unit table), so its lookup is missing.");
        warning("PPL0908", "measure flags without a minimum volume",
                "A rate over a handful of claims is noise: CMS Comparative Billing Reports compare only providers with "
                        + "enough beneficiaries. Add `minimum volume N` to a measure that flags.");
        warning("PPL0907", "condition that is never true",
                "An `and` chain asks one value to be two different constants, a constant and not it, outside its own "
                        + "bounds, or a code a set test excludes; usually `or` or `in { ... }` was meant.");
    }

    private DiagnosticCatalog() {}

    /** The entry for a code, or null. */
    public static Entry get(String code) {
        return ENTRIES.get(code);
    }

    /** Every code in order. */
    public static Map<String, Entry> all() {
        return Collections.unmodifiableMap(ENTRIES);
    }
}
