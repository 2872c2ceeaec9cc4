package dev.ppl.formats.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves FHIR references from a claim resource: {@code #id} to its contained resources, {@code Type/id}
 * and absolute {@code fullUrl}s to the other entries of the Bundle it came in. References to resources
 * outside the input are not followed.
 */
final class References {

    private final Map<String, JsonNode> byKey;
    private final References parent;

    private References(Map<String, JsonNode> byKey, References parent) {
        this.byKey = byKey;
        this.parent = parent;
    }

    /** The contained resources of {@code resource}, falling back to {@code bundle} (may be null). */
    static References of(JsonNode resource, References bundle) {
        Map<String, JsonNode> keys = new HashMap<>();
        for (JsonNode c : Json.array(resource, "contained")) {
            String id = Json.text(c, "id");
            if (id != null) {
                keys.put("#" + id, c);
            }
        }
        return new References(keys, bundle);
    }

    /** The entries of a Bundle, by fullUrl and by {@code Type/id}. */
    static References ofBundle(JsonNode bundle) {
        Map<String, JsonNode> keys = new HashMap<>();
        for (JsonNode entry : Json.array(bundle, "entry")) {
            JsonNode resource = entry.path("resource");
            String fullUrl = Json.text(entry, "fullUrl");
            if (fullUrl != null) {
                keys.put(fullUrl, resource);
            }
            String type = Json.text(resource, "resourceType");
            String id = Json.text(resource, "id");
            if (type != null && id != null) {
                keys.put(type + "/" + id, resource);
            }
        }
        return new References(keys, null);
    }

    /** The resource a Reference object points at, or null when it is not in the input. */
    JsonNode resolve(JsonNode reference) {
        String ref = Json.text(reference, "reference");
        if (ref == null) {
            return null;
        }
        JsonNode found = byKey.get(ref);
        if (found == null && !ref.startsWith("#")) {
            // an absolute URL ending in Type/id also matches a bundle entry's Type/id
            String[] parts = ref.split("/");
            if (parts.length >= 2) {
                found = byKey.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
            }
        }
        return found != null ? found : parent == null ? null : parent.resolve(reference);
    }
}
