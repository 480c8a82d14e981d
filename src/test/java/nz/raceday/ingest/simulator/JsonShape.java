package nz.raceday.ingest.simulator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Structural comparison of JSON documents by path, for checking simulated payloads against recorded ones. A path is
 * dot-separated field names; {@code name[]} steps into every element of an array
 * ({@code data.runners[].odds.fixed_win}).
 */
final class JsonShape {

    private JsonShape() {
    }

    /** JSON types; {@link #INT} is an integral number, {@link #NUMBER} any number. */
    enum Kind {
        STRING, INT, NUMBER, BOOLEAN, OBJECT, ARRAY, NULL;

        boolean matches(JsonNode node) {
            return switch (this) {
                case STRING -> node.isTextual();
                case INT -> node.isIntegralNumber();
                case NUMBER -> node.isNumber();
                case BOOLEAN -> node.isBoolean();
                case OBJECT -> node.isObject();
                case ARRAY -> node.isArray();
                case NULL -> node.isNull();
            };
        }

        static String of(JsonNode node) {
            if (node.isIntegralNumber()) {
                return "INT";
            }
            return node.isNumber() ? "NUMBER(float)" : node.getNodeType().toString();
        }
    }

    /**
     * What the application relies on at a path.
     *
     * @param optional whether some objects may lack the key (for example {@code positional_margin} of the winner)
     * @param format   a pattern every string value must match, or null
     */
    record Spec(String path, Set<Kind> kinds, boolean optional, Pattern format) {

        static Spec of(String path, Kind kind, Kind... more) {
            return new Spec(path, EnumSet.of(kind, more), false, null);
        }

        static Spec optional(String path, Kind kind, Kind... more) {
            return new Spec(path, EnumSet.of(kind, more), true, null);
        }

        static Spec text(String path, String regex) {
            return new Spec(path, EnumSet.of(Kind.STRING), false, Pattern.compile(regex));
        }

        @Override
        public String toString() {
            return path + " " + kinds + (optional ? " (optional)" : "") + (format == null ? "" : " ~ " + format);
        }
    }

    /** The values found at a path, and how many objects on the way lacked the last key. */
    record Found(List<JsonNode> values, int absent, int parents) {
    }

    static Found find(JsonNode root, String path) {
        String[] segments = path.split("\\.");
        List<JsonNode> nodes = List.of(root);
        int absent = 0;
        int parents = 0;
        for (int s = 0; s < segments.length; s++) {
            boolean each = segments[s].endsWith("[]");
            String name = each ? segments[s].substring(0, segments[s].length() - 2) : segments[s];
            boolean last = s == segments.length - 1;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : nodes) {
                if (!node.isObject()) {
                    continue;
                }
                if (last) {
                    parents++;
                }
                JsonNode child = node.get(name);
                if (child == null) {
                    if (last) {
                        absent++;
                    }
                    continue;
                }
                if (each && child.isArray()) {
                    child.forEach(next::add);
                } else if (!each || last) {
                    next.add(child);
                }
            }
            nodes = next;
        }
        return new Found(nodes, absent, parents);
    }

    /**
     * Problems of a document against a spec: the key missing where it must be present, a value of another type, a
     * string not in the expected format. {@code required} demands at least one value (a spec describing an empty
     * array's elements is otherwise satisfied vacuously).
     */
    static List<String> problems(JsonNode root, Spec spec, boolean required) {
        List<String> problems = new ArrayList<>();
        Found found = find(root, spec.path());
        if (found.values().isEmpty() && (required || (found.parents() > 0 && !spec.optional()))) {
            problems.add(spec.path() + ": not present");
            return problems;
        }
        if (!spec.optional() && found.absent() > 0) {
            problems.add(spec.path() + ": missing in " + found.absent() + " of " + found.parents() + " objects");
        }
        Set<String> wrong = new TreeSet<>();
        for (JsonNode value : found.values()) {
            if (spec.kinds().stream().noneMatch(k -> k.matches(value))) {
                wrong.add(Kind.of(value) + " (" + abbreviate(value) + ")");
            } else if (spec.format() != null && value.isTextual() && !spec.format().matcher(value.asText()).matches()) {
                wrong.add("'" + abbreviate(value) + "' not matching " + spec.format());
            }
        }
        if (!wrong.isEmpty()) {
            problems.add(spec.path() + ": expected " + spec.kinds() + " but found " + wrong);
        }
        return problems;
    }

    /** The union of the keys of every object at a path. */
    static Set<String> keys(JsonNode root, String path) {
        Set<String> keys = new TreeSet<>();
        List<JsonNode> objects = path.isEmpty() ? List.of(root) : find(root, path).values();
        for (JsonNode node : objects) {
            if (node.isObject()) {
                node.fieldNames().forEachRemaining(keys::add);
            }
        }
        return keys;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
