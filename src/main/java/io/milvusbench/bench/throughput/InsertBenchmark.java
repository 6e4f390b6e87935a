package io.milvusbench.bench.throughput;

import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.bench.BenchProperties;
import io.milvusbench.bench.DataTag;
import io.milvusbench.bench.IntervalLog;
import io.milvusbench.bench.MilvusBenchmark;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.results.SeriesId;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Insert throughput without flush: each call inserts one batch of {@code batch} rows into a
 * collection created for the iteration (and dropped after it). Data: {@code batch}-row slices of
 * the first rows of the dataset ({@code rows} × {@code dim}, {@code metric}; at most 64 MiB of
 * them, generated before the trial and reused with fresh ids). JMH reports batches/s and, as the
 * secondary {@code rows}, rows/s; the .hlog {@code insert[batch=1000;data=...]} holds the latency
 * of each batch (µs) and metrics.jsonl {@code rows/s} over all measured iterations; the bench
 * command adds {@code requests} (insert calls), {@code errors} and {@code error_rate}. A failed
 * insert (or collection create) fails the iteration.
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench 'Insert.*insert$' -p batch=1000,10000
 *   java -Dmilvus.target=uri -Dmilvus.uri=127.0.0.1:19530 -jar target/benchmarks.jar InsertBenchmark -p batch=5000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InsertBenchmark extends MilvusBenchmark {
    @Param({"1000", "10000"})
    public int batch;

    @Param("100000")
    public long rows;

    @Param("128")
    public int dim;

    @Param("L2")
    public String metric;

    /** Rows inserted, reported by JMH as a rate (rows/s) next to batches/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rows {
        public long rows;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
        }
    }

    private InsertPool pool;
    private VectorCollection collection;
    private IntervalLog log;
    private SeriesId series;
    // Shared by every thread of a `-t N` run, hence atomic.
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong nextBatch = new AtomicLong();
    private long iterationStart;
    private boolean measuring;
    private long measuredRows;
    private long measuredNanos;

    @Setup(Level.Trial)
    public void setUp(Requests requests) {
        try (Dataset data = BenchProperties.dataset(rows, dim, metric)) {
            pool = new InsertPool(data, batch);
            series = SeriesId.of("insert", "batch", batch, "data", DataTag.of(data));
        }
        requests.series(series);
        log = IntervalLog.open(series);
    }

    @Setup(Level.Iteration)
    public void startIteration(MilvusState milvus, Requests requests, IterationParams iteration) {
        try {
            collection = VectorCollection.create(milvus.client(), SuiteCollections.newName("insert"), dim);
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        nextId.set(0);
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        iterationStart = System.nanoTime();
    }

    @Benchmark
    public long insert(Rows counter, Requests requests) {
        float[] vectors = pool.batch(nextBatch.getAndIncrement());
        long firstId = nextId.getAndAdd(batch);
        long t0 = System.nanoTime();
        long inserted;
        try {
            inserted = collection.insert(firstId, vectors, batch);
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        log.recordNanos(System.nanoTime() - t0);
        requests.succeeded();
        counter.rows += inserted;
        return inserted;
    }

    @TearDown(Level.Iteration)
    public void endIteration(MilvusState milvus, IterationParams iteration) {
        long elapsed = System.nanoTime() - iterationStart;
        log.endIteration(iteration);
        if (measuring) {
            measuredRows += nextId.get();
            measuredNanos += elapsed;
        }
        SuiteCollections.drop(milvus.client(), collection.name());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (series != null && measuredNanos > 0) {
            BenchMetrics.write(series, "rows/s", measuredRows / (measuredNanos / 1e9), "rows/s");
        }
        if (log != null) {
            log.close();
        }
    }
}
