package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvusbench.collection.DatasetLoader;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.index.IndexKind;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The loaded collection a load run searches: a dataset's rows (synthetic, HDF5, fvecs/bvecs),
 * streamed in ({@link DatasetLoader}: a few batches in memory at a time), one index, loaded. A
 * stable name per (dataset, rows, dim, metric, index) lets repeated runs against the same server
 * reuse the data when its description (the dataset's identity), row count and index type still
 * match; {@code fresh} makes a new collection that is dropped on close (the streaming mix uses
 * this, since it adds rows).
 */
public final class LoadFixture implements AutoCloseable {
    private final MilvusClientV2 client;
    private final VectorCollection collection;
    private final Dataset data;
    private final IndexKind kind;
    private final boolean dropOnClose;
    private final boolean reused;

    private LoadFixture(MilvusClientV2 client, VectorCollection collection, Dataset data, IndexKind kind, boolean dropOnClose,
                        boolean reused) {
        this.client = client;
        this.collection = collection;
        this.data = data;
        this.kind = kind;
        this.dropOnClose = dropOnClose;
        this.reused = reused;
    }

    /** The stable name of the load collection for {@code data} and {@code kind}. */
    static String stableName(Dataset data, IndexKind kind) {
        String source = data.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (source.length() > 40) {
            source = source.substring(0, 40);
        }
        return SuiteCollections.stableName(String.format(Locale.ROOT, "load_%s%dx%d_%s_%s", source.equals("synthetic") ? "" : source + "_",
                data.rows(), data.dim(), data.metric(), kind).toLowerCase(Locale.ROOT) + "_s" + shortHash(data.identity()));
    }

    private static String shortHash(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String description(Dataset data, IndexKind kind) {
        return "milvus-bench load: dataset " + data.identity() + "; index " + kind;
    }

    public static LoadFixture prepare(MilvusClientV2 client, Dataset data, IndexKind kind,
                                      Map<String, Object> buildParams, boolean fresh, Duration timeout, PrintStream progress) {
        return prepare(client, data, kind, buildParams, fresh, timeout, progress, Placement.DEFAULT);
    }

    /** As above, laid out over the query nodes as {@code placement} says (segments, replicas). */
    public static LoadFixture prepare(MilvusClientV2 client, Dataset data, IndexKind kind, Map<String, Object> buildParams,
                                      boolean fresh, Duration timeout, PrintStream progress, Placement placement) {
        String name = fresh ? SuiteCollections.newName("load") : stableName(data, kind) + placement.nameSuffix();
        String description = description(data, kind);
        if (!fresh && VectorCollection.exists(client, name)) {
            VectorCollection existing = VectorCollection.open(client, name, data.dim());
            DescribeIndexResp.IndexDesc index = existing.describeIndexOrNull();
            if (description.equals(existing.description()) && existing.rowCount() == data.rows()
                    && index != null && index.getIndexType() == kind.sdkType()) {
                progress.printf("load: reusing %s (%,d rows, %s)%n", name, data.rows(), kind);
                if (placement.replicas() == null) {
                    existing.load(timeout);
                } else {
                    // a loaded collection's replica number cannot change: release, then load with the one asked for
                    existing.release();
                    existing.load(timeout, placement.replicas());
                    progress.printf("load: %s loaded with %d replica(s)%n", name, placement.replicas());
                }
                return new LoadFixture(client, existing, data, kind, false, true);
            }
            progress.printf("load: %s does not match (data, rows or index differ); rebuilding it%n", name);
            SuiteCollections.drop(client, name);
        }
        VectorCollection collection = VectorCollection.create(client, name, data.dim(), description);
        try {
            long started = System.nanoTime();
            progress.printf("load: preparing %s (%,d rows x %d, %s, %s)%n", name, data.rows(), data.dim(), data.metric(), kind);
            DatasetLoader.insertAll(collection, data, progress, placement.segments(), timeout);
            collection.flush(timeout);
            collection.createIndex(kind, data.metric(), buildParams);
            collection.awaitIndex(timeout, Duration.ofMillis(200));
            collection.load(timeout, placement.replicas() == null ? 1 : placement.replicas());
            progress.printf(Locale.ROOT, "load: %s ready: %,d rows, %s, %.1f s%n", name, data.rows(), kind,
                    (System.nanoTime() - started) / 1e9);
            return new LoadFixture(client, collection, data, kind, fresh, false);
        } catch (RuntimeException e) {
            try {
                SuiteCollections.drop(client, name);
            } catch (RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    public VectorCollection collection() {
        return collection;
    }

    public boolean reused() {
        return reused;
    }

    /** What searches name: the suite's fixed fields, the dataset's metric, {@code kind}'s knob at {@code knob}. */
    public SearchTarget searchTarget(int knob, int topK) {
        return new SearchTarget(collection.name(), VectorCollection.VECTOR, VectorCollection.ID, data.dim(), data.metric(), kind.name(),
                kind.hasKnob() ? kind.searchParams(knob, topK) : Map.of(), data.rows());
    }

    @Override
    public void close() {
        if (dropOnClose) {
            SuiteCollections.drop(client, collection.name());
        }
    }
}
