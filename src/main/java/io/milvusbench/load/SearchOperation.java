package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.index.IndexKind;

import java.util.List;
import java.util.Map;

/**
 * One search request per call: query vector {@code sequence % queries.length}, top-k, the index's
 * knob, an optional scalar filter. Query vectors are made before the run, so the timed call is the
 * SDK round trip and nothing else. A result with fewer hits than asked for (when the collection
 * holds enough rows) counts as a failure: a search that silently returns nothing is not a success.
 */
public final class SearchOperation implements Operation {
    private final MilvusClientV2 client;
    private final String collection;
    private final String vectorField;
    private final List<BaseVector>[] queries;
    private final int topK;
    private final Map<String, Object> searchParams;
    private final String filter;
    private final ConsistencyLevel consistency;
    private final int minHits;
    /** Partitions searched; empty: the whole collection. */
    private List<String> partitions = List.of();

    /**
     * A search on one of the suite's collections (field {@code vector}) with {@code kind}'s knob.
     *
     * @param minHits fewest hits a query must return to count as a success (0 to accept any answer,
     *                e.g. with a filter that may match few rows)
     */
    public SearchOperation(MilvusClientV2 client, String collection, float[][] queryVectors, int topK, IndexKind kind,
                           int knob, String filter, ConsistencyLevel consistency, int minHits) {
        this(client, collection, VectorCollection.VECTOR, queryVectors, topK, kind.hasKnob() ? kind.searchParams(knob, topK) : Map.of(),
                filter, consistency, minHits);
    }

    /** A search on any collection: the field and search parameters of {@code target}. */
    public SearchOperation(MilvusClientV2 client, SearchTarget target, float[][] queryVectors, int topK, String filter,
                           ConsistencyLevel consistency, int minHits) {
        this(client, target.collection(), target.vectorField(), queryVectors, topK, target.searchParams(), filter, consistency, minHits);
        this.partitions = target.partitions();
    }

    @SuppressWarnings("unchecked")
    private SearchOperation(MilvusClientV2 client, String collection, String vectorField, float[][] queryVectors, int topK,
                            Map<String, Object> searchParams, String filter, ConsistencyLevel consistency, int minHits) {
        this.client = client;
        this.collection = collection;
        this.vectorField = vectorField;
        this.queries = new List[queryVectors.length];
        for (int i = 0; i < queryVectors.length; i++) {
            queries[i] = List.of(new FloatVec(queryVectors[i]));
        }
        this.topK = topK;
        this.searchParams = searchParams;
        this.filter = filter == null || filter.isBlank() ? null : filter;
        this.consistency = consistency;
        this.minHits = minHits;
    }

    @Override
    public void call(long sequence) {
        SearchReq.SearchReqBuilder req = SearchReq.builder()
                .collectionName(collection)
                .annsField(vectorField)
                .data(queries[(int) (sequence % queries.length)])
                .topK(topK)
                .searchParams(searchParams)
                .consistencyLevel(consistency);
        if (filter != null) {
            req.filter(filter);
        }
        if (!partitions.isEmpty()) {
            req.partitionNames(partitions);
        }
        SearchResp resp = client.search(req.build());
        List<List<SearchResp.SearchResult>> results = resp.getSearchResults();
        int hits = results.isEmpty() ? 0 : results.get(0).size();
        if (hits < minHits) {
            throw new IllegalStateException("search returned " + hits + " hits, expected at least " + minHits);
        }
    }
}
