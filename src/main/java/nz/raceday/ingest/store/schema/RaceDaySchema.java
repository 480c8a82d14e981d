package nz.raceday.ingest.store.schema;

import static nz.raceday.ingest.store.schema.Attribute.bool;
import static nz.raceday.ingest.store.schema.Attribute.datetime;
import static nz.raceday.ingest.store.schema.Attribute.floating;
import static nz.raceday.ingest.store.schema.Attribute.integer;
import static nz.raceday.ingest.store.schema.Attribute.manyToOne;
import static nz.raceday.ingest.store.schema.Attribute.string;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one definition of the RaceDay database that every store adapter provisions: the collections and
 * attribute names of domain-spec §4 (ORIG schema 4.1.0), with the type fixes the real payloads forced
 * and the attributes the frontend selects (frontend-contract §2).
 *
 * <p>Deliberate differences from ORIG, each because data or the frontend demanded it:
 * <ul>
 * <li>{@code entrants.barrier} is a string: harness barriers arrive as text ({@code "Fr1"}).</li>
 * <li>{@code races.runnerCount} exists: the race card reads it, ORIG never wrote it.</li>
 * <li>{@code odds-history} carries scalar {@code raceId}/{@code entrantId}: relationship attributes
 *     cannot be indexed, and "latest odds of this entrant" must be an indexed query.</li>
 * <li>ORIG's money-flow bookkeeping attributes with no meaning ({@code dataQualityScore} was always 100,
 *     {@code pollingLatencyMs} random, {@code isStale}, {@code isConsolidated}, {@code bucketDocumentId},
 *     {@code rawPollingData}) are left out.</li>
 * <li>{@code races.pollsPlanned}/{@code pollsMade}/{@code pollsMissed} count the live polls of each race.</li>
 * <li>{@code import-failures} is new: the dead-letter record of the import and polling pipelines.</li>
 * <li>{@code user-alert-configs} belongs to the frontend, which creates its six default documents on first use
 *     (frontend-contract §1.5); it is provisioned so a fresh database works, and ingest never writes it.</li>
 * </ul>
 */
public final class RaceDaySchema {

    public static final String DATABASE_ID = "raceday-db";
    public static final String DATABASE_NAME = "RaceDay Database";

    public static final String MEETINGS = "meetings";
    public static final String RACES = "races";
    public static final String ENTRANTS = "entrants";
    public static final String ODDS_HISTORY = "odds-history";
    public static final String MONEY_FLOW_HISTORY = "money-flow-history";
    public static final String RACE_POOLS = "race-pools";
    public static final String RACE_RESULTS = "race-results";
    public static final String IMPORT_FAILURES = "import-failures";
    public static final String USER_ALERT_CONFIGS = "user-alert-configs";

    private static final List<CollectionSchema> COLLECTIONS = List.of(
            new CollectionSchema(MEETINGS, "Meetings", List.of(
                    string("meetingId", 50).mandatory(),
                    string("meetingName", 255).mandatory(),
                    string("country", 10).mandatory(),
                    string("state", 10),
                    string("raceType", 50).mandatory(),
                    string("category", 10),
                    string("categoryName", 100),
                    datetime("date").mandatory(),
                    string("trackCondition", 50),
                    string("status", 50).mandatory(),
                    string("trackDirection", 20),
                    string("trackSurface", 50),
                    string("railPosition", 100),
                    string("weather", 50),
                    datetime("lastUpdated").stampedOnChange(),
                    string("dataSource", 50),
                    datetime("apiGeneratedTime")),
                    List.of(
                            Index.key("idx_date", "date"),
                            Index.key("idx_country", "country"),
                            Index.key("idx_category", "category"),
                            Index.key("idx_race_type", "raceType"),
                            Index.unique("idx_meeting_id", "meetingId"))),

            new CollectionSchema(RACES, "Races", List.of(
                    string("raceId", 50).mandatory(),
                    string("name", 255).mandatory(),
                    integer("raceNumber").mandatory(),
                    datetime("startTime").mandatory(),
                    datetime("actualStart"),
                    string("toteStartTime", 20),
                    string("startTimeNz", 30),
                    string("raceDateNz", 15),
                    integer("distance"),
                    string("trackCondition", 100),
                    string("trackSurface", 50),
                    string("weather", 50),
                    string("status", 50).mandatory(),
                    string("type", 10),
                    integer("totalPrizeMoney"),
                    integer("entrantCount"),
                    integer("fieldSize"),
                    integer("runnerCount"),
                    integer("positionsPaid"),
                    datetime("lastUpdated").stampedOnChange(),
                    datetime("importedAt").stampedOnCreate(),
                    datetime("last_poll_time"),
                    integer("pollsPlanned"),
                    integer("pollsMade"),
                    integer("pollsMissed"),
                    datetime("lastStatusChange"),
                    datetime("finalizedAt"),
                    datetime("abandonedAt"),
                    string("silkUrl", 500),
                    string("silkBaseUrl", 200),
                    string("videoChannels", 500),
                    manyToOne("meeting", MEETINGS, false, "races")),
                    List.of(
                            Index.unique("idx_race_id", "raceId"),
                            Index.key("idx_start_time", "startTime"),
                            Index.key("idx_race_number", "raceNumber"),
                            Index.key("idx_race_date_nz", "raceDateNz"),
                            Index.key("idx_status", "status"))),

            new CollectionSchema(ENTRANTS, "Entrants", List.of(
                    string("entrantId", 50).mandatory(),
                    string("name", 255).mandatory(),
                    integer("runnerNumber").mandatory(),
                    string("barrier", 20),
                    string("raceId", 50).mandatory(),
                    bool("isScratched"),
                    bool("isLateScratched"),
                    integer("scratchTime"),
                    string("runnerChange", 500),
                    floating("fixedWinOdds"),
                    floating("fixedPlaceOdds"),
                    floating("poolWinOdds"),
                    floating("poolPlaceOdds"),
                    bool("favourite"),
                    bool("mover"),
                    string("jockey", 255),
                    string("trainerName", 255),
                    string("silkColours", 100),
                    string("silkUrl64", 500),
                    string("silkUrl128", 500),
                    datetime("lastUpdated").stampedOnChange(),
                    datetime("importedAt").stampedOnCreate(),
                    manyToOne("race", RACES, false, "entrants")),
                    List.of(
                            Index.unique("idx_entrant_id", "entrantId"),
                            Index.key("idx_runner_number", "runnerNumber"),
                            Index.key("idx_race_id", "raceId"),
                            Index.key("idx_race_active", "raceId", "isScratched"))),

            new CollectionSchema(ODDS_HISTORY, "Odds History", List.of(
                    floating("odds").mandatory(),
                    datetime("eventTimestamp").mandatory(),
                    string("type", 20).mandatory(),
                    string("raceId", 50),
                    string("entrantId", 50),
                    manyToOne("entrant", ENTRANTS, false, "oddsHistory")),
                    List.of(
                            Index.key("idx_timestamp", "eventTimestamp"),
                            Index.key("idx_entrant_type_time", "entrantId", "type", "eventTimestamp"),
                            Index.key("idx_race_id", "raceId"))),

            new CollectionSchema(MONEY_FLOW_HISTORY, "Money Flow History", List.of(
                    string("raceId", 50),
                    string("entrantId", 50),
                    string("type", 30).mandatory(),
                    floating("holdPercentage"),
                    floating("betPercentage"),
                    datetime("eventTimestamp").mandatory(),
                    datetime("pollingTimestamp"),
                    integer("timeToStart"),
                    integer("timeInterval"),
                    string("intervalType", 10),
                    string("poolType", 10),
                    integer("winPoolAmount"),
                    integer("placePoolAmount"),
                    integer("totalPoolAmount"),
                    integer("incrementalAmount"),
                    integer("incrementalWinAmount"),
                    integer("incrementalPlaceAmount"),
                    floating("winPoolPercentage"),
                    floating("placePoolPercentage"),
                    floating("fixedWinOdds"),
                    floating("fixedPlaceOdds"),
                    floating("poolWinOdds"),
                    floating("poolPlaceOdds"),
                    bool("mathematicallyConsistent"),
                    manyToOne("entrant", ENTRANTS, false, "moneyFlowHistory")),
                    List.of(
                            Index.key("idx_timestamp", "eventTimestamp"),
                            Index.key("idx_time_interval", "timeInterval"),
                            Index.key("idx_interval_type", "intervalType"),
                            Index.key("idx_polling_timestamp", "pollingTimestamp"),
                            Index.key("idx_race_id", "raceId"),
                            Index.key("idx_race_entrant_time", "raceId", "entrantId", "timeInterval"),
                            Index.key("idx_type", "type"))),

            new CollectionSchema(RACE_POOLS, "Race Pools", List.of(
                    string("raceId", 50).mandatory(),
                    integer("winPoolTotal"),
                    integer("placePoolTotal"),
                    integer("quinellaPoolTotal"),
                    integer("trifectaPoolTotal"),
                    integer("exactaPoolTotal"),
                    integer("first4PoolTotal"),
                    integer("totalRacePool"),
                    string("currency", 10),
                    datetime("lastUpdated").stampedOnChange()),
                    List.of(Index.unique("idx_race_id", "raceId"))),

            new CollectionSchema(RACE_RESULTS, "Race Results", List.of(
                    string("raceId", 50).mandatory(),
                    bool("resultsAvailable"),
                    string("resultStatus", 20),
                    datetime("resultTime"),
                    string("resultsData", 20000),
                    string("dividendsData", 30000),
                    string("fixedOddsData", 20000),
                    bool("photoFinish"),
                    bool("stewardsInquiry"),
                    bool("protestLodged"),
                    manyToOne("race", RACES, true, "raceResults")),
                    List.of(Index.key("idx_race_id", "raceId"))),

            new CollectionSchema(IMPORT_FAILURES, "Import Failures", List.of(
                    string("runId", 64).mandatory(),
                    string("step", 30).mandatory(),
                    string("raceId", 50),
                    string("meetingId", 50),
                    string("reason", 2000).mandatory(),
                    datetime("failedAt").mandatory()),
                    List.of(
                            Index.key("idx_run_id", "runId"),
                            Index.key("idx_race_id", "raceId"),
                            Index.key("idx_failed_at", "failedAt"))),

            new CollectionSchema(USER_ALERT_CONFIGS, "User Alert Configs", List.of(
                    string("userId", 255).mandatory(),
                    string("indicatorType", 50).mandatory(),
                    floating("percentageRangeMin"),
                    floating("percentageRangeMax"),
                    string("color", 20),
                    bool("isDefault"),
                    bool("enabled"),
                    integer("displayOrder"),
                    datetime("lastUpdated"),
                    datetime("createdAt"),
                    bool("audibleAlertsEnabled")),
                    List.of(
                            Index.key("idx_user_id", "userId"),
                            Index.key("idx_indicator_type", "indicatorType"),
                            Index.key("idx_display_order", "displayOrder"))));

    private static final Map<String, CollectionSchema> BY_ID = COLLECTIONS.stream()
            .collect(Collectors.toUnmodifiableMap(CollectionSchema::id, c -> c));

    private RaceDaySchema() {
        // the schema is a constant
    }

    public static List<CollectionSchema> collections() {
        return COLLECTIONS;
    }

    /**
     * Whether a collection is append-only history (rows created once, never updated): odds and money-flow history and
     * the failure records. Queries on them need every row, so a store must not answer them from a partial view.
     */
    public static boolean isHistory(String collectionId) {
        return ODDS_HISTORY.equals(collectionId) || MONEY_FLOW_HISTORY.equals(collectionId)
                || IMPORT_FAILURES.equals(collectionId);
    }

    public static CollectionSchema collection(String collectionId) {
        return COLLECTIONS.stream()
                .filter(c -> c.id().equals(collectionId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown collection " + collectionId));
    }

    /**
     * Fails on an attribute a RaceDay collection does not have. Collections outside the schema (tests' own) are not
     * checked.
     *
     * @throws IllegalArgumentException naming the collection and the key
     */
    public static void requireAttribute(String collectionId, String key) {
        CollectionSchema collection = BY_ID.get(collectionId);
        if (collection != null && collection.attribute(key).isEmpty()) {
            throw new IllegalArgumentException("collection " + collectionId + " has no attribute '" + key + "'");
        }
    }
}
