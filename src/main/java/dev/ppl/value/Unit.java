package dev.ppl.value;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A unit of a dose or billing quantity; units of one dimension convert into each other. */
public enum Unit {
    MCG("mcg", Dimension.MASS, 0.001),
    MG("mg", Dimension.MASS, 1),
    G("g", Dimension.MASS, 1000),
    ML("mL", Dimension.VOLUME, 1),
    L("L", Dimension.VOLUME, 1000),
    UNITS("units", Dimension.UNITS, 1);

    /** What a unit measures. */
    public enum Dimension {
        MASS("mass"),
        VOLUME("volume"),
        UNITS("international units");

        private final String noun;

        Dimension(String noun) {
            this.noun = noun;
        }

        public String noun() {
            return noun;
        }
    }

    private static final Map<String, Unit> SPELLINGS = Map.ofEntries(
            Map.entry("mcg", MCG), Map.entry("microgram", MCG), Map.entry("micrograms", MCG), Map.entry("ug", MCG),
            Map.entry("mg", MG), Map.entry("milligram", MG), Map.entry("milligrams", MG),
            Map.entry("g", G), Map.entry("gram", G), Map.entry("grams", G), Map.entry("gm", G),
            Map.entry("ml", ML), Map.entry("cc", ML), Map.entry("milliliter", ML), Map.entry("milliliters", ML),
            Map.entry("l", L), Map.entry("liter", L), Map.entry("liters", L),
            Map.entry("units", UNITS), Map.entry("unit", UNITS), Map.entry("iu", UNITS), Map.entry("u", UNITS));

    private final String symbol;
    private final Dimension dimension;
    private final double factor;

    Unit(String symbol, Dimension dimension, double factor) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.factor = factor;
    }

    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** How many base units (mg, mL, units) one of this unit is. */
    public double factor() {
        return factor;
    }

    /** The unit for a spelling such as {@code mg}, {@code mL}, {@code IU}; null when unknown. */
    public static Unit parse(String spelling) {
        if (spelling == null) {
            return null;
        }
        // most doses spell the unit as it is listed (mg): only the others are trimmed and lower-cased
        Unit unit = SPELLINGS.get(spelling);
        return unit != null ? unit : SPELLINGS.get(spelling.trim().toLowerCase(Locale.ROOT));
    }

    /** The spellings accepted, for "did you mean" help. */
    public static List<String> spellings() {
        return List.of("mcg", "mg", "g", "mL", "L", "units");
    }
}
