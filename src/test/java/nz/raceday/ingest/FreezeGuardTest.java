package nz.raceday.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A leadership a freeze may have cost is held back until ZooKeeper has answered (a fake clock and election). */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class FreezeGuardTest {

    private static final Duration LIMIT = Duration.ofMillis(1333);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean electedLeader = new AtomicBoolean(true);
    private final AtomicBoolean sessionAlive = new AtomicBoolean(true);
    private final AtomicInteger probes = new AtomicInteger();
    private final FreezeGuard guard = new FreezeGuard(LIMIT, nanos::get, electedLeader::get, () -> {
        probes.incrementAndGet();
        return sessionAlive.get();
    });

    @BeforeEach
    void startWatching() {
        guard.start();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void shouldFollowTheElectionWhileTheWatchdogTicks() {
        for (int i = 0; i < 10; i++) {
            advance(Duration.ofMillis(333));
            guard.tick();
            assertThat(guard.leader()).isTrue();
        }
        electedLeader.set(false);
        assertThat(guard.leader()).isFalse();
        assertThat(probes).as("no freeze, no question to ZooKeeper").hasValue(0);
    }

    @Test
    void shouldHoldBackLeadershipAfterAFreezeUntilTheElectionHasDroppedIt() {
        guard.tick();
        // SIGSTOP for 30 s; on SIGCONT a polling cycle asks before the watchdog's first tick, and the election still
        // says leader: the session expired meanwhile, but the client has not noticed yet
        advance(Duration.ofSeconds(30));
        sessionAlive.set(false);
        assertThat(guard.leader()).as("asked first after the freeze").isFalse();
        assertThat(guard.suspect()).isTrue();
        advance(Duration.ofMillis(100));
        guard.tick();
        assertThat(guard.leader()).as("ZooKeeper has not answered").isFalse();

        // the client notices: the election cancels the leadership; the suspicion has nothing left to hold back
        electedLeader.set(false);
        advance(Duration.ofMillis(100));
        guard.tick();
        assertThat(guard.suspect()).isFalse();
        assertThat(guard.leader()).isFalse();

        // a later leadership comes from a fresh election in a new session: trusted
        electedLeader.set(true);
        advance(Duration.ofMillis(300));
        guard.tick();
        assertThat(guard.leader()).isTrue();
    }

    @Test
    void shouldKeepLeadershipWhenTheSessionSurvivedTheFreeze() {
        guard.tick();
        advance(Duration.ofSeconds(2));
        assertThat(guard.leader()).as("a 2 s pause: the session of before is confirmed alive").isTrue();
        assertThat(probes).hasValue(1);
        advance(Duration.ofMillis(300));
        guard.tick();
        assertThat(guard.leader()).isTrue();
        assertThat(probes).as("confirmed once").hasValue(1);
    }

    @Test
    void shouldSeeAFreezeFirstNoticedByTheWatchdog() {
        guard.tick();
        advance(Duration.ofSeconds(10));
        sessionAlive.set(false);
        guard.tick();
        assertThat(guard.suspect()).isTrue();
        assertThat(guard.leader()).isFalse();
        sessionAlive.set(true);
        advance(Duration.ofMillis(300));
        guard.tick();
        assertThat(guard.leader()).isTrue();
    }

    @Test
    void shouldTakeTheTimeBeforeTheStartForNoFreeze() {
        FreezeGuard starting = new FreezeGuard(LIMIT, nanos::get, electedLeader::get, () -> {
            probes.incrementAndGet();
            return false;
        });
        advance(Duration.ofSeconds(5));
        assertThat(starting.leader()).as("asked during start-up, before the watchdog runs").isTrue();
        assertThat(starting.suspect()).isFalse();
        starting.start();
        advance(Duration.ofMillis(300));
        starting.tick();
        assertThat(starting.suspect()).isFalse();
        assertThat(starting.leader()).isTrue();
        assertThat(probes).hasValue(0);
    }

    @Test
    void shouldTakeAGapUpToTheLimitForNoFreeze() {
        guard.tick();
        advance(LIMIT);
        assertThat(guard.leader()).isTrue();
        assertThat(probes).hasValue(0);
    }
}
