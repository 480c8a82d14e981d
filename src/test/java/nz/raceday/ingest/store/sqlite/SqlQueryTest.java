package nz.raceday.ingest.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.DocumentQuery.Operator;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.junit.jupiter.api.Test;

/** Translation of document queries into parameterised SQL. */
class SqlQueryTest {

    private static final CollectionSchema RACES = RaceDaySchema.collection(RaceDaySchema.RACES);
    private static final CollectionSchema ENTRANTS = RaceDaySchema.collection(RaceDaySchema.ENTRANTS);

    @Test
    void shouldBindValuesAsParametersNeverInline() {
        SqlQuery sql = SqlQuery.of(RACES, DocumentQuery.all().equal("status", "Open'; DROP TABLE races; --"));

        assertThat(sql.text()).doesNotContain("DROP");
        assertThat(sql.parameters()).containsExactly("Open'; DROP TABLE races; --");
    }

    @Test
    void shouldBindDatetimesInTheStoredFormat() {
        SqlQuery sql = SqlQuery.of(RACES, DocumentQuery.all()
                .where("startTime", Operator.GREATER_THAN, Instant.parse("2025-07-17T00:50:00Z"))
                .where("startTime", Operator.LESS_THAN, "2025-07-17T14:00:00+12:00"));

        assertThat(sql.parameters()).containsExactly("2025-07-17T00:50:00.000+00:00", "2025-07-17T02:00:00.000+00:00");
    }

    @Test
    void shouldBindBooleansAsNumbers() {
        SqlQuery sql = SqlQuery.of(ENTRANTS, DocumentQuery.all().equal("isScratched", false));

        assertThat(sql.parameters()).containsExactly(0);
    }

    @Test
    void shouldBreakOrderingTiesByInsertionOrder() {
        assertThat(SqlQuery.of(RACES, DocumentQuery.all().orderDesc("startTime").limit(3)).text())
                .endsWith("ORDER BY \"startTime\" DESC, rowid ASC LIMIT 3");
    }

    @Test
    void shouldRejectAComparisonWithSeveralValues() {
        assertThatThrownBy(() -> SqlQuery.of(RACES, DocumentQuery.all().where("raceNumber", Operator.LESS_THAN, 1L, 2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raceNumber");
    }

    @Test
    void shouldRejectUnknownAttributes() {
        assertThatThrownBy(() -> SqlQuery.of(RACES, DocumentQuery.all().orderAsc("raceName")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("races: unknown attribute 'raceName'");
    }
}
