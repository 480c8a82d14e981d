package nz.raceday.ingest.store.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.Write;

/**
 * Writes as JSON text for the outbox, and back. Values are the canonical attribute values (text, whole numbers,
 * fractional numbers, booleans), and JSON keeps those types apart: a float written as {@code 5.0} reads back as a
 * {@link Double}, an integer as a {@link Long}.
 */
final class WriteCodec {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private WriteCodec() {
        // static helpers
    }

    static String encode(List<Write> writes) {
        ArrayNode array = JSON.createArrayNode();
        for (Write write : writes) {
            ObjectNode node = array.addObject();
            node.put("op", write instanceof Write.Create ? "create" : "upsert");
            node.put("collection", write.collectionId());
            node.put("id", write.documentId());
            node.set("attributes", JSON.valueToTree(storable(write.attributes())));
            if (write instanceof Write.Upsert upsert) {
                node.set("fillOnly", JSON.valueToTree(upsert.fillOnly()));
                node.set("metadata", JSON.valueToTree(upsert.metadata()));
                node.set("cleared", JSON.valueToTree(upsert.cleared()));
            }
        }
        return array.toString();
    }

    static List<Write> decode(String text) {
        try {
            List<Write> writes = new ArrayList<>();
            for (JsonNode node : JSON.readTree(text)) {
                String collection = node.path("collection").asText();
                String id = node.path("id").asText();
                @SuppressWarnings("unchecked")
                Map<String, Object> attributes = JSON.convertValue(node.path("attributes"), LinkedHashMap.class);
                if ("create".equals(node.path("op").asText())) {
                    writes.add(new Write.Create(collection, id, attributes));
                } else {
                    writes.add(new Write.Upsert(collection, id, attributes, keys(node.path("fillOnly")),
                            keys(node.path("metadata")), keys(node.path("cleared"))));
                }
            }
            return writes;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable outbox entry: " + e.getMessage(), e);
        }
    }

    /** Datetimes as stored text; everything else is already text, a number or a boolean. */
    private static Map<String, Object> storable(Map<String, Object> attributes) {
        Map<String, Object> values = new LinkedHashMap<>();
        attributes.forEach((key, value) -> values.put(key, value instanceof Instant instant
                ? StoredTimes.format(instant)
                : value instanceof LocalDate date ? StoredTimes.format(date) : value));
        return values;
    }

    private static Set<String> keys(JsonNode array) {
        Set<String> keys = new LinkedHashSet<>();
        array.forEach(node -> keys.add(node.asText()));
        return keys;
    }
}
