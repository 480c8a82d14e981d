package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nz.raceday.ingest.mapping.RaceDayDocuments;
import nz.raceday.ingest.store.Write;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.tab.TabPayloadParser;
import nz.raceday.ingest.tab.model.EventDetail;
import nz.raceday.ingest.tab.model.PayloadProblem;
import nz.raceday.ingest.testsupport.TabFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A poll of the recorded event (Awapuni R1; Win pool 9151.38, Place 3923.51) whose payload has odd items: what is
 * left out and what is still written, with the money-flow amounts computed by hand (issue 10 item 3).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OddItemPollDocumentsTest {

    private static final String FIXTURE = "event-0f57e087-awapuni-r1-final-2025-07-17.json";
    private static final String RACE = TabFixtures.RECORDED_EVENT_ID;
    private static final String TICKFORD = "61181b8c-a540-43a8-900c-83ebe680e218";
    private static final String FROSBIE = "a8cc87d4-5a53-47b2-bb26-58d555aac7c0";
    private static final String DEALERS_CHOICE = "677c1727-e256-48a4-9016-a07e10d65edc";
    /** 60 minutes before the advertised start (00:50Z): a first poll's rows carry the full amounts. */
    private static final Instant SIXTY_OUT = Instant.parse("2025-07-16T23:50:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TabPayloadParser parser = new TabPayloadParser();
    private final PollDocuments documents = new PollDocuments(new RaceDayDocuments());

    @Test
    void shouldApplyAFractionalHoldToBothPools() {
        // Tickford's rows hold 10 + 7 + 1 (+ zeros) = 18 %; the row of 1 becomes 1.5, so 18.5 %
        EventDetail event = edited(data -> tracker(data, 24).put("hold_percentage", 1.5));

        Map<String, Object> tickford = moneyFlowOf(build(event), TICKFORD);

        // 915138 × 18.5 % = 169300.53 → 169301 cents; 392351 × 18.5 % = 72584.935 → 72585 cents
        assertThat(tickford).containsEntry("holdPercentage", 18.5).containsEntry("winPoolPercentage", 18.5)
                .containsEntry("winPoolAmount", 169_301L).containsEntry("placePoolAmount", 72_585L)
                .containsEntry("incrementalWinAmount", 169_301L).containsEntry("incrementalPlaceAmount", 72_585L);
    }

    @Test
    void shouldStoreEverythingElseOfAPollWithThreeOddItems() {
        EventDetail event = edited(data -> {
            tracker(data, 24).put("hold_percentage", 1.5);
            // row 5 is one of Frosbie's (8 %): without its entrant_id it belongs to nobody
            tracker(data, 5).remove("entrant_id");
            ((ObjectNode) data.path("runners").get(2).path("odds")).putArray("fixed_win").add(6.5);
        });

        PollDocuments.PollWrites writes = build(event);

        assertThat(event.problems()).extracting(PayloadProblem::kind).containsExactlyInAnyOrder(
                PayloadProblem.Kind.RUNNER_ODDS, PayloadProblem.Kind.MONEY_TRACKER_ROW, PayloadProblem.Kind.HOLD_SUM);
        assertThat(writesOf(writes, RaceDaySchema.ENTRANTS)).hasSize(8);
        // 8 runners × 4 prices, less Dealers Choice's fixed win
        assertThat(writesOf(writes, RaceDaySchema.ODDS_HISTORY)).hasSize(31)
                .noneMatch(w -> w.attributes().get("entrantId").equals(DEALERS_CHOICE)
                        && w.attributes().get("type").equals("fixed_win"));
        assertThat(writesOf(writes, RaceDaySchema.RACE_POOLS)).singleElement().satisfies(w -> assertThat(
                w.attributes()).containsEntry("winPoolTotal", 915_138L).containsEntry("placePoolTotal", 392_351L));
        assertThat(writesOf(writes, RaceDaySchema.RACE_RESULTS)).hasSize(1);
        assertThat(writesOf(writes, RaceDaySchema.MONEY_FLOW_HISTORY)).hasSize(8);
        assertThat(moneyFlowOf(writes, TICKFORD)).containsEntry("holdPercentage", 18.5);
        // Frosbie's rows hold 13 %, 8 of it on the unreadable row: 5 % of 915138 = 45756.9 → 45757 cents
        assertThat(moneyFlowOf(writes, FROSBIE)).containsEntry("holdPercentage", 5.0)
                .containsEntry("winPoolAmount", 45_757L);
        assertThat(moneyFlowOf(writes, DEALERS_CHOICE)).doesNotContainKey("fixedWinOdds")
                .containsEntry("fixedPlaceOdds", 2.1);
    }

    private PollDocuments.PollWrites build(EventDetail event) {
        return documents.build(event, SIXTY_OUT, Optional.empty(), new RaceMemory(), new PollCounts(1, 1, 0));
    }

    private EventDetail edited(Consumer<ObjectNode> edit) {
        ObjectNode root = (ObjectNode) TabFixtures.readTree(FIXTURE);
        edit.accept((ObjectNode) root.path("data"));
        try {
            return parser.parseEvent(JSON.writeValueAsBytes(root), RACE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tracker(ObjectNode data, int index) {
        return (ObjectNode) data.path("money_tracker").path("entrants").get(index);
    }

    private static List<Write> writesOf(PollDocuments.PollWrites writes, String collection) {
        return writes.batch().writes().stream().filter(w -> w.collectionId().equals(collection)).toList();
    }

    private static Map<String, Object> moneyFlowOf(PollDocuments.PollWrites writes, String entrantId) {
        return writesOf(writes, RaceDaySchema.MONEY_FLOW_HISTORY).stream()
                .filter(w -> w.attributes().get("entrantId").equals(entrantId)).findFirst().orElseThrow().attributes();
    }
}
