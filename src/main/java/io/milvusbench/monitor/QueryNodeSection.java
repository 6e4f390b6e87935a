package io.milvusbench.monitor;

import java.util.List;
import java.util.Map;

/**
 * Where loaded data lives: every loaded segment of the inspected collections, the spread over
 * query nodes, and each query node's own memory and CPU (GetMetrics: the server's figures).
 */
public record QueryNodeSection(List<Segment> segments, List<NodeShare> distribution, List<NodeInfo> nodes,
                               Map<String, Double> metrics) {

    /** One loaded segment (GetQuerySegmentInfo). {@code indexName} is empty while the segment is searched without index. */
    public record Segment(String collection, long segmentId, List<Long> nodeIds, String state, long rows, String indexName,
                          Long memBytes) {
    }

    /** The segments and rows one query node serves. */
    public record NodeShare(long nodeId, int segments, long rows) {
    }
}
