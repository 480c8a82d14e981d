package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which failed TAB requests are retried, how often, and how long TAB may make us wait. */
class TabRetryPolicyTest {

    private final TabRetryPolicy policy = new TabRetryPolicy(3, Duration.ofSeconds(60));

    @Nested
    class Retryable {

        @Test
        void shouldRetryTransportFailures() {
            assertThat(TabRetryPolicy.isRetryable(new SocketTimeoutException("Read timed out"))).isTrue();
            assertThat(TabRetryPolicy.isRetryable(new ConnectException("Connection refused"))).isTrue();
        }

        @Test
        void shouldFindAnIoExceptionAnywhereInTheCauseChain() {
            Exception wrapped = new RuntimeCamelException(
                    new UncheckedIOException(new IOException("connection reset")));

            assertThat(TabRetryPolicy.isRetryable(wrapped)).isTrue();
        }

        @Test
        void shouldRetryServerErrorsButNotClientErrors() {
            assertThat(TabRetryPolicy.isRetryable(new TabHttpException(503, "meetings", null))).isTrue();
            assertThat(TabRetryPolicy.isRetryable(new TabHttpException(429, "meetings", null))).isTrue();
            assertThat(TabRetryPolicy.isRetryable(new TabHttpException(404, "events/x", null))).isFalse();
            assertThat(TabRetryPolicy.isRetryable(new RuntimeCamelException(new TabHttpException(400, "x", null))))
                    .isFalse();
        }

        @Test
        void shouldNotRetryUnreadablePayloadsOrOtherFailures() {
            assertThat(TabRetryPolicy.isRetryable(new TabPayloadException("event x: empty response body"))).isFalse();
            assertThat(TabRetryPolicy.isRetryable(new IllegalStateException("bug"))).isFalse();
            assertThat(TabRetryPolicy.isRetryable(null)).isFalse();
        }
    }

    @Nested
    class RetryCap {

        @Test
        void shouldRetryUntilTheCapIsReached() {
            SocketTimeoutException timeout = new SocketTimeoutException();

            assertThat(policy.shouldRetry(timeout, 0)).isTrue();
            assertThat(policy.shouldRetry(timeout, 2)).isTrue();
            assertThat(policy.shouldRetry(timeout, 3)).isFalse();
            assertThat(policy.maxRetries()).isEqualTo(3);
        }

        @Test
        void shouldNeverRetryANonRetryableFailure() {
            assertThat(policy.shouldRetry(new TabHttpException(404, "events/x", null), 0)).isFalse();
        }

        @Test
        void shouldAllowNoRetriesAtAll() {
            assertThat(new TabRetryPolicy(0, Duration.ofSeconds(60)).shouldRetry(new SocketTimeoutException(), 0))
                    .isFalse();
        }

        @Test
        void shouldRejectANegativeCap() {
            assertThatThrownBy(() -> new TabRetryPolicy(-1, Duration.ofSeconds(60)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RetryAfter {

        @Test
        void shouldHonourTheWaitTabAskedFor() {
            TabHttpException busy = new TabHttpException(429, "meetings", Duration.ofSeconds(20));

            assertThat(policy.retryAfter(busy)).isEqualTo(Duration.ofSeconds(20));
            assertThat(policy.retryAfter(new RuntimeCamelException(busy))).isEqualTo(Duration.ofSeconds(20));
        }

        @Test
        void shouldCapAWaitLongerThanTheMaximum() {
            TabHttpException busy = new TabHttpException(503, "meetings", Duration.ofMinutes(10));

            assertThat(policy.retryAfter(busy)).isEqualTo(Duration.ofSeconds(60));
        }

        @Test
        void shouldLeaveTheNormalBackoffWhenTabAskedForNothing() {
            assertThat(policy.retryAfter(new TabHttpException(503, "meetings", null))).isNull();
            assertThat(policy.retryAfter(new SocketTimeoutException())).isNull();
        }
    }
}
