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

    /** Loaded segments of {@code collection} (empty when it is not loaded). Read-only. */
    static List<QueryNodeSection.Segment> segments(MilvusClientV2 client, String collection) {
        GetQuerySegmentInfoResp resp = client.getQuerySegmentInfo(GetQuerySegmentInfoReq.builder().collectionName(collection).build());
        List<QueryNodeSection.Segment> out = new ArrayList<>();
        for (GetQuerySegmentInfoResp.QuerySegmentInfo s : resp.getSegmentInfos()) {
            out.add(new QueryNodeSection.Segment(collection, s.getSegmentID(), List.copyOf(s.getNodeIDs()), s.getState(),
                    s.getNumOfRows(), s.getIndexName() == null ? "" : s.getIndexName(), s.getMemSize()));
        }
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
