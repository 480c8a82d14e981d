package nz.raceday.ingest.tab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import nz.raceday.ingest.Version;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The TAB client routes (routes/tab-client.camel.yaml) against a real HTTP server on loopback. */
class TabClientRouteTest extends RacedayRouteTestSupport {

    /** What a GET by camel-http (HttpClient 5) may carry besides our own headers. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "connection", "accept-encoding");
    private static final Set<String> OUR_HEADERS = Set.of("accept", "user-agent", "from", "x-partner", "x-partner-id");

    private final TabCall event = TabQueries.eventForImport(TabFixtures.RECORDED_EVENT_ID);

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        // backoff long enough that a test would time out if Retry-After were ignored
        properties.put("tab.retry.initial-delay", "60000ms");
        properties.put("tab.retry.max-delay", "60000ms");
        properties.put("tab.circuit-breaker.minimum-number-of-calls", "4");
        properties.put("tab.circuit-breaker.sliding-window-size", "4");
        properties.put("tab.circuit-breaker.failure-rate-threshold", "100");
        return properties;
    }

    @Test
    void shouldSendOnlyTheIdentificationHeadersWhateverTheMessageCarries() {
        Exchange exchange = get(event, Map.of("X-Internal-Note", "race branch 7", "Authorization", "Bearer nope",
                "importRunId", "2025-07-17-all", "Cookie", "session=abc"));

        assertThat(exchange.getException()).isNull();
        TabTestServer.Request request = tab.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/affiliates/v1/racing/events/" + TabFixtures.RECORDED_EVENT_ID);
        assertThat(request.headers().keySet()).containsAll(OUR_HEADERS);
        assertThat(request.headers().keySet()).allMatch(h -> OUR_HEADERS.contains(h) || TRANSPORT_HEADERS.contains(h)
                || h.equals("content-length"), "only identification and transport headers");
        assertThat(request.header("From")).isEqualTo(FROM_EMAIL);
        assertThat(request.header("X-Partner")).isEqualTo(PARTNER_NAME);
        assertThat(request.header("X-Partner-ID")).isEqualTo(PARTNER_ID);
        assertThat(request.header("User-Agent")).isEqualTo(Version.userAgent()).startsWith("raceday-ingest/");
        assertThat(request.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void shouldNotForwardResponseHeadersOfAnEarlierCallToTheNextOne() {
        tab.fault(r -> r.resource().equals("meetings"), new Response(200, Map.of("X-Upstream-Trace", "t-1",
                "Set-Cookie", "tab=1"), TabFixtures.read("meetings-list-2025-07-17.json"), false), 1);
        Exchange first = get(TabQueries.meetingsPage(TabFixtures.DAY, 100, 0), Map.of());
        assertThat(first.getMessage().getHeader("X-Upstream-Trace")).isEqualTo("t-1");

        // the same exchange, response headers and all, makes the next request
        first.setProperty("tabCall", event);
        template.send("direct:tab-request", first);

        TabTestServer.Request second = tab.requests().get(1);
        assertThat(second.headers()).doesNotContainKeys("x-upstream-trace", "set-cookie", "cookie");
    }

    @Test
    void shouldHonourRetryAfterInsteadOfTheBackoff() {
        tab.fault(r -> r.resource().startsWith("events/"), Response.status(429, "Retry-After", "0"), 1);

        Exchange exchange = get(event, Map.of());

        // with the 60 s backoff the request would still be waiting; Retry-After: 0 retried at once
        assertThat(exchange.getException()).isNull();
        assertThat(tab.requestsFor("events/")).hasSize(2);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void shouldNotRetryClientErrors() {
        tab.fault(r -> r.resource().startsWith("events/"), Response.status(400), -1);

        Exchange exchange = get(event, Map.of());

        assertThat(exchange.getException()).isInstanceOf(TabHttpException.class)
                .hasMessage("TAB answered HTTP 400 for events/" + TabFixtures.RECORDED_EVENT_ID);
        assertThat(tab.requestsFor("events/")).hasSize(1);
    }

    @Test
    void shouldOpenTheCircuitAfterRepeatedServerErrorsAndStopCallingTab() {
        // every attempt fails with 503 and Retry-After 0: one request plus three retries trip the breaker
        tab.fault(r -> r.resource().startsWith("events/"), Response.status(503, "Retry-After", "0"), -1);

        Exchange failed = get(event, Map.of());
        assertThat(failed.getException()).isInstanceOf(TabHttpException.class);
        int requestsBeforeOpen = tab.requests().size();
        assertThat(requestsBeforeOpen).isEqualTo(4);

        Exchange rejected = get(event, Map.of());
        assertThat(rejected.getException()).isInstanceOf(
                io.github.resilience4j.circuitbreaker.CallNotPermittedException.class);
        assertThat(tab.requests()).hasSize(requestsBeforeOpen);
    }

    private Exchange get(TabCall call, Map<String, Object> headers) {
        return template.send("direct:tab-request", e -> {
            e.setProperty("tabCall", call);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
    }
}
