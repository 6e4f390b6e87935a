package io.milvusbench.collection;

import io.milvusbench.dataset.Dataset;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Inserts a whole dataset into a collection in batches, streaming: a reader thread fetches (or
 * generates) the next batches while the current one is sent, and at most {@link #AHEAD} batches
 * of vectors exist at once. 1,000,000 × 128 rows go in with a heap of a few hundred MiB.
 */
public final class DatasetLoader {
    /** Batches read ahead of the one being inserted. */
    static final int AHEAD = 2;
    /** About 2 MiB of float32 values per insert request (4,096 rows at dim 128). */
    private static final int BATCH_BYTES = 2 << 20;

    private DatasetLoader() {
    }

    /** Rows per insert for vectors of {@code dim} values: ~2 MiB, between 100 and 10,000. */
    public static int batchRows(int dim) {
        return Math.max(100, Math.min(10_000, BATCH_BYTES / (4 * dim)));
    }

    /** Inserts rows 0..rows-1 of {@code data} with ids equal to row numbers; progress every 10 s on {@code log}. */
    public static void insertAll(VectorCollection collection, Dataset data, PrintStream log) {
        insertAll(collection, data, log, 1, null);
    }

    /**
     * As above, flushed after each of {@code segments} equal parts but the last, so that each part
     * is sealed as a segment of its own (the caller flushes the last); {@code flushTimeout} bounds
     * each flush.
     */
    public static void insertAll(VectorCollection collection, Dataset data, PrintStream log, int segments,
                                 java.time.Duration flushTimeout) {
        int batch = batchRows(data.dim());
        long rows = data.rows();
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dataset-reader");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<float[]>> ahead = new ArrayDeque<>();
        long started = System.nanoTime();
        long lastReport = started;
        try {
            long nextToRead = 0;
            for (long first = 0; first < rows; first += batch) {
                while (ahead.size() <= AHEAD && nextToRead < rows) {
                    long from = nextToRead;
                    int n = (int) Math.min(batch, rows - from);
                    ahead.add(reader.submit(() -> {
                        float[] block = new float[n * data.dim()];
                        data.read(from, n, block);
                        return block;
                    }));
                    nextToRead += n;
                }
                int n = (int) Math.min(batch, rows - first);
                float[] block = ahead.removeFirst().get();
                long inserted = collection.insert(first, block, n);
                if (inserted != n) {
                    throw new IllegalStateException("Milvus inserted " + inserted + " of " + n + " rows into " + collection.name());
                }
                if (segments > 1) {
                    long part = (rows + segments - 1) / segments;
                    if (first + n < rows && (first + n) / part > first / part) {
                        collection.flush(flushTimeout);  // seals this part as a segment of its own
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    long done = first + n;
                    log.printf("milvus-bench: inserting into %s: %,d / %,d rows (%,.0f rows/s)%n", collection.name(), done, rows,
                            done / ((now - started) / 1e9));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inserting into " + collection.name(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException("cannot read the dataset: " + cause, cause);
        } finally {
            reader.shutdownNow();
        }
    }
}
