package nz.raceday.ingest.ops;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A readiness check of the application ({@code raceday} group), shown at {@code /observe/health/ready}; the rule is
 * a {@link Readiness} verdict.
 */
public final class RacedayHealthCheck extends AbstractHealthCheck {

    private final Supplier<Readiness.Verdict> rule;

    public RacedayHealthCheck(String id, Supplier<Readiness.Verdict> rule) {
        super("raceday", id);
        this.rule = rule;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Readiness.Verdict verdict;
        try {
            verdict = rule.get();
        } catch (RuntimeException e) {
            builder.down().message(getId() + " check failed: " + e.getMessage());
            return;
        }
        verdict.details().forEach(builder::detail);
        builder.message(verdict.message());
        if (verdict.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
