package nz.raceday.ingest.store.schema;

/**
 * Attribute names the code reads back from stored documents, one holder per collection. Reading through these
 * names keeps a typo a compile error; {@code FieldsTest} checks that every name is an attribute of its
 * collection in {@link RaceDaySchema}, and {@link nz.raceday.ingest.store.Document#get} refuses a key the
 * schema does not have.
 */
public final class Fields {

    private Fields() {
        // constants only
    }

    /** {@code races}. */
    public static final class Races {
        public static final String MEETING = "meeting";
        public static final String START_TIME = "startTime";
        public static final String STATUS = "status";
        public static final String LAST_POLL_TIME = "last_poll_time";
        public static final String POLLS_PLANNED = "pollsPlanned";
        public static final String POLLS_MADE = "pollsMade";
        public static final String POLLS_MISSED = "pollsMissed";
        public static final String FINALIZED_AT = "finalizedAt";
        public static final String ABANDONED_AT = "abandonedAt";

        private Races() {
        }
    }

    /** {@code odds-history}. */
    public static final class OddsHistory {
        public static final String RACE_ID = "raceId";
        public static final String EVENT_TIMESTAMP = "eventTimestamp";
        public static final String ENTRANT_ID = "entrantId";
        public static final String TYPE = "type";
        public static final String ODDS = "odds";

        private OddsHistory() {
        }
    }

    /** {@code money-flow-history}. */
    public static final class MoneyFlowHistory {
        public static final String RACE_ID = "raceId";
        public static final String TYPE = "type";
        public static final String POLLING_TIMESTAMP = "pollingTimestamp";
        public static final String ENTRANT_ID = "entrantId";
        public static final String TIME_INTERVAL = "timeInterval";
        public static final String WIN_POOL_AMOUNT = "winPoolAmount";
        public static final String PLACE_POOL_AMOUNT = "placePoolAmount";

        private MoneyFlowHistory() {
        }
    }
}
