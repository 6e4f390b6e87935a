package io.milvusbench.dataset;

import io.milvusbench.index.Metric;

import java.util.stream.IntStream;

/**
 * Exact top-k neighbours of a few queries over rows that arrive in batches and are seen once (a
 * collection streamed from a server with a query iterator): only the current batch and k best
 * (id, score) pairs per query are held, whatever the number of rows. Scores are computed in double
 * precision, element by element, as {@link Metric#exactScore} does; ties go to the smaller id.
 * Batches are scored on every core, one query per task.
 *
 * <pre>{@code
 * StreamingGroundTruth gt = new StreamingGroundTruth(queries, Metric.COSINE, 10);
 * for (batch : stream) gt.accept(batch.ids, batch.vectors, batch.count);
 * long[][] ids = gt.result();       // ids[q] nearest first
 * }</pre>
 */
public final class StreamingGroundTruth {
    private final float[][] queries;
    private final double[] queryNorms;
    private final Metric metric;
    private final TopK[] best;
    private final int dim;
    private long rows;

    public StreamingGroundTruth(float[][] queries, Metric metric, int k) {
        if (queries.length == 0) {
            throw new IllegalArgumentException("no queries");
        }
        this.queries = queries;
        this.metric = metric;
        this.dim = queries[0].length;
        this.best = new TopK[queries.length];
        this.queryNorms = new double[queries.length];
        for (int q = 0; q < queries.length; q++) {
            best[q] = new TopK(k, metric.higherIsCloser());
            queryNorms[q] = Math.sqrt(dot(queries[q], 0, queries[q]));
        }
    }

    /** Scores rows {@code 0..count-1} of {@code rowMajor} (ids {@code ids[i]}) against every query. */
    public void accept(long[] ids, float[] rowMajor, int count) {
        double[] rowNorms = new double[count];
        if (metric == Metric.COSINE) {
            for (int r = 0; r < count; r++) {
                double n = 0;
                for (int d = r * dim, end = d + dim; d < end; d++) {
                    n += (double) rowMajor[d] * rowMajor[d];
                }
                rowNorms[r] = Math.sqrt(n);
            }
        }
        IntStream.range(0, queries.length).parallel().forEach(q -> {
            float[] query = queries[q];
            TopK top = best[q];
            for (int r = 0; r < count; r++) {
                double score = switch (metric) {
                    case L2 -> l2(query, r * dim, rowMajor);
                    case IP -> dot(query, r * dim, rowMajor);
                    case COSINE -> dot(query, r * dim, rowMajor) / (queryNorms[q] * rowNorms[r] + 1e-30);
                };
                top.offer(ids[r], (float) score);
            }
        });
        rows += count;
    }

    /** Rows scored so far. */
    public long rows() {
        return rows;
    }

    /** For each query, the ids of its k nearest rows (fewer when fewer rows were seen), nearest first. */
    public long[][] result() {
        long[][] out = new long[best.length][];
        for (int q = 0; q < best.length; q++) {
            out[q] = best[q].idsNearestFirst();
        }
        return out;
    }

    private static double dot(float[] q, int offset, float[] rows) {
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            s += (double) q[i] * rows[offset + i];
        }
        return s;
    }

    private static double l2(float[] q, int offset, float[] rows) {
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            double d = (double) q[i] - rows[offset + i];
            s += d * d;
        }
        return s;
    }
}
