package io.milvusbench.collection;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.index.IndexSpec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Collections built once per (dataset, index build parameters) and reused by every benchmark
 * fork and iteration, and by later runs. The stable name carries the dataset's short name, a hash
 * of its identity and the index's build parameters:
 * {@code mbench_synthetic_1a2b3c4d_hnsw_m16_efconstruction200}; the collection's description
 * records the full identity. Before reuse the dimension (a mismatch is bad input, and nothing is
 * changed), the description, the row count and the index are checked; a collection that fails
 * the other checks (a run interrupted while inserting, say) is one of the suite's own and is
 * dropped and rebuilt.
 */
public final class PreparedCollections {
    private PreparedCollections() {
    }

    /** The stable name of the collection holding {@code data} with index {@code index}. */
    public static String nameFor(Dataset data, IndexSpec index) {
        return SuiteCollections.stableName(datasetKey(data) + "_" + index.forBuild().collectionKey());
    }

    /** The stable name of the index-less copy of {@code data} that index builds start from. */
    public static String dataNameFor(Dataset data) {
        return SuiteCollections.stableName(datasetKey(data) + "_noindex");
    }

    private static String datasetKey(Dataset data) {
        String name = data.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (name.length() > 40) {
            name = name.substring(0, 40);
        }
        return name + "_" + shortHash(data.identity());
    }

    private static String shortHash(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String description(Dataset data, IndexSpec index) {
        return "milvus-bench: dataset " + data.identity() + "; index " + (index == null ? "none" : index.forBuild());
    }

    /**
     * Throws {@link io.milvusbench.BadInputException} when a collection of that name exists with
     * another dimension; touches nothing. The command line calls it before anything starts.
     */
    public static void checkDimension(MilvusClientV2 client, Dataset data, IndexSpec index) {
        String name = index == null ? dataNameFor(data) : nameFor(data, index);
        if (VectorCollection.exists(client, name)) {
            VectorCollection.open(client, name, data.dim());
        }
    }

    /** The dataset, indexed and loaded, ready to search. */
    public static VectorCollection indexed(MilvusClientV2 client, Dataset data, IndexSpec index, Duration timeout, PrintStream log) {
        String name = nameFor(data, index);
        String description = description(data, index);
        if (VectorCollection.exists(client, name)) {
            VectorCollection existing = VectorCollection.open(client, name, data.dim());
            String stale = staleReason(existing, data, description, index);
            if (stale == null) {
                existing.flush(timeout);            // a no-op unless an earlier run stopped before its flush
                DescribeIndexResp.IndexDesc idx = existing.describeIndex();
                if (idx.getIndexState() != IndexBuildState.Finished) {
                    existing.awaitIndex(timeout, Duration.ofMillis(500));
                }
                existing.load(timeout);
                return existing;
            }
            log.println("\nmilvus-bench: rebuilding " + name + ": " + stale);
            SuiteCollections.drop(client, name);
        }
        log.printf("%nmilvus-bench: preparing %s (%,d rows x %d, %s, %s)%n", name, data.rows(), data.dim(), data.metric(), index.forBuild());
        VectorCollection c = VectorCollection.create(client, name, data.dim(), description);
        DatasetLoader.insertAll(c, data, log);
        c.flush(timeout);
        c.createIndex(index.kind(), data.metric(), index.buildOverrides());
        c.awaitIndex(timeout, Duration.ofMillis(500));
        c.load(timeout);
        return c;
    }

    /** The dataset inserted and flushed, without an index and not loaded: where index builds start. */
    public static VectorCollection dataOnly(MilvusClientV2 client, Dataset data, Duration timeout, PrintStream log) {
        String name = dataNameFor(data);
        String description = description(data, null);
        if (VectorCollection.exists(client, name)) {
            VectorCollection existing = VectorCollection.open(client, name, data.dim());
            String stale = staleReason(existing, data, description, null);
            if (stale == null) {
                existing.flush(timeout);
                return existing;
            }
            log.println("\nmilvus-bench: rebuilding " + name + ": " + stale);
            SuiteCollections.drop(client, name);
        }
        log.printf("%nmilvus-bench: preparing %s (%,d rows x %d, no index)%n", name, data.rows(), data.dim());
        VectorCollection c = VectorCollection.create(client, name, data.dim(), description);
        DatasetLoader.insertAll(c, data, log);
        c.flush(timeout);
        return c;
    }

    /** Why an existing collection cannot be reused, or null when it can. */
    private static String staleReason(VectorCollection c, Dataset data, String description, IndexSpec index) {
        if (!description.equals(c.description())) {
            return "it was made for other data (description '" + c.description() + "')";
        }
        long rows = c.rowCount();
        if (rows != data.rows()) {
            return "it holds " + rows + " rows, the dataset " + data.rows();
        }
        if (index != null) {
            DescribeIndexResp.IndexDesc idx = c.describeIndexOrNull();
            if (idx == null) {
                return "it has no index";
            }
            if (idx.getIndexType() != index.kind().sdkType()) {
                return "its index is " + idx.getIndexType() + ", not " + index.kind();
            }
            if (idx.getIndexState() == IndexBuildState.Failed) {
                return "its index build failed: " + idx.getIndexFailedReason();
            }
        }
        return null;
    }
}
