package io.milvusbench.monitor;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.FloatVec;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Search and query latency on one loaded collection, any collection: both calls only read. The
 * search uses seeded random vectors in [-1, 1] on the collection's first float-vector field with the
 * index's default search parameters; the query fetches {@code topK} primary keys by a filter that
 * matches every row. Both ask for Bounded consistency, so the figure is the search itself and not
 * the wait for the newest timestamp that Strong consistency adds (about 200 ms on Milvus 2.3).
 */
public final class ReadProbe {
    private final MilvusClientV2 client;
    private final String collection;
    private final String vectorField;
    private final int dim;
    private final String filter;
    private final String primaryField;
    private final SplittableRandom random = new SplittableRandom(20_260_401L);

    private ReadProbe(MilvusClientV2 client, String collection, String vectorField, int dim, String primaryField, String filter) {
        this.client = client;
        this.collection = collection;
        this.vectorField = vectorField;
        this.dim = dim;
        this.primaryField = primaryField;
        this.filter = filter;
    }

    /** Reads the collection's schema; throws when it has no float-vector field. */
    public static ReadProbe on(MilvusClientV2 client, String collection) {
        DescribeCollectionResp desc = client.describeCollection(DescribeCollectionReq.builder().collectionName(collection).build());
        CreateCollectionReq.FieldSchema vector = null;
        CreateCollectionReq.FieldSchema primary = null;
        for (CreateCollectionReq.FieldSchema f : desc.getCollectionSchema().getFieldSchemaList()) {
            if (vector == null && f.getDataType() == DataType.FloatVector) {
                vector = f;
            }
            if (Boolean.TRUE.equals(f.getIsPrimaryKey())) {
                primary = f;
            }
        }
        if (vector == null || primary == null) {
            throw new IllegalStateException("collection " + collection + " has no float-vector field to search");
        }
        String filter = primary.getDataType() == DataType.VarChar
                ? primary.getName() + " != \"\""
                : primary.getName() + " >= " + (Long.MIN_VALUE + 1);
        return new ReadProbe(client, collection, vector.getName(), vector.getDimension(), primary.getName(), filter);
    }

    public String collection() {
        return collection;
    }

    public void search(int topK) {
        float[] q = new float[dim];
        for (int i = 0; i < dim; i++) {
            q[i] = (float) (random.nextDouble() * 2 - 1);
        }
        List<BaseVector> data = List.of(new FloatVec(q));
        client.search(SearchReq.builder().collectionName(collection).annsField(vectorField).data(data).topK(topK)
                .consistencyLevel(ConsistencyLevel.BOUNDED).build());
    }

    public void query(int limit) {
        client.query(QueryReq.builder().collectionName(collection).filter(filter).outputFields(List.of(primaryField))
                .limit(limit).consistencyLevel(ConsistencyLevel.BOUNDED).build());
    }
}
