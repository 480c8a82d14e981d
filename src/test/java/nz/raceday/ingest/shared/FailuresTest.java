package nz.raceday.ingest.shared;

import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

import nz.raceday.ingest.tab.TabHttpException;
import nz.raceday.ingest.tab.TabPayloadException;

import static org.assertj.core.api.Assertions.assertThat;

/** One-line failure reasons for failure records and logs. */
class FailuresTest {

    private static final String HORSE = "\uD83C\uDFC7";

    @Test
    void shouldGiveOurOwnExceptionsMessageWithoutItsType() {
        assertThat(Failures.describe(new TabPayloadException("event x: empty response body")))
                .isEqualTo("event x: empty response body");
    }

    @Test
    void shouldUnwrapCamelAndConcurrencyWrappers() {
        TabHttpException cause = new TabHttpException(503, "events/x", null);

        assertThat(Failures.describe(new RuntimeCamelException(cause))).isEqualTo("TAB answered HTTP 503 for events/x");
        assertThat(Failures.describe(new CamelExecutionException("wrapped", null, new CompletionException(cause))))
                .isEqualTo("TAB answered HTTP 503 for events/x");
    }

    @Test
    void shouldPrefixOtherExceptionsWithTheirType() {
        ExecutionException wrapped = new ExecutionException(new SocketTimeoutException("Read timed out"));

        assertThat(Failures.describe(wrapped)).isEqualTo("SocketTimeoutException: Read timed out");
    }

    @Test
    void shouldNotUnwrapAnExceptionThatSaysSomethingItself() {
        IllegalStateException outer = new IllegalStateException("SQLite write failed: disk full",
                new SocketTimeoutException("inner"));

        assertThat(Failures.describe(outer)).isEqualTo("IllegalStateException: SQLite write failed: disk full");
    }

    @Test
    void shouldGiveSchemaViolationsTheirMessage() {
        assertThat(Failures.describe(new RuntimeCamelException(new IllegalArgumentException("races/x: unknown attribute 'y'"))))
                .isEqualTo("races/x: unknown attribute 'y'");
    }

    @Test
    void shouldNameTheTypeOfAnExceptionWithoutMessage() {
        assertThat(Failures.describe(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(Failures.describe(new TabPayloadException(null))).isEqualTo("TabPayloadException");
        assertThat(Failures.describe(null)).isEqualTo("unknown failure");
    }

    @Test
    void shouldExplainAnOpenCircuitBreaker() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("tab");
        breaker.transitionToOpenState();
        CallNotPermittedException open = CallNotPermittedException.createCallNotPermittedException(breaker);

        assertThat(Failures.describe(new RuntimeCamelException(open)))
                .isEqualTo("TAB circuit breaker is open after repeated failures; request not sent");
    }

    @Test
    void shouldLeaveShortTextAlone() {
        assertThat(Failures.truncate("short", 5)).isEqualTo("short");
    }

    @Test
    void shouldCutLongTextToTheLimitWithAnEllipsis() {
        String cut = Failures.truncate("abcdefghij", 5);

        assertThat(cut).isEqualTo("abcd…");
    }

    @Test
    void shouldCutInCodePoints() {
        String cut = Failures.truncate(HORSE.repeat(10), 5);

        assertThat(cut).isEqualTo(HORSE.repeat(4) + "…");
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(5);
    }
}
