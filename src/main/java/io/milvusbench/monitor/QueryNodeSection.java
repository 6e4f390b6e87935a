package io.milvusbench.monitor;

import java.util.List;
import java.util.Map;

/**
 * Where loaded data lives: every loaded segment of the inspected collections, the spread over
 * query nodes, and each query node's own memory and CPU (GetMetrics: the server's figures).
 */
public record QueryNodeSection(List<Segment> segments, List<NodeShare> distribution, List<NodeInfo> nodes,
                               Map<String, Double> metrics, List<StateRows> segmentsFromMetrics) {

    /**
     * Segments and rows of one collection in one state as the query node's own /metrics count them
     * ({@code milvus_querynode_segment_num}, {@code milvus_querynode_entity_num} by {@code segment_state}):
     * the only place Growing (unflushed) segments show on Milvus 2.3, whose GetQuerySegmentInfo lists
     * sealed segments only. {@code collection} is the inspected collection's name; for another id it is
     * {@code db/collection} where the version labels entity_num so (2.5 on), else null.
     */
    public record StateRows(String collection, String collectionId, String state, long segments, long rows) {
    }

    /** Rows in Growing segments of {@code collection} per the server's metrics. */
    public long growingRows(String collection) {
        return segmentsFromMetrics == null ? 0 : segmentsFromMetrics.stream()
                .filter(s -> "Growing".equalsIgnoreCase(s.state()) && collection.equals(s.collection()))
                .mapToLong(StateRows::rows).sum();
    }

    /** One loaded segment (GetQuerySegmentInfo). {@code indexName} is empty while the segment is searched without index. */
    public record Segment(String collection, long segmentId, List<Long> nodeIds, String state, long rows, String indexName,
                          Long memBytes) {
    }

    /** The segments and rows one query node serves. */
    public record NodeShare(long nodeId, int segments, long rows) {
    }
}
