package io.milvusbench.dataset;

import io.milvusbench.index.Metric;

import java.util.Arrays;

/**
 * Vectors held in one row-major float array: small fixtures in tests, and the in-memory scan of
 * the ground-truth benchmark (where reading must cost nothing). Its identity hashes the content.
 */
public final class InMemoryDataset implements Dataset {
    private final String name;
    private final int dim;
    private final float[] rowMajor;
    private final float[][] queries;
    private final Metric metric;

    public InMemoryDataset(String name, float[][] rows, float[][] queries, Metric metric) {
        this(name, rows[0].length, flatten(rows), queries, metric);
    }

    public InMemoryDataset(String name, int dim, float[] rowMajor, float[][] queries, Metric metric) {
        if (rowMajor.length % dim != 0) {
            throw new IllegalArgumentException("row-major data is not a whole number of rows of dim " + dim);
        }
        this.name = name;
        this.dim = dim;
        this.rowMajor = rowMajor;
        this.queries = queries;
        this.metric = metric;
    }

    /** Copies {@code n} rows of {@code source} into memory (a test or benchmark fixture). */
    public static InMemoryDataset copyOf(Dataset source, int n, int queryCount) {
        float[] data = new float[Math.multiplyExact(n, source.dim())];
        source.read(0, n, data);
        return new InMemoryDataset(source.name(), source.dim(), data, source.queries(queryCount), source.metric());
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String identity() {
        return "memory " + name + " rows=" + rows() + " dim=" + dim + " metric=" + metric + " hash=" + Arrays.hashCode(rowMajor);
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public long rows() {
        return rowMajor.length / dim;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public void read(long first, int count, float[] out) {
        System.arraycopy(rowMajor, Math.toIntExact(first * dim), out, 0, count * dim);
    }

    @Override
    public int queryCount() {
        return queries.length;
    }

    @Override
    public float[][] queries(int n) {
        return Arrays.copyOf(queries, n);
    }

    @Override
    public Dataset withMetric(Metric m) {
        return m == metric ? this : new InMemoryDataset(name, dim, rowMajor, queries, m);
    }
}
