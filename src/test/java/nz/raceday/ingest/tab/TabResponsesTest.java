package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Classifying TAB HTTP statuses and reading {@code Retry-After}. */
class TabResponsesTest {

    private static final String PATH = "events/0f57e087-00d9-4c61-9549-835abe2ae2ed";

    /** Thursday 2025-07-17 00:50:00 UTC. */
    private final TabResponses responses = new TabResponses(
            Clock.fixed(Instant.parse("2025-07-17T00:50:00Z"), ZoneOffset.UTC));

    @Nested
    class RetryableStatuses {

        @ParameterizedTest
        @ValueSource(ints = {500, 502, 503, 504, 429, 408})
        void shouldRaiseARetryableFailure(int status) {
            assertThatThrownBy(() -> responses.failOnRetryableStatus(status, null, PATH))
                    .isInstanceOfSatisfying(TabHttpException.class, e -> {
                        assertThat(e.status()).isEqualTo(status);
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.getMessage()).contains("HTTP " + status).contains(PATH);
                    });
        }

        @ParameterizedTest
        @ValueSource(ints = {200, 204, 400, 401, 404})
        void shouldLetOtherStatusesThrough(int status) {
            assertThatCode(() -> responses.failOnRetryableStatus(status, null, PATH)).doesNotThrowAnyException();
        }

        @Test
        void shouldCarryTheRetryAfterTabAskedFor() {
            assertThatThrownBy(() -> responses.failOnRetryableStatus(429, "30", PATH))
                    .isInstanceOfSatisfying(TabHttpException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        }

        @Test
        void shouldRefuseAMissingStatus() {
            assertThatThrownBy(() -> responses.failOnRetryableStatus(null, null, PATH))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(PATH);
        }
    }

    @Nested
    class ClientErrors {

        @ParameterizedTest
        @ValueSource(ints = {400, 401, 403, 404, 304})
        void shouldRaiseANonRetryableFailure(int status) {
            assertThatThrownBy(() -> responses.failOnClientError(status, PATH))
                    .isInstanceOfSatisfying(TabHttpException.class, e -> {
                        assertThat(e.status()).isEqualTo(status);
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.retryAfter()).isNull();
                    });
        }

        @ParameterizedTest
        @ValueSource(ints = {200, 203, 299})
        void shouldPassSuccessfulResponses(int status) {
            assertThatCode(() -> responses.failOnClientError(status, PATH)).doesNotThrowAnyException();
        }
    }

    @Nested
    class RetryAfter {

        @Test
        void shouldReadDelaySeconds() {
            assertThat(responses.parseRetryAfter("120")).isEqualTo(Duration.ofSeconds(120));
            assertThat(responses.parseRetryAfter(" 7 ")).isEqualTo(Duration.ofSeconds(7));
            assertThat(responses.parseRetryAfter("0")).isEqualTo(Duration.ZERO);
        }

        @Test
        void shouldReadAnHttpDateRelativeToTheClock() {
            assertThat(responses.parseRetryAfter("Thu, 17 Jul 2025 00:52:30 GMT")).isEqualTo(Duration.ofSeconds(150));
        }

        @Test
        void shouldWaitNoTimeForAnHttpDateInThePast() {
            assertThat(responses.parseRetryAfter("Thu, 17 Jul 2025 00:49:00 GMT")).isEqualTo(Duration.ZERO);
        }

        @Test
        void shouldIgnoreValuesItCannotRead() {
            assertThat(responses.parseRetryAfter(null)).isNull();
            assertThat(responses.parseRetryAfter("  ")).isNull();
            assertThat(responses.parseRetryAfter("soon")).isNull();
            assertThat(responses.parseRetryAfter("-5")).isNull();
            assertThat(responses.parseRetryAfter("1.5")).isNull();
            assertThat(responses.parseRetryAfter("2025-07-17T00:52:30Z")).isNull();
        }
    }
}
