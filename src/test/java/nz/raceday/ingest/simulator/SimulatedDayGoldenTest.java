package nz.raceday.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pins every number the simulator produces: a SHA-256 over the ground truth ({@link RaceState}, full precision) and
 * the rendered meetings and event responses of two small days at many instants (every phase, the specials, and
 * at and just before each timeline event). The simulator is deterministic from its seed, so a refactoring must keep
 * these hashes; a deliberate change to the model records new ones (and says so in its commit).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SimulatedDayGoldenTest {

    private static final Instant START = Instant.parse("2025-07-17T00:00:00Z");
    private static final String DAY_QUERY = "date_from=2025-07-17&date_to=2025-07-17";
    private static final String ALL_FLAGS = "with_money_tracker=true&with_tote_trends_data=true&with_big_bets=true"
            + "&with_live_bets=true&with_biggest_bet=true&with_will_pays=true";

    @Test
    void shouldProduceTheRecordedDefaultDay() {
        assertThat(hash(SimulatedDay.create(SimulatorSettings.defaults(), START)))
                .isEqualTo("5ed08db77a8d11e6bfad3c8d2756df396f16565b5f4d33e7f2388f2c2aca4ce5");
    }

    @Test
    void shouldProduceTheRecordedDayWithBigAndSmallFieldsAndAnotherSeed() {
        // 14 runners and 3-runner fields exercise the other places-paid rules; another seed, other draws
        SimulatorSettings big = SimulatorSettings.builder().meetings(3).otherMeetings(1).racesPerMeeting(3)
                .runnersPerRace(14).seed(7).build();
        SimulatorSettings small = SimulatorSettings.builder().meetings(1).otherMeetings(1).racesPerMeeting(2)
                .runnersPerRace(3).seed(11).build();
        assertThat(hash(SimulatedDay.create(big, START)) + " " + hash(SimulatedDay.create(small, START)))
                .isEqualTo("fc21a54d35de8398c7f1dafad27bf6438f66e34ee0c2452e023dca099faa31df"
                        + " ba5558b0b8f02401fe5390846563765d30e1769f565956ddc611fbe6a07c2de6");
    }

    private static String hash(SimulatedDay day) {
        SimulatedPayloads payloads = new SimulatedPayloads(day);
        MessageDigest digest = sha256();
        for (Instant at : instants(day)) {
            update(digest, payloads.meetings(DAY_QUERY, at));
            for (SimulatedRace race : day.races()) {
                digest.update(race.stateAt(at).toString().getBytes(StandardCharsets.UTF_8));
                update(digest, payloads.event(race.id(), ALL_FLAGS, at));
                update(digest, payloads.event(race.id(), "", at));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every 37 s (off the 15 s ticks) from before the start to after the end, and each event and 1 ms before it. */
    private static List<Instant> instants(SimulatedDay day) {
        List<Instant> instants = new ArrayList<>();
        for (Instant at = day.start().minusSeconds(30); !at.isAfter(day.end().plusSeconds(90));
                at = at.plusSeconds(37)) {
            instants.add(at);
        }
        for (SimulatedDay.TimelineEvent event : day.timeline()) {
            instants.add(event.at().minusMillis(1));
            instants.add(event.at());
        }
        return instants;
    }

    private static void update(MessageDigest digest, SimulatedPayloads.Response response) {
        digest.update(Integer.toString(response.status()).getBytes(StandardCharsets.UTF_8));
        digest.update(response.body());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
