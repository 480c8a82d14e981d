package nz.raceday.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import nz.raceday.ingest.store.DocumentQuery.Operator;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RaceStore} adapter must show, whatever the backend. An adapter's test extends this
 * class and only says how to create a fresh, empty store.
 */
public abstract class RaceStoreContractTest {

    protected static final String RACES = RaceDaySchema.RACES;
    protected static final String ENTRANTS = RaceDaySchema.ENTRANTS;
    protected static final String MEETINGS = RaceDaySchema.MEETINGS;
    protected static final String ODDS_HISTORY = RaceDaySchema.ODDS_HISTORY;

    protected static final Instant T0 = Instant.parse("2025-07-17T00:00:00Z");
    protected static final String T0_STORED = "2025-07-17T00:00:00.000+00:00";

    protected MutableClock clock;
    protected RaceStore store;

    /** A new store on an empty database, using the given clock for every timestamp it stamps. */
    protected abstract RaceStore createStore(Clock clock);

    @BeforeEach
    void openStore() {
        clock = new MutableClock(T0);
        store = createStore(clock);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- upserts

    @Test
    void shouldInsertANewDocumentAndStampItWithTheClock() {
        WriteResult result = upsert(RACES, "race-1", race("race-1"));

        assertThat(result.outcomes()).containsExactly(WriteOutcome.INSERTED);
        Document stored = get(RACES, "race-1");
        assertThat(stored.id()).isEqualTo("race-1");
        assertThat(stored.collectionId()).isEqualTo(RACES);
        assertThat(stored.getString("name")).isEqualTo("PRYDA HANDICAP 1700");
        assertThat(stored.getLong("raceNumber")).isEqualTo(1L);
        assertThat(stored.getString("startTime")).isEqualTo("2025-07-17T00:50:00.000+00:00");
        assertThat(stored.createdAt()).isEqualTo(T0_STORED);
        assertThat(stored.updatedAt()).isEqualTo(T0_STORED);
        assertThat(stored.getString("lastUpdated")).isEqualTo(T0_STORED);
        assertThat(stored.getString("importedAt")).isEqualTo(T0_STORED);
    }

    @Test
    void shouldReportUnchangedAndKeepTimestampsWhenTheSameValuesAreWrittenAgain() {
        upsert(RACES, "race-1", race("race-1"));
        clock.advance(Duration.ofMinutes(10));

        WriteResult again = upsert(RACES, "race-1", race("race-1"));

        assertThat(again.outcomes()).containsExactly(WriteOutcome.UNCHANGED);
        Document stored = get(RACES, "race-1");
        assertThat(stored.updatedAt()).isEqualTo(T0_STORED);
        assertThat(stored.getString("lastUpdated")).isEqualTo(T0_STORED);
    }

    @Test
    void shouldChangeOnlyTheChangedAttributeAndMoveTheChangeStamps() {
        upsert(RACES, "race-1", race("race-1"));
        Document before = get(RACES, "race-1");
        clock.advance(Duration.ofMinutes(5));

        Map<String, Object> changed = race("race-1");
        changed.put("status", "Final");
        WriteResult result = upsert(RACES, "race-1", changed);

        assertThat(result.outcomes()).containsExactly(WriteOutcome.UPDATED);
        Document after = get(RACES, "race-1");
        String fiveMinutesLater = "2025-07-17T00:05:00.000+00:00";
        assertThat(after.getString("status")).isEqualTo("Final");
        assertThat(after.updatedAt()).isEqualTo(fiveMinutesLater);
        assertThat(after.getString("lastUpdated")).isEqualTo(fiveMinutesLater);
        assertThat(after.createdAt()).isEqualTo(T0_STORED);
        assertThat(after.getString("importedAt")).isEqualTo(T0_STORED);
        Map<String, Object> othersBefore = new HashMap<>(before.attributes());
        Map<String, Object> othersAfter = new HashMap<>(after.attributes());
        for (String key : List.of("status", "lastUpdated")) {
            othersBefore.remove(key);
            othersAfter.remove(key);
        }
        assertThat(othersAfter).isEqualTo(othersBefore);
    }

    @Test
    void shouldKeepStoredValuesOfAttributesAbsentFromALaterUpsert() {
        Map<String, Object> full = race("race-1");
        full.put("distance", 1700L);
        full.put("weather", "Overcast");
        upsert(RACES, "race-1", full);

        Map<String, Object> partial = new HashMap<>();
        partial.put("status", "Final");
        partial.put("weather", null); // a null value means "not sent", never "clear it"
        upsert(RACES, "race-1", partial);

        Document stored = get(RACES, "race-1");
        assertThat(stored.getString("status")).isEqualTo("Final");
        assertThat(stored.getLong("distance")).isEqualTo(1700L);
        assertThat(stored.getString("weather")).isEqualTo("Overcast");
        assertThat(stored.getString("name")).isEqualTo("PRYDA HANDICAP 1700");
    }

    @Test
    void shouldNotRequireMandatoryAttributesWhenUpdating() {
        upsert(RACES, "race-1", race("race-1"));

        WriteResult result = upsert(RACES, "race-1", Map.of("distance", 1700L));

        assertThat(result.outcomes()).containsExactly(WriteOutcome.UPDATED);
        assertThat(get(RACES, "race-1").getLong("distance")).isEqualTo(1700L);
    }

    @Test
    void shouldClearAStoredValueOnlyWhenAskedExplicitly() {
        Map<String, Object> priced = entrant("entrant-1");
        priced.put("fixedWinOdds", 5.5);
        priced.put("poolWinOdds", 6.1);
        upsert(ENTRANTS, "entrant-1", priced);
        clock.advance(Duration.ofSeconds(30));
        Map<String, Object> scratched = entrant("entrant-1");
        scratched.put("isScratched", true);

        WriteResult result = store.apply(new WriteBatch().add(new Write.Upsert(ENTRANTS, "entrant-1", scratched)
                .withCleared(java.util.Set.of("fixedWinOdds", "fixedPlaceOdds"))));

        assertThat(result.outcomes()).containsExactly(WriteOutcome.UPDATED);
        Document stored = get(ENTRANTS, "entrant-1");
        assertThat(stored.attributes()).doesNotContainKeys("fixedWinOdds", "fixedPlaceOdds")
                .containsEntry("poolWinOdds", 6.1)
                .containsEntry("isScratched", true);
        assertThat(stored.updatedAt()).isEqualTo("2025-07-17T00:00:30.000+00:00");

        WriteResult again = store.apply(new WriteBatch().add(new Write.Upsert(ENTRANTS, "entrant-1", scratched)
                .withCleared(java.util.Set.of("fixedWinOdds", "fixedPlaceOdds"))));

        assertThat(again.outcomes()).containsExactly(WriteOutcome.UNCHANGED);
    }

    @Test
    void shouldRefuseToClearARequiredAttribute() {
        upsert(ENTRANTS, "entrant-1", entrant("entrant-1"));
        Map<String, Object> doc = entrant("entrant-1");
        doc.remove("name");

        assertThatThrownBy(() -> store.apply(new WriteBatch().add(new Write.Upsert(ENTRANTS, "entrant-1", doc)
                .withCleared(java.util.Set.of("name")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'name'");
        assertThat(get(ENTRANTS, "entrant-1").getString("name")).isNotNull();
    }

    @Test
    void shouldTreatEquivalentValuesOfAnotherJavaTypeAsUnchanged() {
        Map<String, Object> first = race("race-1");
        first.put("distance", 1700L);
        upsert(RACES, "race-1", first);

        Map<String, Object> same = race("race-1");
        same.put("distance", 1700); // Integer instead of Long
        same.put("startTime", "2025-07-17T12:50:00+12:00"); // the same instant at another offset

        assertThat(upsert(RACES, "race-1", same).outcomes()).containsExactly(WriteOutcome.UNCHANGED);
    }

    @Test
    void shouldApplyTheWritesOfABatchInOrder() {
        Map<String, Object> changed = race("race-1");
        changed.put("status", "Closed");
        WriteBatch batch = new WriteBatch()
                .upsert(RACES, "race-1", race("race-1"))
                .upsert(RACES, "race-1", changed)
                .upsert(RACES, "race-2", race("race-2"));

        WriteResult result = store.apply(batch);

        assertThat(result.outcomes())
                .containsExactly(WriteOutcome.INSERTED, WriteOutcome.UPDATED, WriteOutcome.INSERTED);
        assertThat(result.count(RACES, WriteOutcome.INSERTED)).isEqualTo(2);
        assertThat(get(RACES, "race-1").getString("status")).isEqualTo("Closed");
    }

    @Test
    void shouldFindNothingForAnUnknownId() {
        assertThat(store.get(RACES, "no-such-race")).isEmpty();
    }

    // ---- append-only creates

    @Test
    void shouldInsertAHistoryDocument() {
        WriteResult result = create(ODDS_HISTORY, "odds-1", odds(5.0));

        assertThat(result.outcomes()).containsExactly(WriteOutcome.INSERTED);
        assertThat(get(ODDS_HISTORY, "odds-1").getDouble("odds")).isEqualTo(5.0);
    }

    @Test
    void shouldIgnoreASecondCreateWithTheSameId() {
        create(ODDS_HISTORY, "odds-1", odds(5.0));
        clock.advance(Duration.ofMinutes(1));

        WriteResult again = create(ODDS_HISTORY, "odds-1", odds(7.5));

        assertThat(again.outcomes()).containsExactly(WriteOutcome.UNCHANGED);
        Document stored = get(ODDS_HISTORY, "odds-1");
        assertThat(stored.getDouble("odds")).isEqualTo(5.0);
        assertThat(stored.updatedAt()).isEqualTo(T0_STORED);
    }

    /** A create is a whole document: it is checked as one whether or not the id exists (Appwrite checks first too). */
    @Test
    void shouldValidateACreateInFullEvenWhenTheDocumentExists() {
        create(ODDS_HISTORY, "odds-1", odds(5.0));

        assertThatThrownBy(() -> create(ODDS_HISTORY, "odds-1", Map.of("odds", 7.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("required attribute 'eventTimestamp' is missing");
        assertThat(get(ODDS_HISTORY, "odds-1").getDouble("odds")).isEqualTo(5.0);
    }

    // ---- validation

    @Test
    void shouldRejectAnUnknownAttribute() {
        Map<String, Object> doc = race("race-1");
        doc.put("raceName", "x");

        assertRejected(RACES, "race-1", doc, "races/race-1", "unknown attribute 'raceName'");
    }

    @Test
    void shouldRejectTextForAnIntegerAttribute() {
        Map<String, Object> doc = race("race-1");
        doc.put("raceNumber", "1");

        assertRejected(RACES, "race-1", doc, "races/race-1", "'raceNumber'", "integer");
    }

    @Test
    void shouldRejectAFractionForAnIntegerAttribute() {
        Map<String, Object> doc = race("race-1");
        doc.put("distance", 1.5);

        assertRejected(RACES, "race-1", doc, "races/race-1", "'distance'", "integer");
    }

    @Test
    void shouldRejectTextForABooleanAttribute() {
        Map<String, Object> doc = entrant("entrant-1");
        doc.put("isScratched", "false");

        assertRejected(ENTRANTS, "entrant-1", doc, "entrants/entrant-1", "'isScratched'", "boolean");
    }

    @Test
    void shouldRejectADatetimeThatIsNotIso() {
        Map<String, Object> doc = race("race-1");
        doc.put("actualStart", "2025-07-17 00:52:46 +0000 UTC");

        assertRejected(RACES, "race-1", doc, "races/race-1", "'actualStart'");
    }

    @Test
    void shouldMeasureStringSizesInCodePoints() {
        // races.name holds 255: 255 horse emoji are 510 UTF-16 chars but only 255 code points
        Map<String, Object> fits = race("race-1");
        fits.put("name", "\uD83C\uDFC7".repeat(255));
        Map<String, Object> tooLong = race("race-2");
        tooLong.put("name", "a".repeat(256));

        assertThat(upsert(RACES, "race-1", fits).outcomes()).containsExactly(WriteOutcome.INSERTED);
        assertRejected(RACES, "race-2", tooLong, "races/race-2", "'name'", "255");
    }

    @Test
    void shouldAcceptA36CharacterTabUuidAsDocumentId() {
        String uuid = "0f57e087-00d9-4c61-9549-835abe2ae2ed";

        assertThat(upsert(RACES, uuid, race(uuid)).outcomes()).containsExactly(WriteOutcome.INSERTED);
    }

    @Test
    void shouldRejectADocumentIdLongerThan36Characters() {
        String id = "a".repeat(37);

        assertRejected(RACES, id, race("race-1"), "races", id);
    }

    @Test
    void shouldRejectADocumentIdStartingWithASpecialCharacter() {
        assertRejected(RACES, "_race", race("race-1"), "races", "'_race'");
        assertRejected(RACES, "-race", race("race-1"), "races", "'-race'");
        assertRejected(RACES, "race/1", race("race-1"), "races", "'race/1'");
    }

    @Test
    void shouldRejectAnInsertMissingARequiredAttribute() {
        Map<String, Object> doc = race("race-1");
        doc.remove("startTime");

        assertRejected(RACES, "race-1", doc, "races/race-1", "required attribute 'startTime'");
        assertThat(store.get(RACES, "race-1")).isEmpty();
    }

    @Test
    void shouldRejectWritingAStoreStampedAttribute() {
        Map<String, Object> changeStamp = race("race-1");
        changeStamp.put("lastUpdated", T0);
        Map<String, Object> createStamp = race("race-1");
        createStamp.put("importedAt", T0);

        assertRejected(RACES, "race-1", changeStamp, "races/race-1", "'lastUpdated'");
        assertRejected(RACES, "race-1", createStamp, "races/race-1", "'importedAt'");
    }

    private void assertRejected(String collection, String id, Map<String, Object> doc, String... messageParts) {
        assertThatThrownBy(() -> upsert(collection, id, doc))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(messageParts));
    }

    // ---- atomic batches

    @Test
    void shouldStoreNothingFromABatchWithOneInvalidWrite() {
        Map<String, Object> invalid = race("race-2");
        invalid.put("raceNumber", 2.5);
        WriteBatch batch = new WriteBatch()
                .upsert(RACES, "race-1", race("race-1"))
                .upsert(RACES, "race-2", invalid)
                .upsert(RACES, "race-3", race("race-3"));

        assertThatThrownBy(() -> store.apply(batch)).isInstanceOf(IllegalArgumentException.class);

        assertThat(store.list(RACES, DocumentQuery.all())).isEmpty();
    }

    @Test
    void shouldUndoEarlierWritesOfABatchWhenALaterInsertLacksARequiredAttribute() {
        upsert(RACES, "race-1", race("race-1"));
        Map<String, Object> changed = race("race-1");
        changed.put("status", "Final");
        Map<String, Object> incomplete = race("race-2");
        incomplete.remove("name");
        WriteBatch batch = new WriteBatch()
                .upsert(RACES, "race-1", changed)
                .upsert(RACES, "race-3", race("race-3"))
                .upsert(RACES, "race-2", incomplete);

        assertThatThrownBy(() -> store.apply(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'name'");

        assertThat(get(RACES, "race-1").getString("status")).isEqualTo("Open");
        assertThat(store.get(RACES, "race-3")).isEmpty();
        assertThat(store.get(RACES, "race-2")).isEmpty();
    }

    // ---- list queries

    private void storeFourRaces() {
        // race-a..race-d: numbers 1..4, 30 minutes apart from 00:50Z, two without distance
        store.apply(new WriteBatch()
                .upsert(RACES, "race-c", raceAt("race-c", 3, "2025-07-17T01:50:00Z", "Open", null))
                .upsert(RACES, "race-a", raceAt("race-a", 1, "2025-07-17T00:50:00Z", "Final", 1700L))
                .upsert(RACES, "race-d", raceAt("race-d", 4, "2025-07-17T02:20:00Z", "Abandoned", null))
                .upsert(RACES, "race-b", raceAt("race-b", 2, "2025-07-17T01:20:00Z", "Closed", 1200L)));
    }

    @Test
    void shouldMatchAnyOfSeveralValuesWithEqual() {
        storeFourRaces();

        assertThat(ids(DocumentQuery.all().equal("status", "Open", "Closed").orderAsc("raceNumber")))
                .containsExactly("race-b", "race-c");
    }

    @Test
    void shouldExcludeAValueWithNotEqual() {
        storeFourRaces();

        assertThat(ids(DocumentQuery.all().where("status", Operator.NOT_EQUAL, "Abandoned").orderAsc("raceNumber")))
                .containsExactly("race-a", "race-b", "race-c");
    }

    @Test
    void shouldCompareIntegers() {
        storeFourRaces();

        assertThat(ids(DocumentQuery.all().where("raceNumber", Operator.LESS_THAN, 2L))).containsExactly("race-a");
        assertThat(ids(DocumentQuery.all().where("raceNumber", Operator.LESS_THAN_EQUAL, 2L).orderAsc("raceNumber")))
                .containsExactly("race-a", "race-b");
        assertThat(ids(DocumentQuery.all().where("raceNumber", Operator.GREATER_THAN, 3L))).containsExactly("race-d");
        assertThat(ids(DocumentQuery.all().where("raceNumber", Operator.GREATER_THAN_EQUAL, 3L).orderAsc("raceNumber")))
                .containsExactly("race-c", "race-d");
    }

    @Test
    void shouldCompareDatetimesGivenAsInstants() {
        storeFourRaces();

        Instant r2 = Instant.parse("2025-07-17T01:20:00Z");

        assertThat(ids(DocumentQuery.all().where("startTime", Operator.LESS_THAN, r2))).containsExactly("race-a");
        assertThat(ids(DocumentQuery.all().where("startTime", Operator.GREATER_THAN_EQUAL, r2).orderAsc("startTime")))
                .containsExactly("race-b", "race-c", "race-d");
    }

    @Test
    void shouldCompareDatetimesGivenAsIsoTextAtAnyOffset() {
        storeFourRaces();

        // 14:20 NZST is 02:20Z, the start of race-d
        assertThat(ids(DocumentQuery.all().where("startTime", Operator.GREATER_THAN, "2025-07-17T13:50:00+12:00")))
                .containsExactly("race-d");
        assertThat(ids(DocumentQuery.all().where("startTime", Operator.LESS_THAN_EQUAL, "2025-07-17T13:20:00+12:00")
                .orderAsc("startTime"))).containsExactly("race-a", "race-b");
    }

    @Test
    void shouldFindMissingAndPresentValues() {
        storeFourRaces();

        assertThat(ids(DocumentQuery.all().where("distance", Operator.IS_NULL).orderAsc("raceNumber")))
                .containsExactly("race-c", "race-d");
        assertThat(ids(DocumentQuery.all().where("distance", Operator.IS_NOT_NULL).orderAsc("raceNumber")))
                .containsExactly("race-a", "race-b");
    }

    @Test
    void shouldOrderAscendingAndDescending() {
        storeFourRaces();

        assertThat(ids(DocumentQuery.all().orderAsc("startTime"))).containsExactly("race-a", "race-b", "race-c", "race-d");
        assertThat(ids(DocumentQuery.all().orderDesc("raceNumber"))).containsExactly("race-d", "race-c", "race-b", "race-a");
    }

    @Test
    void shouldOrderAndFilterByDocumentId() {
        storeFourRaces();

        assertThat(ids(DocumentQuery.all().orderAsc("$id"))).containsExactly("race-a", "race-b", "race-c", "race-d");
        assertThat(ids(DocumentQuery.all().equal("$id", "race-d", "race-b").orderDesc("$id")))
                .containsExactly("race-d", "race-b");
    }

    @Test
    void shouldReturnAtMostTheLimit() {
        storeFourRaces();

        assertThat(ids(DocumentQuery.all().orderDesc("startTime").limit(2))).containsExactly("race-d", "race-c");
        assertThat(store.list(RACES, DocumentQuery.all())).hasSize(4);
    }

    @Test
    void shouldJoinConditionsWithAnd() {
        storeFourRaces();

        DocumentQuery query = DocumentQuery.all()
                .where("startTime", Operator.GREATER_THAN, Instant.parse("2025-07-17T01:00:00Z"))
                .where("status", Operator.NOT_EQUAL, "Abandoned")
                .orderAsc("startTime");

        assertThat(ids(query)).containsExactly("race-b", "race-c");
    }

    @Test
    void shouldRejectAQueryOnAnUnknownAttribute() {
        storeFourRaces();

        assertThatThrownBy(() -> store.list(RACES, DocumentQuery.all().equal("raceName", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raceName");
    }

    private Map<String, Object> raceAt(String id, long number, String start, String status, Long distance) {
        Map<String, Object> doc = race(id);
        doc.put("raceNumber", number);
        doc.put("startTime", start);
        doc.put("status", status);
        doc.put("distance", distance);
        return doc;
    }

    private List<String> ids(DocumentQuery query) {
        return store.list(RACES, query).stream().map(Document::id).toList();
    }

    // ---- stored values

    @Test
    void shouldReturnDatetimesInAppwriteFormatWhateverOffsetWentIn() {
        Map<String, Object> doc = race("race-1");
        doc.put("startTime", "2025-07-17T12:50:00+12:00");
        doc.put("actualStart", Instant.parse("2025-07-17T00:52:46Z"));
        doc.put("last_poll_time", "2025-07-17T00:53:01.123456789Z");
        upsert(RACES, "race-1", doc);

        Document stored = get(RACES, "race-1");

        assertThat(stored.getString("startTime")).isEqualTo("2025-07-17T00:50:00.000+00:00");
        assertThat(stored.getString("actualStart")).isEqualTo("2025-07-17T00:52:46.000+00:00");
        assertThat(stored.getString("last_poll_time")).isEqualTo("2025-07-17T00:53:01.123+00:00");
    }

    @Test
    void shouldStoreARacingDayDateAsMidnightUtc() {
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("meetingId", "meeting-1");
        meeting.put("meetingName", "Awapuni Synthetic");
        meeting.put("country", "NZ");
        meeting.put("raceType", "Thoroughbred Horse Racing");
        meeting.put("date", LocalDate.of(2025, 7, 17));
        meeting.put("status", "active");
        upsert(MEETINGS, "meeting-1", meeting);

        assertThat(get(MEETINGS, "meeting-1").getString("date")).isEqualTo("2025-07-17T00:00:00.000+00:00");
    }

    @Test
    void shouldReturnBooleansFloatsAndIntegersAsCanonicalJavaTypes() {
        Map<String, Object> doc = entrant("entrant-1");
        doc.put("runnerNumber", 3); // Integer in
        doc.put("scratchTime", 1_752_710_000L);
        doc.put("isScratched", true);
        doc.put("isLateScratched", false);
        doc.put("fixedWinOdds", 5); // a whole price sent as an integer
        doc.put("fixedPlaceOdds", 1.65);
        upsert(ENTRANTS, "entrant-1", doc);

        Document stored = get(ENTRANTS, "entrant-1");

        assertThat(stored.get("runnerNumber")).isInstanceOf(Long.class).isEqualTo(3L);
        assertThat(stored.get("scratchTime")).isInstanceOf(Long.class).isEqualTo(1_752_710_000L);
        assertThat(stored.get("isScratched")).isInstanceOf(Boolean.class).isEqualTo(true);
        assertThat(stored.get("isLateScratched")).isInstanceOf(Boolean.class).isEqualTo(false);
        assertThat(stored.get("fixedWinOdds")).isInstanceOf(Double.class).isEqualTo(5.0);
        assertThat(stored.get("fixedPlaceOdds")).isInstanceOf(Double.class).isEqualTo(1.65);
    }

    @Test
    void shouldRoundTripLongsBeyondTheIntRange() {
        Map<String, Object> doc = race("race-1");
        doc.put("totalPrizeMoney", 5_000_000_000L);
        upsert(RACES, "race-1", doc);

        assertThat(get(RACES, "race-1").getLong("totalPrizeMoney")).isEqualTo(5_000_000_000L);
    }

    @Test
    void shouldLeaveAbsentAttributesOutOfTheDocument() {
        upsert(RACES, "race-1", race("race-1"));

        Document stored = get(RACES, "race-1");

        assertThat(stored.attributes()).doesNotContainKeys("distance", "weather", "actualStart");
        assertThat(stored.attributes()).doesNotContainValue(null);
    }

    @Test
    void shouldQueryBooleans() {
        Map<String, Object> scratched = entrant("entrant-1");
        scratched.put("isScratched", true);
        Map<String, Object> running = entrant("entrant-2");
        running.put("isScratched", false);
        store.apply(new WriteBatch().upsert(ENTRANTS, "entrant-1", scratched).upsert(ENTRANTS, "entrant-2", running));

        List<Document> active = store.list(ENTRANTS, DocumentQuery.all().equal("raceId", "race-1").equal("isScratched", false));

        assertThat(active).extracting(Document::id).containsExactly("entrant-2");
    }

    // ---- the queries the poller and the import make

    @Test
    void shouldAnswerThePollPlannersWindowQuery() {
        storeFourRaces();

        DocumentQuery window = DocumentQuery.all()
                .where("startTime", Operator.GREATER_THAN_EQUAL, Instant.parse("2025-07-17T00:50:00Z"))
                .where("startTime", Operator.LESS_THAN_EQUAL, Instant.parse("2025-07-17T02:20:00Z"))
                .where("status", Operator.NOT_EQUAL, "Final")
                .where("status", Operator.NOT_EQUAL, "Abandoned")
                .orderAsc("startTime");

        assertThat(ids(window)).containsExactly("race-b", "race-c");
    }

    @Test
    void shouldReturnEveryHistoryRowOfARaceInOrderBeyondOnePage() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 230; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("raceId", i % 2 == 0 ? "race-1" : "race-2");
            row.put("entrantId", "entrant-" + (i % 12));
            row.put("type", "bucketed_aggregation");
            row.put("eventTimestamp", T0.plusSeconds(i));
            // written out of time order: the order must come from the query, not from insertion
            row.put("pollingTimestamp", T0.plusSeconds(1000 - i));
            row.put("timeInterval", (long) (60 - i % 60));
            batch.create(RaceDaySchema.MONEY_FLOW_HISTORY, "flow-" + i, row);
        }
        store.apply(batch);

        List<Document> rows = store.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all().equal("raceId", "race-1")
                .equal("type", "bucketed_aggregation").orderAsc("pollingTimestamp"));

        assertThat(rows).hasSize(115);
        assertThat(rows).extracting(d -> d.getString("pollingTimestamp")).isSorted();
        assertThat(rows.get(0).id()).isEqualTo("flow-228");
        assertThat(store.list(RaceDaySchema.MONEY_FLOW_HISTORY, DocumentQuery.all())).hasSize(230);
    }

    // ---- concurrency

    @Test
    void shouldAcceptBatchesFromSeveralThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<WriteResult>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                tasks.add(() -> {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 25; i++) {
                        String id = "race-" + thread + "-" + i;
                        batch.upsert(RACES, id, race(id));
                    }
                    return store.apply(batch);
                });
            }
            for (Future<WriteResult> future : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                assertThat(future.get().count(WriteOutcome.INSERTED)).isEqualTo(25);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.list(RACES, DocumentQuery.all())).hasSize(100);
    }

    // ---- documents and shortcuts

    /** A race with exactly the required attributes. */
    protected static Map<String, Object> race(String raceId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("raceId", raceId);
        doc.put("name", "PRYDA HANDICAP 1700");
        doc.put("raceNumber", 1L);
        doc.put("startTime", Instant.parse("2025-07-17T00:50:00Z"));
        doc.put("status", "Open");
        return doc;
    }

    /** An entrant with exactly the required attributes. */
    protected static Map<String, Object> entrant(String entrantId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("entrantId", entrantId);
        doc.put("name", "Tickford");
        doc.put("runnerNumber", 1L);
        doc.put("raceId", "race-1");
        return doc;
    }

    protected static Map<String, Object> odds(double price) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("odds", price);
        doc.put("eventTimestamp", Instant.parse("2025-07-17T00:40:00Z"));
        doc.put("type", "fixed_win");
        doc.put("entrantId", "entrant-1");
        return doc;
    }

    protected WriteResult upsert(String collectionId, String documentId, Map<String, Object> attributes) {
        return store.apply(new WriteBatch().upsert(collectionId, documentId, attributes));
    }

    protected WriteResult create(String collectionId, String documentId, Map<String, Object> attributes) {
        return store.apply(new WriteBatch().create(collectionId, documentId, attributes));
    }

    protected Document get(String collectionId, String documentId) {
        return store.get(collectionId, documentId).orElseThrow(
                () -> new AssertionError(collectionId + "/" + documentId + " is not stored"));
    }
}
