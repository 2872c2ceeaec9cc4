package dev.ppl.check;

import java.util.List;

/** The functions policies can call. All are total: no I/O, no loops over unbounded input. */
public enum Builtin {
    CEIL("ceil", "round a number up to a whole number", Type.Simple.NUMBER, Type.Simple.NUMBER),
    FLOOR("floor", "round a number down to a whole number", Type.Simple.NUMBER, Type.Simple.NUMBER),
    ROUND("round", "round a number to the nearest whole number", Type.Simple.NUMBER, Type.Simple.NUMBER),
    MIN("min", "the smaller of two numbers", Type.Simple.NUMBER, Type.Simple.NUMBER, Type.Simple.NUMBER),
    MAX("max", "the larger of two numbers", Type.Simple.NUMBER, Type.Simple.NUMBER, Type.Simple.NUMBER),
    BILLING_UNITS("billingUnits", "units to bill for a dose: the dose divided by the billing unit, rounded up",
            Type.Simple.NUMBER, new Type.Quantity(null), new Type.Quantity(null)),
    LENGTH("length", "number of characters in a text (ignoring leading and trailing spaces)", Type.Simple.NUMBER,
            Type.Simple.TEXT),
    WORDS("words", "number of words in a text", Type.Simple.NUMBER, Type.Simple.TEXT),
    LOWER("lower", "the text in lower case", Type.Simple.TEXT, Type.Simple.TEXT),
    CONTAINS("contains", "whether a text contains another, ignoring case", Type.Simple.BOOL, Type.Simple.TEXT,
            Type.Simple.TEXT),
    MATCHES("matches", "whether a whole text matches a regular expression", Type.Simple.BOOL, Type.Simple.TEXT,
            Type.Simple.TEXT),
    SIMILARITY("similarity", "how alike two texts are, from 0 (nothing shared) to 1 (identical)",
            Type.Simple.NUMBER, Type.Simple.TEXT, Type.Simple.TEXT),
    DAYS_BETWEEN("daysBetween", "days from the first date to the second", Type.Simple.NUMBER, Type.Simple.DATE,
            Type.Simple.DATE),
    AGE("age", "whole years from a birth date to a date", Type.Simple.NUMBER, Type.Simple.DATE, Type.Simple.DATE),
    VALID_NPI("validNpi", "whether a text is a 10-digit NPI with a correct check digit", Type.Simple.BOOL,
            Type.Simple.TEXT),
    SIZE("size", "number of items in a list", Type.Simple.NUMBER, new Type.ListOf(Type.Simple.ERROR)),
    WITHOUT_DETAILS("withoutDetails", "a note without the details that change at every visit of a copied note:"
            + " times, dates, numbers, lot numbers and injection sites", Type.Simple.TEXT, Type.Simple.TEXT),
    TEXT_IF("textIf", "the text when the condition holds, otherwise missing", Type.Simple.TEXT, Type.Simple.BOOL,
            Type.Simple.TEXT),
    LIST("list", "the texts that are present, joined as \"a, b and c\"; missing when none is", Type.Simple.TEXT,
            Type.Simple.TEXT);

    private final String fnName;
    private final String doc;
    private final Type result;
    private final List<Type> params;

    Builtin(String fnName, String doc, Type result, Type... params) {
        this.fnName = fnName;
        this.doc = doc;
        this.result = result;
        this.params = List.of(params);
    }

    public String fnName() {
        return fnName;
    }

    public String doc() {
        return doc;
    }

    public Type result() {
        return result;
    }

    public List<Type> params() {
        return params;
    }

    /** Takes one or more arguments, each of the type of its one parameter ({@code list}). */
    public boolean variadic() {
        return this == LIST;
    }

    public static Builtin byName(String name) {
        for (Builtin b : values()) {
            if (b.fnName.equals(name)) {
                return b;
            }
        }
        return null;
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(Builtin::fnName).toList();
    }
}
