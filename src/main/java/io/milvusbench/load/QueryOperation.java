package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.QueryReq;

import java.util.List;

/**
 * One scalar query per call ({@code query} mix): the filter expression, at most {@code limit}
 * rows, only the primary key returned. A read, like a search; any answer the server gives without
 * an error status is a success (a filter may match nothing).
 */
public final class QueryOperation implements Operation {
    private final MilvusClientV2 client;
    private final QueryReq request;

    public QueryOperation(MilvusClientV2 client, SearchTarget target, String filter, int limit, ConsistencyLevel consistency) {
        this.client = client;
        this.request = QueryReq.builder()
                .collectionName(target.collection())
                .partitionNames(target.partitions())
                .filter(filter)
                .outputFields(List.of(target.idField()))
                .limit(limit)
                .consistencyLevel(consistency)
                .build();
    }

    @Override
    public void call(long sequence) {
        if (client.query(request).getQueryResults() == null) {
            throw new IllegalStateException("query returned no result list");
        }
    }
}
