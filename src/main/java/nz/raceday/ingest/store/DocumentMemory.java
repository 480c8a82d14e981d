package nz.raceday.ingest.store;

import java.util.Collection;
import java.util.Optional;

/**
 * A store that remembers the documents it wrote or read, and can show them without asking its backend. While the
 * backend cannot be reached, the buffering layer lays queued writes over this memory to answer reads.
 */
public interface DocumentMemory {

    /** The document as this process last wrote or read it, if it remembers it. */
    Optional<Document> remembered(String collectionId, String documentId);

    /** Every remembered document of the collection. */
    Collection<Document> remembered(String collectionId);
}
