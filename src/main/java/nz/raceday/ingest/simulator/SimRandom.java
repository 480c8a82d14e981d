package nz.raceday.ingest.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Stateless, seeded randomness: every value is a hash of (seed, what it is for, where it is). Nothing is drawn from
 * a shared generator, so a value never depends on what was computed before it or on which thread asks: the same
 * seed gives the same day at any instant, in any order, and a payload can be rendered for any instant directly.
 */
final class SimRandom {

    private SimRandom() {
    }

    /** A stable 64-bit hash of a label (FNV-1a over UTF-8), used to name random streams. */
    static long label(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Mixes a seed and any number of parts into one well-distributed 64-bit value (SplitMix64 finaliser chain). */
    static long mix(long seed, long... parts) {
        long h = finalise(seed ^ 0x9E3779B97F4A7C15L);
        for (long part : parts) {
            h = finalise(h + 0x9E3779B97F4A7C15L ^ part);
        }
        return h;
    }

    /** A uniform double in [0, 1) from a mixed value. */
    static double unit(long mixed) {
        return (mixed >>> 11) * 0x1.0p-53;
    }

    /** A uniform double in [0, 1) for (seed, parts). */
    static double unit(long seed, long... parts) {
        return unit(mix(seed, parts));
    }

    /** A standard normal value for (seed, parts) (Box-Muller on two derived uniforms). */
    static double gaussian(long seed, long... parts) {
        long h = mix(seed, parts);
        double u1 = unit(h);
        double u2 = unit(finalise(h ^ 0x5DEECE66DL));
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A generator for a whole batch of values belonging to one thing (a runner's card, a race's margins). */
    static SplittableRandom random(long seed, long... parts) {
        return new SplittableRandom(mix(seed, parts));
    }

    /**
     * A name-based UUID of (seed, kind, indices): stable for a seed, different for another seed, and shaped like the
     * API's ids (36 characters).
     */
    static String uuid(long seed, String kind, int... indices) {
        StringBuilder name = new StringBuilder("raceday-simulator/").append(seed).append('/').append(kind);
        for (int index : indices) {
            name.append('/').append(index);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** One element of a list, uniformly. */
    static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
