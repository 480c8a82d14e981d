package nz.raceday.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import nz.raceday.ingest.testsupport.LogCapture;

/**
 * The ZooKeeper election as {@link HighAvailability} sets it up, against curator-test's embedded server: after the
 * leader's session expires (what a freeze past the session timeout does), Camel's view alone never takes part in
 * the election again; the watchdog puts it back, so the instance leads again in its new session.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ZooKeeperElectionTest {

    private static final String NAMESPACE = "raceday-test";

    private TestingServer zooKeeper;
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @Test
    void shouldLeadAgainInANewSessionAfterItsSessionExpired() throws Exception {
        zooKeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1), true);
        Map<String, String> properties = Map.of("ha.enabled", "true", "ha.cluster-service", "zookeeper",
                "ha.namespace", NAMESPACE, "ha.zookeeper.nodes", zooKeeper.getConnectString(),
                "ha.zookeeper.session-timeout", "2s", "ha.zookeeper.connect-timeout", "1500ms");
        context = new DefaultCamelContext();
        assertThat(HighAvailability.configure(context, properties::get)).isEqualTo("master:" + NAMESPACE + ":");
        BooleanSupplier leadership = HighAvailability.leadership(context, properties::get);
        context.start();
        ZooKeeperClusterService service = context.hasService(ZooKeeperClusterService.class);
        // what a master: consumer does when its route starts
        CamelClusterView view = service.getView(NAMESPACE);
        await().atMost(Duration.ofSeconds(30)).until(leadership::getAsBoolean);
        long firstSession = sessionId(service);

        try (LogCapture log = new LogCapture()) {
            service.getCuratorFramework().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

            await().atMost(Duration.ofSeconds(60)).until(() -> log.text().contains("back in the leader election"));
            await().atMost(Duration.ofSeconds(30)).until(() -> leadership.getAsBoolean()
                    && sessionId(service) != firstSession);
            assertThat(view.getMembers()).extracting(CamelClusterMember::getId)
                    .containsExactly(view.getLocalMember().getId());
            assertThat(view.getLocalMember().getId()).startsWith("raceday-ingest-");
        }
    }

    private static long sessionId(ZooKeeperClusterService service) throws Exception {
        return service.getCuratorFramework().getZookeeperClient().getZooKeeper().getSessionId();
    }
}
