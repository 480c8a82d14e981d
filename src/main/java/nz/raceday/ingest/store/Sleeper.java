package nz.raceday.ingest.store;

import java.time.Duration;

/** Waits between attempts; tests replace it so that nothing depends on the wall clock. */
@FunctionalInterface
public interface Sleeper {

    /** Really waits: the thread sleeps. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
