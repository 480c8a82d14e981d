package nz.raceday.ingest.simulator;

import static nz.raceday.ingest.simulator.SimMath.fixedLadder;
import static nz.raceday.ingest.simulator.SimMath.largestRemainder;
import static nz.raceday.ingest.simulator.SimMath.normalise;
import static nz.raceday.ingest.simulator.SimMath.placeLadder;
import static nz.raceday.ingest.simulator.SimMath.tenths;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One race's market at any tick (the model the {@link SimulatedRace} class comment describes): odds, money shares,
 * tote prices, money-tracker percentages and pool totals, each computed directly from the seed and the tick, so no
 * tick depends on another having been computed. Which tick the API shows at an instant (frozen at the jump) is
 * {@link SimulatedRace#marketTick(Instant)}'s business.
 */
final class MarketModel {

    private static final int WALK_WINDOW = 40;
    private static final double WALK_DECAY = 0.9;
    /** Scales the windowed walk to unit variance: the sum of decay^2k is 1 / (1 - decay^2). */
    private static final double WALK_NORM = Math.sqrt(1 - WALK_DECAY * WALK_DECAY);
    private static final double ODDS_VOLATILITY = 0.12;
    private static final double MONEY_VOLATILITY = 0.15;
    private static final double OVERROUND = 1.15;
    /** The tote's share of a pool paid back to winners, for the tote prices and the dividends. */
    static final double TOTE_RETURN = 0.85;
    private static final double POOL_GROWTH_MINUTES = 18.0;

    private static final long K_ODDS = SimRandom.label("odds");
    private static final long K_MONEY = SimRandom.label("money");
    private static final long K_HOLD_TOTAL = SimRandom.label("hold-total");
    private static final long K_BET_TOTAL = SimRandom.label("bet-total");
    private static final long K_SPLIT = SimRandom.label("money-rows");
    private static final long K_GHOST = SimRandom.label("ghost-rows");
    private static final long K_ROW_ORDER = SimRandom.label("row-order");

    private final DayContext ctx;
    private final long salt;
    private final List<SimulatedRunner> runners;
    private final double[] openWin;
    private final int[] moneyRowCounts;
    private final List<String> ghostEntrantIds;
    private final long[] finalPoolCents;
    private final int scratchedIndex;
    private final Instant scratchTime;
    private final Instant jump;

    /**
     * @param salt            the race's stream salt (a hash of its id)
     * @param moneyRowCounts  per runner, how many money-tracker rows its percentages are split into
     * @param ghostEntrantIds entrant ids the money tracker lists that are no runner of the race (as the API does)
     * @param finalPoolCents  per {@link SimulatedRace#PRODUCTS} product, the pool total at the jump
     * @param scratchedIndex  the late-scratched runner, or -1
     * @param scratchTime     when it is scratched (a tick boundary), or null
     * @param jump            the planned jump, towards which the pools grow
     */
    MarketModel(DayContext ctx, long salt, List<SimulatedRunner> runners, int[] moneyRowCounts,
            List<String> ghostEntrantIds, long[] finalPoolCents, int scratchedIndex, Instant scratchTime,
            Instant jump) {
        this.ctx = ctx;
        this.salt = salt;
        this.runners = runners;
        this.moneyRowCounts = moneyRowCounts;
        this.ghostEntrantIds = ghostEntrantIds;
        this.finalPoolCents = finalPoolCents;
        this.scratchedIndex = scratchedIndex;
        this.scratchTime = scratchTime;
        this.jump = jump;
        this.openWin = openingPrices();
    }

    private double[] openingPrices() {
        double sum = runners.stream().mapToDouble(SimulatedRunner::strength).sum();
        double[] prices = new double[runners.size()];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = fixedLadder(1.0 / (runners.get(i).strength() / sum * OVERROUND));
        }
        return prices;
    }

    /** A runner's fixed win price when the market opened (from its strength alone). */
    double openingPrice(int runner) {
        return openWin[runner];
    }

    /** Everything that moves with the market at one tick. */
    static final class Market {
        boolean[] active;
        double[] fixedWin;
        double[] fixedPlace;
        double[] poolWin;
        double[] poolPlace;
        double[] chance;
        double[] money;
        int[] hold;
        int[] bet;
        long[] poolCents;
        long tick;
        int positionsPaid;
        int favourite = -1;
        int mover = -1;
    }

    /** The market at a tick. */
    Market at(long tick) {
        int size = runners.size();
        long seed = ctx.seed();
        Instant tickStart = ctx.tickStart(tick);
        Market m = new Market();
        m.tick = tick;
        m.active = new boolean[size];
        m.chance = new double[size];
        m.money = new double[size];
        int field = 0;
        for (int i = 0; i < size; i++) {
            m.active[i] = !(i == scratchedIndex && !tickStart.isBefore(scratchTime));
            if (m.active[i]) {
                field++;
                m.chance[i] = runners.get(i).strength() * Math.exp(ODDS_VOLATILITY * walk(K_ODDS, i, tick));
                m.money[i] = m.chance[i] * Math.exp(MONEY_VOLATILITY * walk(K_MONEY, i, tick));
            }
        }
        normalise(m.chance);
        normalise(m.money);
        m.positionsPaid = SimulatedRace.positionsPaid(field);
        double[] placeShare = new double[size];
        for (int i = 0; i < size; i++) {
            // place money is spread more evenly than win money
            placeShare[i] = Math.pow(m.money[i], 0.7);
        }
        normalise(placeShare);
        m.fixedWin = new double[size];
        m.fixedPlace = new double[size];
        m.poolWin = new double[size];
        m.poolPlace = new double[size];
        double best = -1;
        double bestDrift = 0;
        for (int i = 0; i < size; i++) {
            if (!m.active[i]) {
                continue;
            }
            m.fixedWin[i] = fixedLadder(1.0 / (m.chance[i] * OVERROUND));
            double divisor = switch (m.positionsPaid) {
                case 3 -> 5.0;
                case 2 -> 4.0;
                default -> 1.0;
            };
            m.fixedPlace[i] = placeLadder(1.0 + (m.fixedWin[i] - 1.0) / divisor);
            m.poolWin[i] = tenths(Math.min(999.9, Math.max(1.0, TOTE_RETURN / m.money[i])));
            m.poolPlace[i] = tenths(Math.min(999.9, Math.max(1.0,
                    TOTE_RETURN / (m.positionsPaid * placeShare[i]))));
            if (m.chance[i] > best) {
                best = m.chance[i];
                m.favourite = i;
            }
            double drift = openWin[i] / m.fixedWin[i];
            if (m.mover < 0 || drift > bestDrift) {
                bestDrift = drift;
                m.mover = i;
            }
        }
        m.hold = largestRemainder(m.money, 100 + adjustment(SimRandom.unit(seed, K_HOLD_TOTAL, salt, tick)));
        double[] betShare = new double[size];
        for (int i = 0; i < size; i++) {
            // bets are counted per ticket, so longshots get relatively more bets than money
            betShare[i] = Math.pow(m.money[i], 0.75);
        }
        normalise(betShare);
        m.bet = largestRemainder(betShare, 100 + adjustment(SimRandom.unit(seed, K_BET_TOTAL, salt, tick)));
        m.poolCents = new long[SimulatedRace.PRODUCTS.size()];
        // money flows until the (planned) jump; the abandoned race's pools freeze with its market
        double growth = growth(tickStart, jump);
        for (int p = 0; p < m.poolCents.length; p++) {
            m.poolCents[p] = Math.round(finalPoolCents[p] * growth);
        }
        return m;
    }

    /** Percent totals are 99, 100 or 101, as whole-percent rounding gives in the real feed. */
    private static int adjustment(double u) {
        return u < 0.2 ? -1 : u > 0.8 ? 1 : 0;
    }

    /** Share of the final pool at a tick: grows towards the jump, 1 at the jump. */
    static double growth(Instant tickStart, Instant jumpAt) {
        double minutes = Math.max(0, Duration.between(tickStart, jumpAt).toSeconds()) / 60.0;
        return Math.exp(-minutes / POOL_GROWTH_MINUTES);
    }

    /** A seeded mean-reverting walk, unit variance: a decaying sum of the last 40 ticks' shocks. */
    private double walk(long kind, int runner, long tick) {
        double x = 0;
        double weight = 1;
        for (int k = 0; k < WALK_WINDOW; k++) {
            x += weight * SimRandom.gaussian(ctx.seed(), kind, salt, runner, tick - k);
            weight *= WALK_DECAY;
        }
        return x * WALK_NORM;
    }

    /**
     * The money tracker's rows at a market's tick: each runner's hold and bet percentages split over its rows, plus
     * the ghost rows, in a shuffled order.
     */
    List<RaceState.MoneyRow> moneyRows(Market market) {
        long seed = ctx.seed();
        List<RaceState.MoneyRow> rows = new ArrayList<>();
        for (SimulatedRunner runner : runners) {
            int i = runner.index();
            SplittableRandom split = SimRandom.random(seed, K_SPLIT, salt, i, market.tick);
            double[] weights = new double[moneyRowCounts[i]];
            for (int k = 0; k < weights.length; k++) {
                double u = split.nextDouble();
                weights[k] = u * u + 0.02;
            }
            normalise(weights);
            int[] holds = largestRemainder(weights, market.hold[i]);
            int[] bets = largestRemainder(weights, market.bet[i]);
            for (int k = 0; k < weights.length; k++) {
                rows.add(new RaceState.MoneyRow(runner.entrantId(), holds[k], bets[k]));
            }
        }
        for (int j = 0; j < ghostEntrantIds.size(); j++) {
            double u = SimRandom.unit(seed, K_GHOST, salt, j, market.tick);
            rows.add(new RaceState.MoneyRow(ghostEntrantIds.get(j), u < 0.7 ? 0 : 1 + (int) ((u - 0.7) * 10),
                    u < 0.85 ? 0 : 1));
        }
        // the real feed lists the rows in no particular order
        SplittableRandom order = SimRandom.random(seed, K_ROW_ORDER, salt, market.tick);
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            RaceState.MoneyRow tmp = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, tmp);
        }
        return rows;
    }
}
