package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Recall;

import java.util.ArrayList;
import java.util.List;

/**
 * recall@k of the very searches a load run sends (same collection, field, search parameters and
 * consistency, no filter), measured once before the phases on the first {@code truth.length}
 * query vectors: 50 queries per request, outside every timed window.
 */
public final class RecallCheck {
    private static final int BATCH = 50;

    private RecallCheck() {
    }

    /** Mean recall@k of {@code queries[0..truth.length)} against their exact neighbours {@code truth}. */
    public static double measure(MilvusClientV2 client, SearchTarget target, float[][] queries, long[][] truth, int topK,
                                 ConsistencyLevel consistency) {
        List<List<Long>> hits = new ArrayList<>(truth.length);
        for (int from = 0; from < truth.length; from += BATCH) {
            List<BaseVector> batch = new ArrayList<>();
            for (int q = from; q < Math.min(truth.length, from + BATCH); q++) {
                batch.add(new FloatVec(queries[q]));
            }
            hits.addAll(VectorCollection.ids(client.search(SearchReq.builder()
                    .collectionName(target.collection())
                    .annsField(target.vectorField())
                    .data(batch)
                    .topK(topK)
                    .searchParams(target.searchParams())
                    .consistencyLevel(consistency)
                    .build())));
        }
        return Recall.meanAtK(truth, hits, topK);
    }
}
