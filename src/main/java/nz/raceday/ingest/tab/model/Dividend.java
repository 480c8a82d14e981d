package nz.raceday.ingest.tab.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of {@code data.dividends[]}: typed keys to select and de-duplicate by, and the row as TAB sent it, which
 * is what the frontend reads from {@code race-results.dividendsData}.
 *
 * @param productName {@code Pool Win}, {@code Pool Place}, {@code Pool Quinella}, ...
 * @param status      {@code Interim} or {@code Final} (Title case)
 * @param description the selection ({@code 2:4:7}); one Place row per placed runner differs only here
 * @param json        the row as received
 */
public record Dividend(String productName, String status, String description, JsonNode json) {
}
