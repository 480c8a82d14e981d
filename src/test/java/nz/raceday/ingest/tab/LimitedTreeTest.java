package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event tree limited to the fields the mapping reads: the same values as a full parse, nothing else. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LimitedTreeTest {

    private static final String EVENT = "event-0f57e087-awapuni-r1-final-2025-07-17.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode full = TabFixtures.readTree(EVENT);

    @Test
    void shouldKeepTheStoredFieldsWithTheValuesOfAFullParse() throws IOException {
        JsonNode limited = limited(TabFixtures.read(EVENT));

        JsonNode data = limited.path("data");
        assertThat(limited.path("header").path("generated_time")).isEqualTo(full.path("header").path("generated_time"));
        assertThat(data.path("results")).isEqualTo(full.path("data").path("results"));
        assertThat(data.path("dividends")).isEqualTo(full.path("data").path("dividends"));
        assertThat(data.path("money_tracker")).isEqualTo(full.path("data").path("money_tracker"));
        assertThat(data.path("runners")).hasSize(8);
        for (int i = 0; i < 8; i++) {
            JsonNode runner = data.path("runners").get(i);
            JsonNode original = full.path("data").path("runners").get(i);
            runner.fieldNames().forEachRemaining(f -> assertThat(runner.get(f)).as(f).isEqualTo(original.get(f)));
            assertThat(runner.path("odds")).isEqualTo(original.path("odds"));
            assertThat(runner.path("runner_change")).isEqualTo(original.path("runner_change"));
        }
        data.path("race").fieldNames().forEachRemaining(f -> assertThat(data.path("race").get(f)).as(f)
                .isEqualTo(full.path("data").path("race").get(f)));
        assertThat(data.path("race").path("prize_monies")).isEqualTo(full.path("data").path("race").path("prize_monies"));
    }

    @Test
    void shouldSkipWhatThePipelineDoesNotStore() throws IOException {
        JsonNode limited = limited(TabFixtures.read(EVENT));

        assertThat(limited.has("params")).isFalse();
        assertThat(limited.path("data").has("big_bets")).isFalse();
        assertThat(limited.path("data").has("substitutions")).isFalse();
        JsonNode tickford = limited.path("data").path("runners").get(0);
        assertThat(tickford.has("past_performances")).isFalse();
        assertThat(tickford.has("alt_silk_url_64x64")).isFalse();
        assertThat(tickford.has("speedmap")).isFalse();
        JsonNode quadrella = limited.path("data").path("tote_pools").get(5);
        assertThat(quadrella.path("product_type").asText()).isEqualTo("EarlyQuadrella");
        assertThat(quadrella.has("tote_trends")).isFalse();
        assertThat(quadrella.has("will_pays")).isFalse();
        assertThat(quadrella.path("early_quaddie")).isEqualTo(full.path("data").path("tote_pools").get(5)
                .path("early_quaddie"));
        // a tenth of the payload, or less, is kept
        assertThat(JSON.writeValueAsBytes(limited).length).isLessThan(TabFixtures.read(EVENT).length / 10);
    }

    @Test
    void shouldStillRejectATruncatedPayloadWhereverItIsCut() {
        byte[] body = TabFixtures.read(EVENT);
        TabPayloadParser parser = new TabPayloadParser();
        for (double at : List.of(0.01, 0.25, 0.5, 0.75, 0.99)) {
            byte[] cut = Arrays.copyOf(body, (int) (body.length * at));
            assertThatThrownBy(() -> parser.parseEvent(cut, TabFixtures.RECORDED_EVENT_ID)).as("cut at " + at)
                    .isInstanceOf(TabPayloadException.class).hasMessageContaining("not valid JSON");
        }
        byte[] lastBraceMissing = Arrays.copyOf(body, new String(body, StandardCharsets.UTF_8).stripTrailing()
                .getBytes(StandardCharsets.UTF_8).length - 1);
        assertThatThrownBy(() -> parser.parseEvent(lastBraceMissing, TabFixtures.RECORDED_EVENT_ID))
                .isInstanceOf(TabPayloadException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldKeepAValueOfAnotherTypeThanItsShapeWholeSoItsTypeIsReported() throws IOException {
        ObjectNode event = (ObjectNode) full.deepCopy();
        ((ObjectNode) event.path("data")).putObject("runners").put("1", "Tickford");
        ((ObjectNode) event.path("data").path("race")).putArray("distance").add(1700);

        JsonNode limited = limited(JSON.writeValueAsBytes(event));

        assertThat(limited.path("data").path("runners").isObject()).isTrue();
        assertThat(limited.path("data").path("race").path("distance").isArray()).isTrue();
        assertThatThrownBy(() -> new TabPayloadParser().parseEvent(JSON.writeValueAsBytes(event),
                TabFixtures.RECORDED_EVENT_ID)).isInstanceOf(TabPayloadException.class)
                .hasMessageContaining("field 'data.runners' should be an array but is object");
    }

    @Test
    void shouldReadNumbersAsAFullParseDoes() throws IOException {
        byte[] body = ("{\"data\":{\"results\":[1, 3000000000, 123456789012345678901234567890, 1.5, 2.0, -0.0, "
                + "true, null, \"x\"]}}").getBytes(StandardCharsets.UTF_8);

        assertThat(limited(body).path("data").path("results")).isEqualTo(JSON.readTree(body).path("data")
                .path("results"));
    }

    private static JsonNode limited(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            return LimitedTree.read(parser, EventPayloadReader.STORED_FIELDS);
        }
    }
}
