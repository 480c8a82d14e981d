package nz.raceday.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nz.raceday.ingest.polling.RacePolling;
import nz.raceday.ingest.store.Document;
import nz.raceday.ingest.store.DocumentQuery;
import nz.raceday.ingest.store.StoredTimes;
import nz.raceday.ingest.store.schema.RaceDaySchema;
import nz.raceday.ingest.testsupport.JarRunner;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import nz.raceday.ingest.testsupport.TabFixtures;
import nz.raceday.ingest.testsupport.TabTestServer.Response;
import org.junit.jupiter.api.Test;

/**
 * The management server as operators and Hawtio use it: health with the application's readiness rules, Prometheus
 * metrics with the application's own series, and Jolokia restricted by {@code jolokia-access.xml}.
 */
class ManagementRouteTest extends RacedayRouteTestSupport {

    private static final String RACE = TabFixtures.RECORDED_EVENT_ID;
    private static final Instant START = Instant.parse("2025-07-17T00:50:00Z");

    private final int port = JarRunner.freePort();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void configureTest(org.apache.camel.test.junit5.TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        // the test kit switches JMX off by default; Jolokia serves the Camel MBeans
        configuration.withJMX(true);
    }

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        properties.put("camel.management.enabled", "true");
        properties.put("camel.management.port", Integer.toString(port));
        return properties;
    }

    private String contextMBean() {
        return "org.apache.camel:context=" + context.getManagementName() + ",type=context,name=\\\"" + context.getName()
                + "\\\"";
    }

    private String routeMBean(String routeId) {
        return "org.apache.camel:context=" + context.getManagementName() + ",type=routes,name=\\\"" + routeId + "\\\"";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode jolokia(String request) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/observe/jolokia")).POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    // ---- health

    @Test
    void shouldBeLiveAndReadyWithTheApplicationsOwnChecks() throws Exception {
        HttpResponse<String> live = get("/observe/health/live");
        HttpResponse<String> ready = get("/observe/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json.readTree(live.body()).path("status").asText()).isEqualTo("UP");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode health = json.readTree(ready.body());
        for (String name : new String[] {"store", "outbox", "polling"}) {
            assertThat(check(health, name).path("status").asText()).as(name).isEqualTo("UP");
        }
        assertThat(check(health, "store").path("message").asText()).isEqualTo("store answers");
    }

    @Test
    void shouldTurnUnreadyWhenARaceGoesTwoIntervalsWithoutASuccessfulPoll() throws Exception {
        importDay(TabFixtures.DAY);
        Document open = store().list(RaceDaySchema.RACES, DocumentQuery.all().equal("status", "Open")
                .orderAsc("startTime").limit(1)).get(0);
        Instant start = StoredTimes.parse(open.getString("startTime"));
        tab.failEvent(open.id(), Response.status(503));
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
        clock.set(start.minus(Duration.ofMinutes(6)));
        template.sendBody("direct:race-poll-planner", null);
        nz.raceday.ingest.testsupport.SimulatedDayDriver.settle(polling);
        assertThat(polling.schedule().plannedRaces()).contains(open.id());
        assertThat(get("/observe/health/ready").statusCode()).isEqualTo(200);

        // the 1-minute band: nothing stored for over two minutes
        clock.set(start.minus(Duration.ofMinutes(6)).plusSeconds(121));
        HttpResponse<String> ready = get("/observe/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode polls = check(json.readTree(ready.body()), "polling");
        assertThat(polls.path("status").asText()).isEqualTo("DOWN");
        assertThat(polls.path("message").asText()).contains(open.id());
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
    }

    // ---- metrics

    @Test
    void shouldExposeTheApplicationsMetricsForPrometheus() throws Exception {
        importDay(TabFixtures.DAY);
        clock.set(START.minus(Duration.ofMinutes(10)));
        RacePolling polling = context.getRegistry().lookupByNameAndType("racePolling", RacePolling.class);
        template.requestBody("direct:race-poll", polling.adHocSlot(RACE), RacePolling.PollOutcome.class);

        String metrics = get("/observe/metrics").body();

        assertThat(value(metrics, "raceday_tab_requests_total{outcome=\"ok\"}")).isGreaterThan(96);
        assertThat(value(metrics, "raceday_store_writes_total{collection=\"races\",outcome=\"inserted\"}"))
                .isEqualTo(96);
        assertThat(value(metrics, "raceday_polls_made_total")).isEqualTo(1);
        assertThat(value(metrics, "raceday_poll_processing_seconds_count")).isEqualTo(1);
        assertThat(metrics).contains("raceday_poll_lateness_seconds_bucket", "raceday_outbox_batches",
                "raceday_polls_missed_total", "raceday_tab_requests_total{outcome=\"no_response\"}");
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"import-day\"");
    }

    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series);
    }

    // ---- Jolokia

    @Test
    void shouldServeRouteDiagramsAndStatisticsOfTheYamlRoutesToHawtio() throws Exception {
        JsonNode dump = jolokia("{\"type\":\"exec\",\"mbean\":\"" + contextMBean() + "\",\"operation\":\"dumpRoutesAsXml()\"}");
        assertThat(dump.path("status").asInt()).as(dump.toString()).isEqualTo(200);
        assertThat(dump.path("value").asText()).contains("<route id=\"race-poll\"", "<route id=\"import-day\"",
                "<route id=\"tab-attempt\"");

        JsonNode stats = jolokia("{\"type\":\"exec\",\"mbean\":\"" + contextMBean()
                + "\",\"operation\":\"dumpRoutesStatsAsXml(boolean,boolean)\",\"arguments\":[true,true]}");
        assertThat(stats.path("status").asInt()).isEqualTo(200);
        assertThat(stats.path("value").asText()).contains("routeStat", "race-poll");

        JsonNode route = jolokia("{\"type\":\"read\",\"mbean\":\"" + routeMBean("race-poll") + "\",\"attribute\":[\"ExchangesTotal\",\"SourceLocation\",\"State\"]}");
        assertThat(route.path("status").asInt()).isEqualTo(200);
        assertThat(route.path("value").path("SourceLocation").asText()).startsWith("file:routes/race-poller.camel.yaml");
        assertThat(route.path("value").path("State").asText()).isEqualTo("Started");
    }

    private int status(String request) throws Exception {
        return jolokia(request).path("status").asInt();
    }

    private static String exec(String mbean, String operation, String arguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\""
                + (arguments == null ? "" : ",\"arguments\":" + arguments) + "}";
    }

    @Test
    void shouldAnswerWhatHawtiosSourceTabAndThreadsViewAsk() throws Exception {
        // the Source tab asks whether it may offer editing; the answer is no (camel.main.jmx-update-route-enabled)
        JsonNode updatable = jolokia(exec(routeMBean("tab-request"), "isUpdateRouteEnabled()", null));
        assertThat(updatable.path("status").asInt()).as(updatable.toString()).isEqualTo(200);
        assertThat(updatable.path("value").asBoolean()).isFalse();

        JsonNode threads = jolokia(exec("java.lang:type=Threading", "dumpAllThreads(boolean,boolean)", "[false,false]"));
        assertThat(threads.path("status").asInt()).as(threads.toString()).isEqualTo(200);
        assertThat(threads.path("value").size()).isGreaterThan(5);
        assertThat(threads.path("value").findValuesAsText("threadName")).anyMatch(n -> n.startsWith("Camel"));

        // the blocked-exchanges view of the Camel plugin
        JsonNode blocked = jolokia(exec("org.apache.camel:context=" + context.getManagementName()
                + ",type=services,name=DefaultAsyncProcessorAwaitManager", "browse()", null));
        assertThat(blocked.path("status").asInt()).as(blocked.toString()).isEqualTo(200);
    }

    @Test
    void shouldRefuseEditingRoutesAndChangingThreadsOrClasses() throws Exception {
        assertThat(status(exec(routeMBean("tab-request"), "updateRouteFromXml(java.lang.String)",
                "[\"<route id='tab-request'><from uri='direct:x'/></route>\"]"))).isEqualTo(403);
        assertThat(status(exec("java.lang:type=Threading", "resetPeakThreadCount()", null))).isEqualTo(403);
        assertThat(status(exec("java.lang:type=Threading", "setThreadCpuTimeEnabled(boolean)", "[false]")))
                .isEqualTo(403);
        assertThat(status("{\"type\":\"write\",\"mbean\":\"java.lang:type=Threading\","
                + "\"attribute\":\"ThreadContentionMonitoringEnabled\",\"value\":true}")).isEqualTo(403);
        for (String attribute : new String[] {"ClassPath", "BootClassPath", "LibraryPath"}) {
            assertThat(status("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\""
                    + attribute + "\"}")).as(attribute).isEqualTo(403);
        }
        assertThat(status(exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)",
                "[\"/tmp/raceday-heap.hprof\",true]"))).isEqualTo(403);
        assertThat(status(exec("java.lang:type=Memory", "gc()", null))).isEqualTo(403);
        for (String operation : new String[] {"suspend()", "start()", "stop()"}) {
            assertThat(status(exec(contextMBean(), operation, null))).as("context " + operation).isEqualTo(403);
        }
        assertThat(context.getStatus().isStarted()).isTrue();
    }

    @Test
    void shouldRefuseWhatRevealsTheProcessOrChangesIt() throws Exception {
        assertThat(jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}")
                .path("status").asInt()).isEqualTo(403);
        assertThat(jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"}")
                .path("status").asInt()).isEqualTo(403);
        assertThat(jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\"}").path("status").asInt())
                .isEqualTo(403);
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"vmSystemProperties()\"}").path("status").asInt()).isEqualTo(403);
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"vmSystemProperties\"}").path("status").asInt()).isEqualTo(403);
        for (String operation : new String[] {"stop()", "stop", "remove()"}) {
            assertThat(jolokia("{\"type\":\"exec\",\"mbean\":\"" + routeMBean("race-poll") + "\",\"operation\":\"" + operation + "\"}").path("status").asInt())
                    .as(operation).isEqualTo(403);
        }
        assertThat(jolokia("{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\","
                + "\"value\":true}").path("status").asInt()).isEqualTo(403);
        assertThat(context.getRouteController().getRouteStatus("race-poll").isStarted()).isTrue();
        // reading the memory figures Hawtio shows is fine
        assertThat(jolokia("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}")
                .path("status").asInt()).isEqualTo(200);
    }
}
