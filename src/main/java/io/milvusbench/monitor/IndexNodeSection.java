package io.milvusbench.monitor;

import java.util.List;
import java.util.Map;

/**
 * Indexes and their builds: every index of the inspected collections with its build progress, the
 * write probe's own timed build, and the index nodes' memory and CPU.
 */
public record IndexNodeSection(List<IndexState> indexes, WriteProbeResult buildProbe, List<NodeInfo> nodes,
                               Map<String, Double> metrics) {

    /** One index as DescribeIndex reports it. */
    public record IndexState(String collection, String field, String indexName, String type, String metric,
                             Map<String, String> params, long indexedRows, long totalRows, long pendingRows, String state,
                             String failureReason) {
    }
}
