package nz.raceday.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The layout of a simulated day, its specials and its determinism (ground truth; payloads are tested elsewhere). */
class SimulatedDayTest {

    /** 12:00 NZST on 2025-07-17, the day of the recordings. */
    static final Instant START = Instant.parse("2025-07-17T00:00:00Z");

    private final SimulatedDay day = SimulatedDay.create(SimulatorSettings.defaults(), START);

    @Test
    void shouldLayOutTwoKeptAndTwoFilteredOutMeetingsByDefault() {
        assertThat(day.meetings()).extracting(m -> m.country() + " " + m.category())
                .containsExactly("NZ T", "UK T", "AUS H", "AUS G");
        assertThat(day.importedMeetings()).extracting(m -> m.country() + " " + m.category())
                .containsExactly("NZ T", "AUS H");
        assertThat(day.meetings()).allSatisfy(m -> {
            assertThat(m.races()).hasSize(4);
            assertThat(m.races()).allSatisfy(r -> assertThat(r.runners()).hasSize(8));
            assertThat(m.categoryName()).isNotBlank();
        });
        assertThat(day.races()).hasSize(16);
        assertThat(day.importedRaces()).hasSize(8);
    }

    @Test
    void shouldCoverEveryKeptCombinationWithFourMeetings() {
        SimulatedDay four = SimulatedDay.create(SimulatorSettings.builder().meetings(4).otherMeetings(0).build(),
                START);

        assertThat(four.meetings()).extracting(m -> m.country() + " " + m.category())
                .containsExactly("NZ T", "AUS H", "AUS T", "NZ H");
        assertThat(four.meetings()).extracting(SimulatedMeeting::name).doesNotHaveDuplicates();
    }

    @Test
    void shouldLabelEveryMeetingWithTheNzRacingDayOfTheStart() {
        // 08:00 NZST on the 17th is still the 16th in UTC
        SimulatedDay morning = SimulatedDay.create(SimulatorSettings.defaults(), Instant.parse("2025-07-16T20:00:00Z"));
        // 23:30 NZDT on 2025-12-01 is 10:30 UTC the same day
        SimulatedDay summer = SimulatedDay.create(SimulatorSettings.defaults(), Instant.parse("2025-12-01T10:30:00Z"));

        assertThat(morning.racingDay()).isEqualTo(LocalDate.parse("2025-07-17"));
        assertThat(morning.meetings())
                .allSatisfy(m -> assertThat(m.racingDay()).isEqualTo(LocalDate.parse("2025-07-17")));
        assertThat(summer.racingDay()).isEqualTo(LocalDate.parse("2025-12-01"));
        assertThat(day.racingDay()).isEqualTo(LocalDate.parse("2025-07-17"));
    }

    @Test
    void shouldSpaceAdvertisedStartsInterleavedAcrossTheKeptMeetings() {
        List<SimulatedRace> kept = day.importedRaces();

        for (int slot = 0; slot < kept.size(); slot++) {
            SimulatedRace race = kept.get(slot);
            assertThat(race.originalAdvertisedStart()).isEqualTo(START.plus(Duration.ofMinutes(3))
                    .plus(Duration.ofSeconds(90L * slot)));
            assertThat(race.meeting()).isSameAs(day.importedMeetings().get(slot % 2));
            assertThat(race.raceNumber()).isEqualTo(slot / 2 + 1);
        }
    }

    @Test
    void shouldPutEachSpecialOnItsOwnKeptRaceAtTheDocumentedOffsets() {
        List<SimulatedRace> kept = day.importedRaces();
        SimulatedRace scratched = day.raceWith(Special.LATE_SCRATCHING).orElseThrow();
        SimulatedRace delayed = day.raceWith(Special.DELAYED_START).orElseThrow();
        SimulatedRace abandoned = day.raceWith(Special.ABANDONED).orElseThrow();
        SimulatedRace moved = day.raceWith(Special.MOVED_START).orElseThrow();

        assertThat(kept.get(0).special()).isEmpty();
        assertThat(scratched).isSameAs(kept.get(1));
        assertThat(scratched.scratchTime()).isEqualTo(START.plus(Duration.ofSeconds(150)));
        assertThat(scratched.lateScratchedRunner()).isPresent();
        assertThat(delayed).isSameAs(kept.get(2));
        assertThat(delayed.jumpTime()).isEqualTo(START.plus(Duration.ofMinutes(8)));
        assertThat(abandoned).isSameAs(kept.get(3));
        assertThat(abandoned.abandonedAt()).isEqualTo(START.plus(Duration.ofSeconds(390)));
        assertThat(abandoned.jumpTime()).isNull();
        assertThat(moved).isSameAs(kept.get(5));
        assertThat(moved.movedAt()).isEqualTo(START.plus(Duration.ofSeconds(30)));
        assertThat(moved.advertisedStartAt(moved.movedAt())).isEqualTo(START.plus(Duration.ofSeconds(810)));
        assertThat(day.races()).filteredOn(r -> r.special().isPresent()).hasSize(4)
                .allSatisfy(r -> assertThat(r.meeting().imported()).isTrue());
        assertThat(day.end()).isEqualTo(START.plus(Duration.ofSeconds(915)));
    }

    @Test
    void shouldFinishTheDefaultDayInAboutFifteenMinutes() {
        assertThat(Duration.between(day.start(), day.end())).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
        assertThat(day.races()).allSatisfy(r -> assertThat(r.statusAt(day.end())).isIn("Final", "Abandoned"));
        assertThat(day.races()).anySatisfy(r -> assertThat(r.statusAt(day.end().minusSeconds(1)))
                .isNotIn("Final", "Abandoned"));
    }

    @Test
    void shouldLeaveOutTheSpecialsADayHasNoRoomFor() {
        SimulatedDay small = SimulatedDay.create(SimulatorSettings.builder().meetings(1).racesPerMeeting(2).build(),
                START);

        assertThat(small.raceWith(Special.LATE_SCRATCHING)).isPresent();
        assertThat(small.raceWith(Special.DELAYED_START)).isEmpty();
        assertThat(small.raceWith(Special.ABANDONED)).isEmpty();
        assertThat(small.raceWith(Special.MOVED_START)).isEmpty();
    }

    @Test
    void shouldUseNameBasedIdsThatDependOnTheSeed() {
        SimulatedDay again = SimulatedDay.create(SimulatorSettings.defaults(), START.plus(Duration.ofHours(1)));
        SimulatedDay otherSeed = SimulatedDay.create(SimulatorSettings.defaults().withSeed(43), START);

        List<String> ids = allIds(day);
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> {
            assertThat(id).hasSize(36);
            assertThat(UUID.fromString(id).version()).isEqualTo(3);
        });
        // ids come from (seed, kind, indices), not from the start
        assertThat(allIds(again)).isEqualTo(ids);
        assertThat(allIds(otherSeed)).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void shouldGiveTheSameTruthForTheSameSeedAndStartAndAnotherForAnotherSeed() {
        SimulatedDay same = SimulatedDay.create(SimulatorSettings.defaults(), START.plusMillis(400));
        SimulatedDay otherSeed = SimulatedDay.create(SimulatorSettings.defaults().withSeed(7), START);
        Instant at = START.plus(Duration.ofSeconds(200));

        assertThat(same.start()).isEqualTo(START);
        for (int i = 0; i < day.races().size(); i++) {
            assertThat(same.races().get(i).stateAt(at)).isEqualTo(day.races().get(i).stateAt(at));
        }
        assertThat(names(otherSeed)).isNotEqualTo(names(day));
        assertThat(otherSeed.importedRaces().get(0).stateAt(at).runners())
                .extracting(RaceState.Runner::fixedWin)
                .isNotEqualTo(day.importedRaces().get(0).stateAt(at).runners().stream()
                        .map(RaceState.Runner::fixedWin).toList());
    }

    @Test
    void shouldFindRacesByIdAndRejectUnknownOnes() {
        SimulatedRace race = day.races().get(3);

        assertThat(day.race(race.id())).isSameAs(race);
        assertThat(day.findRace("nope")).isEmpty();
        assertThat(day.findMeeting(race.meeting().id())).containsSame(race.meeting());
        assertThatThrownBy(() -> day.race("0f57e087-00d9-4c61-9549-835abe2ae2ed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0f57e087-00d9-4c61-9549-835abe2ae2ed");
    }

    @Test
    void shouldTellWhatHappensWhenInTimeOrder() {
        List<SimulatedDay.TimelineEvent> timeline = day.timeline();

        assertThat(timeline).isSortedAccordingTo(java.util.Comparator.comparing(SimulatedDay.TimelineEvent::at));
        assertThat(timeline).extracting(SimulatedDay.TimelineEvent::description)
                .anySatisfy(d -> assertThat(d).startsWith("advertised start moves from 12:10:30 to 12:13:30"))
                .anySatisfy(d -> assertThat(d).endsWith("is late scratched"))
                .anySatisfy(d -> assertThat(d).isEqualTo("is abandoned"))
                .anySatisfy(d -> assertThat(d).isEqualTo("jumps (Closed), 2 min after its advertised start"));
        assertThat(timeline.get(timeline.size() - 1).at()).isEqualTo(day.end());
    }

    @Test
    void shouldGiveKeptMeetingsQuadrellasAndHarnessRacesTextBarriers() {
        SimulatedMeeting gallops = day.importedMeetings().get(0);
        SimulatedMeeting harness = day.importedMeetings().get(1);

        assertThat(gallops.earlyQuaddie()).containsExactly(1, 2, 3, 4);
        assertThat(harness.quaddie()).containsExactly(1, 2, 3, 4);
        assertThat(gallops.races().get(0).runners()).allSatisfy(r -> {
            assertThat(r.numericBarrier()).isTrue();
            assertThat(r.barrier()).matches("\\d+");
        });
        assertThat(harness.races().get(0).runners()).allSatisfy(r -> {
            assertThat(r.numericBarrier()).isFalse();
            assertThat(r.barrier()).matches("(Fr|Sr)\\d+");
        });
        SimulatedMeeting greyhounds = day.meetings().stream().filter(m -> m.category().equals("G")).findFirst()
                .orElseThrow();
        assertThat(greyhounds.imported()).isFalse();
        assertThat(greyhounds.races().get(0).runners()).extracting(SimulatedRunner::barrier)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }

    private static List<String> allIds(SimulatedDay day) {
        List<String> ids = new java.util.ArrayList<>();
        for (SimulatedMeeting meeting : day.meetings()) {
            ids.add(meeting.id());
            for (SimulatedRace race : meeting.races()) {
                ids.add(race.id());
                race.runners().forEach(r -> ids.add(r.entrantId()));
            }
        }
        return ids;
    }

    private static List<String> names(SimulatedDay day) {
        return day.races().stream().flatMap(r -> r.runners().stream()).map(SimulatedRunner::name).toList();
    }
}
