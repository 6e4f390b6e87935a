package io.milvusbench.monitor;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.index.request.ListIndexesReq;
import io.milvus.v2.service.index.response.DescribeIndexResp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads every index of a collection (DescribeIndex per index name). Read-only. */
final class IndexNodeProbe {
    private IndexNodeProbe() {
    }

    static List<IndexNodeSection.IndexState> indexes(MilvusClientV2 client, String collection) {
        List<IndexNodeSection.IndexState> out = new ArrayList<>();
        for (String indexName : client.listIndexes(ListIndexesReq.builder().collectionName(collection).build())) {
            DescribeIndexResp resp = client.describeIndex(DescribeIndexReq.builder().collectionName(collection).indexName(indexName).build());
            for (DescribeIndexResp.IndexDesc d : resp.getIndexDescriptions()) {
                Map<String, String> params = new TreeMap<>(d.getExtraParams() == null ? Map.of() : d.getExtraParams());
                out.add(new IndexNodeSection.IndexState(collection, d.getFieldName(), d.getIndexName(),
                        d.getIndexType() == null ? "" : d.getIndexType().name(),
                        d.getMetricType() == null ? "" : d.getMetricType().name(), params, d.getIndexedRows(),
                        d.getTotalRows(), d.getPendingIndexRows(),
                        d.getIndexState() == null ? "" : d.getIndexState().name(),
                        d.getIndexFailedReason() == null ? "" : d.getIndexFailedReason()));
            }
        }
        return out;
    }
}
