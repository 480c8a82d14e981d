package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.DocumentQuery.Operator;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.junit.jupiter.api.Test;

class AppwriteQueriesTest {

    @Test
    void shouldSendEqualWithAllValuesAndDatetimesInTheStoredFormat() {
        DocumentQuery query = DocumentQuery.all()
                .equal("status", "Open", "Closed")
                .where("startTime", Operator.GREATER_THAN_EQUAL, Instant.parse("2025-07-17T00:50:00Z"))
                .where("startTime", Operator.LESS_THAN, "2025-07-17T13:50:00+12:00")
                .where("distance", Operator.IS_NULL)
                .orderAsc("startTime");

        assertThat(AppwriteQueries.of(RaceDaySchema.collection(RaceDaySchema.RACES), query)).containsExactly(
                "{\"method\":\"equal\",\"attribute\":\"status\",\"values\":[\"Open\",\"Closed\"]}",
                "{\"method\":\"greaterThanEqual\",\"attribute\":\"startTime\",\"values\":[\"2025-07-17T00:50:00.000+00:00\"]}",
                "{\"method\":\"lessThan\",\"attribute\":\"startTime\",\"values\":[\"2025-07-17T01:50:00.000+00:00\"]}",
                "{\"method\":\"isNull\",\"attribute\":\"distance\"}",
                "{\"method\":\"orderAsc\",\"attribute\":\"startTime\"}");
    }

    @Test
    void shouldSendIntegersAsWholeNumbersAndAllowSystemFields() {
        DocumentQuery query = DocumentQuery.all()
                .where("raceNumber", Operator.NOT_EQUAL, 3)
                .equal("$id", "race-1")
                .orderDesc("$createdAt");

        assertThat(AppwriteQueries.of(RaceDaySchema.collection(RaceDaySchema.RACES), query)).containsExactly(
                "{\"method\":\"notEqual\",\"attribute\":\"raceNumber\",\"values\":[3]}",
                "{\"method\":\"equal\",\"attribute\":\"$id\",\"values\":[\"race-1\"]}",
                "{\"method\":\"orderDesc\",\"attribute\":\"$createdAt\"}");
    }

    @Test
    void shouldRejectAnUnknownAttributeBeforeAskingAppwrite() {
        assertThatThrownBy(() -> AppwriteQueries.of(RaceDaySchema.collection(RaceDaySchema.RACES),
                DocumentQuery.all().orderAsc("raceName")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("races: unknown attribute 'raceName'");
    }
}
