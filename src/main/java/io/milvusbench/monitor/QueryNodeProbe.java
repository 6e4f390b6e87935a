package io.milvusbench.monitor;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.utility.request.GetQuerySegmentInfoReq;
import io.milvus.v2.service.utility.response.GetQuerySegmentInfoResp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@link QueryNodeSection}: query segment info per collection, distribution per node. */
final class QueryNodeProbe {
    private QueryNodeProbe() {
    }

    /** Loaded segments of {@code collection} (empty when it is not loaded; null on a server without GetQuerySegmentInfo). Read-only. */
    static List<QueryNodeSection.Segment> segments(MilvusClientV2 client, String collection) {
        GetQuerySegmentInfoResp resp = ComponentMonitor.unlessUnimplemented("QueryNode", "loaded segments (GetQuerySegmentInfo)",
                () -> client.getQuerySegmentInfo(GetQuerySegmentInfoReq.builder().collectionName(collection).build()));
        if (resp == null) {
            return null;
        }
        List<QueryNodeSection.Segment> out = new ArrayList<>();
        for (GetQuerySegmentInfoResp.QuerySegmentInfo s : resp.getSegmentInfos()) {
            out.add(new QueryNodeSection.Segment(collection, s.getSegmentID(), List.copyOf(s.getNodeIDs()), s.getState(),
                    s.getNumOfRows(), s.getIndexName() == null ? "" : s.getIndexName(), s.getMemSize()));
        }
        return out;
    }

    static final String SEGMENT_NUM = "milvus_querynode_segment_num";
    static final String ENTITY_NUM = "milvus_querynode_entity_num";

    /**
     * Segments and rows per collection and state from the query node's own gauges, summed over every other
     * label (node_id; partition_id and indexed_field_count up to 2.4; segment_level from 2.4; db_name and
     * collection_name from 2.5). {@code names} maps collection ids to the inspected collections' names;
     * other ids are named {@code db/collection} from entity_num's labels where the version has them, else null.
     * Empty without a scrape.
     */
    static List<QueryNodeSection.StateRows> fromMetrics(PrometheusText scrape, Map<String, String> names) {
        if (scrape == null) {
            return List.of();
        }
        // Milvus 2.5 on labels entity_num with db_name and collection_name: a collection that is not inspected is
        // named "db/collection" (never equal to an inspected name: Milvus names hold no '/')
        Map<String, String> labelled = new TreeMap<>();
        for (PrometheusText.Sample s : scrape.series(ENTITY_NUM)) {
            if (!s.label("collection_name").isEmpty()) {
                String db = s.label("db_name");
                labelled.putIfAbsent(s.label("collection_id"), (db.isEmpty() ? "" : db + "/") + s.label("collection_name"));
            }
        }
        Map<List<String>, long[]> acc = new TreeMap<>((a, b) -> (a.get(0) + "\u0000" + a.get(1)).compareTo(b.get(0) + "\u0000" + b.get(1)));
        for (PrometheusText.Sample s : scrape.series(SEGMENT_NUM)) {
            acc.computeIfAbsent(List.of(s.label("collection_id"), s.label("segment_state")), k -> new long[2])[0] += Math.round(s.value());
        }
        for (PrometheusText.Sample s : scrape.series(ENTITY_NUM)) {
            acc.computeIfAbsent(List.of(s.label("collection_id"), s.label("segment_state")), k -> new long[2])[1] += Math.round(s.value());
        }
        List<QueryNodeSection.StateRows> out = new ArrayList<>();
        acc.forEach((k, v) -> {
            if (v[0] > 0 || v[1] > 0) {
                out.add(new QueryNodeSection.StateRows(names.getOrDefault(k.get(0), labelled.get(k.get(0))), k.get(0), k.get(1), v[0], v[1]));
            }
        });
        return out;
    }

    /** Segments and rows per node; a segment served by two nodes (replicas) counts on both. */
    static List<QueryNodeSection.NodeShare> distribution(List<QueryNodeSection.Segment> segments) {
        Map<Long, long[]> perNode = new TreeMap<>();
        for (QueryNodeSection.Segment s : segments) {
            for (Long node : s.nodeIds()) {
                long[] acc = perNode.computeIfAbsent(node, k -> new long[2]);
                acc[0]++;
                acc[1] += s.rows();
            }
        }
        List<QueryNodeSection.NodeShare> out = new ArrayList<>();
        perNode.forEach((node, acc) -> out.add(new QueryNodeSection.NodeShare(node, (int) acc[0], acc[1])));
        return out;
    }
}
