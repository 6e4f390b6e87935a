package io.milvusbench.dataset;

import io.milvusbench.index.Metric;

import java.util.Optional;

/**
 * One face over every vector dataset the suite reads: the seeded {@link SyntheticDataset}, an
 * ann-benchmarks HDF5 file ({@link Hdf5Dataset}) and SIFT/GIST-style fvecs/bvecs files
 * ({@link VecsDataset}). Base rows have ids {@code 0..rows-1}; they are read in blocks, never all
 * at once, so a dataset larger than the heap can be inserted and scanned.
 *
 * <pre>{@code
 * try (Dataset data = Datasets.open(DatasetOptions.parse("sift_base.fvecs"))) {
 *     float[] block = new float[1000 * data.dim()];
 *     data.read(0, 1000, block);                    // rows 0..999, row-major
 *     float[][] queries = data.queries(100);
 *     long[][] truth = GroundTruth.compute(data, queries, 10);
 * }
 * }</pre>
 */
public interface Dataset extends AutoCloseable {

    /** A short name for logs and collection names, e.g. {@code synthetic} or {@code sift_base}. */
    String name();

    /**
     * What the data is, precisely enough that two datasets with the same identity hold the same
     * vectors (generator parameters, or file format, size and content fingerprint, rows used,
     * metric). Ground-truth cache keys and reused collections are keyed by it.
     */
    String identity();

    int dim();

    long rows();

    Metric metric();

    /**
     * Copies rows {@code first .. first+count-1} into {@code out} (row-major, at least
     * {@code count * dim()} long). Safe to call from several threads at once.
     */
    void read(long first, int count, float[] out);

    /** The range check every {@link #read} starts with: rows {@code first..first+count-1} must lie in 0..rows-1. */
    static void checkRange(long first, int count, long rows, String where) {
        if (first < 0 || first + count > rows) {
            throw new IndexOutOfBoundsException("rows " + first + ".." + (first + count - 1) + " outside 0.." + (rows - 1) + where);
        }
    }

    /** Row {@code i} as a new array. */
    default float[] row(long i) {
        float[] out = new float[dim()];
        read(i, 1, out);
        return out;
    }

    /** How many query vectors the dataset offers ({@link Integer#MAX_VALUE} when they are generated). */
    int queryCount();

    /** The first {@code n} query vectors (n ≤ {@link #queryCount()}). */
    float[][] queries(int n);

    /**
     * Neighbour ids that came with the dataset (ann-benchmarks {@code neighbors}, an ivecs ground
     * truth file), nearest first, for its queries in order; present only while they still describe
     * this data: all rows of the file and the file's own metric.
     */
    default Optional<int[][]> shippedNeighbours() {
        return Optional.empty();
    }

    /** The first {@code n} rows of this dataset ({@code n ≤ rows()}); shipped neighbours no longer apply. */
    default Dataset limit(long n) {
        return n == rows() ? this : new DatasetView(this, n, metric());
    }

    /** The same vectors compared by {@code m}; shipped neighbours no longer apply when it differs. */
    default Dataset withMetric(Metric m) {
        return m == metric() ? this : new DatasetView(this, rows(), m);
    }

    @Override
    default void close() {
    }
}
