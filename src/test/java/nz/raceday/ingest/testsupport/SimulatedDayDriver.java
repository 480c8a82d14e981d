package nz.raceday.ingest.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.simulator.SimulatedDay;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/**
 * Follows a simulated racing day through the real poller routes without sleeping: moves the clock to the next due
 * poll or planner minute, triggers the planner ({@code direct:race-poll-planner}) as Quartz would, wakes the
 * polling cycles waiting in their delay step (their waits were computed from the clock before it moved), and waits
 * until every cycle waits again for an instant still ahead.
 */
public final class SimulatedDayDriver {

    private static final Duration SAFETY = Duration.ofMinutes(15);

    private final ProducerTemplate template;
    private final MutableClock clock;
    private final SimulatedDay day;
    private final RacePolling polling;
    private Instant nextPlanning;
    private int plannerFailures;

    public SimulatedDayDriver(CamelContext context, ProducerTemplate template, MutableClock clock, SimulatedDay day) {
        this.template = template;
        this.clock = clock;
        this.day = day;
        this.polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
        this.nextPlanning = clock.instant();
    }

    /** Follows the day until every race is done. */
    public void followTheDay() {
        followUntil(day.end().plus(SAFETY));
    }

    /** Follows the day up to (not past) the given instant, or until every race is done. */
    public void followUntil(Instant stopAt) {
        while (true) {
            Optional<Instant> due = polling.schedule().nextDueTime();
            if (due.isEmpty() && polling.schedule().size() == 0 && !nextPlanning.isBefore(day.end())) {
                return;
            }
            Instant planning = nextPlanning;
            Instant next = due.filter(d -> d.isBefore(planning)).orElse(planning);
            // before the stop check: following the whole day must fail, not stop quietly, when the day overruns
            if (!next.isBefore(day.end().plus(SAFETY))) {
                throw new AssertionError("the day should be over by " + next);
            }
            if (next.isAfter(stopAt)) {
                return;
            }
            clock.set(next);
            if (next.equals(nextPlanning)) {
                try {
                    template.sendBody("direct:race-poll-planner", null);
                } catch (CamelExecutionException e) {
                    // Quartz logs a failed run and fires again next minute; so does this driver
                    plannerFailures++;
                }
                nextPlanning = nextPlanning.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
            }
            settle(polling);
        }
    }

    /**
     * Wakes the cycles and waits until each waits for an instant still ahead, with no poll in flight. Woken again
     * while waiting: a cycle that computed its wait just before a wake sleeps through it.
     */
    public static void settle(RacePolling polling) {
        polling.wakeCycles();
        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(30)).until(() -> {
            if (polling.cyclesSettled()) {
                return true;
            }
            polling.wakeCycles();
            return false;
        });
    }

    /** Planner runs that failed (for example because the store could not be read). */
    public int plannerFailures() {
        return plannerFailures;
    }
}
