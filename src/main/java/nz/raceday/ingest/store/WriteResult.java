package nz.raceday.ingest.store;

import java.util.List;

/**
 * The outcome of a {@link WriteBatch}, one entry per write, in batch order.
 *
 * @param outcomes outcome of each write
 * @param writes   the writes, in the same order
 */
public record WriteResult(List<Write> writes, List<WriteOutcome> outcomes) {

    public WriteResult {
        writes = List.copyOf(writes);
        outcomes = List.copyOf(outcomes);
        if (writes.size() != outcomes.size()) {
            throw new IllegalArgumentException("one outcome per write");
        }
    }

    /** Number of writes to the collection with the given outcome. */
    public long count(String collectionId, WriteOutcome outcome) {
        long n = 0;
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).collectionId().equals(collectionId) && outcomes.get(i) == outcome) {
                n++;
            }
        }
        return n;
    }

    /** Number of writes with the given outcome, all collections. */
    public long count(WriteOutcome outcome) {
        return outcomes.stream().filter(o -> o == outcome).count();
    }
}
