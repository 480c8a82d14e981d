package nz.raceday.ingest.tab.model;

import java.time.Instant;
import java.util.List;

/**
 * One page of {@code /racing/meetings}.
 *
 * @param generatedTime {@code header.generated_time}, the API's own timestamp of the response (may be null)
 * @param meetings      meetings on this page, in API order
 */
public record MeetingsPage(Instant generatedTime, List<RawMeeting> meetings) {

    public MeetingsPage {
        meetings = List.copyOf(meetings);
    }
}
