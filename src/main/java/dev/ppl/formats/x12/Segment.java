package dev.ppl.formats.x12;

import java.util.List;

/**
 * One X12 segment as StAEDI reported it: its tag, where it is, and its elements. Each element is the list
 * of its components (a simple element has one). Of an element sent more than once (X12 repetitions, separated
 * by the ISA11 character) {@code elements} holds the first occurrence, and {@code repeated} says which elements
 * had more, so that a reader never drops the others without saying so.
 *
 * @param tag the segment id, e.g. {@code SV1}
 * @param number the segment's position in its interchange, {@code ISA} being 1
 * @param interchange which interchange of the file it is in, the first being 1
 * @param elements elements 1..n, each a list of components
 * @param repeated the elements sent more than once, in element order
 */
record Segment(String tag, int number, int interchange, List<List<String>> elements, List<Repeated> repeated) {

    /**
     * An element sent {@code occurrences} times.
     *
     * @param element the element's position (1-based)
     * @param occurrences how many times it was sent, at least 2
     */
    record Repeated(int element, int occurrences) {
    }

    Segment {
        elements = elements.stream().map(List::copyOf).toList();
        repeated = List.copyOf(repeated);
    }

    /** Element {@code pos} (1-based): its first component, or "" when absent. */
    String element(int pos) {
        return component(pos, 1);
    }

    /** Component {@code comp} (1-based) of element {@code pos}, or "" when absent. */
    String component(int pos, int comp) {
        if (pos < 1 || pos > elements.size()) {
            return "";
        }
        List<String> components = elements.get(pos - 1);
        return comp < 1 || comp > components.size() ? "" : components.get(comp - 1);
    }

    /** The components of element {@code pos}, empty when absent. */
    List<String> components(int pos) {
        return pos < 1 || pos > elements.size() ? List.of() : elements.get(pos - 1);
    }

    /** Whether element {@code pos} has a non-empty first component. */
    boolean has(int pos) {
        return !element(pos).isEmpty();
    }
}
