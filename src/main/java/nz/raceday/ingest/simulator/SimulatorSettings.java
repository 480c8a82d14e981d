package nz.raceday.ingest.simulator;

import java.time.Duration;

/**
 * The knobs of the simulated NZ TAB affiliates API: the shape of the simulated racing day, its timeline and the
 * faults the server injects. Immutable; build variants with {@link #builder()} or {@link #toBuilder()}.
 *
 * <p>The defaults make a whole day run in about 15 minutes: 2 AUS/NZ meetings (one thoroughbred, one harness) of
 * 4 races with 8 runners, the first advertised start 3 minutes after the simulation starts and one start every
 * 90 seconds after that, plus 2 meetings the import must filter out (a UK thoroughbred and an AUS greyhound
 * meeting). No latency and no faults by default.
 *
 * @param meetings          AUS/NZ thoroughbred and harness meetings (the ones the import keeps), 1..200
 * @param otherMeetings     meetings the import must filter out (alternately UK thoroughbred and AUS greyhound), 0..200
 * @param racesPerMeeting   races per meeting, 1..30
 * @param runnersPerRace    runners per race, 2..24
 * @param firstStart        from the simulation start to the first advertised start (whole seconds, not negative)
 * @param spacing           between consecutive advertised starts, interleaved across meetings (whole seconds, positive)
 * @param closedFor         how long a race stays Closed after its jump (whole seconds, positive)
 * @param interimFor        how long a race stays Interim before it turns Final (whole seconds, positive)
 * @param latency           added to every response of the server (not negative)
 * @param errorRate         share of requests answered with 500, 502 or 503
 * @param timeoutRate       share of requests held for {@code timeoutHold} before they are answered
 * @param throttleRate      share of requests answered 429 (each one starts a burst of {@code throttleBurst} more)
 * @param malformedRate     share of requests answered 200 with a truncated, unparseable JSON body
 * @param timeoutHold       how long a "timeout" request is held before the server answers it (positive)
 * @param retryAfterSeconds the {@code Retry-After} header of a 429, in seconds (0..3600)
 * @param throttleBurst     how many further requests get a 429 after a drawn one (0..1000)
 * @param formDepth         entries of each runner's {@code last_starts} form history (0..50); sizes the payloads
 * @param seed              makes a simulated day and its faults reproducible
 */
public record SimulatorSettings(
        int meetings,
        int otherMeetings,
        int racesPerMeeting,
        int runnersPerRace,
        Duration firstStart,
        Duration spacing,
        Duration closedFor,
        Duration interimFor,
        Duration latency,
        double errorRate,
        double timeoutRate,
        double throttleRate,
        double malformedRate,
        Duration timeoutHold,
        int retryAfterSeconds,
        int throttleBurst,
        int formDepth,
        long seed) {

    private static final SimulatorSettings DEFAULTS = new SimulatorSettings(2, 2, 4, 8, Duration.ofMinutes(3),
            Duration.ofSeconds(90), Duration.ofSeconds(45), Duration.ofSeconds(60), Duration.ZERO, 0, 0, 0, 0,
            Duration.ofSeconds(20), 1, 5, 12, 42);

    public SimulatorSettings {
        range("meetings", meetings, 1, 200);
        range("otherMeetings", otherMeetings, 0, 200);
        range("racesPerMeeting", racesPerMeeting, 1, 30);
        range("runnersPerRace", runnersPerRace, 2, 24);
        wholeSeconds("firstStart", firstStart, false);
        wholeSeconds("spacing", spacing, true);
        wholeSeconds("closedFor", closedFor, true);
        wholeSeconds("interimFor", interimFor, true);
        notNegative("latency", latency);
        rate("errorRate", errorRate);
        rate("timeoutRate", timeoutRate);
        rate("throttleRate", throttleRate);
        rate("malformedRate", malformedRate);
        double faults = errorRate + timeoutRate + throttleRate + malformedRate;
        if (faults > 1.0 + 1e-9) {
            // one uniform draw per request decides its fault, so the rates share the interval [0, 1)
            throw new IllegalArgumentException("the fault rates together (error + timeout + throttle + malformed)"
                    + " must not exceed 1.0, got " + faults);
        }
        notNegative("timeoutHold", timeoutHold);
        if (timeoutHold.isZero()) {
            throw new IllegalArgumentException("timeoutHold must be positive, got 0");
        }
        range("retryAfterSeconds", retryAfterSeconds, 0, 3600);
        range("throttleBurst", throttleBurst, 0, 1000);
        range("formDepth", formDepth, 0, 50);
    }

    /** The defaults: a whole day in about 15 minutes, no latency, no faults, seed 42. */
    public static SimulatorSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** These settings with another seed. */
    public SimulatorSettings withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** These settings with other fault rates (5xx, timeout, 429, malformed). */
    public SimulatorSettings withFaultRates(double error, double timeout, double throttle, double malformed) {
        return toBuilder().errorRate(error).timeoutRate(timeout).throttleRate(throttle).malformedRate(malformed)
                .build();
    }

    /** The sum of the fault rates: the share of requests that get some fault drawn. */
    public double totalFaultRate() {
        return errorRate + timeoutRate + throttleRate + malformedRate;
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void rate(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0.0 and 1.0, got " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    /** Timeline durations are whole seconds: the API's times are whole seconds, so the truth must be too. */
    private static void wholeSeconds(String name, Duration value, boolean positive) {
        notNegative(name, value);
        if (value.getNano() != 0) {
            throw new IllegalArgumentException(name + " must be whole seconds, got " + value);
        }
        if (positive && value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got 0");
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int meetings;
        private int otherMeetings;
        private int racesPerMeeting;
        private int runnersPerRace;
        private Duration firstStart;
        private Duration spacing;
        private Duration closedFor;
        private Duration interimFor;
        private Duration latency;
        private double errorRate;
        private double timeoutRate;
        private double throttleRate;
        private double malformedRate;
        private Duration timeoutHold;
        private int retryAfterSeconds;
        private int throttleBurst;
        private int formDepth;
        private long seed;

        private Builder(SimulatorSettings from) {
            meetings = from.meetings;
            otherMeetings = from.otherMeetings;
            racesPerMeeting = from.racesPerMeeting;
            runnersPerRace = from.runnersPerRace;
            firstStart = from.firstStart;
            spacing = from.spacing;
            closedFor = from.closedFor;
            interimFor = from.interimFor;
            latency = from.latency;
            errorRate = from.errorRate;
            timeoutRate = from.timeoutRate;
            throttleRate = from.throttleRate;
            malformedRate = from.malformedRate;
            timeoutHold = from.timeoutHold;
            retryAfterSeconds = from.retryAfterSeconds;
            throttleBurst = from.throttleBurst;
            formDepth = from.formDepth;
            seed = from.seed;
        }

        public Builder meetings(int value) {
            meetings = value;
            return this;
        }

        public Builder otherMeetings(int value) {
            otherMeetings = value;
            return this;
        }

        public Builder racesPerMeeting(int value) {
            racesPerMeeting = value;
            return this;
        }

        public Builder runnersPerRace(int value) {
            runnersPerRace = value;
            return this;
        }

        public Builder firstStart(Duration value) {
            firstStart = value;
            return this;
        }

        public Builder spacing(Duration value) {
            spacing = value;
            return this;
        }

        public Builder closedFor(Duration value) {
            closedFor = value;
            return this;
        }

        public Builder interimFor(Duration value) {
            interimFor = value;
            return this;
        }

        public Builder latency(Duration value) {
            latency = value;
            return this;
        }

        public Builder errorRate(double value) {
            errorRate = value;
            return this;
        }

        public Builder timeoutRate(double value) {
            timeoutRate = value;
            return this;
        }

        public Builder throttleRate(double value) {
            throttleRate = value;
            return this;
        }

        public Builder malformedRate(double value) {
            malformedRate = value;
            return this;
        }

        public Builder timeoutHold(Duration value) {
            timeoutHold = value;
            return this;
        }

        public Builder retryAfterSeconds(int value) {
            retryAfterSeconds = value;
            return this;
        }

        public Builder throttleBurst(int value) {
            throttleBurst = value;
            return this;
        }

        public Builder formDepth(int value) {
            formDepth = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public SimulatorSettings build() {
            return new SimulatorSettings(meetings, otherMeetings, racesPerMeeting, runnersPerRace, firstStart, spacing,
                    closedFor, interimFor, latency, errorRate, timeoutRate, throttleRate, malformedRate, timeoutHold,
                    retryAfterSeconds, throttleBurst, formDepth, seed);
        }
    }
}
