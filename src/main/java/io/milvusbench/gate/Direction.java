package io.milvusbench.gate;

/** Which way a statistic gets better: decides whether a change against a baseline is a regression. */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER,
    /** Counts and figures of unknown meaning: changes are shown, never judged. */
    NEUTRAL
}
