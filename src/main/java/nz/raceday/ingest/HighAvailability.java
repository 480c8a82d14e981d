package nz.raceday.ingest;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorHelper;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

import nz.raceday.ingest.shared.ConfigurationProblem;
import nz.raceday.ingest.shared.Durations;

/**
 * Leader election for running two or more instances: with {@code ha.enabled=true} the schedules and the poller (the
 * routes whose {@code from} starts with {@code {{ha.route-prefix}}}) run only on the leader, through Camel's
 * {@code master:} component and a cluster service: a file lock in a shared directory ({@code ha.cluster-service=file},
 * one machine or a shared file system with working locks) or ZooKeeper ({@code ha.cluster-service=zookeeper},
 * several hosts). Every instance serves the management endpoints; a standby's imports and polls start the moment it
 * becomes leader, and its planner rebuilds the polling plan from the store.
 */
final class HighAvailability {

    /** The placeholder the triggering routes put in front of their {@code from} URI. */
    static final String ROUTE_PREFIX = "ha.route-prefix";

    private HighAvailability() {
    }

    /**
     * Registers the cluster service when HA is on and returns the route prefix: {@code master:<namespace>:}, or
     * empty when HA is off.
     *
     * @param property looks up configuration keys
     */
    static String configure(CamelContext context, Function<String, String> property) throws Exception {
        if (!Boolean.parseBoolean(orDefault(property.apply("ha.enabled"), "false").trim())) {
            return "";
        }
        String namespace = orDefault(property.apply("ha.namespace"), "raceday-ingest").trim();
        String kind = orDefault(property.apply("ha.cluster-service"), "file").trim().toLowerCase(Locale.ROOT);
        CamelClusterService service = switch (kind) {
            case "file" -> fileLock(property);
            case "zookeeper" -> zooKeeper(property);
            default -> throw new ConfigurationProblem("ha.cluster-service must be file or zookeeper, got '" + kind + "'");
        };
        context.addService(service);
        if (service instanceof ZooKeeperClusterService zooKeeper) {
            ZooKeeperElection election = new ZooKeeperElection(context, zooKeeper, namespace,
                    duration(property, "ha.zookeeper.session-timeout", "6s"));
            context.addService(election);
            context.getManagementStrategy().addEventNotifier(new LeaveElectionWhenStopping(election));
        }
        return "master:" + namespace + ":";
    }

    /**
     * Leaves the ZooKeeper election as soon as the context starts stopping. The service's own stop closes the
     * election and then, at once, its ZooKeeper client, while the election's thread (interrupted by the close) is
     * still releasing the leader lock; Curator then logs "The leader threw an exception" (CuratorClosedException) at
     * ERROR on every stop of a leader. Leaving first gives that release the whole route shutdown to finish in (and
     * ends the watchdog's rejoining first). The ZooKeeper client, which the election owns, is closed once the context
     * has stopped.
     */
    private static final class LeaveElectionWhenStopping extends SimpleEventNotifierSupport {
        private final ZooKeeperElection election;

        LeaveElectionWhenStopping(ZooKeeperElection election) {
            this.election = election;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStoppingEvent
                    || event instanceof CamelEvent.CamelContextStoppedEvent;
        }

        @Override
        public void notify(CamelEvent event) throws Exception {
            if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                election.leave();
            } else {
                // everything that used the client has stopped
                election.closeClient();
            }
        }
    }

    /**
     * Whether this instance is the leader right now: always without HA; with HA what the cluster service's view of
     * {@code ha.namespace} says of the local member (asked on every poll decision, so a lost leadership stops the
     * polling cycles at their next turn). With ZooKeeper, a leadership that a freeze of the process may have cost is
     * held back until ZooKeeper has answered ({@link ZooKeeperElection}, {@link FreezeGuard}).
     */
    static BooleanSupplier leadership(CamelContext context, Function<String, String> property) {
        if (!Boolean.parseBoolean(orDefault(property.apply("ha.enabled"), "false").trim())) {
            return () -> true;
        }
        String namespace = orDefault(property.apply("ha.namespace"), "raceday-ingest").trim();
        return new BooleanSupplier() {
            private volatile CamelClusterView view;

            @Override
            public boolean getAsBoolean() {
                try {
                    CamelClusterView known = view;
                    ZooKeeperElection election = context.hasService(ZooKeeperElection.class);
                    if (election != null) {
                        return election.leader();
                    }
                    if (known == null) {
                        CamelClusterService service = context.hasService(CamelClusterService.class);
                        if (service == null) {
                            return false;
                        }
                        known = service.getView(namespace);
                        view = known;
                    }
                    return known.getLocalMember().isLeader();
                } catch (Exception e) {
                    // no view, no leadership: polling waits
                    return false;
                }
            }
        };
    }

    /** A short description for the startup line. */
    static String describe(Function<String, String> property) {
        if (!Boolean.parseBoolean(orDefault(property.apply("ha.enabled"), "false").trim())) {
            return "off";
        }
        String kind = orDefault(property.apply("ha.cluster-service"), "file");
        return "on (" + kind + ("zookeeper".equalsIgnoreCase(kind) ? " " + property.apply("ha.zookeeper.nodes")
                : " lock in " + property.apply("ha.file-lock.directory")) + ")";
    }

    private static CamelClusterService fileLock(Function<String, String> property) {
        String directory = required(property, "ha.file-lock.directory");
        FileLockClusterService service = new FileLockClusterService();
        service.setId("raceday-file-lock");
        service.setRoot(directory);
        long interval = duration(property, "ha.file-lock.acquire-interval", "1s").toMillis();
        service.setAcquireLockDelay(interval, TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(interval, TimeUnit.MILLISECONDS);
        return service;
    }

    private static CamelClusterService zooKeeper(Function<String, String> property) {
        ZooKeeperCuratorConfiguration configuration = new ZooKeeperCuratorConfiguration();
        configuration.setNodes(required(property, "ha.zookeeper.nodes"));
        configuration.setBasePath(orDefault(property.apply("ha.zookeeper.base-path"), "/raceday-ingest/cluster"));
        configuration.setSessionTimeout(duration(property, "ha.zookeeper.session-timeout", "6s").toMillis());
        configuration.setConnectionTimeout(duration(property, "ha.zookeeper.connect-timeout", "5s").toMillis());
        // the client made as the service would make it, but held here, so the election's watchdog can ask it about
        // its session (the service does not hand out a client it made itself); started and closed by the election
        configuration.setCuratorFramework(ZooKeeperCuratorHelper.createCurator(configuration));
        ZooKeeperClusterService service = new ZooKeeperClusterService(configuration);
        // the election's participant id: one per process, so an instance can tell whether it is still in the election
        service.setId("raceday-ingest-" + java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
        return service;
    }

    private static java.time.Duration duration(Function<String, String> property, String key, String fallback) {
        String value = property.apply(key);
        return Durations.parse(key, value == null || value.isBlank() ? fallback : value);
    }

    private static String required(Function<String, String> property, String key) {
        String value = property.apply(key);
        if (value == null || value.isBlank()) {
            throw new ConfigurationProblem("ha.enabled=true needs " + key);
        }
        return value.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
