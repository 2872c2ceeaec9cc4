package dev.ppl.formats.fhir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ppl.claim.ClaimReadResult;
import dev.ppl.formats.FileReadResult;
import dev.ppl.formats.PayerMapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * FHIR claims with values replaced by values of other kinds (strings for numbers, arrays for objects, nulls,
 * negative numbers) or with their text cut never make the reader throw, and every failed claim says why.
 */
class FhirMutationProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> SEEDS = seeds();
    private final FhirClaimReader reader = new FhirClaimReader(PayerMapping.defaults());

    private static List<JsonNode> seeds() {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(RealWorldFhirTest.dir("realworld/fhir"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(JSON.readTree(p.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Property(tries = 300)
    void valuesOfTheWrongKindNeverThrow(@ForAll @IntRange(min = 0, max = 5) int seed, @ForAll long randomSeed,
            @ForAll @IntRange(min = 1, max = 12) int edits) {
        JsonNode doc = SEEDS.get(seed).deepCopy();
        Random random = new Random(randomSeed);
        for (int i = 0; i < edits; i++) {
            mutate(doc, random);
        }
        FileReadResult r = read(doc.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(r.claims().size() <= 1);
        for (ClaimReadResult c : r.claims()) {
            assertTrue(c.isOk() || c.errors().stream().noneMatch(e -> e.message().isBlank()));
        }
        assertFalse(r.errors().stream().anyMatch(e -> e.message().startsWith("internal error")), r.errors()::toString);
    }

    @Property(tries = 200)
    void cutTextNeverThrows(@ForAll @IntRange(min = 0, max = 5) int seed, @ForAll @IntRange(min = 0, max = 100) int percent) {
        byte[] full = SEEDS.get(seed).toString().getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(full, full.length * percent / 100);
        FileReadResult r = read(cut);
        assertTrue(percent == 100 ? r.errors().isEmpty() : !r.errors().isEmpty(), r.errors()::toString);
    }

    private FileReadResult read(byte[] data) {
        return reader.read(new ByteArrayInputStream(data), "mutated.json");
    }

    /** Replaces one randomly chosen value in the tree by a value of a random kind. */
    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = switch (random.nextInt(7)) {
            case 0 -> JsonNodeFactory.instance.textNode("x");
            case 1 -> JsonNodeFactory.instance.numberNode(-1);
            case 2 -> JsonNodeFactory.instance.nullNode();
            case 3 -> JsonNodeFactory.instance.arrayNode();
            case 4 -> JsonNodeFactory.instance.objectNode();
            case 5 -> JsonNodeFactory.instance.numberNode(1.5);
            default -> JsonNodeFactory.instance.booleanNode(true);
        };
        if (parent instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                o.remove(name);
            } else {
                o.set(name, replacement);
            }
        } else if (parent instanceof ArrayNode a && a.size() > 0) {
            a.set(random.nextInt(a.size()), replacement);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }
}
