package nz.raceday.ingest.camel;

import nz.raceday.ingest.tab.TabRetryPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The {@code retryWhileRef} of the {@code tab-request} route: asks {@link TabRetryPolicy} whether the failed TAB
 * request is retried. (A separate class from {@link TabRetryAfter}: Camel's bean binding would call a
 * {@code Processor}'s {@code process} instead of {@code matches} on a class implementing both.)
 */
public final class TabRetryWhile implements Predicate {

    /** Exchange property holding the {@link java.time.Instant} after which a request is not retried any more. */
    public static final String DEADLINE_PROPERTY = "tabRetryDeadline";

    private final TabRetryPolicy policy;
    private final java.time.Clock clock;

    public TabRetryWhile(TabRetryPolicy policy, java.time.Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Called after a failed attempt; {@code CamelRedeliveryCounter} is then the number of the coming retry. */
    @Override
    public boolean matches(Exchange exchange) {
        Integer redelivery = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        int retriesSoFar = redelivery == null ? 0 : redelivery - 1;
        return policy.shouldRetry(TabRetryAfter.failure(exchange), retriesSoFar, clock.instant(),
                exchange.getProperty(DEADLINE_PROPERTY, java.time.Instant.class));
    }
}
