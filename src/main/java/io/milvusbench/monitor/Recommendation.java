package io.milvusbench.monitor;

/**
 * Advice derived from a measured figure; {@code evidence} quotes the figure that triggered it, so
 * a reader can check it against the snapshot.
 */
public record Recommendation(String component, String evidence, String advice) {
}
