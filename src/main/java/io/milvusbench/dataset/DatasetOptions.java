package io.milvusbench.dataset;

import io.milvusbench.index.Metric;

import java.nio.file.Path;

/**
 * What dataset to open: {@code source} is {@code synthetic} or a file path ({@code .hdf5}/{@code .h5},
 * {@code .fvecs}, {@code .bvecs}). For synthetic data {@code rows}, {@code dim} and {@code metric}
 * define it; for a file they are checks and limits: {@code rows} (0 = all) takes the first rows,
 * {@code dim} (0 = any) must equal the file's, {@code metric} (null = the file's) overrides it.
 *
 * @param queries    fvecs/bvecs only: the query file, when not found next to the base file
 * @param neighbours fvecs/bvecs only: the ground-truth .ivecs file, when not found next to it
 * @param clusters   synthetic only: mixture components (default 64)
 * @param spread     synthetic only: standard deviation around each centroid (default 0.2; centroids
 *                   lie in [-1, 1]^dim, so 0.2 gives well-separated clusters where every index
 *                   finds the true neighbours, and about 1 overlapping ones where knobs matter)
 */
public record DatasetOptions(String source, long rows, int dim, Metric metric, long seed, Path queries, Path neighbours,
                             int clusters, float spread) {
    public static final String SYNTHETIC = "synthetic";
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_CLUSTERS = 64;
    public static final float DEFAULT_SPREAD = 0.2f;

    /** Options with the default synthetic mixture. */
    public DatasetOptions(String source, long rows, int dim, Metric metric, long seed, Path queries, Path neighbours) {
        this(source, rows, dim, metric, seed, queries, neighbours, DEFAULT_CLUSTERS, DEFAULT_SPREAD);
    }

    public static DatasetOptions synthetic(long rows, int dim, Metric metric, long seed) {
        return new DatasetOptions(SYNTHETIC, rows, dim, metric, seed, null, null);
    }

    /** The same options for {@code rows}, {@code dim} and {@code metric}. */
    public DatasetOptions with(long newRows, int newDim, Metric newMetric) {
        return new DatasetOptions(source, newRows, newDim, newMetric, seed, queries, neighbours, clusters, spread);
    }

    public boolean isSynthetic() {
        return source == null || source.isBlank() || SYNTHETIC.equalsIgnoreCase(source.trim());
    }
}
