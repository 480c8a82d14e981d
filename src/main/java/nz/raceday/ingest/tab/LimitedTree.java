package nz.raceday.ingest.tab;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a JSON tree of only the fields a {@link Shape} names, straight from Jackson's streaming parser: every other
 * field is skipped without being decoded into nodes (an event payload is mostly runner form, silks detail, tote trends
 * and will-pays the pipeline never stores). The kept part is the same tree {@code ObjectMapper.readTree} would give,
 * so the typed field readers report wrong types exactly as before: a value whose type does not match its shape (an
 * array where an object was expected) is kept whole. The whole document is still read, so truncated or invalid JSON
 * is rejected as before.
 */
final class LimitedTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LimitedTree() {
        // static reader
    }

    /** What to keep of a value: all of it, the named fields of an object, or each element of an array by a shape. */
    static final class Shape {

        static final Shape ALL = new Shape(null, null);

        private final Map<String, Shape> fields;
        private final Shape elements;

        private Shape(Map<String, Shape> fields, Shape elements) {
            this.fields = fields;
            this.elements = elements;
        }

        /** An object of which only the given fields are kept, each whole. */
        static Shape fields(List<String> names) {
            Map<String, Shape> fields = new HashMap<>();
            names.forEach(name -> fields.put(name, ALL));
            return new Shape(fields, null);
        }

        /** An array whose elements are kept by a shape. */
        static Shape arrayOf(Shape elements) {
            return new Shape(null, elements);
        }

        /** This object shape with one more field kept by a shape. */
        Shape with(String name, Shape shape) {
            Map<String, Shape> more = new HashMap<>(fields);
            more.put(name, shape);
            return new Shape(more, null);
        }
    }

    /**
     * Reads the document's root value by a shape; null when the document holds no value at all.
     *
     * @throws IOException when the input is not valid JSON (truncated included)
     */
    static JsonNode read(JsonParser parser, Shape shape) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? null : value(parser, token, shape);
    }

    private static JsonNode value(JsonParser parser, JsonToken token, Shape shape) throws IOException {
        switch (token) {
            case START_OBJECT:
                return shape.fields == null ? wholeObject(parser) : limitedObject(parser, shape);
            case START_ARRAY:
                return shape.elements == null ? wholeArray(parser) : limitedArray(parser, shape.elements);
            default:
                return scalar(parser, token);
        }
    }

    private static ObjectNode limitedObject(JsonParser parser, Shape shape) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = next(parser); token != JsonToken.END_OBJECT; token = next(parser)) {
            String name = parser.currentName();
            JsonToken valueToken = next(parser);
            Shape child = shape.fields.get(name);
            if (child == null) {
                parser.skipChildren();
            } else {
                object.set(name, value(parser, valueToken, child));
            }
        }
        return object;
    }

    private static ArrayNode limitedArray(JsonParser parser, Shape elements) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = next(parser); token != JsonToken.END_ARRAY; token = next(parser)) {
            array.add(value(parser, token, elements));
        }
        return array;
    }

    private static ObjectNode wholeObject(JsonParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = next(parser); token != JsonToken.END_OBJECT; token = next(parser)) {
            String name = parser.currentName();
            object.set(name, value(parser, next(parser), Shape.ALL));
        }
        return object;
    }

    private static ArrayNode wholeArray(JsonParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = next(parser); token != JsonToken.END_ARRAY; token = next(parser)) {
            array.add(value(parser, token, Shape.ALL));
        }
        return array;
    }

    /** Scalars as {@code readTree} makes them: ints as int or long nodes, floats as doubles. */
    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // VALUE_EMBEDDED_OBJECT does not occur in JSON text
                return NODES.pojoNode(parser.getEmbeddedObject());
        }
    }

    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new JsonEOFException(parser, null, "Unexpected end-of-input: the document is truncated");
        }
        return token;
    }
}
