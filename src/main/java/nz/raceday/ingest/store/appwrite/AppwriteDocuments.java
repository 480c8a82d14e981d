package nz.raceday.ingest.store.appwrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.appwrite.Query;
import io.appwrite.models.DocumentList;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentValues;
import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.AttributeType;
import nz.raceday.ingest.store.schema.CollectionSchema;

/**
 * Documents between the store's form and Appwrite's: reading them (one, a page-by-page query, a batch by id),
 * converting them to canonical values, and the {@code data} argument of writes. Attributes Appwrite holds with
 * another type than the schema's ({@link #incompatible}, found when provisioning) are neither read nor written.
 */
final class AppwriteDocuments {

    static final int PAGE_SIZE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppwriteCalls calls;
    private final String databaseId;
    private volatile Set<String> incompatible = Set.of();

    AppwriteDocuments(AppwriteCalls calls, String databaseId) {
        this.calls = calls;
        this.databaseId = databaseId;
    }

    /** Attributes ({@code collection.key}) Appwrite holds with another type; set after provisioning. */
    void incompatible(Set<String> attributes) {
        this.incompatible = Set.copyOf(attributes);
    }

    boolean isIncompatible(CollectionSchema collection, String key) {
        return incompatible.contains(collection.id() + "." + key);
    }

    /** The document, or empty when Appwrite has none of this id. */
    Optional<Document> fetch(CollectionSchema collection, String documentId) {
        try {
            return Optional.of(toDocument(collection, calls.call("getDocument", collection.id() + "/" + documentId,
                    (db, c) -> db.getDocument(databaseId, collection.id(), documentId, c))));
        } catch (AppwriteFailure failure) {
            if (failure.isDocumentNotFound()) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** The documents of these ids that exist (at most {@link #PAGE_SIZE}), in one request. */
    List<Document> fetchAll(CollectionSchema collection, List<String> ids) {
        List<String> queries = List.of(Query.Companion.equal("$id", new ArrayList<>(ids)),
                Query.Companion.limit(ids.size()));
        DocumentList<Map<String, Object>> page = calls.call("listDocuments", collection.id() + " by id",
                (db, c) -> db.listDocuments(databaseId, collection.id(), queries, c));
        List<Document> documents = new ArrayList<>();
        for (io.appwrite.models.Document<Map<String, Object>> found : page.getDocuments()) {
            documents.add(toDocument(collection, found));
        }
        return documents;
    }

    /** Every document matching the queries, up to {@code limit} (null: all), page by page. */
    List<Document> list(CollectionSchema collection, List<String> base, Integer limit) {
        String collectionId = collection.id();
        // without an order Appwrite pages stably by cursor; with one, a cursor would fail on a null order value
        boolean byCursor = base.stream().noneMatch(q -> q.contains("\"method\":\"order"));
        List<Document> documents = new ArrayList<>();
        String cursor = null;
        while (true) {
            int pageSize = limit == null ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - documents.size());
            List<String> queries = new ArrayList<>(base);
            queries.add(Query.Companion.limit(pageSize));
            if (byCursor && cursor != null) {
                queries.add(Query.Companion.cursorAfter(cursor));
            } else if (!byCursor && !documents.isEmpty()) {
                queries.add(Query.Companion.offset(documents.size()));
            }
            DocumentList<Map<String, Object>> page = calls.call("listDocuments", collectionId,
                    (db, c) -> db.listDocuments(databaseId, collectionId, queries, c));
            for (io.appwrite.models.Document<Map<String, Object>> found : page.getDocuments()) {
                documents.add(toDocument(collection, found));
            }
            if (page.getDocuments().size() < pageSize || (limit != null && documents.size() >= limit)) {
                return documents;
            }
            cursor = documents.get(documents.size() - 1).id();
        }
    }

    Document toDocument(CollectionSchema collection, io.appwrite.models.Document<Map<String, Object>> found) {
        Map<String, Object> data = found.getData();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Attribute attribute : collection.attributes()) {
            if (isIncompatible(collection, attribute.key())) {
                continue;
            }
            Object value = data.get(attribute.key());
            if (attribute.type() == AttributeType.RELATIONSHIP) {
                // Appwrite returns the related document expanded; the store speaks in ids
                value = value instanceof Map<?, ?> related ? related.get("$id") : value instanceof String ? value : null;
            }
            Object canonical = DocumentValues.fromStored(attribute, value);
            if (canonical != null) {
                attributes.put(attribute.key(), canonical);
            }
        }
        return new Document(collection.id(), found.getId(), found.getCreatedAt(), found.getUpdatedAt(), attributes);
    }

    /**
     * The {@code data} argument: a map, or JSON text when it holds nulls (the SDK's Gson drops nulls from maps,
     * Appwrite accepts {@code data} as a JSON string too). Attributes Appwrite holds with another type are left out.
     */
    Object payload(CollectionSchema collection, Map<String, Object> data) {
        Map<String, Object> sendable = new LinkedHashMap<>(data);
        if (!incompatible.isEmpty()) {
            sendable.keySet().removeIf(k -> isIncompatible(collection, k));
        }
        return sendable.containsValue(null) ? objectWithNulls(sendable) : sendable;
    }

    /** A JSON object with explicit nulls: the form in which Appwrite accepts {@code data} that clears attributes. */
    static String objectWithNulls(Map<String, Object> data) {
        return JSON.valueToTree(data).toString();
    }
}
