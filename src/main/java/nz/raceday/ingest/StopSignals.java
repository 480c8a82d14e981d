package nz.raceday.ingest;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop, for a command that then finishes its work and exits 0 itself,
 * instead of the JVM's default of running the shutdown hooks and exiting 143.
 */
final class StopSignals {

    private StopSignals() {
        // static helper
    }

    static void onStop(Runnable request) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> request.run());
        }
    }
}
