package nz.raceday.ingest.simulator;

import static nz.raceday.ingest.simulator.SimMath.hundredths;
import static nz.raceday.ingest.simulator.SimMath.tenths;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a race was run, drawn from the seed and the frozen market at its jump: the finishing order, the results (margins
 * and the winner's time) and the Interim and Final dividends. Each is drawn from its own stream, so the outcome is
 * the same whichever instant after the jump asks.
 */
final class RaceOutcome {

    private static final long K_RESULT = SimRandom.label("result");
    private static final long K_MARGIN = SimRandom.label("margins");
    private static final long K_DIVIDEND_ORDER = SimRandom.label("dividend-order");

    private static final String[][] MARGINS = {
        {"NSE", "0.05"}, {"SHD", "0.1"}, {"1/2 HD", "0.15"}, {"HD", "0.2"}, {"NK", "0.3"}, {"LG NK", "0.4"},
        {"1/2L", "0.5"}, {"3/4L", "0.75"}, {"1L", "1"}, {"1-1/4L", "1.25"}, {"1-1/2L", "1.5"}, {"1-3/4L", "1.75"},
        {"2L", "2"}, {"2-1/4L", "2.25"}, {"2-1/2L", "2.5"}, {"3L", "3"}, {"4L", "4"}, {"5L", "5"},
    };

    private final SimulatedRace race;
    private final long seed;
    private final MarketModel.Market market;
    /** Runner indices, winner first; only the runners still in the race. */
    private final List<Integer> order;

    /**
     * @param atJump the market frozen at the jump (the odds the race was run on)
     */
    RaceOutcome(SimulatedRace race, MarketModel.Market atJump) {
        this.race = race;
        this.seed = race.context().seed();
        this.market = atJump;
        this.order = finishingOrder();
    }

    /** Plackett-Luce draw on the win chances at the jump: likelier runners tend to finish in front. */
    private List<Integer> finishingOrder() {
        SplittableRandom random = SimRandom.random(seed, K_RESULT, race.salt());
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < race.runners().size(); i++) {
            if (market.active[i]) {
                remaining.add(i);
            }
        }
        List<Integer> finished = new ArrayList<>();
        while (!remaining.isEmpty()) {
            double total = remaining.stream().mapToDouble(i -> market.chance[i]).sum();
            double u = random.nextDouble() * total;
            int chosen = remaining.get(remaining.size() - 1);
            for (int i : remaining) {
                u -= market.chance[i];
                if (u < 0) {
                    chosen = i;
                    break;
                }
            }
            finished.add(chosen);
            remaining.remove(Integer.valueOf(chosen));
        }
        return finished;
    }

    /** Every finisher in order, with its margin and distance behind the winner, and the winner's time. */
    List<RaceState.Result> results() {
        SplittableRandom random = SimRandom.random(seed, K_MARGIN, race.salt());
        double speed = switch (race.meeting().category()) {
            case "H" -> 14.0 + random.nextDouble() * 0.8;
            case "G" -> 16.5 + random.nextDouble() * 0.8;
            default -> 15.6 + random.nextDouble() * 0.9;
        };
        double winningTime = hundredths(race.distance() / speed);
        List<RaceState.Result> results = new ArrayList<>();
        double behind = 0;
        for (int position = 1; position <= order.size(); position++) {
            SimulatedRunner runner = race.runners().get(order.get(position - 1));
            String margin = null;
            if (position > 1) {
                // small margins are commoner than big ones
                String[] step = MARGINS[(int) (Math.pow(random.nextDouble(), 1.6) * MARGINS.length)];
                margin = step[0];
                behind += Double.parseDouble(step[1]);
            }
            results.add(new RaceState.Result(position, runner.entrantId(), runner.name(), runner.runnerNumber(),
                    runner.barrier(), tenths(behind), margin, position == 1 ? winningTime : null));
        }
        return results;
    }

    /** The Interim dividend rows, and with {@code withFinal} the Final ones too, mixed as the API lists them. */
    List<RaceState.Dividend> dividends(boolean withFinal) {
        List<RaceState.Dividend> rows = new ArrayList<>();
        for (String status : withFinal ? List.of("Interim", "Final") : List.of("Interim")) {
            rows.addAll(dividendRows(status));
        }
        // the API lists Interim and Final rows mixed; consumers must filter by status
        SplittableRandom shuffle = SimRandom.random(seed, K_DIVIDEND_ORDER, race.salt(), withFinal ? 1 : 0);
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            RaceState.Dividend tmp = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, tmp);
        }
        return rows;
    }

    private List<RaceState.Dividend> dividendRows(String status) {
        int statusIndex = status.equals("Final") ? 1 : 0;
        List<RaceState.Dividend> rows = new ArrayList<>();
        int winner = order.get(0);
        rows.add(dividend(0, statusIndex, 0, "Pool Win", status, market.poolWin[winner], market.poolCents[0],
                List.of(order.get(0)), false));
        for (int place = 0; place < Math.min(market.positionsPaid, order.size()); place++) {
            int runner = order.get(place);
            rows.add(dividend(1, statusIndex, place, "Pool Place", status, market.poolPlace[runner],
                    market.poolCents[1], List.of(runner), true));
        }
        String[] exotic = {"Pool Quinella", "Pool Trifecta", "Pool First4"};
        for (int e = 0; e < exotic.length; e++) {
            int legs = e + 2;
            if (order.size() < legs) {
                continue;
            }
            List<Integer> combination = order.subList(0, legs);
            double chance = e == 0
                    ? ordered(market.money, combination) + ordered(market.money, List.of(order.get(1), order.get(0)))
                    : ordered(market.money, combination);
            double dividend = tenths(Math.min(99_999.9, Math.max(1.0,
                    MarketModel.TOTE_RETURN / Math.max(chance, 1e-9))));
            rows.add(dividend(2 + e, statusIndex, 0, exotic[e], status, dividend, market.poolCents[2 + e],
                    combination, false));
        }
        return rows;
    }

    /** The chance of runners finishing in exactly this order, by money shares (Harville). */
    private static double ordered(double[] shares, List<Integer> combination) {
        double chance = 1;
        double left = 1;
        for (int i : combination) {
            chance *= shares[i] / Math.max(left, 1e-9);
            left -= shares[i];
        }
        return chance;
    }

    private RaceState.Dividend dividend(int product, int status, int place, String productName, String statusName,
            double amount, long poolCents, List<Integer> combination, boolean placeRow) {
        List<RaceState.Position> positions = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int k = 0; k < combination.size(); k++) {
            int number = race.runners().get(combination.get(k)).runnerNumber();
            // a Place row names one runner at position 1, whichever place it filled (as the API does)
            positions.add(new RaceState.Position(number, placeRow ? 1 : k + 1));
            numbers.add(Integer.toString(number));
        }
        String dividendId = SimRandom.uuid(seed, "dividend", race.meeting().index(), race.raceIndex(), product, status,
                place);
        return new RaceState.Dividend(dividendId, productName, statusName, amount, BigDecimal.valueOf(poolCents, 2),
                positions, String.join(":", numbers));
    }
}
