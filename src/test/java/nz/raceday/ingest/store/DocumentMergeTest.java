package nz.raceday.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DocumentMergeTest {

    private static final CollectionSchema RACES = RaceDaySchema.collection(RaceDaySchema.RACES);
    private static final String T0 = "2025-07-17T00:00:00.000+00:00";
    private static final String T1 = "2025-07-17T00:05:00.000+00:00";

    private final Document stored = DocumentMerge.created(RACES, "race-1",
            Map.of("name", "R1", "status", "Open", "weather", "Fine"), T0);

    @Test
    void shouldStampBothStampsOnCreationAndLeaveNullsOut() {
        assertThat(stored.attributes()).containsOnly(Map.entry("name", "R1"), Map.entry("status", "Open"),
                Map.entry("weather", "Fine"), Map.entry("importedAt", T0), Map.entry("lastUpdated", T0));
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.updatedAt()).isEqualTo(T0);
    }

    @Test
    void shouldSendOnlyTheChangeAndTheChangeStampAndMergeAClearAsRemoval() {
        Write.Upsert write = new Write.Upsert(RaceDaySchema.RACES, "race-1", Map.of("name", "R1", "status", "Final"))
                .withCleared(Set.of("weather"));

        DocumentMerge.Update update = DocumentMerge.update(RACES, stored, write, write.attributes(), T1, k -> false)
                .orElseThrow();

        assertThat(update.data()).containsOnlyKeys("status", "weather", "lastUpdated");
        assertThat(update.data().get("weather")).isNull();
        assertThat(update.data()).containsEntry("status", "Final").containsEntry("lastUpdated", T1);
        assertThat(update.document().attributes()).containsOnly(Map.entry("name", "R1"), Map.entry("status", "Final"),
                Map.entry("importedAt", T0), Map.entry("lastUpdated", T1));
        assertThat(update.document().createdAt()).isEqualTo(T0);
        assertThat(update.document().updatedAt()).isEqualTo(T1);
    }

    @Test
    void shouldChangeNothingWhenOnlySkippedOrEqualAttributesDiffer() {
        Write.Upsert write = new Write.Upsert(RaceDaySchema.RACES, "race-1", Map.of("name", "R1", "status", "Final"));

        assertThat(DocumentMerge.update(RACES, stored, write, write.attributes(), T1, "status"::equals)).isEmpty();
    }
}
