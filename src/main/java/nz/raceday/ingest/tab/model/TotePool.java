package nz.raceday.ingest.tab.model;

/**
 * One pool of {@code data.tote_pools[]}.
 *
 * @param productType TAB's product name as sent ({@code Win}, {@code FirstFour}, {@code EarlyQuadrella}, ...)
 * @param totalDollars pool total in dollars (TAB sends floats such as 9151.38), null when absent
 * @param status      TAB's pool status ({@code OPEN}, {@code CLOSED}), may be null
 * @param multiRace   whether the pool spans several races (quaddies, doubles, trebles): its money belongs to
 *                    several races and must not count in one race's total
 */
public record TotePool(String productType, Double totalDollars, String status, boolean multiRace) {
}
