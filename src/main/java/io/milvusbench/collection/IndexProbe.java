package io.milvusbench.collection;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexSpec;
import io.milvusbench.index.Metric;
import io.milvusbench.milvus.MilvusClients;

import java.time.Duration;
import java.util.Optional;

/**
 * Asks the server whether it can build, load and search an index kind, on a throw-away collection
 * of 2,000 rows that is dropped afterwards. Used for DISKANN, which a server may refuse (Milvus
 * 2.3 needs {@code queryNode.enableDisk}); benchmarks then skip it with the server's reason
 * instead of failing after minutes of preparation.
 */
public final class IndexProbe {
    private static final int ROWS = 2_000;

    private IndexProbe() {
    }

    /** Empty when the index works; otherwise the server's reason, on one line. */
    public static Optional<String> rejection(MilvusClientV2 client, IndexSpec index, int dim, Metric metric, Duration timeout) {
        String name = SuiteCollections.newName("probe_" + index.kind().name());
        SyntheticDataset data = new SyntheticDataset(dim, ROWS, 8, 0.2f, 1, metric);
        try {
            VectorCollection c = VectorCollection.create(client, name, dim);
            DatasetLoader.insertAll(c, data, System.err);
            c.flush(timeout);
            c.createIndex(index.kind(), metric, index.buildOverrides());
            try {
                c.awaitIndex(timeout, Duration.ofMillis(500));
            } catch (IllegalStateException e) {
                // Milvus 2.3 retries a failing build for ever and keeps reporting InProgress.
                // No cause attached: the caller reports the innermost message, and this one is the useful one.
                throw new IllegalStateException("no " + index.kind() + " index on " + ROWS + " rows after " + timeout.toSeconds()
                        + " s (" + MilvusClients.rootMessage(e) + "; the server log has the index node's error)");
            }
            c.load(timeout);
            c.search(data.queries(1), 10, index.kind(), index.knob() == 0 ? index.kind().defaultKnob() : index.knob(), null);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(MilvusClients.rootMessage(e));
        } finally {
            try {
                if (VectorCollection.exists(client, name)) {
                    SuiteCollections.drop(client, name);
                }
            } catch (RuntimeException e) {
                System.err.println("milvus-bench: could not drop probe collection " + name + ": " + MilvusClients.rootMessage(e));
            }
        }
    }
}
