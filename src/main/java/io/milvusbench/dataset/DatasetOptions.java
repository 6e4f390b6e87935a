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
 */
public record DatasetOptions(String source, long rows, int dim, Metric metric, long seed, Path queries, Path neighbours) {
    public static final String SYNTHETIC = "synthetic";
    public static final long DEFAULT_SEED = 42;

    public static DatasetOptions synthetic(long rows, int dim, Metric metric, long seed) {
        return new DatasetOptions(SYNTHETIC, rows, dim, metric, seed, null, null);
    }

    public boolean isSynthetic() {
        return source == null || source.isBlank() || SYNTHETIC.equalsIgnoreCase(source.trim());
    }
}
