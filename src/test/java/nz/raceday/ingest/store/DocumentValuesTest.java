package nz.raceday.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import nz.raceday.ingest.store.schema.Attribute;
import nz.raceday.ingest.store.schema.CollectionSchema;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Appwrite's rules for ids and values, applied the same way by every adapter. */
class DocumentValuesTest {

    private static final CollectionSchema ENTRANTS = RaceDaySchema.collection(RaceDaySchema.ENTRANTS);
    private static final CollectionSchema RACES = RaceDaySchema.collection(RaceDaySchema.RACES);

    @Nested
    class DocumentIds {

        @Test
        void shouldAcceptIdsOfUpTo36AllowedCharacters() {
            assertThatCode(() -> DocumentValues.checkDocumentId("races", "a".repeat(36))).doesNotThrowAnyException();
            assertThatCode(() -> DocumentValues.checkDocumentId("races", "R1.race_2-x")).doesNotThrowAnyException();
            assertThatCode(() -> DocumentValues.checkDocumentId("races", "7")).doesNotThrowAnyException();
        }

        @Test
        void shouldRejectLongEmptyOrOddIds() {
            for (String bad : new String[] {"a".repeat(37), "", ".race", "_race", "-race", "race 1", "race/1", "rącę"}) {
                assertThatThrownBy(() -> DocumentValues.checkDocumentId("races", bad))
                        .as("'%s'", bad)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("races: invalid document id '" + bad + "'");
            }
            assertThatThrownBy(() -> DocumentValues.checkDocumentId("races", null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Canonical {

        @Test
        void shouldWidenWholeNumbersToLong() {
            Map<String, Object> values = canonical(ENTRANTS, "runnerNumber", 3);

            assertThat(values.get("runnerNumber")).isInstanceOf(Long.class).isEqualTo(3L);
            assertThat(canonical(ENTRANTS, "runnerNumber", (short) 4).get("runnerNumber")).isEqualTo(4L);
        }

        @Test
        void shouldRejectFractionsAndTextForIntegers() {
            assertRejected(ENTRANTS, "runnerNumber", 1.5, "entrants/e1: attribute 'runnerNumber' must be an integer");
            assertRejected(ENTRANTS, "runnerNumber", 2.0, "must be an integer");
            assertRejected(ENTRANTS, "runnerNumber", "3", "must be an integer");
        }

        @Test
        void shouldTurnNumbersIntoDoublesForFloats() {
            assertThat(canonical(ENTRANTS, "fixedWinOdds", 5).get("fixedWinOdds")).isInstanceOf(Double.class).isEqualTo(5.0);
            assertThat(canonical(ENTRANTS, "fixedWinOdds", 4.4f).get("fixedWinOdds")).isInstanceOf(Double.class);
        }

        @Test
        void shouldRejectNonFiniteOrDecimalFloats() {
            assertRejected(ENTRANTS, "fixedWinOdds", Double.NaN, "'fixedWinOdds' must be a finite number");
            assertRejected(ENTRANTS, "fixedWinOdds", Double.POSITIVE_INFINITY, "finite");
            assertRejected(ENTRANTS, "fixedWinOdds", new BigDecimal("4.4"), "must be a number");
        }

        @Test
        void shouldAcceptOnlyBooleansForBooleans() {
            assertThat(canonical(ENTRANTS, "isScratched", true).get("isScratched")).isEqualTo(true);
            assertRejected(ENTRANTS, "isScratched", 1, "'isScratched' must be a boolean");
        }

        @Test
        void shouldStoreDatetimesInAppwriteFormat() {
            assertThat(canonical(RACES, "startTime", Instant.parse("2025-07-17T00:50:00.123456Z")).get("startTime"))
                    .isEqualTo("2025-07-17T00:50:00.123+00:00");
            assertThat(canonical(RACES, "startTime", "2025-07-17T12:50:00+12:00").get("startTime"))
                    .isEqualTo("2025-07-17T00:50:00.000+00:00");
            assertThat(canonical(RACES, "startTime", LocalDate.of(2025, 7, 17)).get("startTime"))
                    .isEqualTo("2025-07-17T00:00:00.000+00:00");
        }

        @Test
        void shouldRejectDatetimesWithoutOffsetOrOfAnotherType() {
            assertRejected(RACES, "startTime", "2025-07-17T00:50:00", "'startTime'");
            assertRejected(RACES, "startTime", 1_752_713_400L, "'startTime' must be a datetime");
        }

        @Test
        void shouldRequireTextForRelationships() {
            assertThat(canonical(ENTRANTS, "race", "r1").get("race")).isEqualTo("r1");
            assertRejected(ENTRANTS, "race", 1L, "'race' must be a string");
        }

        private Map<String, Object> canonical(CollectionSchema collection, String key, Object value) {
            return DocumentValues.canonical(collection, new Write.Upsert(collection.id(), "e1", Map.of(key, value)));
        }

        private void assertRejected(CollectionSchema collection, String key, Object value, String message) {
            assertThatThrownBy(() -> canonical(collection, key, value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
        }
    }

    @Nested
    class Required {

        @Test
        void shouldNameTheFirstMissingRequiredAttribute() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("entrantId", "e1");
            values.put("name", "Tickford");
            values.put("runnerNumber", 1L);
            Write write = new Write.Upsert("entrants", "e1", values);

            assertThatThrownBy(() -> DocumentValues.checkRequired(ENTRANTS, write, values))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("entrants/e1: required attribute 'raceId' is missing");
        }

        @Test
        void shouldNotAskForStoreStampedAttributes() {
            Map<String, Object> values = Map.of("entrantId", "e1", "name", "Tickford", "runnerNumber", 1L, "raceId", "r1");
            Write write = new Write.Upsert("entrants", "e1", values);

            assertThatCode(() -> DocumentValues.checkRequired(ENTRANTS, write, values)).doesNotThrowAnyException();
        }
    }

    @Nested
    class FromStored {

        @Test
        void shouldReadBackendValuesAsCanonicalTypes() {
            assertThat(DocumentValues.fromStored(Attribute.integer("n"), 3)).isEqualTo(3L);
            assertThat(DocumentValues.fromStored(Attribute.floating("f"), 5)).isEqualTo(5.0);
            assertThat(DocumentValues.fromStored(Attribute.bool("b"), 1)).isEqualTo(true);
            assertThat(DocumentValues.fromStored(Attribute.bool("b"), 0)).isEqualTo(false);
            assertThat(DocumentValues.fromStored(Attribute.string("s", 10), "x")).isEqualTo("x");
            assertThat(DocumentValues.fromStored(Attribute.integer("n"), null)).isNull();
        }
    }
}
