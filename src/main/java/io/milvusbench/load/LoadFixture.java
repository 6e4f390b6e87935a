package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexKind;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The loaded collection a load run searches: seeded synthetic rows, one index, loaded into
 * memory. A stable name per (rows, dim, seed, metric, index) lets repeated runs against the same
 * server reuse the data when its row count and index type still match; {@code fresh} makes a new
 * collection that is dropped on close (the streaming mix uses this, since it adds rows).
 */
public final class LoadFixture implements AutoCloseable {
    private static final int BATCH = 2_000;

    private final MilvusClientV2 client;
    private final VectorCollection collection;
    private final boolean dropOnClose;
    private final boolean reused;

    private LoadFixture(MilvusClientV2 client, VectorCollection collection, boolean dropOnClose, boolean reused) {
        this.client = client;
        this.collection = collection;
        this.dropOnClose = dropOnClose;
        this.reused = reused;
    }

    public static LoadFixture prepare(MilvusClientV2 client, SyntheticDataset data, IndexKind kind,
                                      Map<String, Object> buildParams, boolean fresh, Duration timeout, PrintStream progress) {
        return prepare(client, data, kind, buildParams, fresh, timeout, progress, Placement.DEFAULT);
    }

    /** As above, laid out over the query nodes as {@code placement} says (segments, replicas). */
    public static LoadFixture prepare(MilvusClientV2 client, SyntheticDataset data, IndexKind kind, Map<String, Object> buildParams,
                                      boolean fresh, Duration timeout, PrintStream progress, Placement placement) {
        String name = fresh ? SuiteCollections.newName("load")
                : SuiteCollections.stableName(String.format(Locale.ROOT, "load_%dx%d_%s_%s", data.rows(), data.dim(),
                data.metric(), kind).toLowerCase(Locale.ROOT) + "_s" + Integer.toHexString(data.toString().hashCode())
                + placement.nameSuffix());
        if (!fresh && VectorCollection.exists(client, name)) {
            VectorCollection existing = VectorCollection.open(client, name, data.dim());
            DescribeIndexResp.IndexDesc index = existing.describeIndexOrNull();
            if (existing.rowCount() == data.rows() && index != null && index.getIndexType() == kind.sdkType()) {
                progress.printf("load: reusing %s (%,d rows, %s)%n", name, data.rows(), kind);
                if (placement.replicas() == null) {
                    existing.load(timeout);
                } else {
                    // a loaded collection's replica number cannot change: release, then load with the one asked for
                    existing.release();
                    existing.load(timeout, placement.replicas());
                    progress.printf("load: %s loaded with %d replica(s)%n", name, placement.replicas());
                }
                return new LoadFixture(client, existing, false, true);
            }
            progress.printf("load: %s does not match (rows or index differ); rebuilding it%n", name);
            SuiteCollections.drop(client, name);
        }
        VectorCollection collection = VectorCollection.create(client, name, data.dim());
        try {
            long started = System.nanoTime();
            for (long first = 0; first < data.rows(); first += BATCH) {
                int n = (int) Math.min(BATCH, data.rows() - first);
                float[][] rows = new float[n][];
                for (int i = 0; i < n; i++) {
                    rows[i] = data.row(first + i);
                }
                collection.insert(first, rows);
                long part = (data.rows() + placement.segments() - 1) / placement.segments();
                if (placement.segments() > 1 && first + n < data.rows() && (first + n) / part > first / part) {
                    collection.flush(timeout);  // seals this part as a segment of its own
                }
                if ((first / BATCH) % 10 == 9) {
                    progress.printf("load: inserted %,d / %,d rows%n", first + n, data.rows());
                }
            }
            collection.flush(timeout);
            collection.createIndex(kind, data.metric(), buildParams);
            collection.awaitIndex(timeout, Duration.ofMillis(200));
            collection.load(timeout, placement.replicas() == null ? 1 : placement.replicas());
            progress.printf(Locale.ROOT, "load: %s ready: %,d rows, %s, %.1f s%n", name, data.rows(), kind,
                    (System.nanoTime() - started) / 1e9);
            return new LoadFixture(client, collection, fresh, false);
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

    @Override
    public void close() {
        if (dropOnClose) {
            SuiteCollections.drop(client, collection.name());
        }
    }
}
