package nz.raceday.ingest.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;

/**
 * Evaluates a {@link DocumentQuery} on documents in memory, with the stores' semantics: a comparison or
 * {@code NOT_EQUAL} never matches a missing value (SQL's NULL), ascending order puts missing values first and
 * descending order last, datetimes compare as instants. Used where a store answers from what it holds in memory.
 */
public final class DocumentMatcher {

    private DocumentMatcher() {
        // static helpers
    }

    /** The documents matching the query, ordered and limited as it says (ties keep the given order). */
    public static List<Document> apply(CollectionSchema collection, Collection<Document> documents,
            DocumentQuery query) {
        List<Document> matching = new ArrayList<>();
        for (Document document : documents) {
            if (matches(collection, document, query)) {
                matching.add(document);
            }
        }
        matching.sort(order(collection, query));
        if (query.limit() != null && matching.size() > query.limit()) {
            return new ArrayList<>(matching.subList(0, query.limit()));
        }
        return matching;
    }

    /** Whether the document meets every condition of the query. */
    public static boolean matches(CollectionSchema collection, Document document, DocumentQuery query) {
        for (DocumentQuery.Condition condition : query.conditions()) {
            AttributeType type = collection.queryType(condition.attribute());
            Object value = value(document, condition.attribute());
            boolean holds = switch (condition.operator()) {
                case IS_NULL -> value == null;
                case IS_NOT_NULL -> value != null;
                case EQUAL -> value != null && condition.values().stream()
                        .anyMatch(v -> compare(value, canonical(type, v)) == 0);
                default -> {
                    if (value == null) {
                        yield false;
                    }
                    int c = compare(value, canonical(type, condition.values().get(0)));
                    yield switch (condition.operator()) {
                        case NOT_EQUAL -> c != 0;
                        case LESS_THAN -> c < 0;
                        case LESS_THAN_EQUAL -> c <= 0;
                        case GREATER_THAN -> c > 0;
                        case GREATER_THAN_EQUAL -> c >= 0;
                        default -> throw new IllegalArgumentException("unhandled operator " + condition.operator());
                    };
                }
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** The query's order; documents it does not separate keep their order. */
    public static Comparator<Document> order(CollectionSchema collection, DocumentQuery query) {
        Comparator<Document> order = (a, b) -> 0;
        for (DocumentQuery.Order o : query.orders()) {
            collection.queryType(o.attribute());
            Comparator<Document> byAttribute = (a, b) -> {
                Object x = value(a, o.attribute());
                Object y = value(b, o.attribute());
                if (x == null || y == null) {
                    // missing values come first ascending, last descending (as SQLite and MariaDB sort NULL)
                    return x == null ? (y == null ? 0 : -1) : 1;
                }
                return compare(x, y);
            };
            order = order.thenComparing(o.ascending() ? byAttribute : byAttribute.reversed());
        }
        return order;
    }

    private static Object value(Document document, String attribute) {
        return switch (attribute) {
            case "$id" -> document.id();
            case "$createdAt" -> document.createdAt();
            case "$updatedAt" -> document.updatedAt();
            default -> document.get(attribute);
        };
    }

    private static Object canonical(AttributeType type, Object value) {
        Objects.requireNonNull(value, "query value");
        return switch (type) {
            case DATETIME -> value instanceof Instant instant ? StoredTimes.format(instant)
                    : value instanceof LocalDate date ? StoredTimes.format(date) : StoredTimes.normalise(value.toString());
            case INTEGER -> value instanceof Number n ? (Object) n.longValue() : value;
            case FLOAT -> value instanceof Number n ? (Object) n.doubleValue() : value;
            default -> value;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object stored, Object wanted) {
        if (stored instanceof Number a && wanted instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (stored instanceof Comparable a && stored.getClass().isInstance(wanted)) {
            // datetimes are stored in one fixed-width UTC format: text order is time order
            return a.compareTo(wanted);
        }
        return stored.equals(wanted) ? 0 : stored.toString().compareTo(wanted.toString());
    }
}
