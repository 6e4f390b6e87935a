package io.milvusbench.collection;

import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.index.request.ListIndexesReq;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvus.v2.service.partition.request.HasPartitionReq;
import io.milvus.v2.service.partition.request.ListPartitionsReq;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvusbench.BadInputException;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import io.milvusbench.load.SearchTarget;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A collection the suite did not create, read and never written: its vector field, primary key,
 * metric and index are discovered from the schema and the index description, and its rows can be
 * streamed (query iterator, a batch at a time) to sample query vectors or to compute exact ground
 * truth. Every call here is a read (DescribeCollection, HasCollection, ListIndexes, DescribeIndex,
 * GetLoadState, Query); the collection must already be indexed and loaded, since loading it would
 * change the server. Rows are counted with {@code count(*)} at Strong consistency and scanned at
 * Strong consistency, so rows not yet flushed (growing segments) count and deleted ones do not;
 * GetCollectionStatistics, which counts flushed rows only, is never used.
 */
public final class ExistingCollection {
    private final MilvusClientV2 client;
    private final String name;
    private final String vectorField;
    private final String idField;
    private final DataType idType;
    private final int dim;
    private final Metric metric;
    private final String indexType;
    private final Map<String, String> indexParams;
    private final long rows;
    private final List<String> partitions;

    private ExistingCollection(MilvusClientV2 client, String name, String vectorField, String idField, DataType idType, int dim,
                               Metric metric, String indexType, Map<String, String> indexParams, long rows, List<String> partitions) {
        this.partitions = partitions;
        this.client = client;
        this.name = name;
        this.vectorField = vectorField;
        this.idField = idField;
        this.idType = idType;
        this.dim = dim;
        this.metric = metric;
        this.indexType = indexType;
        this.indexParams = indexParams;
        this.rows = rows;
    }

    /**
     * Reads what a search needs from the server. {@code vectorField} may be null when the
     * collection has exactly one FloatVector field. Anything that stops a read-only search (no
     * such collection or field, no index, not loaded, an unsupported vector type or metric) is bad input.
     */
    public static ExistingCollection discover(MilvusClientV2 client, String name, String vectorField) {
        return discover(client, name, vectorField, null);
    }

    /**
     * As {@link #discover(MilvusClientV2, String, String)}, with every count, scan, search and query
     * limited to {@code partition} when it is not null (it must exist: HasPartition, a read).
     */
    public static ExistingCollection discover(MilvusClientV2 client, String name, String vectorField, String partition) {
        return ServerRefusal.naming("collection '" + name + "'" + (partition == null ? "" : " partition '" + partition + "'"),
                () -> read(client, name, vectorField, partition));
    }

    private static ExistingCollection read(MilvusClientV2 client, String name, String vectorField, String partition) {
        if (!client.hasCollection(HasCollectionReq.builder().collectionName(name).build())) {
            throw new BadInputException("no collection '" + name + "' on the server");
        }
        CreateCollectionReq.CollectionSchema schema = client.describeCollection(DescribeCollectionReq.builder()
                .collectionName(name).build()).getCollectionSchema();
        List<CreateCollectionReq.FieldSchema> fields = schema.getFieldSchemaList();
        CreateCollectionReq.FieldSchema vector = vectorField(name, fields, vectorField);
        CreateCollectionReq.FieldSchema pk = fields.stream().filter(f -> Boolean.TRUE.equals(f.getIsPrimaryKey())).findFirst()
                .orElseThrow(() -> new BadInputException("collection '" + name + "' has no primary key field"));
        if (client.listIndexes(ListIndexesReq.builder().collectionName(name).fieldName(vector.getName()).build()).isEmpty()) {
            throw new BadInputException("collection '" + name + "' has no index on '" + vector.getName()
                    + "'; the suite never builds an index on a collection it did not create");
        }
        DescribeIndexResp.IndexDesc index = client.describeIndex(DescribeIndexReq.builder().collectionName(name)
                .fieldName(vector.getName()).build()).getIndexDescByFieldName(vector.getName());
        Metric metric;
        try {
            metric = Metric.valueOf(String.valueOf(index.getMetricType()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("collection '" + name + "': metric " + index.getMetricType() + " of '" + vector.getName()
                    + "' is not supported (L2, IP or COSINE)");
        }
        if (!Boolean.TRUE.equals(client.getLoadState(GetLoadStateReq.builder().collectionName(name).build()))) {
            throw new BadInputException("collection '" + name + "' is not loaded; load it first "
                    + "(the suite never loads, indexes or writes a collection it did not create)");
        }
        List<String> partitions = List.of();
        if (partition != null) {
            if (!client.hasPartition(HasPartitionReq.builder().collectionName(name).partitionName(partition).build())) {
                throw new BadInputException("collection '" + name + "' has no partition '" + partition + "' (partitions: "
                        + String.join(", ", client.listPartitions(ListPartitionsReq.builder().collectionName(name).build())) + ")");
            }
            partitions = List.of(partition);
        }
        long rows = countRows(client, name, partitions);
        Map<String, String> params = index.getExtraParams() == null ? Map.of() : Map.copyOf(index.getExtraParams());
        return new ExistingCollection(client, name, vector.getName(), pk.getName(), pk.getDataType(), vector.getDimension(), metric,
                String.valueOf(index.getIndexType()), params, rows, partitions);
    }

    private static CreateCollectionReq.FieldSchema vectorField(String name, List<CreateCollectionReq.FieldSchema> fields, String wanted) {
        if (wanted != null) {
            CreateCollectionReq.FieldSchema f = fields.stream().filter(x -> x.getName().equals(wanted)).findFirst()
                    .orElseThrow(() -> new BadInputException("collection '" + name + "' has no field '" + wanted + "' (fields: "
                            + fields.stream().map(CreateCollectionReq.FieldSchema::getName).collect(Collectors.joining(", ")) + ")"));
            if (f.getDataType() != DataType.FloatVector) {
                throw new BadInputException("field '" + wanted + "' of '" + name + "' is " + f.getDataType() + "; only FloatVector fields are searched");
            }
            return f;
        }
        List<CreateCollectionReq.FieldSchema> vectors = fields.stream().filter(f -> f.getDataType() == DataType.FloatVector).toList();
        if (vectors.isEmpty()) {
            throw new BadInputException("collection '" + name + "' has no FloatVector field");
        }
        if (vectors.size() > 1) {
            throw new BadInputException("collection '" + name + "' has several vector fields ("
                    + vectors.stream().map(CreateCollectionReq.FieldSchema::getName).collect(Collectors.joining(", "))
                    + "); name one with --vector-field");
        }
        return vectors.get(0);
    }

    /**
     * Rows the collection holds now: {@code count(*)} at Strong consistency, so rows not yet flushed
     * count and deleted rows do not (GetCollectionStatistics counts flushed rows only). A read; the
     * collection must be loaded.
     */
    public static long countRows(MilvusClientV2 client, String name) {
        return countRows(client, name, List.of());
    }

    /** {@link #countRows(MilvusClientV2, String)} of the named partitions (the whole collection when empty). */
    public static long countRows(MilvusClientV2 client, String name, List<String> partitions) {
        Object v = client.query(QueryReq.builder().collectionName(name).partitionNames(partitions).filter("").outputFields(List.of("count(*)"))
                .consistencyLevel(ConsistencyLevel.STRONG).build()).getQueryResults().get(0).getEntity().get("count(*)");
        return ((Number) v).longValue();
    }

    /** {@link #countRows(MilvusClientV2, String)} of this collection (its searched partition), now. */
    public long countRows() {
        return countRows(client, name, partitions);
    }

    /**
     * Which of {@code keys} (Int64 primary keys) the collection no longer holds: a query
     * {@code pk in [...]} at Strong consistency, 1,000 keys per request. A read.
     */
    public java.util.Set<Long> missing(java.util.Collection<Long> keys) {
        java.util.Set<Long> gone = new java.util.HashSet<>(keys);
        List<Long> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 1_000) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + 1_000));
            String expr = idField + " in " + part;
            client.query(QueryReq.builder().collectionName(name).partitionNames(partitions).filter(expr).outputFields(List.of(idField))
                    .consistencyLevel(ConsistencyLevel.STRONG).build()).getQueryResults()
                    .forEach(r -> gone.remove(((Number) r.getEntity().get(idField)).longValue()));
        }
        return gone;
    }

    public String name() {
        return name;
    }

    public int dim() {
        return dim;
    }

    public Metric metric() {
        return metric;
    }

    public long rows() {
        return rows;
    }

    public String indexType() {
        return indexType;
    }

    /** Build parameters from the index description (e.g. {@code nlist}, {@code M}), as the server lists them. */
    public Map<String, String> indexParams() {
        return indexParams;
    }

    /** True when hits carry Int64 ids, so recall can be computed against exact neighbours. */
    public boolean int64Ids() {
        return idType == DataType.Int64;
    }

    /** The index kind the suite knows for this index type, or null (AUTOINDEX, SCANN, GPU_*: searched with server defaults). */
    public IndexKind kind() {
        for (IndexKind k : IndexKind.values()) {
            if (k.name().equals(indexType)) {
                return k;
            }
        }
        return null;
    }

    /**
     * What a search sends: the knob of the discovered index kind ({@code knob}, or its default when
     * null), checked against its range, top-k and the index's own nlist; an index type without a
     * known knob is searched with the server's defaults, and giving a knob for it is bad input.
     */
    public SearchTarget searchTarget(Integer knob, int topK) {
        IndexKind kind = kind();
        Map<String, Object> params = Map.of();
        if (kind != null && kind.hasKnob()) {
            int value = knob != null ? knob : kind.defaultKnob();
            Map<String, Object> build = new java.util.HashMap<>();
            String nlist = indexParams.get("nlist");
            if (nlist != null && nlist.matches("\\d+")) {
                build.put("nlist", Integer.parseInt(nlist));
            }
            kind.validateKnob(value, topK, build);
            params = Map.of(kind.knob(), value);
        } else if (knob != null) {
            throw new BadInputException("index " + indexType + " of '" + name + "' has no search knob the suite knows; give no --knob");
        }
        return new SearchTarget(name, vectorField, idField, dim, metric, indexType, params, rows, partitions);
    }

    /** One batch of streamed rows: {@code count} ids (Int64 ids; row numbers for other keys) and vectors, row-major. */
    public record Batch(long[] ids, float[] vectors, int count) {
    }

    /** What is done with each streamed batch. */
    @FunctionalInterface
    public interface BatchConsumer {
        void accept(Batch batch);
    }

    /**
     * What a scan saw: {@code rows} streamed; {@code complete} false when it stopped at its row bound
     * (the collection grew faster than it was read).
     */
    public record Scan(long rows, boolean complete) {
    }

    /**
     * Streams every row's primary key and vector in batches of {@code batchRows} with the SDK's
     * query iterator at Strong consistency (rows not yet flushed included, deleted rows left out),
     * so memory holds one batch whatever the collection's size. Bounded in time by {@code limit}
     * (past it, an error) and in count by twice the rows counted at discovery plus 100,000: a
     * collection written to while it is read can add rows at its end, and the scan stops there
     * rather than chase them ({@link Scan#complete()} false).
     */
    public Scan scan(int batchRows, Duration limit, BatchConsumer consumer) {
        long deadline = System.nanoTime() + limit.toNanos();
        long maxRows = 2 * rows + 100_000;
        QueryIterator it = client.queryIterator(QueryIteratorReq.builder().collectionName(name).partitionNames(partitions)
                .outputFields(List.of(idField, vectorField)).batchSize(batchRows).consistencyLevel(ConsistencyLevel.STRONG).build());
        long seen = 0;
        try {
            while (true) {
                List<QueryResultsWrapper.RowRecord> page = it.next();
                if (page == null || page.isEmpty()) {
                    return new Scan(seen, true);
                }
                long[] ids = new long[page.size()];
                float[] vectors = new float[page.size() * dim];
                for (int i = 0; i < page.size(); i++) {
                    Map<String, Object> row = page.get(i).getFieldValues();
                    Object id = row.get(idField);
                    ids[i] = id instanceof Number n ? n.longValue() : seen + i;
                    copyVector(row.get(vectorField), vectors, i * dim);
                }
                consumer.accept(new Batch(ids, vectors, page.size()));
                seen += page.size();
                if (seen >= maxRows) {
                    return new Scan(seen, false);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "scan of '%s' not finished after %s (%,d of %,d rows)",
                            name, limit, seen, rows));
                }
            }
        } finally {
            it.close();
        }
    }

    private void copyVector(Object value, float[] out, int offset) {
        if (value instanceof List<?> list && list.size() == dim) {
            for (int d = 0; d < dim; d++) {
                out[offset + d] = ((Number) list.get(d)).floatValue();
            }
            return;
        }
        throw new IllegalStateException("field '" + vectorField + "' of '" + name + "' came back as "
                + (value == null ? "nothing" : value.getClass().getSimpleName()) + ", not " + dim + " floats");
    }

    /**
     * {@code n} vectors drawn uniformly from the whole collection (reservoir sampling over one scan,
     * seeded): only the sample is kept. Fewer when the collection holds fewer rows.
     */
    public float[][] sample(int n, long seed, Duration limit) {
        float[][] sample = new float[n][];
        long[] seen = {0};
        SplittableRandom random = new SplittableRandom(seed);
        scan(batchRows(), limit, b -> {
            for (int i = 0; i < b.count(); i++) {
                long index = seen[0]++;
                int slot = index < n ? (int) index : (int) random.nextLong(index + 1);
                if (slot < n) {
                    float[] v = new float[dim];
                    System.arraycopy(b.vectors(), i * dim, v, 0, dim);
                    sample[slot] = v;
                }
            }
        });
        int got = (int) Math.min(n, seen[0]);
        return got == n ? sample : java.util.Arrays.copyOf(sample, got);
    }

    /** Rows per scan batch: about 2 MiB of vectors, between 100 and 10,000 (the query limit is 16,384). */
    public int batchRows() {
        return DatasetLoader.batchRows(dim);
    }
}
