package nz.raceday.ingest.ops;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hooks the application's meters and readiness checks into what Camel serves on the management server. */
public final class Operations {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    /** The name under which Camel's Prometheus support keeps (or looks for) its meter registry. */
    static final String METRICS_REGISTRY = "metricsRegistry";

    private Operations() {
    }

    /** Binds the meters to Camel's Prometheus registry (or a registry of their own when Camel's metrics are off). */
    public static void bindMetrics(CamelContext context, MeterBinder meters) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind(METRICS_REGISTRY, registry);
            LOG.debug("Camel metrics are off; application meters kept in a registry of their own");
        }
        meters.bindTo(registry);
    }

    /** Adds the readiness checks to Camel's health registry, when health checks are on. */
    public static void registerReadiness(CamelContext context, List<? extends HealthCheck> checks) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health == null) {
            LOG.debug("Camel health checks are off; readiness checks not registered");
            return;
        }
        checks.forEach(health::register);
    }
}
