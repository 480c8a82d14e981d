package nz.raceday.ingest.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The RaceDay collections every adapter provisions (domain-spec §4, frontend-contract §2). */
class RaceDaySchemaTest {

    @Test
    void shouldDefineTheRaceDayCollections() {
        assertThat(RaceDaySchema.collections()).extracting(CollectionSchema::id).containsExactly("meetings", "races",
                "entrants", "odds-history", "money-flow-history", "race-pools", "race-results", "import-failures",
                "user-alert-configs");
    }

    /** frontend-contract §1: every attribute a frontend query selects must exist, or the query fails with 400. */
    @Test
    void shouldHoldEveryAttributeTheFrontendSelects() {
        assertHas("races", "raceId", "raceNumber", "name", "startTime", "actualStart", "status", "distance",
                "trackCondition", "weather", "type", "meeting", "runnerCount");
        assertHas("meetings", "meetingId", "meetingName", "country", "raceType", "category", "date", "weather",
                "trackCondition");
        assertHas("race-results", "resultsAvailable", "resultsData", "dividendsData", "fixedOddsData", "resultStatus",
                "photoFinish", "stewardsInquiry", "protestLodged", "resultTime", "raceId");
        assertHas("entrants", "entrantId", "name", "runnerNumber", "jockey", "trainerName", "silkColours", "silkUrl64",
                "silkUrl128", "isScratched", "raceId", "fixedWinOdds", "poolWinOdds", "fixedPlaceOdds", "poolPlaceOdds");
        assertHas("money-flow-history", "raceId", "entrantId", "holdPercentage", "fixedWinOdds", "poolWinOdds",
                "fixedPlaceOdds", "poolPlaceOdds", "type", "timeInterval", "timeToStart", "intervalType",
                "incrementalWinAmount", "incrementalPlaceAmount", "winPoolAmount", "placePoolAmount", "winPoolPercentage",
                "placePoolPercentage", "eventTimestamp", "pollingTimestamp");
        assertHas("race-pools", "raceId", "winPoolTotal", "placePoolTotal", "quinellaPoolTotal", "trifectaPoolTotal",
                "exactaPoolTotal", "first4PoolTotal", "totalRacePool", "currency");
        assertHas("user-alert-configs", "userId", "indicatorType", "percentageRangeMin", "percentageRangeMax", "color",
                "isDefault", "enabled", "displayOrder", "lastUpdated", "createdAt", "audibleAlertsEnabled");
    }

    private static void assertHas(String collectionId, String... keys) {
        assertThat(RaceDaySchema.collection(collectionId).attributes()).extracting(Attribute::key)
                .as(collectionId).contains(keys);
    }

    @Test
    void shouldNameTablesWithUnderscores() {
        assertThat(RaceDaySchema.collection("money-flow-history").tableName()).isEqualTo("money_flow_history");
        assertThat(RaceDaySchema.collection("races").tableName()).isEqualTo("races");
    }

    @Test
    void shouldHaveEveryRaceAttributeTheFrontendSelects() {
        // frontend-contract P1 (RACE select) plus runnerCount read by the race card
        List<String> selected = List.of("raceId", "raceNumber", "name", "startTime", "actualStart", "status", "distance",
                "trackCondition", "weather", "type", "meeting", "runnerCount");

        assertThat(RaceDaySchema.collection("races").attributes()).extracting(Attribute::key).containsAll(selected);
    }

    @Test
    void shouldStoreBarriersAsTextForHarnessRaces() {
        assertThat(attribute("entrants", "barrier").type()).isEqualTo(AttributeType.STRING);
    }

    @Test
    void shouldLetTheStoreStampUpdateAndImportTimes() {
        assertThat(attribute("races", "lastUpdated").lifecycle()).isEqualTo(Attribute.Lifecycle.STAMPED_ON_CHANGE);
        assertThat(attribute("races", "importedAt").lifecycle()).isEqualTo(Attribute.Lifecycle.STAMPED_ON_CREATE);
        assertThat(attribute("entrants", "importedAt").lifecycle()).isEqualTo(Attribute.Lifecycle.STAMPED_ON_CREATE);
        assertThat(attribute("meetings", "lastUpdated").lifecycle()).isEqualTo(Attribute.Lifecycle.STAMPED_ON_CHANGE);
    }

    @Test
    void shouldRequireTheAttributesOfDomainSpecOnMeetings() {
        assertThat(RaceDaySchema.collection("meetings").attributes()).filteredOn(Attribute::required)
                .extracting(Attribute::key)
                .containsExactlyInAnyOrder("meetingId", "meetingName", "country", "raceType", "date", "status");
    }

    @Test
    void shouldRejectAnUnknownCollection() {
        assertThatThrownBy(() -> RaceDaySchema.collection("fixtures"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixtures");
    }

    @Test
    void shouldRefuseIndexesOnUnknownAttributes() {
        assertThatThrownBy(() -> new CollectionSchema("x", "X", List.of(Attribute.string("a", 10)),
                List.of(Index.key("idx_b", "b")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
    }

    private static Attribute attribute(String collection, String key) {
        return RaceDaySchema.collection(collection).attribute(key).orElseThrow();
    }
}
