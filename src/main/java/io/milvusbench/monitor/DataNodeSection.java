package io.milvusbench.monitor;

import java.util.List;
import java.util.Map;

/**
 * Stored data: rows and binlog bytes per inspected collection, persistent segments by state
 * (Growing, Sealed, Flushing, Flushed, ...), the write probe's insert and flush figures, and the data
 * nodes' own memory and CPU.
 */
public record DataNodeSection(List<CollectionData> collections, Map<String, Integer> segmentsByState,
                              WriteProbeResult writeProbe, List<NodeInfo> nodes, Map<String, Double> metrics) {

    /**
     * @param rows          GetCollectionStatistics' row count: flushed (persisted) rows, lagging inserts not yet flushed
     * @param binlogBytes   persisted size the data coordinator reports, or null when it reports none
     * @param smallSegments flushed/sealed segments under {@link DataNodeProbe#SMALL_SEGMENT_ROWS} rows
     * @param collectionId  the server's id of the collection
     * @param loaded        GetLoadState says loaded (null when unknown)
     * @param exactRows     {@code count(*)} at Strong consistency (loaded collections; not with --no-exact-rows), else null
     * @param partitionRows {@code count(*)} of each partition, by name, when the collection has more than one (a partition
     *                      key's partitions included); empty otherwise
     */
    public record CollectionData(String name, long rows, Long binlogBytes, int segments, Map<String, Integer> segmentsByState,
                                 int smallSegments, Long collectionId, Boolean loaded, Long exactRows, Map<String, Long> partitionRows) {
        public CollectionData(String name, long rows, Long binlogBytes, int segments, Map<String, Integer> segmentsByState,
                              int smallSegments, Long collectionId, Boolean loaded, Long exactRows) {
            this(name, rows, binlogBytes, segments, segmentsByState, smallSegments, collectionId, loaded, exactRows, Map.of());
        }

        public CollectionData {
            partitionRows = partitionRows == null ? Map.of() : Map.copyOf(partitionRows);
        }

        public CollectionData withExactRows(Long exact, Map<String, Long> byPartition) {
            return new CollectionData(name, rows, binlogBytes, segments, segmentsByState, smallSegments, collectionId, loaded, exact,
                    byPartition);
        }
    }
}
