package nz.raceday.ingest.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import nz.raceday.ingest.store.Document;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class FieldsTest {

    private static final Map<Class<?>, String> COLLECTION_OF = Map.of(
            Fields.Races.class, RaceDaySchema.RACES,
            Fields.OddsHistory.class, RaceDaySchema.ODDS_HISTORY,
            Fields.MoneyFlowHistory.class, RaceDaySchema.MONEY_FLOW_HISTORY);

    @Test
    void everyNameIsAnAttributeOfItsCollection() throws IllegalAccessException {
        assertThat(Fields.class.getDeclaredClasses()).as("every holder is mapped to its collection here")
                .containsExactlyInAnyOrderElementsOf(COLLECTION_OF.keySet());
        int names = 0;
        for (Map.Entry<Class<?>, String> holder : COLLECTION_OF.entrySet()) {
            CollectionSchema collection = RaceDaySchema.collection(holder.getValue());
            for (Field field : holder.getKey().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    String name = (String) field.get(null);
                    assertThat(collection.attribute(name)).as(holder.getValue() + "." + name).isPresent();
                    names++;
                }
            }
        }
        assertThat(names).isEqualTo(9 + 5 + 7);
    }

    @Test
    void aMisspeltReadFailsInsteadOfReturningNull() {
        Document race = new Document(RaceDaySchema.RACES, "r1", null, null, Map.of("status", "Open"));
        assertThat(race.getString(Fields.Races.STATUS)).isEqualTo("Open");
        assertThat(race.getString(Fields.Races.ABANDONED_AT)).as("known but absent").isNull();
        assertThatThrownBy(() -> race.getString("stauts")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("collection races has no attribute 'stauts'");
    }

    @Test
    void collectionsOutsideTheSchemaAreNotChecked() {
        Document other = new Document("test-things", "t1", null, null, Map.of());
        assertThat(other.get("anything")).isNull();
    }
}
