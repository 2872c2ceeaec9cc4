package dev.ppl.value;

/**
 * An amount with a unit, e.g. 40 mg. Quantities of one dimension compare and add after
 * conversion; the result keeps the left operand's unit.
 */
public record Quantity(double amount, Unit unit) {

    /** The amount in the dimension's base unit (mg, mL, units). */
    public double base() {
        return amount * unit.factor();
    }

    public boolean sameDimension(Quantity other) {
        return unit.dimension() == other.unit.dimension();
    }

    /** This quantity expressed in another unit of the same dimension. */
    public double in(Unit target) {
        return base() / target.factor();
    }

    /** {@code 40 mg}, {@code 0.1 mg}, {@code 100000 units}. */
    @Override
    public String toString() {
        return Numbers.format(amount) + " " + unit.symbol();
    }
}
