package nz.raceday.ingest;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back a leadership this process may have lost while it was frozen. A SIGSTOP, a long GC pause or a suspended
 * VM stops every thread at once, the ZooKeeper client's too: when the process resumes, the election still says
 * "leader" until the client notices its session expired (tens to hundreds of milliseconds later), and a polling
 * cycle that wakes first would poll beside the new leader. A watchdog {@link #tick() ticks} a few times per
 * {@code limit}; a gap between ticks (or between the last tick and a question) longer than {@code limit} makes the
 * leadership suspect, and {@link #leader()} answers no until either the local member no longer leads (the client
 * has noticed: a later leadership is a fresh election) or the ZooKeeper session of before the gap is confirmed alive
 * (the freeze was short enough: leadership was never lost).
 */
final class FreezeGuard {

    private static final Logger LOG = LoggerFactory.getLogger(FreezeGuard.class);

    private final long limitNanos;
    private final LongSupplier nanoTime;
    private final BooleanSupplier localLeader;
    private final BooleanSupplier sessionSurvived;
    private volatile long lastTick;
    private volatile boolean suspect;
    /** Ticks started: before, nothing is watched (start-up is no freeze). */
    private volatile boolean watching;

    /**
     * @param limit           the longest gap between ticks taken as no freeze: half the session timeout (the client
     *                        pings after a third of it, so the server expires a session only after a freeze of
     *                        two thirds or more)
     * @param nanoTime        a monotonic clock ({@code System::nanoTime})
     * @param localLeader     whether the election says this member leads
     * @param sessionSurvived whether the ZooKeeper session this member had before the gap is still alive (asked only
     *                        while suspect; may wait, bounded, for ZooKeeper)
     */
    FreezeGuard(Duration limit, LongSupplier nanoTime, BooleanSupplier localLeader, BooleanSupplier sessionSurvived) {
        this.limitNanos = limit.toNanos();
        this.nanoTime = nanoTime;
        this.localLeader = localLeader;
        this.sessionSurvived = sessionSurvived;
        this.lastTick = nanoTime.getAsLong();
    }

    /** Starts watching from now (the watchdog starts ticking): time before is no freeze. */
    synchronized void start() {
        suspect = false;
        lastTick = nanoTime.getAsLong();
        watching = true;
    }

    /** The watchdog's tick: notes a freeze since the last one, and clears a suspicion when it can. */
    synchronized void tick() {
        if (!watching) {
            return;
        }
        long now = nanoTime.getAsLong();
        long gap = now - lastTick;
        if (gap > limitNanos && !suspect) {
            // written before lastTick: whoever sees the new tick sees the suspicion
            suspect = true;
            LOG.warn("This process did not run for {} ms (frozen: a pause, SIGSTOP, a suspended VM?): leadership is "
                    + "held back until ZooKeeper confirms it", gap / 1_000_000);
        }
        lastTick = now;
        if (suspect && (!localLeader.getAsBoolean() || sessionSurvived.getAsBoolean())) {
            suspect = false;
            LOG.info("Leadership after the freeze: {}", localLeader.getAsBoolean()
                    ? "the ZooKeeper session survived, this instance still leads" : "this instance does not lead");
        }
    }

    /** Whether this member leads, as far as can be trusted now. */
    boolean leader() {
        if (!watching) {
            return localLeader.getAsBoolean();
        }
        // lastTick before suspect: a fresh tick implies its suspicion is visible
        boolean stale = nanoTime.getAsLong() - lastTick > limitNanos;
        if (stale || suspect) {
            tick();
        }
        return !suspect && localLeader.getAsBoolean();
    }

    /** Whether leadership is held back right now (for tests and the log). */
    boolean suspect() {
        return suspect;
    }
}
