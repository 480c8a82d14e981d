package nz.raceday.ingest.store.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nz.raceday.ingest.store.Write;
import org.junit.jupiter.api.Test;

class WriteCodecTest {

    @Test
    void shouldRoundTripUpsertsAndCreatesKeepingIntegerAndFloatTypesApart() {
        Map<String, Object> entrant = new LinkedHashMap<>();
        entrant.put("runnerNumber", 3L);
        entrant.put("fixedWinOdds", 5.0);
        entrant.put("isScratched", true);
        entrant.put("name", "Bird \"Of\" Prey & Co");
        entrant.put("scratchTime", 5_000_000_000L);
        Write upsert = new Write.Upsert("entrants", "e-1", entrant, Set.of("name"), Set.of("scratchTime"),
                Set.of("poolWinOdds"));
        Write create = new Write.Create("odds-history", "h-1", Map.of("odds", 2.4, "type", "fixed_win"));

        List<Write> decoded = WriteCodec.decode(WriteCodec.encode(List.of(upsert, create)));

        assertThat(decoded).containsExactly(upsert, create);
        assertThat(decoded.get(0).attributes().get("runnerNumber")).isInstanceOf(Long.class);
        assertThat(decoded.get(0).attributes().get("fixedWinOdds")).isInstanceOf(Double.class).isEqualTo(5.0);
        assertThat(decoded.get(0).attributes().get("scratchTime")).isEqualTo(5_000_000_000L);
    }
}
