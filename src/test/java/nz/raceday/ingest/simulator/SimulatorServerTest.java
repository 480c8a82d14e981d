package nz.raceday.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TabSimulatorServer} over real HTTP on loopback: the day served for the clock's instant, paging and 404s,
 * latency, and each kind of fault at rate 1.0 and reproducibly at lower rates.
 */
class SimulatorServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-07-17T00:00:00Z");
    private static final String DAY_QUERY = "date_from=2025-07-17&date_to=2025-07-17";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final MutableClock clock = new MutableClock(START);
    private final List<TabSimulatorServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(TabSimulatorServer::close);
    }

    private TabSimulatorServer serve(SimulatorSettings settings) {
        TabSimulatorServer server = TabSimulatorServer.start(SimulatedDay.create(settings, START), settings, clock, 0);
        servers.add(server);
        return server;
    }

    @Test
    void shouldListenOnLoopbackOnly() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults());

        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(server.port()).isPositive();
        assertThat(get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeTheDayForTheClockInstantOfEachRequest() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults());
        SimulatedRace race = server.day().importedRaces().get(0);
        String path = "/affiliates/v1/racing/events/" + race.id() + "?with_money_tracker=true";

        JsonNode open = json(get(server, path));
        clock.set(race.jumpTime());
        JsonNode closed = json(get(server, path));
        clock.set(race.finalAt());
        JsonNode fin = json(get(server, path));

        assertThat(open.path("data").path("race").path("status").asText()).isEqualTo("Open");
        assertThat(open.path("header").path("generated_time").asText()).isEqualTo(START.toString());
        assertThat(closed.path("data").path("race").path("status").asText()).isEqualTo("Closed");
        assertThat(fin.path("data").path("race").path("status").asText()).isEqualTo("Final");
        assertThat(fin.path("data").path("results")).isNotEmpty();
        assertThat(fin.path("header").path("url").asText()).isEqualTo(path);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void shouldPageAndFilterTheMeetingsListOverHttp() {
        TabSimulatorServer server = serve(SimulatorSettings.builder().meetings(3).otherMeetings(2).build());

        JsonNode first = json(get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY + "&limit=2&offset=0"));
        JsonNode rest = json(get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY + "&limit=2&offset=2"));
        JsonNode last = json(get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY + "&limit=2&offset=4"));
        JsonNode otherDay = json(get(server, "/affiliates/v1/racing/meetings?date_from=2025-07-18&date_to=2025-07-18"));

        assertThat(first.path("data").path("meetings")).hasSize(2);
        assertThat(rest.path("data").path("meetings")).hasSize(2);
        assertThat(last.path("data").path("meetings")).hasSize(1);
        assertThat(otherDay.path("data").path("meetings")).isEmpty();
        List<String> ids = new ArrayList<>();
        for (JsonNode page : List.of(first, rest, last)) {
            page.path("data").path("meetings").forEach(m -> ids.add(m.path("meeting").asText()));
        }
        assertThat(ids).containsExactlyElementsOf(server.day().meetings().stream().map(SimulatedMeeting::id).toList());
    }

    @Test
    void shouldAnswer404ForUnknownEventsAndPaths() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults());

        HttpResponse<String> unknownEvent = get(server, "/affiliates/v1/racing/events/no-such-race");
        HttpResponse<String> unknownPath = get(server, "/affiliates/v2/anything");

        assertThat(unknownEvent.statusCode()).isEqualTo(404);
        assertThat(json(unknownEvent).path("header").path("error_code").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void shouldAddTheLatencyToEveryResponse() {
        TabSimulatorServer server = serve(SimulatorSettings.builder().latency(Duration.ofMillis(300)).build());

        long started = System.nanoTime();
        HttpResponse<String> meetings = get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY);
        HttpResponse<String> missing = get(server, "/affiliates/v1/racing/events/unknown");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(meetings.statusCode()).isEqualTo(200);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void shouldServeManyRequestsConcurrentlyWhileTheyWait() {
        // a latency no test outlives: every request is still waiting when the last one arrives
        TabSimulatorServer server = serve(SimulatorSettings.builder().latency(Duration.ofHours(1)).build());
        List<SimulatedRace> races = server.day().races();

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(http.sendAsync(request(server, "/affiliates/v1/racing/events/" + races.get(i % races.size()).id()
                    + "?n=" + i), HttpResponse.BodyHandlers.ofString()));
        }
        // at-most is a timeout for a loaded machine, not a measurement
        await().atMost(Duration.ofSeconds(60)).until(() -> server.requestCount() == 20);

        // one after the other, the second request would only have been read once the first was answered
        assertThat(server.maxConcurrentRequests()).isEqualTo(20);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        server.close();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(calls).allSatisfy(c -> assertThat(c.join().statusCode()).isEqualTo(200));
    }

    @Test
    void shouldAnswer5xxForEveryRequestAtErrorRateOne() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults().withFaultRates(1.0, 0, 0, 0));

        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            statuses.merge(get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY + "&n=" + i).statusCode(), 1,
                    Integer::sum);
        }

        assertThat(statuses.keySet()).containsExactlyInAnyOrder(500, 502, 503);
        assertThat(server.faultCount(FaultKind.SERVER_ERROR)).isEqualTo(30);
        assertThat(server.requestCount()).isEqualTo(30);
    }

    @Test
    void shouldAnswer429WithRetryAfterAtThrottleRateOne() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults().withFaultRates(0, 0, 1.0, 0).toBuilder()
                .retryAfterSeconds(7).build());

        HttpResponse<String> response = get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("7");
        assertThat(json(response).path("header").path("error_code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(server.faultCount(FaultKind.THROTTLED)).isEqualTo(1);
    }

    @Test
    void shouldFollowEveryDrawn429WithABurstOf429s() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults().withFaultRates(0, 0, 0.05, 0).toBuilder()
                .throttleBurst(5).build());

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            statuses.add(get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY + "&n=" + i).statusCode());
        }

        List<Integer> runs = new ArrayList<>();
        int run = 0;
        for (int status : statuses) {
            if (status == 429) {
                run++;
            } else if (run > 0) {
                runs.add(run);
                run = 0;
            }
        }
        assertThat(runs).isNotEmpty().allSatisfy(length -> assertThat(length).isGreaterThanOrEqualTo(6));
        assertThat(server.faultCount(FaultKind.THROTTLED)).isEqualTo(statuses.stream().filter(s -> s == 429).count());
    }

    @Test
    void shouldAnswerUnparseableJsonAtMalformedRateOne() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults().withFaultRates(0, 0, 0, 1.0));
        SimulatedRace race = server.day().races().get(0);

        for (String path : List.of("/affiliates/v1/racing/meetings?" + DAY_QUERY,
                "/affiliates/v1/racing/events/" + race.id(), "/affiliates/v1/racing/events/unknown")) {
            HttpResponse<String> response = get(server, path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isNotEmpty();
            assertThatThrownBy(() -> JSON.readTree(response.body())).as(path)
                    .isInstanceOf(JsonProcessingException.class);
        }
        assertThat(server.faultCount(FaultKind.MALFORMED)).isEqualTo(3);
    }

    @Test
    void shouldHoldATimeoutForTheHoldTimeThenAnswerNormally() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults().withFaultRates(0, 1.0, 0, 0).toBuilder()
                .timeoutHold(Duration.ofMillis(700)).build());

        long started = System.nanoTime();
        HttpResponse<String> response = get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("data").path("meetings")).hasSize(4);
        assertThat(server.faultCount(FaultKind.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void shouldReleaseHeldRequestsAtOnceWhenClosed() {
        // a hold no test outlives: an answer before it ends can only come from close()
        TabSimulatorServer server = serve(SimulatorSettings.defaults().withFaultRates(0, 1.0, 0, 0).toBuilder()
                .timeoutHold(Duration.ofHours(1)).build());

        CompletableFuture<HttpResponse<String>> held = http.sendAsync(request(server,
                "/affiliates/v1/racing/meetings?" + DAY_QUERY), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(60)).until(() -> server.requestCount() == 1);
        assertThat(held).isNotDone();

        server.close();

        // at-most is a timeout for a loaded machine, not a measurement
        await().atMost(Duration.ofSeconds(60)).until(held::isDone);
        assertThat(held.join().statusCode()).isEqualTo(200);
        assertThat(server.faultCount(FaultKind.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void shouldDrawTheSameFaultsForTheSameSeedAndOthersForAnotherSeed() {
        SimulatorSettings faulty = SimulatorSettings.defaults().withFaultRates(0.2, 0, 0.05, 0.1).toBuilder()
                .throttleBurst(2).build();

        List<Integer> first = statuses(serve(faulty));
        List<Integer> second = statuses(serve(faulty));
        List<Integer> otherSeed = statuses(serve(faulty.withSeed(1234)));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        // about the configured share of requests fails: 20 % errors, 5 % throttles (plus bursts), 10 % malformed
        long failed = first.stream().filter(s -> s != 200).count();
        assertThat(failed).isBetween(30L, 110L);
    }

    @Test
    void shouldDrawFaultsPerRequestWhateverTheOrderOfArrival() {
        SimulatorSettings faulty = SimulatorSettings.defaults().withFaultRates(0.3, 0, 0, 0.2);
        TabSimulatorServer sequential = serve(faulty);
        TabSimulatorServer concurrent = serve(faulty);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            paths.add("/affiliates/v1/racing/meetings?" + DAY_QUERY + "&n=" + i);
        }

        Map<String, String> inOrder = new LinkedHashMap<>();
        for (String path : paths) {
            inOrder.put(path, outcome(get(sequential, path)));
        }
        Map<String, String> together = new ConcurrentHashMap<>();
        List<String> reversed = new ArrayList<>(paths);
        java.util.Collections.reverse(reversed);
        CompletableFuture.allOf(reversed.stream().map(path -> http.sendAsync(request(concurrent, path),
                HttpResponse.BodyHandlers.ofString()).thenAccept(r -> together.put(path, outcome(r))))
                .toArray(CompletableFuture[]::new)).join();

        assertThat(together).isEqualTo(inOrder);
        assertThat(inOrder.values()).contains("200 ok", "200 malformed").anySatisfy(o -> assertThat(o).startsWith("5"));
    }

    @Test
    void shouldDrawAgainForARepeatedRequest() {
        TabSimulatorServer server = serve(SimulatorSettings.defaults().withFaultRates(0.5, 0, 0, 0));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY).statusCode());
        }

        // a retry of the same request is a new draw, so retries can succeed
        assertThat(statuses).contains(200).anySatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(500));
    }

    // ---------------------------------------------------------------- helpers

    private List<Integer> statuses(TabSimulatorServer server) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            statuses.add(get(server, "/affiliates/v1/racing/meetings?" + DAY_QUERY + "&n=" + (i % 50)).statusCode());
        }
        return statuses;
    }

    private static String outcome(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return Integer.toString(response.statusCode());
        }
        try {
            JSON.readTree(response.body());
            return "200 ok";
        } catch (JsonProcessingException e) {
            return "200 malformed";
        }
    }

    private HttpRequest request(TabSimulatorServer server, String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET()
                .build();
    }

    private HttpResponse<String> get(TabSimulatorServer server, String path) {
        try {
            return http.send(request(server, path), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
