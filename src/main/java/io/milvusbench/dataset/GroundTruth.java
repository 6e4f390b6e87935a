package io.milvusbench.dataset;

import io.milvusbench.index.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Exact top-k neighbours by brute force over every base row, on every core.
 *
 * <p>How: rows are read in blocks of {@link DistanceKernel#BLOCK_ROWS}, transposed, and scored
 * against 64 queries at a time by {@link DistanceKernel} (dot products; L2 as
 * {@code |x|² − 2q·x}, COSINE as {@code q̂·x / |x|}). Each query keeps its best {@code k + max(k, 8)}
 * candidates by that float score; the candidates are then re-scored element by element in double
 * precision ({@link Metric#exactScore}) and the best k kept, ties going to the smaller id. So the
 * fast float algebra decides only who is a candidate, never the final order. Blocks are handed out
 * from a shared counter, so a busy core slows the scan less.
 *
 * <pre>{@code
 * long[][] ids = GroundTruth.compute(dataset, queries, 10);   // ids[q] nearest first
 * }</pre>
 */
public final class GroundTruth {
    private static final int QUERY_CHUNK = 64;

    private GroundTruth() {
    }

    /**
     * The original entry point, kept for callers that give rows as a function.
     *
     * @param rows number of base rows; row ids are 0..rows-1
     * @param row  row id to vector (must be thread-safe)
     * @return for each query, the ids of its k nearest rows, nearest first
     */
    public static long[][] topK(float[][] queries, long rows, LongFunction<float[]> row, Metric metric, int k) {
        return compute(new FunctionDataset(row, rows, queries[0].length, metric), queries, k);
    }

    /** Top-k of every query against every row of {@code data}, under {@code data.metric()}. */
    public static long[][] compute(Dataset data, float[][] queries, int k) {
        return compute(data, queries, k, Runtime.getRuntime().availableProcessors());
    }

    public static long[][] compute(Dataset data, float[][] queries, int k, int threads) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        if (queries.length == 0) {
            return new long[0][];
        }
        for (float[] q : queries) {
            if (q.length != data.dim()) {
                throw new IllegalArgumentException("query has dim " + q.length + ", data has dim " + data.dim());
            }
        }
        int candidates = (int) Math.min(data.rows(), k + Math.max(k, 8));
        PreparedQueries prepared = new PreparedQueries(queries, data.metric());
        int workers = (int) Math.max(1, Math.min(threads, (data.rows() + DistanceKernel.BLOCK_ROWS - 1) / DistanceKernel.BLOCK_ROWS));
        AtomicLong nextBlock = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ground-truth");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TopK[]>> parts = new ArrayList<>();
            for (int t = 0; t < workers; t++) {
                parts.add(pool.submit(() -> new Scan(data, prepared, candidates).run(nextBlock)));
            }
            TopK[] merged = new TopK[queries.length];
            for (int q = 0; q < queries.length; q++) {
                merged[q] = new TopK(candidates, false);
            }
            for (Future<TopK[]> part : parts) {
                TopK[] partial = part.get();
                for (int q = 0; q < queries.length; q++) {
                    merged[q].mergeFrom(partial[q]);
                }
            }
            return rerank(data, queries, merged, k);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ground truth interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("ground truth failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Final order: candidates re-scored exactly in double precision; ties to the smaller id. */
    private static long[][] rerank(Dataset data, float[][] queries, TopK[] candidates, int k) {
        Metric metric = data.metric();
        long[][] out = new long[queries.length][];
        float[] row = new float[data.dim()];
        for (int q = 0; q < queries.length; q++) {
            long[] ids = candidates[q].idsNearestFirst();
            double[] scores = new double[ids.length];
            Integer[] order = new Integer[ids.length];
            for (int i = 0; i < ids.length; i++) {
                data.read(ids[i], 1, row);
                scores[i] = metric.exactScore(queries[q], row);
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                // "+ 0.0" folds -0.0 into 0.0, which Double.compare would otherwise order apart.
                int c = metric.higherIsCloser() ? Double.compare(scores[b] + 0.0, scores[a] + 0.0)
                        : Double.compare(scores[a] + 0.0, scores[b] + 0.0);
                return c != 0 ? c : Long.compare(ids[a], ids[b]);
            });
            int n = Math.min(k, ids.length);
            out[q] = new long[n];
            for (int i = 0; i < n; i++) {
                out[q][i] = ids[order[i]];
            }
        }
        return out;
    }

    /** Queries padded for the kernel, normalised for COSINE, with |q|² kept for L2. */
    private static final class PreparedQueries {
        final float[][] padded;
        final int count;
        final int dim;
        final Metric metric;

        PreparedQueries(float[][] queries, Metric metric) {
            this.count = queries.length;
            this.metric = metric;
            this.dim = DistanceKernel.paddedDim(queries[0].length);
            this.padded = new float[DistanceKernel.paddedQueries(count)][dim];
            for (int q = 0; q < count; q++) {
                float[] src = queries[q];
                double norm = 0;
                for (float v : src) {
                    norm += (double) v * v;
                }
                float scale = metric == Metric.COSINE ? (float) (1 / Math.sqrt(norm + 1e-30)) : 1f;
                for (int d = 0; d < src.length; d++) {
                    padded[q][d] = src[d] * scale;
                }
            }
        }
    }

    /** One worker: takes blocks until none is left, keeps its own candidates per query. */
    private static final class Scan {
        private final Dataset data;
        private final PreparedQueries qs;
        private final TopK[] best;
        private final float[] rowMajor;
        private final float[][] xt;
        private final float[] norms;
        private final float[][] acc;

        Scan(Dataset data, PreparedQueries qs, int candidates) {
            this.data = data;
            this.qs = qs;
            this.best = new TopK[qs.count];
            for (int q = 0; q < qs.count; q++) {
                best[q] = new TopK(candidates, false);
            }
            this.rowMajor = new float[DistanceKernel.BLOCK_ROWS * data.dim()];
            this.xt = new float[qs.dim][DistanceKernel.BLOCK_ROWS];
            this.norms = new float[DistanceKernel.BLOCK_ROWS];
            this.acc = new float[Math.min(QUERY_CHUNK, qs.padded.length)][DistanceKernel.BLOCK_ROWS];
        }

        TopK[] run(AtomicLong nextBlock) {
            long blocks = (data.rows() + DistanceKernel.BLOCK_ROWS - 1) / DistanceKernel.BLOCK_ROWS;
            for (long b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
                long first = b * DistanceKernel.BLOCK_ROWS;
                int n = (int) Math.min(DistanceKernel.BLOCK_ROWS, data.rows() - first);
                data.read(first, n, rowMajor);
                DistanceKernel.transpose(rowMajor, n, data.dim(), xt);
                rowNorms(n);
                for (int q0 = 0; q0 < qs.padded.length; q0 += QUERY_CHUNK) {
                    int nq = Math.min(QUERY_CHUNK, qs.padded.length - q0);
                    float[][] group = Arrays.copyOfRange(qs.padded, q0, q0 + nq);
                    DistanceKernel.dotProducts(group, nq, xt, qs.dim, n, acc);
                    select(q0, Math.min(nq, qs.count - q0), first, n);
                }
            }
            return best;
        }

        private void rowNorms(int n) {
            Arrays.fill(norms, 0, n, 0f);
            for (int d = 0; d < data.dim(); d++) {
                float[] x = xt[d];
                for (int r = 0; r < n; r++) {
                    norms[r] = Math.fma(x[r], x[r], norms[r]);
                }
            }
            if (qs.metric == Metric.COSINE) {
                for (int r = 0; r < n; r++) {
                    norms[r] = (float) (1 / Math.sqrt(norms[r] + 1e-30));
                }
            }
        }

        /** Turns dot products into "smaller is closer" scores and offers the good ones. */
        private void select(int q0, int nq, long firstId, int n) {
            for (int i = 0; i < nq; i++) {
                float[] a = acc[i];
                switch (qs.metric) {
                    case L2 -> {
                        for (int r = 0; r < n; r++) {
                            a[r] = norms[r] - 2 * a[r];
                        }
                    }
                    case IP -> {
                        for (int r = 0; r < n; r++) {
                            a[r] = -a[r];
                        }
                    }
                    case COSINE -> {
                        for (int r = 0; r < n; r++) {
                            a[r] = -a[r] * norms[r];
                        }
                    }
                }
                TopK heap = best[q0 + i];
                for (int r = 0; r < n; r++) {
                    if (heap.wouldAccept(a[r])) {
                        heap.offer(firstId + r, a[r]);
                    }
                }
            }
        }
    }

    /** Adapter for {@link #topK}: rows from a function. */
    private record FunctionDataset(LongFunction<float[]> row, long rows, int dim, Metric metric) implements Dataset {
        @Override
        public String name() {
            return "function";
        }

        @Override
        public String identity() {
            return "function rows=" + rows + " dim=" + dim;
        }

        @Override
        public void read(long first, int count, float[] out) {
            for (int i = 0; i < count; i++) {
                System.arraycopy(row.apply(first + i), 0, out, i * dim, dim);
            }
        }

        @Override
        public int queryCount() {
            return 0;
        }

        @Override
        public float[][] queries(int n) {
            throw new UnsupportedOperationException();
        }
    }
}
