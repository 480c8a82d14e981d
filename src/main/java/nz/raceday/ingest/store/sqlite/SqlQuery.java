package nz.raceday.ingest.store.sqlite;

import static nz.raceday.ingest.store.sqlite.SqliteRaceStore.quote;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;

/** Translates a {@link DocumentQuery} into parameterised SQL for one collection table. */
record SqlQuery(String text, List<Object> parameters) {

    static SqlQuery of(CollectionSchema collection, DocumentQuery query) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quote(collection.tableName()));
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        for (DocumentQuery.Condition condition : query.conditions()) {
            String column = column(collection, condition.attribute());
            AttributeType type = type(collection, condition.attribute());
            switch (condition.operator()) {
                case IS_NULL -> where.add(column + " IS NULL");
                case IS_NOT_NULL -> where.add(column + " IS NOT NULL");
                case EQUAL -> {
                    StringJoiner marks = new StringJoiner(", ", column + " IN (", ")");
                    for (Object value : condition.values()) {
                        marks.add("?");
                        parameters.add(sqlValue(type, value));
                    }
                    where.add(marks.toString());
                }
                default -> {
                    if (condition.values().size() != 1) {
                        throw new IllegalArgumentException(condition.operator() + " on " + condition.attribute()
                                + " takes exactly one value");
                    }
                    where.add(column + " " + operator(condition.operator()) + " ?");
                    parameters.add(sqlValue(type, condition.values().get(0)));
                }
            }
        }
        sql.append(where);
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "").setEmptyValue("");
        for (DocumentQuery.Order o : query.orders()) {
            order.add(column(collection, o.attribute()) + (o.ascending() ? " ASC" : " DESC"));
        }
        // Appwrite breaks ties by insertion order; rowid is SQLite's equivalent
        order.add("rowid ASC");
        sql.append(order);
        if (query.limit() != null) {
            sql.append(" LIMIT ").append(query.limit());
        }
        return new SqlQuery(sql.toString(), parameters);
    }

    private static String operator(DocumentQuery.Operator operator) {
        return switch (operator) {
            case NOT_EQUAL -> "<>";
            case LESS_THAN -> "<";
            case LESS_THAN_EQUAL -> "<=";
            case GREATER_THAN -> ">";
            case GREATER_THAN_EQUAL -> ">=";
            default -> throw new IllegalArgumentException("not a comparison: " + operator);
        };
    }

    private static String column(CollectionSchema collection, String attribute) {
        return switch (attribute) {
            case "$id" -> "id";
            case "$createdAt", "$updatedAt" -> quote(attribute);
            default -> {
                collection.attribute(attribute).orElseThrow(() -> new IllegalArgumentException(
                        collection.id() + ": unknown attribute '" + attribute + "' in query"));
                yield quote(attribute);
            }
        };
    }

    private static AttributeType type(CollectionSchema collection, String attribute) {
        return switch (attribute) {
            case "$id" -> AttributeType.STRING;
            case "$createdAt", "$updatedAt" -> AttributeType.DATETIME;
            default -> collection.attribute(attribute).map(Attribute::type).orElseThrow();
        };
    }

    private static Object sqlValue(AttributeType type, Object value) {
        if (type == AttributeType.DATETIME) {
            if (value instanceof Instant instant) {
                return StoredTimes.format(instant);
            }
            if (value instanceof LocalDate date) {
                return StoredTimes.format(date);
            }
            return StoredTimes.normalise(value.toString());
        }
        if (type == AttributeType.BOOLEAN && value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return value;
    }
}
