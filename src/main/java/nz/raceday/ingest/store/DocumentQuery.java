package nz.raceday.ingest.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A backend-neutral list query: conditions joined by AND, ordering, and an optional limit. The operators
 * are the subset of Appwrite's queries both adapters implement identically.
 */
public final class DocumentQuery {

    /** Condition operators. {@link Operator#EQUAL} with several values means "any of". */
    public enum Operator { EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, IS_NULL,
        IS_NOT_NULL }

    /** One condition on an attribute (or {@code $id}, {@code $createdAt}, {@code $updatedAt}). */
    public record Condition(String attribute, Operator operator, List<Object> values) {
        public Condition {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
        }
    }

    /** Sort key. */
    public record Order(String attribute, boolean ascending) {
    }

    private final List<Condition> conditions = new ArrayList<>();
    private final List<Order> orders = new ArrayList<>();
    private Integer limit;

    public static DocumentQuery all() {
        return new DocumentQuery();
    }

    public DocumentQuery where(String attribute, Operator operator, Object... values) {
        conditions.add(new Condition(attribute, operator, List.of(values)));
        return this;
    }

    public DocumentQuery equal(String attribute, Object... anyOf) {
        if (anyOf.length == 0) {
            throw new IllegalArgumentException("equal needs at least one value");
        }
        return where(attribute, Operator.EQUAL, anyOf);
    }

    public DocumentQuery orderAsc(String attribute) {
        orders.add(new Order(attribute, true));
        return this;
    }

    public DocumentQuery orderDesc(String attribute) {
        orders.add(new Order(attribute, false));
        return this;
    }

    public DocumentQuery limit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = max;
        return this;
    }

    public List<Condition> conditions() {
        return List.copyOf(conditions);
    }

    public List<Order> orders() {
        return List.copyOf(orders);
    }

    /** The maximum number of documents to return, or null for all. */
    public Integer limit() {
        return limit;
    }
}
