package nz.raceday.ingest.store.appwrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nz.raceday.ingest.store.Document;

/**
 * The last state this process wrote or read of each upserted document, least recently used dropped first. The
 * adapter is the only writer of the RaceDay collections, so comparing a write with this state tells whether it
 * changes anything without asking Appwrite.
 */
final class RememberedDocuments {

    private static final int MAX_DOCUMENTS = 50_000;

    private final Map<String, Document> documents = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Document> eldest) {
                    return size() > MAX_DOCUMENTS;
                }
            });

    Document get(String collectionId, String documentId) {
        return documents.get(key(collectionId, documentId));
    }

    void remember(Document document) {
        documents.put(key(document.collectionId(), document.id()), document);
    }

    void forget(String collectionId, String documentId) {
        documents.remove(key(collectionId, documentId));
    }

    void clear() {
        documents.clear();
    }

    /** Every remembered document of the collection. */
    List<Document> inCollection(String collectionId) {
        List<Document> found = new ArrayList<>();
        synchronized (documents) {
            documents.values().forEach(document -> {
                if (document.collectionId().equals(collectionId)) {
                    found.add(document);
                }
            });
        }
        return found;
    }

    private static String key(String collectionId, String documentId) {
        return collectionId + "/" + documentId;
    }
}
