package nz.raceday.ingest;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's part in the ZooKeeper leader election sound through a lost session. Camel 4.18's ZooKeeper
 * view (a Curator {@code LeaderSelector} without auto-requeue) leaves the election for good when its leadership is
 * cancelled: after a freeze past the session timeout, or a partition, the instance resumes as a standby that can
 * never lead again (seen in {@code HighAvailabilityFailBackIT}: A, resumed, was still a standby after B died). A
 * watchdog here
 * <ul>
 * <li>brings it back: when the client is connected and this member is not among the election's participants (twice
 * in a row, {@code rejoinCheck} apart), it stops and starts the view, whose start re-queues the selector;</li>
 * <li>and through a {@link FreezeGuard} holds back a leadership that may have been lost while the process was frozen,
 * until ZooKeeper has answered.</li>
 * </ul>
 */
final class ZooKeeperElection extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperElection.class);

    private final CamelContext context;
    private final ZooKeeperClusterService service;
    private final String namespace;
    private final Duration freezeLimit;
    private final Duration rejoinCheck;
    private final FreezeGuard guard;
    private final AtomicLong sessionBeforeGap = new AtomicLong();
    private final AtomicBoolean absentOnce = new AtomicBoolean();
    private volatile CamelClusterView view;
    private volatile boolean leaving;
    private ScheduledExecutorService executor;

    ZooKeeperElection(CamelContext context, ZooKeeperClusterService service, String namespace, Duration sessionTimeout) {
        this.context = context;
        this.service = service;
        this.namespace = namespace;
        // the server expires a session after a silence of the session timeout, and the client is silent at most a
        // third of it before it pings: a freeze shorter than half the timeout cannot have cost the session
        this.freezeLimit = sessionTimeout.dividedBy(2);
        this.rejoinCheck = sessionTimeout.dividedBy(2);
        this.guard = new FreezeGuard(freezeLimit, System::nanoTime, this::localLeader, this::sessionSurvived);
    }

    /** Whether this instance leads, held back after a freeze until ZooKeeper has answered. */
    boolean leader() {
        return guard.leader();
    }

    /** Leaves the election for good (the application stops): no more rejoining. */
    void leave() throws Exception {
        leaving = true;
        service.stopView(namespace);
    }

    /** Closes the ZooKeeper client (the context has stopped). */
    void closeClient() {
        CuratorFramework curator = service.getCuratorFramework();
        if (curator != null) {
            curator.close();
        }
    }

    @Override
    protected void doStart() {
        // before any route starts: the views' election needs a started client
        service.getCuratorFramework().start();
        guard.start();
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ha-election-watchdog");
        long tick = Math.max(50, freezeLimit.toMillis() / 4);
        executor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::rejoinIfOut, rejoinCheck.toMillis(), rejoinCheck.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        leaving = true;
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
        }
    }

    private void tick() {
        guard.tick();
        if (!guard.suspect()) {
            sessionBeforeGap.set(sessionId());
        }
    }

    /** Checks this member is in the election, and rejoins it when it has been out twice in a row. */
    void rejoinIfOut() {
        try {
            CamelClusterView known = currentView();
            if (leaving || known == null || !isConnected() || known.getLocalMember().isLeader()) {
                absentOnce.set(false);
                return;
            }
            String id = known.getLocalMember().getId();
            boolean present = known.getMembers().stream().map(CamelClusterMember::getId).anyMatch(id::equals);
            if (present || !absentOnce.getAndSet(true)) {
                if (present) {
                    absentOnce.set(false);
                }
                return;
            }
            absentOnce.set(false);
            service.stopView(namespace);
            if (!leaving) {
                service.startView(namespace);
                LOG.info("Leader election {}: this instance had dropped out of it (its ZooKeeper session expired or its "
                        + "connection was lost while it led) and is back in the leader election as {}", namespace, id);
            }
        } catch (Exception e) {
            // the client is reconnecting, or the context stops: the next check tries again
            LOG.debug("Leader election check failed: {}", e.toString());
        }
    }

    private CamelClusterView currentView() throws Exception {
        CamelClusterView known = view;
        if (known == null && service.getNamespaces().contains(namespace)) {
            known = service.getView(namespace);
            view = known;
        }
        return known;
    }

    private boolean localLeader() {
        CamelClusterView known = view;
        if (known == null) {
            try {
                known = currentView();
            } catch (Exception e) {
                return false;
            }
        }
        return known != null && known.getLocalMember().isLeader();
    }

    private boolean isConnected() {
        CuratorFramework curator = service.getCuratorFramework();
        return curator != null && curator.getZookeeperClient().isConnected();
    }

    private long sessionId() {
        try {
            CuratorFramework curator = service.getCuratorFramework();
            return curator == null ? 0 : curator.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Whether the session of before the gap answers a request: the freeze did not cost it. */
    private boolean sessionSurvived() {
        try {
            CuratorFramework curator = service.getCuratorFramework();
            if (curator == null) {
                return false;
            }
            ZooKeeper zooKeeper = curator.getZookeeperClient().getZooKeeper();
            if (zooKeeper.getSessionId() != sessionBeforeGap.get()) {
                return false;
            }
            CountDownLatch answered = new CountDownLatch(1);
            AtomicBoolean ok = new AtomicBoolean();
            zooKeeper.exists("/", false, (rc, path, ctx, stat) -> {
                ok.set(rc == KeeperException.Code.OK.intValue());
                answered.countDown();
            }, null);
            return answered.await(freezeLimit.toMillis(), TimeUnit.MILLISECONDS) && ok.get()
                    && zooKeeper.getSessionId() == sessionBeforeGap.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
