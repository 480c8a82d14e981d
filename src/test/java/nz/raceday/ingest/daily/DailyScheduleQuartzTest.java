package nz.raceday.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import nz.raceday.ingest.testsupport.RacedayRouteTestSupport;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/** The daily jobs' Quartz triggers as application.properties and the routes configure them. */
class DailyScheduleQuartzTest extends RacedayRouteTestSupport {

    @Override
    protected boolean replaceQuartzTriggers() {
        return false;
    }

    @Override
    protected Map<String, String> testProperties() {
        Map<String, String> properties = super.testProperties();
        // a deployment that runs only the meetings and races jobs
        properties.put("daily-entrants.enabled", "false");
        return properties;
    }

    @Test
    void shouldScheduleEachEnabledJobOnItsUtcCronWithoutOverlapAndWithAnExplicitMisfirePolicy() throws Exception {
        assertTrigger("daily-meetings", "0 0 17 * * ?", 17, 0);
        assertTrigger("daily-races", "0 10 17 * * ?", 17, 10);
    }

    @Test
    void shouldNotCreateADisabledJobAtAll() throws Exception {
        assertThat(context.getRoute("daily-entrants")).isNull();
        assertThat(context.getRouteController().getRouteStatus("daily-meetings")).isEqualTo(ServiceStatus.Started);
        Scheduler scheduler = context.getRoute("daily-meetings").getEndpoint() instanceof QuartzEndpoint q
                ? q.getComponent().getScheduler() : null;
        assertThat(scheduler).isNotNull();
        assertThat(scheduler.getTrigger(TriggerKey.triggerKey("daily-entrants", "daily-import"))).isNull();
    }

    private void assertTrigger(String routeId, String cron, int hour, int minute) throws Exception {
        QuartzEndpoint endpoint = (QuartzEndpoint) context.getRoute(routeId).getEndpoint();
        assertThat(endpoint.isStateful()).as("stateful: no overlapping runs").isTrue();
        Trigger trigger = endpoint.getComponent().getScheduler().getTrigger(TriggerKey.triggerKey(routeId,
                "daily-import"));
        assertThat(trigger).isInstanceOf(CronTrigger.class);
        CronTrigger cronTrigger = (CronTrigger) trigger;
        assertThat(cronTrigger.getCronExpression()).isEqualTo(cron);
        assertThat(cronTrigger.getTimeZone().getID()).isEqualTo("UTC");
        assertThat(cronTrigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        ZonedDateTime next = trigger.getNextFireTime().toInstant().atZone(ZoneOffset.UTC);
        assertThat(next.getHour()).isEqualTo(hour);
        assertThat(next.getMinute()).isEqualTo(minute);
    }
}
