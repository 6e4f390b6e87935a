package io.milvusbench.gate;

/**
 * One threshold: the {@code statistic} of the series picked by {@code selector} must stay at or
 * below ({@link Bound#MAX}) or at or above ({@link Bound#MIN}) {@code limit}; a breach has the
 * rule's {@code level}. An {@code optional} rule whose series are absent reports "no data"
 * instead of being an error.
 */
public record Rule(String name, Selector selector, String statistic, Bound bound, double limit, Level level,
                   boolean optional, String description) {

    public enum Bound {
        MAX, MIN;

        /** The bound itself passes. */
        public boolean breachedBy(double value, double limit) {
            return Double.isNaN(value) || (this == MAX ? value > limit : value < limit);
        }

        public String key() {
            return name().toLowerCase();
        }
    }

    public enum Level {
        WARNING, CRITICAL;

        public Status status() {
            return this == WARNING ? Status.WARNING : Status.CRITICAL;
        }
    }

    /** {@code max 200}, for messages. */
    public String boundText() {
        return bound.key() + " " + Figures.format(limit);
    }
}
