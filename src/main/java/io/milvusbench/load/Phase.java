package io.milvusbench.load;

import io.milvusbench.BadInputException;

import java.time.Duration;

/**
 * The time frame of one load phase: it runs for {@code total}, of which the first {@code warmup}
 * is not measured. Both bounds are checked when the phase is made, so a phase that would measure
 * nothing is refused up front.
 */
public record Phase(Duration warmup, Duration total) {
    /** The shortest measurement window a phase may have. */
    public static final Duration MIN_MEASURED = Duration.ofSeconds(1);

    public Phase {
        if (warmup.isNegative()) {
            throw new BadInputException("warmup must not be negative, got " + warmup.toMillis() + " ms");
        }
        if (total.compareTo(warmup.plus(MIN_MEASURED)) < 0) {
            throw new BadInputException("duration " + seconds(total) + " is too short for warmup " + seconds(warmup)
                    + ": it must be at least " + MIN_MEASURED.toSeconds() + " s longer than the warmup");
        }
    }

    public static Phase of(double warmupSeconds, double totalSeconds) {
        return new Phase(Duration.ofNanos((long) (warmupSeconds * 1e9)), Duration.ofNanos((long) (totalSeconds * 1e9)));
    }

    public Duration measured() {
        return total.minus(warmup);
    }

    static String seconds(Duration d) {
        return (d.toMillis() / 1000.0) + " s";
    }
}
