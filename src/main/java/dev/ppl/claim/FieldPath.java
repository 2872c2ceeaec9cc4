package dev.ppl.claim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;

/**
 * Where a value sits in a claim's JSON: the contract path users read ({@code lines[2].units})
 * and the value's position in the document, so that errors found out of order can be reported
 * in the order the sender wrote the fields.
 */
final class FieldPath {

    static final FieldPath ROOT = new FieldPath("", new int[0]);

    /** Document order; a path sorts before the paths inside it. */
    static final Comparator<FieldPath> DOCUMENT_ORDER = (a, b) -> Arrays.compare(a.position, b.position);

    private final String text;
    // index of each step among its siblings as written, from the root down
    private final int[] position;

    private FieldPath(String text, int[] position) {
        this.text = text;
        this.position = position;
    }

    /**
     * The path of field {@code name} of {@code object}. A field the object lacks takes the
     * object's own position: "missing" is reported where the object starts.
     */
    FieldPath field(JsonNode object, String name) {
        String child = text.isEmpty() ? name : text + "." + name;
        int index = 0;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); index++) {
            if (names.next().equals(name)) {
                return new FieldPath(child, append(index));
            }
        }
        return new FieldPath(child, position);
    }

    /** The path of element {@code index} of the array at this path. */
    FieldPath element(int index) {
        return new FieldPath(text + "[" + index + "]", append(index));
    }

    private int[] append(int index) {
        int[] longer = Arrays.copyOf(position, position.length + 1);
        longer[position.length] = index;
        return longer;
    }

    @Override
    public String toString() {
        return text;
    }
}
