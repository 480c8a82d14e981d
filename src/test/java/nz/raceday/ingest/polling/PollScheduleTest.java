package nz.raceday.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-race plan with the default cadence, driven with hand-picked instants: which slot is due when, what is in
 * flight, what is missed and why, and when a race leaves the plan.
 */
class PollScheduleTest {

    private static final Instant START = Instant.parse("2025-07-17T00:50:00Z");
    private static final String RACE = "race-1";
    private static final String STILL_RUNNING = "previous poll of the race still running";

    private final PollSchedule schedule = new PollSchedule(PollingCadence.defaults());

    private static Instant t(String offset) {
        return RaceTimes.at(START, offset);
    }

    private static RaceSnapshot race(String id, Instant start, String status) {
        return new RaceSnapshot(id, start, status, 0, 0, 0);
    }

    /** Plans RACE at {@code planAt}, lets its first slot come due at {@code dueAt} and returns it (in flight). */
    private PollSlot dispatchFirst(String planAt, String dueAt) {
        schedule.plan(race(RACE, START, "Open"), t(planAt));
        return single(schedule.due(t(dueAt)));
    }

    private static PollSlot single(PollSchedule.Due due) {
        assertThat(due.missed()).isEmpty();
        assertThat(due.polls()).hasSize(1);
        return due.polls().get(0);
    }

    private void assertCountsInvariant(String raceId) {
        schedule.counts(raceId).ifPresent(c -> assertThat(c.planned())
                .as("planned = made + missed + in flight for %s", raceId)
                .isEqualTo(c.made() + c.missed() + schedule.inFlight()));
    }

    @Nested
    class Planning {

        @Test
        void shouldAddANewRaceWithItsFirstPollAtTheStartOfTheWindow() {
            assertThat(schedule.plan(race(RACE, START, "Open"), t("T-65:00"))).isEqualTo(PollSchedule.Planned.ADDED);

            assertThat(schedule.nextPollOf(RACE)).contains(t("T-60:00"));
            assertThat(schedule.nextDueTime()).contains(t("T-60:00"));
            assertThat(schedule.size()).isEqualTo(1);
            assertThat(schedule.counts(RACE)).contains(new PollCounts(0, 0, 0));
        }

        @Test
        void shouldAddARaceAlreadyInsideItsWindowWithItsFirstPollNow() {
            assertThat(schedule.plan(race(RACE, START, "Open"), t("T-37:30"))).isEqualTo(PollSchedule.Planned.ADDED);

            assertThat(schedule.nextPollOf(RACE)).contains(t("T-37:30"));
        }

        @Test
        void shouldMarkAFirstPollMadeAtOnceApartFromPollsPlannedAheadOnTheCadence() {
            // seen inside its window at T-2:00 (a start-up): polled at once, then on the 15 s grid
            PollSlot first = dispatchFirst("T-2:00", "T-2:00");
            schedule.completed(first, "Open", START, t("T-1:59"));
            PollSlot second = single(schedule.due(t("T-1:45")));

            assertThat(first.atOnce()).isTrue();
            assertThat(second.plannedAt()).isEqualTo(t("T-1:45"));
            assertThat(second.atOnce()).isFalse();
        }

        @Test
        void shouldNotMarkTheFirstPollAtTheStartOfTheWindowAsMadeAtOnce() {
            PollSlot first = dispatchFirst("T-65:00", "T-60:00");

            assertThat(first.plannedAt()).isEqualTo(t("T-60:00"));
            assertThat(first.atOnce()).isFalse();
        }

        @Test
        void shouldContinueTheGridOfARacePolledBeforeARestartOrAFailover() {
            RaceSnapshot polledJustNow = new RaceSnapshot(RACE, START, "Open", 40, 40, 0, t("T-02:29"));

            schedule.plan(polledJustNow, t("T-02:20"));

            // not again at once: the next 15 s grid point after the last poll
            assertThat(schedule.nextPollOf(RACE)).contains(t("T-02:15"));
        }

        @Test
        void shouldPollAtOnceARaceWhoseNextGridPointPassedWhileNobodyPolled() {
            RaceSnapshot polledLongAgo = new RaceSnapshot(RACE, START, "Open", 30, 30, 0, t("T-04:00"));

            schedule.plan(polledLongAgo, t("T-02:20"));

            assertThat(schedule.nextPollOf(RACE)).contains(t("T-02:20"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Final", "final", "Finalized", "Abandoned"})
        void shouldNotPlanAFinishedRace(String status) {
            assertThat(schedule.plan(race(RACE, START, status), t("T-30:00"))).isEqualTo(PollSchedule.Planned.NOT_ACTIVE);

            assertThat(schedule.size()).isZero();
            assertThat(schedule.nextDueTime()).isEmpty();
        }

        @Test
        void shouldNotPlanARaceGivenUp() {
            assertThat(schedule.plan(race(RACE, START, "Closed"), t("T+120:01")))
                    .isEqualTo(PollSchedule.Planned.NOT_ACTIVE);
            assertThat(schedule.size()).isZero();
        }

        @Test
        void shouldLeaveAnUnchangedRaceAsPlanned() {
            schedule.plan(race(RACE, START, "Open"), t("T-65:00"));

            assertThat(schedule.plan(race(RACE, START, "Open"), t("T-64:00"))).isEqualTo(PollSchedule.Planned.UNCHANGED);
            assertThat(schedule.plan(race(RACE, START, "OPEN"), t("T-63:00"))).isEqualTo(PollSchedule.Planned.UNCHANGED);
            assertThat(schedule.nextPollOf(RACE)).contains(t("T-60:00"));
        }

        @Test
        void shouldReplanAStoredRaceWhoseStartMovedOnTheNewGrid() {
            PollSlot slot = dispatchFirst("T-65:00", "T-60:00");
            schedule.completed(slot, "Open", START, t("T-60:00"));
            assertThat(schedule.nextPollOf(RACE)).contains(t("T-55:00"));

            // the daily import moved the start 30 minutes later
            Instant moved = START.plus(Duration.ofMinutes(30));
            assertThat(schedule.plan(race(RACE, moved, "Open"), t("T-58:00"))).isEqualTo(PollSchedule.Planned.REPLANNED);

            // the last poll (old T-60) is new T-90: the next is the new window's first point, old T-30
            assertThat(schedule.nextPollOf(RACE)).contains(RaceTimes.at(moved, "T-60:00")).contains(t("T-30:00"));
        }

        @Test
        void shouldReplanAtOnceWhenTheNewGridPointHasAlreadyPassed() {
            PollSlot slot = dispatchFirst("T-65:00", "T-60:00");
            schedule.completed(slot, "Open", START, t("T-60:00"));

            // a minute later: old T-60 is new T-61, so the new T-60 (old T-59) has passed at old T-58
            Instant moved = START.plus(Duration.ofMinutes(1));
            assertThat(schedule.plan(race(RACE, moved, "Open"), t("T-58:00"))).isEqualTo(PollSchedule.Planned.REPLANNED);

            assertThat(schedule.nextPollOf(RACE)).contains(t("T-58:00"));
        }

        @Test
        void shouldReplanARaceNotPolledYetFromNow() {
            schedule.plan(race(RACE, START, "Open"), t("T-90:00"));
            Instant moved = START.plus(Duration.ofMinutes(15));

            assertThat(schedule.plan(race(RACE, moved, "Open"), t("T-89:00"))).isEqualTo(PollSchedule.Planned.REPLANNED);

            assertThat(schedule.nextPollOf(RACE)).contains(RaceTimes.at(moved, "T-60:00"));
        }

        @Test
        void shouldPollAtOnceARaceNotPolledYetWhoseStartMovedIntoItsWindow() {
            schedule.plan(race(RACE, START, "Open"), t("T-90:00"));
            // brought forward by 40 minutes: at T-89 of the old start it is 49 minutes away
            Instant moved = START.minus(Duration.ofMinutes(40));

            assertThat(schedule.plan(race(RACE, moved, "Open"), t("T-89:00"))).isEqualTo(PollSchedule.Planned.REPLANNED);

            assertThat(schedule.nextPollOf(RACE)).contains(t("T-89:00"));
        }

        @Test
        void shouldReplanWhenTheStoredStatusChanged() {
            PollSlot slot = dispatchFirst("T-2:00", "T-2:00");
            schedule.completed(slot, "Open", START, t("T-2:00"));
            assertThat(schedule.nextPollOf(RACE)).contains(t("T-1:45"));

            assertThat(schedule.plan(race(RACE, START, "Closed"), t("T-1:50"))).isEqualTo(PollSchedule.Planned.REPLANNED);

            // Closed: 30 s after the last planned poll
            assertThat(schedule.nextPollOf(RACE)).contains(t("T-1:30"));
        }

        @Test
        void shouldRemoveARaceTheStoreSeesFinished() {
            schedule.plan(race(RACE, START, "Open"), t("T-65:00"));

            assertThat(schedule.plan(race(RACE, START, "Abandoned"), t("T-64:00")))
                    .isEqualTo(PollSchedule.Planned.NOT_ACTIVE);
            assertThat(schedule.size()).isZero();
        }

        @Test
        void shouldLeaveARaceWhosePollIsInFlightToThatPoll() {
            dispatchFirst("T-65:00", "T-60:00");

            assertThat(schedule.plan(race(RACE, START.plus(Duration.ofMinutes(10)), "Open"), t("T-59:59")))
                    .isEqualTo(PollSchedule.Planned.UNCHANGED);
            assertThat(schedule.plan(race(RACE, START, "Final"), t("T-59:59")))
                    .isEqualTo(PollSchedule.Planned.UNCHANGED);
            assertThat(schedule.size()).isEqualTo(1);
            assertThat(schedule.inFlight()).isEqualTo(1);
        }

        @Test
        void shouldContinueTheStoredCountsOfARaceAfterARestart() {
            schedule.plan(new RaceSnapshot(RACE, START, "Open", 12, 11, 1), t("T-12:30"));

            PollSlot slot = single(schedule.due(t("T-12:30")));
            assertThat(schedule.counts(RACE)).contains(new PollCounts(13, 11, 1));
            PollSchedule.Completion done = schedule.completed(slot, "Open", START, t("T-12:30"));

            assertThat(done.counts()).isEqualTo(new PollCounts(13, 12, 1));
        }
    }

    @Nested
    class Due {

        @Test
        void shouldNotHandOutASlotBeforeItsPlannedTime() {
            schedule.plan(race(RACE, START, "Open"), t("T-65:00"));

            PollSchedule.Due early = schedule.due(t("T-60:00").minusMillis(1));

            assertThat(early.polls()).isEmpty();
            assertThat(early.missed()).isEmpty();
            assertThat(schedule.counts(RACE)).contains(new PollCounts(0, 0, 0));
        }

        @Test
        void shouldHandOutASlotAtItsPlannedTime() {
            PollSlot slot = dispatchFirst("T-65:00", "T-60:00");

            assertThat(slot.raceId()).isEqualTo(RACE);
            assertThat(slot.plannedAt()).isEqualTo(t("T-60:00"));
            assertThat(slot.dispatchedAt()).isEqualTo(t("T-60:00"));
            assertThat(slot.lateness()).isZero();
            assertThat(slot.status()).isEqualTo("Open");
            assertThat(slot.advertisedStart()).isEqualTo(START);
            // retries of this poll stop when the next slot begins
            assertThat(slot.deadline()).isEqualTo(t("T-55:00"));
        }

        @Test
        void shouldKeepThePlannedTimeOfASlotHandedOutLate() {
            PollSlot slot = dispatchFirst("T-65:00", "T-59:58");

            assertThat(slot.plannedAt()).isEqualTo(t("T-60:00"));
            assertThat(slot.dispatchedAt()).isEqualTo(t("T-59:58"));
            assertThat(slot.lateness()).isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        void shouldMarkTheSlotInFlightAndNotHandItOutAgain() {
            dispatchFirst("T-65:00", "T-60:00");

            assertThat(schedule.due(t("T-60:00")).polls()).isEmpty();
            assertThat(schedule.due(t("T-59:00")).polls()).isEmpty();
            assertThat(schedule.inFlight()).isEqualTo(1);
            assertThat(schedule.nextDueTime()).isEmpty();
            assertThat(schedule.counts(RACE)).contains(new PollCounts(1, 0, 0));
            assertCountsInvariant(RACE);
        }

        @Test
        void shouldGiveAClosedSlotADeadlineThirtySecondsOn() {
            schedule.plan(race(RACE, START, "Closed"), t("T+1:00"));

            assertThat(single(schedule.due(t("T+1:00"))).deadline()).isEqualTo(t("T+1:30"));
        }

        @Test
        void shouldHandOutEveryRaceDueAtTheSameMomentInPlannedOrder() {
            Instant otherStart = START.plus(Duration.ofMinutes(3));
            schedule.plan(race("b", otherStart, "Open"), t("T-65:00"));
            schedule.plan(race("a", START, "Open"), t("T-65:00"));
            schedule.plan(race("c", START.plus(Duration.ofMinutes(30)), "Open"), t("T-65:00"));

            PollSchedule.Due due = schedule.due(t("T-57:00"));

            // a at T-60 (old), b at its own T-60 = T-57; c's window opens later
            assertThat(due.polls()).extracting(PollSlot::raceId).containsExactly("a", "b");
            assertThat(due.polls()).extracting(PollSlot::plannedAt)
                    .containsExactly(t("T-60:00"), RaceTimes.at(otherStart, "T-60:00"));
            assertThat(schedule.inFlight()).isEqualTo(2);
            assertThat(schedule.nextDueTime()).contains(t("T-30:00"));
        }

        /**
         * The class contract: a slot coming due while the race's previous poll still runs is missed at once, and the
         * plan moves on. Today the race has no planned slot at all while in flight ({@code due()} sets {@code nextAt}
         * to null), so nothing is reported until the poll ends ({@link Completion} counts the passed slots then).
         */
        @Test
        void shouldCountASlotComingDueWhileThePollIsInFlightAsMissed() {
            PollSlot slot = dispatchFirst("T-65:00", "T-60:00");

            PollSchedule.Due due = schedule.due(t("T-55:00"));

            assertThat(due.polls()).isEmpty();
            assertThat(due.missed()).containsExactly(new MissedPoll(RACE, t("T-55:00"), STILL_RUNNING));
            assertThat(schedule.nextPollOf(RACE)).contains(t("T-50:00"));
            assertThat(schedule.counts(RACE)).contains(new PollCounts(2, 0, 1));

            // and the slot is not counted a second time when the slow poll ends
            PollSchedule.Completion done = schedule.completed(slot, "Open", START, t("T-54:00"));
            assertThat(done.missed()).isEmpty();
            assertThat(done.nextAt()).isEqualTo(t("T-50:00"));
            assertThat(done.counts()).isEqualTo(new PollCounts(2, 1, 1));
        }
    }

    @Nested
    class OffGridPolls {

        /** Planned at once 2 ms before a 15 s grid point (a restart or a takeover at that moment). */
        private PollSlot firstPollJustBeforeAGridPoint() {
            Instant now = t("T-04:45").minusMillis(2);
            schedule.plan(race(RACE, START, "Open"), now);
            return single(schedule.due(now));
        }

        @Test
        void shouldLetAnOffGridPollCoverAGridPointJustAfterIt() {
            PollSlot first = firstPollJustBeforeAGridPoint();

            // the grid point comes due while the first poll still runs: neither a second poll nor a missed slot
            PollSchedule.Due meanwhile = schedule.due(t("T-04:45").plusMillis(100));
            PollSchedule.Completion done = schedule.completed(first, "Open", START, t("T-04:45").plusMillis(200));

            assertThat(meanwhile.polls()).isEmpty();
            assertThat(meanwhile.missed()).isEmpty();
            assertThat(done.missed()).isEmpty();
            assertThat(done.nextAt()).isEqualTo(t("T-04:30"));
            assertThat(done.counts()).isEqualTo(new PollCounts(1, 1, 0));
            assertThat(first.deadline()).isEqualTo(t("T-04:30"));
        }

        @Test
        void shouldKeepAGridPointMoreThanAQuarterOfAnIntervalAfterAnOffGridPoll() {
            Instant now = t("T-04:45").minusSeconds(4);
            schedule.plan(race(RACE, START, "Open"), now);
            PollSlot first = single(schedule.due(now));

            PollSchedule.Completion done = schedule.completed(first, "Open", START, now.plusMillis(200));

            assertThat(done.nextAt()).isEqualTo(t("T-04:45"));
        }

        @Test
        void shouldNeverSkipAPointOfTheGridItself() {
            // on the grid, the jump (T-0) follows T-0:15 and the Open-after-start grid follows the jump
            schedule.plan(new RaceSnapshot(RACE, START, "Open", 40, 40, 0, t("T-00:30")), t("T-00:20"));
            PollSlot atFifteen = single(schedule.due(t("T-00:15")));
            assertThat(schedule.completed(atFifteen, "Open", START, t("T-00:15")).nextAt()).isEqualTo(t("T-00:00"));
            PollSlot atJump = single(schedule.due(t("T-00:00")));
            assertThat(schedule.completed(atJump, "Open", START, t("T-00:00")).nextAt()).isEqualTo(t("T+00:15"));
        }
    }

    @Nested
    class LostPolls {

        @Test
        void shouldReleaseARaceWhosePollNeverReportedBackAndCountItMissed() {
            PollSlot lost = dispatchFirst("T-61:00", "T-60:00");

            PollSchedule.Due later = schedule.due(t("T-60:00").plus(PollSchedule.LOST_AFTER).plusSeconds(1));

            assertThat(later.missed()).extracting(MissedPoll::reason).contains("poll lost: no result after 5 min");
            assertThat(later.missed()).extracting(MissedPoll::plannedAt).contains(lost.plannedAt());
            // the race is polled again instead of staying in flight for ever
            assertThat(later.polls()).extracting(PollSlot::raceId).containsExactly(RACE);
        }
    }

    @Nested
    class Completion {

        @Test
        void shouldPlanTheNextGridPointAndCountThePollMade() {
            PollSlot slot = dispatchFirst("T-65:00", "T-60:00");

            PollSchedule.Completion done = schedule.completed(slot, "Open", START, t("T-59:58"));

            assertThat(done.finished()).isFalse();
            assertThat(done.missed()).isEmpty();
            assertThat(done.nextAt()).isEqualTo(t("T-55:00"));
            assertThat(done.counts()).isEqualTo(new PollCounts(1, 1, 0));
            assertThat(schedule.nextPollOf(RACE)).contains(t("T-55:00"));
            assertThat(schedule.inFlight()).isZero();
            assertCountsInvariant(RACE);
        }

        @Test
        void shouldPollTheLatestOverdueGridPointAtOnceAfterASlowPollAndCountTheOthersMissed() {
            PollSlot slot = dispatchFirst("T-12:00", "T-12:00");

            // the poll took until T-6:30: T-10, T-9, T-8 and T-7 have passed
            PollSchedule.Completion done = schedule.completed(slot, "Open", START, t("T-6:30"));

            assertThat(done.missed()).containsExactly(
                    new MissedPoll(RACE, t("T-10:00"), STILL_RUNNING),
                    new MissedPoll(RACE, t("T-9:00"), STILL_RUNNING),
                    new MissedPoll(RACE, t("T-8:00"), STILL_RUNNING));
            assertThat(done.nextAt()).isEqualTo(t("T-7:00"));
            assertThat(done.counts()).isEqualTo(new PollCounts(4, 1, 3));
            assertCountsInvariant(RACE);

            PollSlot late = single(schedule.due(t("T-6:30")));
            assertThat(late.plannedAt()).isEqualTo(t("T-7:00"));
            assertThat(late.lateness()).isEqualTo(Duration.ofSeconds(30));
            assertThat(schedule.counts(RACE)).contains(new PollCounts(5, 1, 3));
        }

        @Test
        void shouldNotCountTheSlotBeginningExactlyWhenThePollEndsAsMissed() {
            PollSlot slot = dispatchFirst("T-12:00", "T-12:00");

            PollSchedule.Completion done = schedule.completed(slot, "Open", START, t("T-10:00"));

            assertThat(done.missed()).isEmpty();
            assertThat(done.nextAt()).isEqualTo(t("T-10:00"));
        }

        @Test
        void shouldCountSlotsPassedWhileThePollWasInFlightWhenItEnds() {
            PollSlot slot = dispatchFirst("T-65:00", "T-60:00");

            PollSchedule.Completion done = schedule.completed(slot, "Open", START, t("T-49:00"));

            assertThat(done.missed()).containsExactly(new MissedPoll(RACE, t("T-55:00"), STILL_RUNNING));
            assertThat(done.nextAt()).isEqualTo(t("T-50:00"));
            assertThat(done.counts()).isEqualTo(new PollCounts(2, 1, 1));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Final", "final", "Finalized", "Abandoned"})
        void shouldRemoveTheRaceAtAFinalStatus(String status) {
            PollSlot slot = dispatchFirst("T+1:00", "T+1:00");

            PollSchedule.Completion done = schedule.completed(slot, status, START, t("T+1:01"));

            assertThat(done.finished()).isTrue();
            assertThat(done.nextAt()).isNull();
            assertThat(done.missed()).isEmpty();
            assertThat(done.counts()).isEqualTo(new PollCounts(1, 1, 0));
            assertThat(schedule.size()).isZero();
            assertThat(schedule.nextDueTime()).isEmpty();
        }

        @Test
        void shouldRemoveTheRaceAtTheGiveUpTime() {
            schedule.plan(race(RACE, START, "Closed"), t("T+119:40"));
            PollSlot slot = single(schedule.due(t("T+119:40")));

            PollSchedule.Completion done = schedule.completed(slot, "Closed", START, t("T+119:41"));

            // T+120:10 would be past the give-up time
            assertThat(done.finished()).isTrue();
            assertThat(schedule.size()).isZero();
        }

        @Test
        void shouldReplanAMovedStartOnTheNewGrid() {
            PollSlot slot = dispatchFirst("T-10:00", "T-10:00");
            Instant moved = START.plus(Duration.ofMinutes(30));

            PollSchedule.Completion done = schedule.completed(slot, "Open", moved, t("T-9:58"));

            // old T-10 is new T-40: the next is new T-35 (old T-5), not old T-9
            assertThat(done.nextAt()).isEqualTo(RaceTimes.at(moved, "T-35:00")).isEqualTo(t("T-5:00"));
            assertThat(done.missed()).isEmpty();
            assertThat(done.finished()).isFalse();
        }

        @Test
        void shouldPollAtOnceWhenTheMovedStartsNextGridPointHasPassed() {
            PollSlot slot = dispatchFirst("T-10:00", "T-10:00");
            Instant moved = START.plus(Duration.ofSeconds(15));

            // old T-10 is new T-10:15, so new T-10 (old T-9:45) passed while the poll ran
            PollSchedule.Completion done = schedule.completed(slot, "Open", moved, t("T-9:30"));

            assertThat(done.nextAt()).isEqualTo(t("T-9:30"));
            assertThat(done.missed()).isEmpty();
            PollSlot next = single(schedule.due(t("T-9:30")));
            assertThat(next.advertisedStart()).isEqualTo(moved);
            assertThat(schedule.completed(next, "Open", moved, t("T-9:30")).nextAt())
                    .isEqualTo(RaceTimes.at(moved, "T-9:00"));
        }

        @Test
        void shouldPollAClosedRaceThirtySecondsAfterThePlannedSlot() {
            PollSlot slot = dispatchFirst("T-0", "T-0");

            assertThat(schedule.completed(slot, "Closed", START, t("T+0:02")).nextAt()).isEqualTo(t("T+0:30"));
        }

        @Test
        void shouldFinishAPollOfARaceNoLongerPlanned() {
            PollSlot slot = new PollSlot("unknown", t("T-1:00"), t("T-1:00"), t("T-0:45"), "Open", START);

            PollSchedule.Completion done = schedule.completed(slot, "Open", START, t("T-1:00"));

            assertThat(done.finished()).isTrue();
            assertThat(done.counts()).isEqualTo(new PollCounts(1, 1, 0));
        }
    }

    @Nested
    class Failure {

        @Test
        void shouldCountAFailedPollMissedAndContinue() {
            PollSlot slot = dispatchFirst("T-65:00", "T-60:00");

            PollSchedule.Completion done = schedule.failed(slot, "TAB answered HTTP 503", t("T-59:50"));

            assertThat(done.missed()).containsExactly(new MissedPoll(RACE, t("T-60:00"), "TAB answered HTTP 503"));
            assertThat(done.nextAt()).isEqualTo(t("T-55:00"));
            assertThat(done.finished()).isFalse();
            assertThat(done.counts()).isEqualTo(new PollCounts(1, 0, 1));
            assertThat(schedule.inFlight()).isZero();
            assertCountsInvariant(RACE);
        }

        @Test
        void shouldCountTheSlotsPassedDuringALongFailureMissedToo() {
            PollSlot slot = dispatchFirst("T-1:00", "T-1:00");

            PollSchedule.Completion done = schedule.failed(slot, "Read timed out", t("T-0:20"));

            assertThat(done.missed()).containsExactly(
                    new MissedPoll(RACE, t("T-1:00"), "Read timed out"),
                    new MissedPoll(RACE, t("T-0:45"), STILL_RUNNING));
            assertThat(done.nextAt()).isEqualTo(t("T-0:30"));
            assertThat(done.counts()).isEqualTo(new PollCounts(2, 0, 2));
        }

        @Test
        void shouldFinishAFailedPollOfARaceNoLongerPlanned() {
            PollSlot slot = new PollSlot("unknown", t("T-1:00"), t("T-1:00"), t("T-0:45"), "Open", START);

            PollSchedule.Completion done = schedule.failed(slot, "boom", t("T-1:00"));

            assertThat(done.finished()).isTrue();
            assertThat(done.counts()).isEqualTo(new PollCounts(1, 0, 1));
            assertThat(done.missed()).containsExactly(new MissedPoll("unknown", t("T-1:00"), "boom"));
        }
    }

    @Nested
    class Retaining {

        @Test
        void shouldDropRacesNoLongerActiveButKeepThoseInFlight() {
            schedule.plan(race("kept", START, "Open"), t("T-65:00"));
            schedule.plan(race("in-flight", START.minus(Duration.ofMinutes(30)), "Open"), t("T-65:00"));
            schedule.plan(race("dropped", START, "Open"), t("T-65:00"));
            assertThat(single(schedule.due(t("T-65:00"))).raceId()).isEqualTo("in-flight");

            List<String> dropped = schedule.retainOnly(Set.of("kept"));

            assertThat(dropped).containsExactly("dropped");
            assertThat(schedule.size()).isEqualTo(2);
            assertThat(schedule.nextPollOf("kept")).contains(t("T-60:00"));
            assertThat(schedule.counts("in-flight")).isPresent();
            assertThat(schedule.counts("dropped")).isEmpty();
        }

        @Test
        void shouldDropAnInFlightRaceOnceItsPollHasEnded() {
            PollSlot slot = dispatchFirst("T-65:00", "T-60:00");
            assertThat(schedule.retainOnly(Set.of())).isEmpty();
            schedule.completed(slot, "Open", START, t("T-60:00"));

            assertThat(schedule.retainOnly(Set.of())).containsExactly(RACE);
            assertThat(schedule.size()).isZero();
        }
    }

    /**
     * A race followed from T-65 to Final: the clock jumps to each next due time, the poll is made at once, and TAB
     * reports the status of the moment. Expected polls are written out by hand from the cadence table.
     */
    @Nested
    class FollowingARaceToFinal {

        /** T-60..T-20 every 5 min (9), T-18..T-10 every 2 min (5), T-9..T-5 every min (5), T-4:45..T-0:15 (19). */
        private static final List<String> BEFORE_THE_JUMP = List.of(
                "T-60:00", "T-55:00", "T-50:00", "T-45:00", "T-40:00", "T-35:00", "T-30:00", "T-25:00", "T-20:00",
                "T-18:00", "T-16:00", "T-14:00", "T-12:00", "T-10:00",
                "T-9:00", "T-8:00", "T-7:00", "T-6:00", "T-5:00",
                "T-4:45", "T-4:30", "T-4:15", "T-4:00", "T-3:45", "T-3:30", "T-3:15", "T-3:00", "T-2:45", "T-2:30",
                "T-2:15", "T-2:00", "T-1:45", "T-1:30", "T-1:15", "T-1:00", "T-0:45", "T-0:30", "T-0:15");

        @Test
        void shouldMakeExactlyThePollsOfTheCadenceTableForARaceJumpingOnTime() {
            // Open before the start, Closed for 60 s, Interim for 60 s, then Final
            List<String> polls = follow(now -> now.isBefore(START) ? "Open"
                    : now.isBefore(t("T+1:00")) ? "Closed"
                    : now.isBefore(t("T+2:00")) ? "Interim" : "Final");

            List<String> expected = new ArrayList<>(BEFORE_THE_JUMP);
            // jump: Closed at T-0 and T+0:30, Interim at T+1:00 and T+1:30, Final at T+2:00
            expected.addAll(List.of("T-0", "T+0:30", "T+1:00", "T+1:30", "T+2:00"));
            assertThat(BEFORE_THE_JUMP).hasSize(9 + 5 + 5 + 19);
            assertThat(polls).containsExactlyElementsOf(expected).hasSize(43);
        }

        @Test
        void shouldKeepTheFifteenSecondCadenceWhileADelayedRaceIsStillOpen() {
            // still Open 45 s after the advertised start, Closed 60 s, Interim 60 s, then Final
            List<String> polls = follow(now -> now.isBefore(t("T+0:45")) ? "Open"
                    : now.isBefore(t("T+1:45")) ? "Closed"
                    : now.isBefore(t("T+2:45")) ? "Interim" : "Final");

            List<String> expected = new ArrayList<>(BEFORE_THE_JUMP);
            expected.addAll(List.of("T-0", "T+0:15", "T+0:30", "T+0:45", "T+1:15", "T+1:45", "T+2:15", "T+2:45"));
            assertThat(polls).containsExactlyElementsOf(expected).hasSize(46);
        }

        /** Runs the loop and returns the planned times of the polls made, as offsets; asserts none was missed. */
        private List<String> follow(Function<Instant, String> statusAt) {
            Instant now = t("T-65:00");
            assertThat(schedule.plan(race(RACE, START, "Open"), now)).isEqualTo(PollSchedule.Planned.ADDED);
            List<String> polls = new ArrayList<>();
            PollSchedule.Completion last = null;
            for (int guard = 0; guard < 500 && schedule.nextDueTime().isPresent(); guard++) {
                now = schedule.nextDueTime().get();
                PollSchedule.Due due = schedule.due(now);
                assertThat(due.missed()).isEmpty();
                assertThat(due.polls()).hasSize(1);
                PollSlot slot = due.polls().get(0);
                assertThat(slot.plannedAt()).isEqualTo(now);
                assertCountsInvariant(RACE);
                polls.add(RaceTimes.offset(START, slot.plannedAt()));
                last = schedule.completed(slot, statusAt.apply(now), START, now);
                assertThat(last.missed()).isEmpty();
                assertCountsInvariant(RACE);
            }
            assertThat(last).isNotNull();
            assertThat(last.finished()).isTrue();
            assertThat(last.counts()).isEqualTo(new PollCounts(polls.size(), polls.size(), 0));
            assertThat(schedule.size()).isZero();
            return polls;
        }
    }

    /** Readiness: a race without a successful poll for over twice its interval has stalled. */
    @Nested
    class Stalls {

        @Test
        void shouldNotCountARaceWhosePollsHaveNotBegun() {
            schedule.plan(race(RACE, START, "Open"), t("T-65:00"));

            assertThat(schedule.stalled(t("T-61:00"))).isEmpty();
        }

        @Test
        void shouldCountARaceWhosePollHangsForOverTwoIntervals() {
            PollSlot slot = dispatchFirst("T-06:00", "T-06:00");
            // the 1-minute band: the poll dispatched at T-6 never returns
            assertThat(schedule.stalled(t("T-04:30"))).isEmpty();

            List<PollSchedule.Stall> stalled = schedule.stalled(t("T-03:59"));

            assertThat(stalled).singleElement().satisfies(s -> {
                assertThat(s.raceId()).isEqualTo(RACE);
                assertThat(s.since()).isEqualTo(t("T-06:00"));
                assertThat(s.inFlight()).isTrue();
            });
            assertThat(slot.raceId()).isEqualTo(RACE);
        }

        @Test
        void shouldCountARaceWhosePollsKeepFailing() {
            PollSlot first = dispatchFirst("T-02:00", "T-02:00");
            schedule.completed(first, "Open", START, t("T-01:59"));
            for (String at : List.of("T-01:45", "T-01:30")) {
                PollSlot slot = single(schedule.due(t(at)));
                schedule.failed(slot, "TAB answered HTTP 503", t(at));
            }
            // 15 s polls: at T-01:29 the last success (T-01:59) is exactly two intervals old, a second later more
            assertThat(schedule.stalled(t("T-01:29"))).isEmpty();
            assertThat(schedule.stalled(t("T-01:28"))).singleElement()
                    .satisfies(s -> assertThat(s.interval()).isEqualTo(Duration.ofSeconds(15)));
        }

        @Test
        void shouldClearOnceAPollSucceeds() {
            PollSlot first = dispatchFirst("T-02:00", "T-02:00");
            schedule.failed(first, "timeout", t("T-01:50"));
            PollSlot second = single(schedule.due(t("T-01:45")));
            assertThat(schedule.stalled(t("T-01:25"))).hasSize(1);

            schedule.completed(second, "Open", START, t("T-01:25"));

            assertThat(schedule.stalled(t("T-01:25"))).isEmpty();
        }
    }
}
