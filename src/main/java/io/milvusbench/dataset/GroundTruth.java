package io.milvusbench.dataset;

import io.milvusbench.index.Metric;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Exact top-k neighbours by brute force over every base row, split across the machine's cores.
 * Ties are broken by the smaller id, so results are deterministic.
 */
public final class GroundTruth {
    private GroundTruth() {
    }

    /**
     * @param rows  number of base rows; row ids are 0..rows-1
     * @param row   row id to vector (called once per row per worker; must be thread-safe)
     * @return for each query, the ids of its k nearest rows, nearest first
     */
    public static long[][] topK(float[][] queries, long rows, LongFunction<float[]> row, Metric metric, int k) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long chunk = (rows + threads - 1) / threads;
            @SuppressWarnings("unchecked")
            Future<TopK[]>[] parts = new Future[threads];
            for (int t = 0; t < threads; t++) {
                long from = Math.min(rows, t * chunk);
                long to = Math.min(rows, from + chunk);
                parts[t] = pool.submit(() -> scan(queries, from, to, row, metric, k));
            }
            TopK[] merged = new TopK[queries.length];
            for (int q = 0; q < queries.length; q++) {
                merged[q] = new TopK(k, metric.higherIsCloser());
            }
            for (Future<TopK[]> part : parts) {
                TopK[] partial = part.get();
                for (int q = 0; q < queries.length; q++) {
                    merged[q].mergeFrom(partial[q]);
                }
            }
            long[][] ids = new long[queries.length][];
            for (int q = 0; q < queries.length; q++) {
                ids[q] = merged[q].idsNearestFirst();
            }
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ground truth interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("ground truth failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static TopK[] scan(float[][] queries, long from, long to, LongFunction<float[]> row, Metric metric, int k) {
        TopK[] heaps = new TopK[queries.length];
        for (int q = 0; q < queries.length; q++) {
            heaps[q] = new TopK(k, metric.higherIsCloser());
        }
        for (long id = from; id < to; id++) {
            float[] v = row.apply(id);
            for (int q = 0; q < queries.length; q++) {
                heaps[q].offer(id, metric.score(queries[q], v));
            }
        }
        return heaps;
    }
}
