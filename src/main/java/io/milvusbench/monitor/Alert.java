package io.milvusbench.monitor;

/**
 * A threshold crossed in one snapshot, e.g. a QueryNode's memory above the critical level.
 *
 * @param severity  {@code warning} or {@code critical}
 * @param rule      the rule's name, e.g. {@code memory_percent>=90}
 * @param threshold the level crossed
 */
public record Alert(String severity, String rule, String series, String component, String statistic, double value,
                    double threshold, String message) {
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public boolean critical() {
        return CRITICAL.equals(severity);
    }
}
