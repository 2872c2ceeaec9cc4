package dev.ppl.check;

import dev.ppl.value.Unit;

/** The static type of an expression. */
public sealed interface Type {

    /** Human wording for messages: "a number", "a list of lines". */
    String describe();

    /** Scalar types. */
    enum Simple implements Type {
        BOOL("true/false"),
        NUMBER("a number"),
        TEXT("text"),
        CODE("a CPT/HCPCS code"),
        DIAGNOSIS("an ICD-10-CM code"),
        MODIFIER("a modifier"),
        NDC("an NDC"),
        DATE("a date"),
        DURATION("a duration"),
        ERROR("(error)");

        private final String description;

        Simple(String description) {
            this.description = description;
        }

        @Override
        public String describe() {
            return description;
        }
    }

    /** A quantity; {@code dimension} is null when only known at run time (a documented dose). */
    record Quantity(Unit.Dimension dimension) implements Type {
        @Override
        public String describe() {
            return dimension == null ? "a quantity" : "a quantity of " + dimension.noun();
        }
    }

    record ListOf(Type element) implements Type {
        @Override
        public String describe() {
            String inner = element.describe().replaceFirst("^(a|an) ", "");
            return "a list of " + (inner.endsWith("y") ? inner.substring(0, inner.length() - 1) + "ies" : inner + "s");
        }
    }

    /** A claim-model object. */
    record Entity(ClaimSchema.Kind kind) implements Type {
        @Override
        public String describe() {
            return kind.noun();
        }
    }

    /** A code set of one kind. */
    record CodeSetOf(Type element) implements Type {
        @Override
        public String describe() {
            return "a code set";
        }
    }

    /** A row of a table. */
    record RowOf(TableSymbol table) implements Type {
        @Override
        public String describe() {
            return "a row of table `" + table.name() + "`";
        }
    }

    static boolean isCodeLike(Type t) {
        return t == Simple.CODE || t == Simple.DIAGNOSIS || t == Simple.MODIFIER || t == Simple.NDC || t == Simple.TEXT;
    }
}
