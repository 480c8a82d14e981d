package nz.raceday.ingest.polling;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler behind the polling cycle's {@code delay} step ({@code asyncDelayed}, {@code executorService}
 * {@code raceCycleTimer}): an ordinary scheduled pool whose waiting tasks can be woken early, so a cycle whose race
 * was re-planned (a moved start, leadership lost, the application stopping) looks at the race again at once instead
 * of sleeping out a wait computed from the old plan. A woken cycle recomputes its wait; nothing is polled early.
 */
public final class RaceCycleTimer extends ScheduledThreadPoolExecutor {

    private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();

    public RaceCycleTimer(int threads) {
        super(threads, new Named());
        setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Waiting task = new Waiting(command);
        waiting.add(task);
        task.future = super.schedule(task::fire, delay, unit);
        return task.future;
    }

    /** Runs every waiting task now (each exactly once); returns how many were woken. */
    public int wakeAll() {
        int woken = 0;
        for (Waiting task : waiting) {
            if (task.claim()) {
                woken++;
                ScheduledFuture<?> future = task.future;
                if (future != null) {
                    future.cancel(false);
                }
                execute(task.command);
            }
        }
        return woken;
    }

    /** Tasks waiting for their time. */
    public int waitingCount() {
        return waiting.size();
    }

    private final class Waiting {
        private final Runnable command;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile ScheduledFuture<?> future;

        Waiting(Runnable command) {
            this.command = command;
        }

        boolean claim() {
            if (claimed.compareAndSet(false, true)) {
                waiting.remove(this);
                return true;
            }
            return false;
        }

        void fire() {
            if (claim()) {
                command.run();
            }
        }
    }

    private static final class Named implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "race-poll-cycle-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
