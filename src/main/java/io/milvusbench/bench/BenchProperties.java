package io.milvusbench.bench;

import io.milvusbench.BadInputException;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.dataset.Datasets;
import io.milvusbench.index.Metric;
import io.milvusbench.milvus.MilvusTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code -Dmilvus.bench.*} properties every benchmark fork reads (forks inherit the runner's
 * {@code -D} flags; {@code milvus-bench bench} sets them). The target itself comes from the
 * {@code -Dmilvus.*} properties of {@link io.milvusbench.milvus.TargetOptions}.
 *
 * <table>
 * <tr><th>property</th><th>meaning</th><th>default</th></tr>
 * <tr><td>milvus.bench.run</td><td>run folder (hlog/, metrics.jsonl) to write into</td><td>none: figures are printed only</td></tr>
 * <tr><td>milvus.bench.dataset</td><td>synthetic, or an .hdf5/.h5/.fvecs/.bvecs file</td><td>synthetic</td></tr>
 * <tr><td>milvus.bench.dataset.queries / .neighbours</td><td>query and ground-truth files of an fvecs corpus</td><td>found next to the base file</td></tr>
 * <tr><td>milvus.bench.seed</td><td>seed of the synthetic data</td><td>42</td></tr>
 * <tr><td>milvus.bench.clusters / milvus.bench.spread</td><td>shape of the synthetic mixture</td><td>64 / 0.2</td></tr>
 * <tr><td>milvus.bench.queries</td><td>size of the query pool searches cycle through</td><td>100</td></tr>
 * <tr><td>milvus.bench.timeout.s</td><td>limit of each flush, index build and load</td><td>1800</td></tr>
 * <tr><td>milvus.bench.credentials</td><td>file holding the token (written by the CLI, mode 600)</td><td>none</td></tr>
 * <tr><td>milvus.bench.probed</td><td>index kinds the runner already found the server accepts</td><td>none</td></tr>
 * <tr><td>milvus.bench.gt.cache</td><td>ground-truth cache folder</td><td>~/.cache/milvus-bench/groundtruth</td></tr>
 * </table>
 */
public final class BenchProperties {
    public static final String RUN = "milvus.bench.run";
    public static final String DATASET = "milvus.bench.dataset";
    public static final String DATASET_QUERIES = "milvus.bench.dataset.queries";
    public static final String DATASET_NEIGHBOURS = "milvus.bench.dataset.neighbours";
    public static final String SEED = "milvus.bench.seed";
    public static final String CLUSTERS = "milvus.bench.clusters";
    public static final String SPREAD = "milvus.bench.spread";
    public static final String QUERIES = "milvus.bench.queries";
    public static final String TIMEOUT = "milvus.bench.timeout.s";
    public static final String CREDENTIALS = "milvus.bench.credentials";
    public static final String PROBED = "milvus.bench.probed";
    public static final String GT_CACHE = "milvus.bench.gt.cache";

    private BenchProperties() {
    }

    /**
     * The properties {@code milvus-bench bench} hands every fork: the reached target as
     * {@code -Dmilvus.*} (always {@code uri}: forks connect to the server the runner started or
     * reached), and the {@code -Dmilvus.bench.*} settings the readers below turn back into values.
     */
    public static Map<String, String> forForks(MilvusTarget target, Path runDir, DatasetOptions dataset, int queryPool,
                                               long timeoutSeconds, List<String> probed) {
        Map<String, String> p = new LinkedHashMap<>();
        if (target != null) {
            p.put("milvus.target", "uri");
            p.put("milvus.uri", target.connection().uri().toString());
            target.metricsUri().ifPresent(u -> p.put("milvus.metrics.uri", u.toString()));
            if (target.connection().database() != null) {
                p.put("milvus.db", target.connection().database());
            }
            p.put("milvus.connect.timeout.ms", Long.toString(target.connection().connectTimeout().toMillis()));
            p.put("milvus.rpc.deadline.ms", Long.toString(target.connection().rpcDeadline().toMillis()));
        }
        p.put(RUN, runDir.toString());
        p.put(DATASET, dataset.isSynthetic() ? DatasetOptions.SYNTHETIC : Path.of(dataset.source().trim()).toAbsolutePath().toString());
        if (dataset.queries() != null) {
            p.put(DATASET_QUERIES, dataset.queries().toAbsolutePath().toString());
        }
        if (dataset.neighbours() != null) {
            p.put(DATASET_NEIGHBOURS, dataset.neighbours().toAbsolutePath().toString());
        }
        p.put(SEED, Long.toString(dataset.seed()));
        p.put(CLUSTERS, Integer.toString(dataset.clusters()));
        p.put(SPREAD, Float.toString(dataset.spread()));
        p.put(QUERIES, Integer.toString(queryPool));
        p.put(TIMEOUT, Long.toString(timeoutSeconds));
        if (!probed.isEmpty()) {
            p.put(PROBED, String.join(",", probed));
        }
        String cache = System.getProperty(GT_CACHE);
        if (cache != null) {
            p.put(GT_CACHE, cache);
        }
        return p;
    }

    /** The run folder forks write into, or null when none was given. */
    public static Path runDir() {
        String dir = System.getProperty(RUN);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    public static int queryPool() {
        return (int) longProperty(QUERIES, 100);
    }

    public static Duration timeout() {
        return Duration.ofSeconds(longProperty(TIMEOUT, 1800));
    }

    /** True when the runner already checked that the server builds and searches {@code kind}. */
    public static boolean probed(String kind) {
        for (String k : System.getProperty(PROBED, "").split(",")) {
            if (k.trim().equalsIgnoreCase(kind)) {
                return true;
            }
        }
        return false;
    }

    /** The token in the credentials file, or null. */
    public static String token() {
        String file = System.getProperty(CREDENTIALS);
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BadInputException("cannot read credentials file " + file + ": " + e.getMessage());
        }
    }

    /** The dataset options of the properties with a benchmark's {@code rows}, {@code dim} and {@code metric}. */
    public static DatasetOptions datasetOptions(long rows, int dim, String metric) {
        String queries = System.getProperty(DATASET_QUERIES);
        String neighbours = System.getProperty(DATASET_NEIGHBOURS);
        return new DatasetOptions(System.getProperty(DATASET, DatasetOptions.SYNTHETIC), rows, dim, Metric.parse(metric),
                longProperty(SEED, DatasetOptions.DEFAULT_SEED),
                queries == null || queries.isBlank() ? null : Path.of(queries),
                neighbours == null || neighbours.isBlank() ? null : Path.of(neighbours),
                (int) longProperty(CLUSTERS, DatasetOptions.DEFAULT_CLUSTERS),
                floatProperty(SPREAD, DatasetOptions.DEFAULT_SPREAD));
    }

    /** Opens the dataset of the properties with a benchmark's {@code rows}, {@code dim} and {@code metric}. */
    public static Dataset dataset(long rows, int dim, String metric) {
        return Datasets.open(datasetOptions(rows, dim, metric));
    }

    private static float floatProperty(String name, float fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Float.parseFloat(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("system property " + name + " must be a number, got '" + v + "'");
        }
    }

    private static long longProperty(String name, long fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("system property " + name + " must be a whole number, got '" + v + "'");
        }
    }
}
