package nz.raceday.ingest.simulator;

import java.util.SplittableRandom;

/** The simulator's numeric helpers: shares, whole-percent splits, TAB's price ladders and rounding. */
final class SimMath {

    private SimMath() {
    }

    /** Scales the values in place so they add up to 1 (left alone when they are all 0). */
    static void normalise(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        if (sum > 0) {
            for (int i = 0; i < values.length; i++) {
                values[i] /= sum;
            }
        }
    }

    /** Whole numbers proportional to the shares that add up to exactly {@code total} (largest remainder). */
    static int[] largestRemainder(double[] shares, int total) {
        int[] parts = new int[shares.length];
        double[] remainders = new double[shares.length];
        int assigned = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = shares[i] * total;
            parts[i] = (int) Math.floor(exact);
            remainders[i] = exact - parts[i];
            assigned += parts[i];
        }
        while (assigned < total) {
            int best = -1;
            for (int i = 0; i < shares.length; i++) {
                if (shares[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            parts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        return parts;
    }

    /** TAB's fixed-odds price ladder. */
    static double fixedLadder(double price) {
        double p = Math.min(501, Math.max(1.01, price));
        double step = p < 2 ? 0.05 : p < 5 ? 0.1 : p < 10 ? 0.5 : p < 50 ? 1 : p < 100 ? 5 : 10;
        return Math.max(1.01, hundredths(Math.round(p / step) * step));
    }

    /** TAB's fixed place price ladder (no cap, whole-dollar steps from 10). */
    static double placeLadder(double price) {
        double p = Math.max(1.01, price);
        double step = p < 2 ? 0.05 : p < 5 ? 0.1 : p < 10 ? 0.5 : 1;
        return Math.max(1.01, hundredths(Math.round(p / step) * step));
    }

    static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A standard normal value drawn from a generator (Box-Muller; takes two draws). */
    static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
