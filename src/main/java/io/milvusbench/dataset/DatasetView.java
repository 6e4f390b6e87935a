package io.milvusbench.dataset;

import io.milvusbench.BadInputException;
import io.milvusbench.index.Metric;

/**
 * A dataset's first rows, or its rows under another metric: what {@link Dataset#limit} and
 * {@link Dataset#withMetric} return. Shipped neighbours are dropped, since they were computed for
 * the whole file and its own metric.
 */
final class DatasetView implements Dataset {
    private final Dataset base;
    private final long rows;
    private final Metric metric;

    DatasetView(Dataset base, long rows, Metric metric) {
        if (rows < 1 || rows > base.rows()) {
            throw new BadInputException("rows must be in 1.." + base.rows() + " for " + base.name() + ", got " + rows);
        }
        this.base = base;
        this.rows = rows;
        this.metric = metric;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public String identity() {
        return base.identity() + (rows == base.rows() ? "" : " first=" + rows) + (metric == base.metric() ? "" : " metric=" + metric);
    }

    @Override
    public int dim() {
        return base.dim();
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public void read(long first, int count, float[] out) {
        Dataset.checkRange(first, count, rows, "");
        base.read(first, count, out);
    }

    @Override
    public int queryCount() {
        return base.queryCount();
    }

    @Override
    public float[][] queries(int n) {
        return base.queries(n);
    }

    @Override
    public Dataset limit(long n) {
        return n == rows ? this : new DatasetView(base, n, metric);
    }

    @Override
    public Dataset withMetric(Metric m) {
        return m == metric ? this : new DatasetView(base, rows, m);
    }

    @Override
    public void close() {
        base.close();
    }

    @Override
    public String toString() {
        return identity();
    }
}
