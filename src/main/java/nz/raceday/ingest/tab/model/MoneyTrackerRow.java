package nz.raceday.ingest.tab.model;

/**
 * One row of {@code data.money_tracker.entrants[]}. TAB sends several rows per entrant; the entrant's share is
 * their sum (domain-spec §2.11).
 *
 * @param entrantId      entrant the row is for; may be an id that is not among the runners
 * @param holdPercentage percent of the pool held on the entrant (TAB sends whole numbers, fractions are accepted)
 * @param betPercentage  percent of the bets placed on the entrant
 */
public record MoneyTrackerRow(String entrantId, double holdPercentage, double betPercentage) {
}
