package nz.raceday.ingest.camel;

import java.time.Duration;

import nz.raceday.ingest.tab.TabRetryPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;

/**
 * The {@code onExceptionOccurredRef} of the {@code tab-request} route: turns TAB's {@code Retry-After} into the
 * {@link Exchange#REDELIVERY_DELAY} header, which Camel's redelivery uses instead of the exponential backoff for
 * the next retry. It runs before the retry decision and delay are computed.
 */
public final class TabRetryAfter implements Processor {

    private final TabRetryPolicy policy;

    public TabRetryAfter(TabRetryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void process(Exchange exchange) {
        Duration retryAfter = policy.retryAfter(failure(exchange));
        if (retryAfter == null) {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        } else {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, retryAfter.toMillis());
        }
    }

    static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
    }
}
