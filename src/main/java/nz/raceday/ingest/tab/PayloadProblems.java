package nz.raceday.ingest.tab;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import nz.raceday.ingest.tab.model.PayloadProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the parts of TAB payloads that could not be used are reported: every problem is counted by kind
 * ({@code raceday_payload_problems_total{kind}}), and logged once per race and kind, because TAB keeps sending the
 * same odd item on every poll of a race and one line says it all.
 */
public final class PayloadProblems implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadProblems.class);
    /** Races remembered as already logged; a day has ~1000, so this spans several days without growing forever. */
    private static final int LOGGED_RACES = 10_000;

    private final Map<PayloadProblem.Kind, AtomicLong> counts = new EnumMap<>(PayloadProblem.Kind.class);
    private final Map<String, Boolean> logged = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > LOGGED_RACES * 4;
        }
    };

    public PayloadProblems() {
        for (PayloadProblem.Kind kind : PayloadProblem.Kind.values()) {
            counts.put(kind, new AtomicLong());
        }
    }

    /** Counts the problems of one payload and logs those of a race and kind not logged before. */
    public void report(List<PayloadProblem> problems) {
        for (PayloadProblem problem : problems) {
            long total = counts.get(problem.kind()).incrementAndGet();
            boolean first;
            synchronized (logged) {
                first = logged.putIfAbsent(problem.raceId() + " " + problem.kind(), Boolean.TRUE) == null;
            }
            if (first) {
                LOG.warn("Payload problem ({}), dropped and the rest stored: {} [logged once per race and kind; "
                        + "{} {} problems so far]", problem.kind().label(), problem.reason(), total,
                        problem.kind().label());
            }
        }
    }

    /** Problems of a kind reported so far. */
    public long count(PayloadProblem.Kind kind) {
        return counts.get(kind).get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (PayloadProblem.Kind kind : PayloadProblem.Kind.values()) {
            FunctionCounter.builder("raceday.payload.problems", this, p -> p.count(kind))
                    .description("parts of TAB payloads dropped as unreadable (the rest was stored), by kind")
                    .tag("kind", kind.label())
                    .register(registry);
        }
    }
}
