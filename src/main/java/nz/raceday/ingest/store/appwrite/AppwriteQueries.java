package nz.raceday.ingest.store.appwrite;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.appwrite.Query;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;

/**
 * Translates a {@link DocumentQuery} into Appwrite 1.6 query strings. Names are checked against the schema first,
 * so a wrong name fails here with the collection in the message rather than as Appwrite's 400. Datetimes are sent
 * in the stored format (UTC, milliseconds), whatever offset they came in.
 */
final class AppwriteQueries {

    private AppwriteQueries() {
        // static helpers
    }

    /** The filter and order queries; paging ({@code limit}, {@code cursorAfter}, {@code offset}) is added by the caller. */
    static List<String> of(CollectionSchema collection, DocumentQuery query) {
        Query.Companion q = Query.Companion;
        List<String> queries = new ArrayList<>();
        for (DocumentQuery.Condition condition : query.conditions()) {
            String attribute = condition.attribute();
            AttributeType type = collection.queryType(attribute);
            switch (condition.operator()) {
                case IS_NULL -> queries.add(q.isNull(attribute));
                case IS_NOT_NULL -> queries.add(q.isNotNull(attribute));
                case EQUAL -> {
                    List<Object> values = new ArrayList<>();
                    condition.values().forEach(v -> values.add(value(type, v)));
                    queries.add(q.equal(attribute, values));
                }
                default -> {
                    if (condition.values().size() != 1) {
                        throw new IllegalArgumentException(condition.operator() + " on " + attribute
                                + " takes exactly one value");
                    }
                    Object value = value(type, condition.values().get(0));
                    queries.add(switch (condition.operator()) {
                        case NOT_EQUAL -> q.notEqual(attribute, value);
                        case LESS_THAN -> q.lessThan(attribute, value);
                        case LESS_THAN_EQUAL -> q.lessThanEqual(attribute, value);
                        case GREATER_THAN -> q.greaterThan(attribute, value);
                        case GREATER_THAN_EQUAL -> q.greaterThanEqual(attribute, value);
                        default -> throw new IllegalArgumentException("not a comparison: " + condition.operator());
                    });
                }
            }
        }
        for (DocumentQuery.Order order : query.orders()) {
            collection.queryType(order.attribute());
            queries.add(order.ascending() ? q.orderAsc(order.attribute()) : q.orderDesc(order.attribute()));
        }
        return queries;
    }

    private static Object value(AttributeType type, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("query values cannot be null; use IS_NULL");
        }
        return switch (type) {
            case DATETIME -> {
                if (value instanceof Instant instant) {
                    yield StoredTimes.format(instant);
                }
                if (value instanceof LocalDate date) {
                    yield StoredTimes.format(date);
                }
                yield StoredTimes.normalise(value.toString());
            }
            case INTEGER -> value instanceof Number n ? (Object) n.longValue() : value;
            case FLOAT -> value instanceof Number n ? (Object) n.doubleValue() : value;
            default -> value;
        };
    }
}
