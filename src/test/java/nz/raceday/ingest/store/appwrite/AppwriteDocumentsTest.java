package nz.raceday.ingest.store.appwrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AppwriteDocumentsTest {

    @Test
    void shouldWriteExplicitNullsForClearedAttributes() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fixedWinOdds", null);
        data.put("isScratched", true);

        assertThat(AppwriteDocuments.objectWithNulls(data)).isEqualTo("{\"fixedWinOdds\":null,\"isScratched\":true}");
    }
}
