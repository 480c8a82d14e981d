package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

class TabRequestCounterTest {

    private final TabRequestCounter counter = new TabRequestCounter();

    @Test
    void shouldCountResponsesByOutcome() {
        for (int status : new int[] {200, 204, 429, 500, 503, 408, 404, 400}) {
            counter.onAttempt(null);
            counter.onResponse(status);
        }

        assertThat(counter.total()).isEqualTo(8);
        assertThat(counter.count(TabRequestCounter.Outcome.OK)).isEqualTo(2);
        assertThat(counter.count(TabRequestCounter.Outcome.THROTTLED)).isEqualTo(1);
        assertThat(counter.count(TabRequestCounter.Outcome.SERVER_ERROR)).isEqualTo(3);
        assertThat(counter.count(TabRequestCounter.Outcome.CLIENT_ERROR)).isEqualTo(2);
        assertThat(counter.count(TabRequestCounter.Outcome.NO_RESPONSE)).isZero();
    }

    @Test
    void shouldCountARequestWithoutResponseAndHandItsFailureBack() {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
        counter.onAttempt(null);

        assertThatThrownBy(() -> counter.onNoResponse(timeout)).isSameAs(timeout);
        assertThat(counter.count(TabRequestCounter.Outcome.NO_RESPONSE)).isEqualTo(1);
    }

    @Test
    void shouldTellTheTallyOfTheRunAboutEachAttempt() {
        int[] tally = new int[1];

        counter.onAttempt(() -> tally[0]++);
        counter.onAttempt(() -> tally[0]++);

        assertThat(tally[0]).isEqualTo(2);
    }
}
