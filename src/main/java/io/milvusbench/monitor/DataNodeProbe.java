package io.milvusbench.monitor;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.collection.request.GetCollectionStatsReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.partition.request.ListPartitionsReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.response.QueryResp;
import io.milvus.v2.service.utility.request.GetPersistentSegmentInfoReq;
import io.milvus.v2.service.utility.response.GetPersistentSegmentInfoResp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads, never writes: row counts, persistent segment info and binlog sizes of one collection. */
final class DataNodeProbe {
    /** A sealed or flushed segment with fewer rows than this counts as small (a compaction candidate). */
    static final long SMALL_SEGMENT_ROWS = 10_000;

    private DataNodeProbe() {
    }

    static List<GetPersistentSegmentInfoResp.PersistentSegmentInfo> persistentSegments(MilvusClientV2 client, String collection) {
        return client.getPersistentSegmentInfo(GetPersistentSegmentInfoReq.builder().collectionName(collection).build())
                .getSegmentInfos();
    }

    /** Segment counts by state, states named as the server names them (e.g. Growing, Flushed). */
    static Map<String, Integer> countByState(List<GetPersistentSegmentInfoResp.PersistentSegmentInfo> segments) {
        Map<String, Integer> out = new TreeMap<>();
        for (GetPersistentSegmentInfoResp.PersistentSegmentInfo s : segments) {
            out.merge(s.getState(), 1, Integer::sum);
        }
        return out;
    }

    /** Rows, size and segments of one collection; {@code binlogSizes} as {@link SystemInfo#binlogSizes}. */
    static DataNodeSection.CollectionData collection(MilvusClientV2 client, String name, Map<Long, Long> binlogSizes) {
        long rows = client.getCollectionStats(GetCollectionStatsReq.builder().collectionName(name).build()).getNumOfEntities();
        Long id = client.describeCollection(DescribeCollectionReq.builder().collectionName(name).build()).getCollectionID();
        List<GetPersistentSegmentInfoResp.PersistentSegmentInfo> segments = ComponentMonitor.unlessUnimplemented("DataNode",
                "segment states (GetPersistentSegmentInfo)", () -> persistentSegments(client, name));
        if (segments == null) {
            // a server without segment information (Milvus Lite): rows and load state still, segment figures unknown (null)
            Boolean loaded = client.getLoadState(GetLoadStateReq.builder().collectionName(name).build());
            return new DataNodeSection.CollectionData(name, rows, id == null ? null : binlogSizes.get(id), 0, null, 0, id, loaded, null);
        }
        int small = (int) segments.stream()
                .filter(s -> s.getState().equals("Flushed") || s.getState().equals("Sealed"))
                .filter(s -> s.getNumOfRows() < SMALL_SEGMENT_ROWS)
                .count();
        Boolean loaded = client.getLoadState(GetLoadStateReq.builder().collectionName(name).build());
        return new DataNodeSection.CollectionData(name, rows, id == null ? null : binlogSizes.get(id), segments.size(),
                countByState(segments), small, id, loaded, null);
    }

    /**
     * Exact rows, unflushed ones included: {@code count(*)} at Strong consistency. Read-only; needs a
     * loaded collection (Milvus answers "collection not loaded" otherwise).
     */
    static long countStar(MilvusClientV2 client, String name) {
        return countStar(client, name, List.of());
    }

    /** {@code count(*)} of the named partitions only (all of them when {@code partitions} is empty). */
    static long countStar(MilvusClientV2 client, String name, List<String> partitions) {
        QueryResp r = client.query(QueryReq.builder().collectionName(name).partitionNames(partitions).filter("").outputFields(List.of("count(*)"))
                .consistencyLevel(ConsistencyLevel.STRONG).build());
        Object v = r.getQueryResults().get(0).getEntity().get("count(*)");
        return ((Number) v).longValue();
    }

    /** Most partitions counted one by one (a partition key makes 16 by default, up to 1,024). */
    static final int MAX_PARTITIONS_COUNTED = 64;

    /**
     * {@code count(*)} of each partition (ShowPartitions, then one Query each: reads) when the
     * collection has between 2 and {@value #MAX_PARTITIONS_COUNTED}; empty otherwise.
     */
    static Map<String, Long> partitionRows(MilvusClientV2 client, String name) {
        List<String> partitions = client.listPartitions(ListPartitionsReq.builder().collectionName(name).build());
        Map<String, Long> out = new TreeMap<>();
        if (partitions.size() < 2 || partitions.size() > MAX_PARTITIONS_COUNTED) {
            return out;
        }
        for (String p : partitions) {
            out.put(p, countStar(client, name, List.of(p)));
        }
        return out;
    }
}
