package io.milvusbench.monitor;

import java.util.List;
import java.util.Map;

/**
 * Indexes and their builds: every index of the inspected collections with its build progress, the
 * write probe's own timed build, and the index nodes' memory and CPU.
 */
public record IndexNodeSection(List<IndexState> indexes, WriteProbeResult buildProbe, List<NodeInfo> nodes,
                               Map<String, Double> metrics) {

    /**
     * One index as DescribeIndex reports it, and the rows it does not count yet. DescribeIndex counts
     * flushed rows only ({@code totalRows}, {@code pendingRows}); {@code unflushedRows} are the rows
     * {@code count(*)} finds beyond them (growing segments, not indexed until they are sealed), 0 when
     * rows were not counted.
     */
    public record IndexState(String collection, String field, String indexName, String type, String metric,
                             Map<String, String> params, long indexedRows, long totalRows, long pendingRows, String state,
                             String failureReason, long unflushedRows) {
        public IndexState(String collection, String field, String indexName, String type, String metric, Map<String, String> params,
                          long indexedRows, long totalRows, long pendingRows, String state, String failureReason) {
            this(collection, field, indexName, type, metric, params, indexedRows, totalRows, pendingRows, state, failureReason, 0);
        }

        /** This index with the collection's counted rows: those beyond DescribeIndex's total are unflushed. */
        public IndexState withCountedRows(long counted) {
            return new IndexState(collection, field, indexName, type, metric, params, indexedRows, totalRows, pendingRows, state,
                    failureReason, Math.max(0, counted - totalRows));
        }

        /** Rows of the collection, unflushed ones included. */
        public long allRows() {
            return totalRows + unflushedRows;
        }

        /** Rows not indexed yet: DescribeIndex's pending rows and the unflushed ones. */
        public long allPendingRows() {
            return pendingRows + unflushedRows;
        }
    }
}
