package io.milvusbench.collection;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.GetCollectionStatsReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.collection.request.ReleaseCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.index.request.DropIndexReq;
import io.milvus.v2.service.index.request.ListIndexesReq;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import io.milvusbench.BadInputException;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the suite's collections: {@code id} (Int64 primary key, given by the suite so results can
 * be checked against ground truth), {@code category} (Int64, for filtered searches) and
 * {@code vector} (FloatVector of fixed dimension). Every write goes through
 * {@link SuiteCollections#requireOwned}; every call uses the client's RPC deadline.
 */
public final class VectorCollection {
    public static final String ID = "id";
    public static final String CATEGORY = "category";
    public static final String VECTOR = "vector";
    /** Number of distinct {@code category} values: row i has category i % CATEGORIES. */
    public static final int CATEGORIES = 100;

    private final MilvusClientV2 client;
    private final String name;
    private final int dim;

    private VectorCollection(MilvusClientV2 client, String name, int dim) {
        this.client = client;
        this.name = name;
        this.dim = dim;
    }

    /** Creates a new empty collection under the suite's prefix, with its ownership marker (strong consistency, one shard). */
    public static VectorCollection create(MilvusClientV2 client, String name, int dim) {
        return create(client, name, dim, "");
    }

    /**
     * As {@link #create(MilvusClientV2, String, int)}, with a description the suite reads back to
     * decide whether the collection can be reused (what data it holds, which index).
     */
    public static VectorCollection create(MilvusClientV2 client, String name, int dim, String description) {
        SuiteCollections.requireOwned(name);
        Map<String, String> marker = SuiteCollections.markerProperties();
        String plain = description == null ? "" : description;
        createMarked(client, name, dim, plain, marker);
        Map<String, String> kept = client.describeCollection(DescribeCollectionReq.builder().collectionName(name).build()).getProperties();
        if (kept == null || !kept.containsKey(SuiteCollections.OWNER_KEY)) {
            // the server dropped the marker (Milvus Lite keeps no properties): the empty collection just made is
            // made again with the marker at the end of its description
            client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
            createMarked(client, name, dim, SuiteCollections.withMarker(plain, marker), marker);
        }
        return new VectorCollection(client, name, dim);
    }

    private static void createMarked(MilvusClientV2 client, String name, int dim, String description, Map<String, String> marker) {
        CreateCollectionReq.CollectionSchema schema = client.createSchema();
        schema.addField(AddFieldReq.builder().fieldName(ID).dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName(CATEGORY).dataType(DataType.Int64).build());
        schema.addField(AddFieldReq.builder().fieldName(VECTOR).dataType(DataType.FloatVector).dimension(dim).build());
        client.createCollection(CreateCollectionReq.builder()
                .collectionName(name)
                .collectionSchema(schema)
                .numShards(1)
                .consistencyLevel(ConsistencyLevel.STRONG)
                .description(description)
                .properties(marker)
                .build());
    }

    /**
     * Opens an existing suite collection; its vector dimension must be {@code dim}, or the user is
     * told which dimension the collection has.
     */
    public static VectorCollection open(MilvusClientV2 client, String name, int dim) {
        SuiteCollections.requireMarked(client, name);
        DescribeCollectionResp desc = client.describeCollection(DescribeCollectionReq.builder().collectionName(name).build());
        CreateCollectionReq.FieldSchema vector = desc.getCollectionSchema().getField(VECTOR);
        if (vector == null) {
            throw new BadInputException("collection " + name + " has no field '" + VECTOR + "'");
        }
        if (vector.getDimension() != dim) {
            throw new BadInputException("dimension mismatch: collection " + name + " has dim " + vector.getDimension()
                    + ", the dataset has dim " + dim);
        }
        return new VectorCollection(client, name, dim);
    }

    public static boolean exists(MilvusClientV2 client, String name) {
        return client.hasCollection(HasCollectionReq.builder().collectionName(name).build());
    }

    public String name() {
        return name;
    }

    /** The description given at creation ("" when none). */
    public String description() {
        String d = client.describeCollection(DescribeCollectionReq.builder().collectionName(name).build()).getDescription();
        return SuiteCollections.withoutMarker(d);
    }

    /** True when the collection is loaded into the query nodes. */
    public boolean loaded() {
        return Boolean.TRUE.equals(client.getLoadState(GetLoadStateReq.builder().collectionName(name).build()));
    }

    public int dim() {
        return dim;
    }

    public MilvusClientV2 client() {
        return client;
    }

    /** Inserts rows {@code firstId .. firstId+vectors.length-1}; returns the number inserted. */
    public long insert(long firstId, float[][] vectors) {
        List<JsonObject> rows = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new BadInputException("dimension mismatch: vector has " + vectors[i].length + " values, collection "
                        + name + " has dim " + dim);
            }
            JsonObject row = new JsonObject();
            long id = firstId + i;
            row.addProperty(ID, id);
            row.addProperty(CATEGORY, id % CATEGORIES);
            JsonArray values = new JsonArray(dim);
            for (float v : vectors[i]) {
                values.add(v);
            }
            row.add(VECTOR, values);
            rows.add(row);
        }
        return client.insert(InsertReq.builder().collectionName(name).data(rows).build()).getInsertCnt();
    }

    /**
     * Inserts {@code count} rows given row-major in {@code rowMajor}, ids {@code firstId..}: the
     * streaming path, which never holds more than one batch as vectors.
     */
    public long insert(long firstId, float[] rowMajor, int count) {
        List<JsonObject> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JsonObject row = new JsonObject();
            long id = firstId + i;
            row.addProperty(ID, id);
            row.addProperty(CATEGORY, id % CATEGORIES);
            JsonArray values = new JsonArray(dim);
            for (int d = i * dim, end = d + dim; d < end; d++) {
                values.add(rowMajor[d]);
            }
            row.add(VECTOR, values);
            rows.add(row);
        }
        return client.insert(InsertReq.builder().collectionName(name).data(rows).build()).getInsertCnt();
    }

    /** Seals and persists growing segments; returns when the server reports them flushed. */
    public void flush(Duration timeout) {
        client.flush(FlushReq.builder().collectionNames(List.of(name)).waitFlushedTimeoutMs(timeout.toMillis()).build());
    }

    /** Starts building an index on the vector field; does not wait (see {@link #awaitIndex}). */
    public void createIndex(IndexKind kind, Metric metric, Map<String, Object> buildParams) {
        client.createIndex(CreateIndexReq.builder()
                .collectionName(name)
                .indexParams(List.of(kind.indexParam(VECTOR, metric, buildParams)))
                .sync(false)
                .build());
    }

    public void dropIndex() {
        client.dropIndex(DropIndexReq.builder().collectionName(name).indexName(VECTOR + "_idx").fieldName(VECTOR).build());
    }

    /** The vector index's description: type, params, indexed/total/pending rows, state, failure reason. */
    public DescribeIndexResp.IndexDesc describeIndex() {
        return client.describeIndex(DescribeIndexReq.builder().collectionName(name).fieldName(VECTOR).build())
                .getIndexDescByFieldName(VECTOR);
    }

    /** The vector index's description, or null when the collection has no index. */
    public DescribeIndexResp.IndexDesc describeIndexOrNull() {
        List<String> names = client.listIndexes(ListIndexesReq.builder().collectionName(name).fieldName(VECTOR).build());
        return names.isEmpty() ? null : describeIndex();
    }

    /** Polls the index until Finished; throws with the server's reason when it fails or times out. */
    public DescribeIndexResp.IndexDesc awaitIndex(Duration timeout, Duration poll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            DescribeIndexResp.IndexDesc desc = describeIndex();
            if (desc.getIndexState() == IndexBuildState.Finished) {
                return desc;
            }
            if (desc.getIndexState() == IndexBuildState.Failed) {
                throw new IllegalStateException("index build failed on " + name + ": " + desc.getIndexFailedReason());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("index on " + name + " not finished after " + timeout + " (state "
                        + desc.getIndexState() + ", " + desc.getIndexedRows() + "/" + desc.getTotalRows() + " rows)");
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the index", e);
            }
        }
    }

    public void load(Duration timeout) {
        client.loadCollection(LoadCollectionReq.builder().collectionName(name).sync(true).timeout(timeout.toMillis()).build());
    }

    /** Loads {@code replicas} in-memory replicas (each needs query nodes of its own); waits until loaded. */
    public void load(Duration timeout, int replicas) {
        client.loadCollection(LoadCollectionReq.builder().collectionName(name).numReplicas(replicas).sync(true)
                .timeout(timeout.toMillis()).build());
    }

    public void release() {
        client.releaseCollection(ReleaseCollectionReq.builder().collectionName(name).build());
    }

    public long rowCount() {
        return client.getCollectionStats(GetCollectionStatsReq.builder().collectionName(name).build()).getNumOfEntities();
    }

    /**
     * Searches with the index's knob set to {@code knobValue} (ignored for FLAT); returns the ids of
     * each query's hits, nearest first.
     */
    public List<List<Long>> search(float[][] queries, int topK, IndexKind kind, int knobValue, String filter) {
        return ids(client.search(searchRequest(queries, topK, kind.hasKnob() ? kind.searchParams(knobValue, topK) : Map.of(), filter,
                ConsistencyLevel.STRONG)));
    }

    /**
     * A search request, built once and sent many times by benchmarks, so the measured call does
     * no request building. Consistency is Bounded (Milvus's default): a Strong search waits for
     * the query node's time tick (up to ~200 ms on 2.3), which would swamp the search itself, and
     * prepared collections do not change while they are searched.
     */
    public SearchReq searchRequest(float[][] queries, int topK, Map<String, Object> searchParams, String filter) {
        return searchRequest(queries, topK, searchParams, filter, ConsistencyLevel.BOUNDED);
    }

    /** As {@link #searchRequest(float[][], int, Map, String)} with an explicit consistency level. */
    public SearchReq searchRequest(float[][] queries, int topK, Map<String, Object> searchParams, String filter,
                                   ConsistencyLevel consistency) {
        List<io.milvus.v2.service.vector.request.data.BaseVector> data = new ArrayList<>(queries.length);
        for (float[] q : queries) {
            if (q.length != dim) {
                throw new BadInputException("dimension mismatch: query has " + q.length + " values, collection " + name + " has dim " + dim);
            }
            data.add(new FloatVec(q));
        }
        SearchReq.SearchReqBuilder req = SearchReq.builder()
                .collectionName(name)
                .annsField(VECTOR)
                .data(data)
                .topK(topK)
                .consistencyLevel(consistency)
                .searchParams(searchParams);
        if (filter != null && !filter.isBlank()) {
            req.filter(filter);
        }
        return req.build();
    }

    /** The ids of each query's hits, nearest first. */
    public static List<List<Long>> ids(SearchResp resp) {
        List<List<Long>> ids = new ArrayList<>(resp.getSearchResults().size());
        for (List<SearchResp.SearchResult> hits : resp.getSearchResults()) {
            List<Long> row = new ArrayList<>(hits.size());
            for (SearchResp.SearchResult hit : hits) {
                row.add(((Number) hit.getId()).longValue());
            }
            ids.add(row);
        }
        return ids;
    }
}
