package nz.raceday.ingest.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ground truth of one simulated race at one instant, from which the event payload and the race's line in the
 * meetings list are rendered. Tests compare what the application stored with this.
 *
 * @param raceId          the race (event) id
 * @param at              the instant this state is for
 * @param status          {@code Open}, {@code Closed}, {@code Interim}, {@code Final} or {@code Abandoned}
 * @param advertisedStart the advertised start as the API shows it at {@code at} (changes once for a moved race)
 * @param actualStart     the jump once the race has jumped; until then the advertised start (as the API does)
 * @param runners         every runner in runner-number order, scratched ones included
 * @param poolTotals      pool totals in dollars (2 decimals) by {@code product_type}: Win, Place, Quinella, Trifecta,
 *                        FirstFour and, on the legs of a multi-race pool, EarlyQuadrella or Quadrella (that pool's
 *                        money belongs to the whole meeting, not to this race)
 * @param moneyTracker    the {@code money_tracker.entrants} rows in payload order, including rows for entrant ids that
 *                        are not runners of the race (a real quirk)
 * @param results         finishing order (Interim and Final only; empty otherwise)
 * @param dividends       dividend rows in payload order: Interim rows from Interim on, Final rows added at Final
 */
public record RaceState(
        String raceId,
        Instant at,
        String status,
        Instant advertisedStart,
        Instant actualStart,
        List<Runner> runners,
        Map<String, BigDecimal> poolTotals,
        List<MoneyRow> moneyTracker,
        List<Result> results,
        List<Dividend> dividends) {

    public RaceState {
        runners = List.copyOf(runners);
        poolTotals = Collections.unmodifiableMap(new LinkedHashMap<>(poolTotals));
        moneyTracker = List.copyOf(moneyTracker);
        results = List.copyOf(results);
        dividends = List.copyOf(dividends);
    }

    /**
     * A runner at this instant.
     *
     * @param barrier      as text ({@code "7"}, {@code "Fr1"})
     * @param scratchTime  when the runner was scratched, null while it is not
     * @param fixedWin     decimal fixed-odds win price; null for a scratched runner (the payload sends 0)
     * @param fixedPlace   decimal fixed-odds place price; null for a scratched runner
     * @param poolWin      tote win price from the win pool shares; null for a scratched runner
     * @param poolPlace    tote place price from the place pool shares; null for a scratched runner
     * @param holdPercent  the sum of this runner's money-tracker {@code hold_percentage} rows: its whole-percent share
     *                     of the win pool (0 when scratched)
     * @param betPercent   the sum of its {@code bet_percentage} rows
     * @param favourite    lowest fixed win price of the field (the payload's {@code favourite} flag and object)
     * @param mover        the price that shortened most since the market opened ({@code mover})
     */
    public record Runner(
            String entrantId,
            String name,
            int runnerNumber,
            String barrier,
            boolean scratched,
            boolean lateScratched,
            Instant scratchTime,
            Double fixedWin,
            Double fixedPlace,
            Double poolWin,
            Double poolPlace,
            int holdPercent,
            int betPercent,
            boolean favourite,
            boolean mover) {
    }

    /** One row of {@code money_tracker.entrants}: whole percentages. */
    public record MoneyRow(String entrantId, int holdPercentage, int betPercentage) {
    }

    /**
     * One line of {@code results}.
     *
     * @param marginLength     lengths behind the winner (0 for the winner)
     * @param positionalMargin margin to the runner in front ({@code "LG NK"}); null for the winner (absent in JSON)
     * @param winningTime      race time in seconds; winner only, else null
     */
    public record Result(
            int position,
            String entrantId,
            String name,
            int runnerNumber,
            String barrier,
            double marginLength,
            String positionalMargin,
            Double winningTime) {
    }

    /**
     * One row of {@code dividends}.
     *
     * @param productName {@code Pool Win}, {@code Pool Place} (one row per placed runner), {@code Pool Quinella},
     *                    {@code Pool Trifecta} or {@code Pool First4}
     * @param status      {@code Interim} or {@code Final}
     * @param dividend    dollars per $1 unit
     * @param poolSize    the pool's total in dollars
     * @param description runner numbers joined by {@code :} ({@code "2:4:7"})
     */
    public record Dividend(
            String id,
            String productName,
            String status,
            double dividend,
            BigDecimal poolSize,
            List<Position> positions,
            String description) {

        public Dividend {
            positions = List.copyOf(positions);
        }
    }

    /** A runner of a dividend combination. Place rows carry position 1, as the API's do. */
    public record Position(int runnerNumber, int position) {
    }

    /** The runner with this entrant id. */
    public Optional<Runner> runner(String entrantId) {
        return runners.stream().filter(r -> r.entrantId().equals(entrantId)).findFirst();
    }

    /** The runner with this saddlecloth number. */
    public Optional<Runner> runnerNumber(int number) {
        return runners.stream().filter(r -> r.runnerNumber() == number).findFirst();
    }

    /** Runners not scratched at this instant (the API's {@code field_size}). */
    public int fieldSize() {
        return (int) runners.stream().filter(r -> !r.scratched()).count();
    }

    /** Places paid for the current field (the API's {@code positions_paid}): 3 from 8 runners, 2 from 5, else 1. */
    public int positionsPaid() {
        return SimulatedRace.positionsPaid(fieldSize());
    }

    /** The pool total of a product type in dollars, or null when the race has no such pool. */
    public BigDecimal poolTotal(String productType) {
        return poolTotals.get(productType);
    }

    /** The sum of every runner's hold percentage (the unknown-entrant rows excluded); about 100. */
    public int holdPercentTotal() {
        return runners.stream().mapToInt(Runner::holdPercent).sum();
    }

    /** Whether the race is over for good (Final or Abandoned). */
    public boolean isTerminal() {
        return status.equals("Final") || status.equals("Abandoned");
    }
}
