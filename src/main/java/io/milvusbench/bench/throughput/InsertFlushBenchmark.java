package io.milvusbench.bench.throughput;

import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.bench.BenchProperties;
import io.milvusbench.bench.DataTag;
import io.milvusbench.bench.IntervalLog;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.bench.SingleShotBenchmark;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.results.SeriesId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The whole write path: insert {@code rows} rows in batches of {@code batch} into a fresh
 * collection, then flush until the server reports the segments persisted. One job per iteration
 * (single shot, s). Data: as {@link InsertBenchmark}, rows × dim of the dataset. metrics.jsonl,
 * series {@code insert_flush[batch=1000;data=...]}: {@code rows/s} (insert + flush),
 * {@code insert_rows/s} (insert alone), {@code flush_seconds}, {@code insert_seconds}
 * (means over measured jobs); the bench command adds {@code requests} (jobs), {@code errors} and
 * {@code error_rate}, and a failed insert or flush fails the iteration; .hlog series {@code insert_flush[...]} (whole
 * job) and {@code flush[...]} (flush alone), one value per job, µs.
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench InsertFlush -p batch=1000,10000 --rows 100000
 *   java -Dmilvus.target=uri -Dmilvus.uri=127.0.0.1:19530 -jar target/benchmarks.jar InsertFlushBenchmark -p rows=50000
 * </pre>
 */
@State(Scope.Benchmark)
public class InsertFlushBenchmark extends SingleShotBenchmark {
    @Param({"1000", "10000"})
    public int batch;

    @Param("100000")
    public long rows;

    @Param("128")
    public int dim;

    @Param("L2")
    public String metric;

    private InsertPool pool;
    private VectorCollection collection;
    private IntervalLog jobLog;
    private IntervalLog flushLog;
    private SeriesId series;
    private long insertNanos;
    private long flushNanos;
    private long measuredJobs;
    private long measuredInsertNanos;
    private long measuredFlushNanos;

    @Setup(Level.Trial)
    public void setUp(Requests requests) {
        try (Dataset data = BenchProperties.dataset(rows, dim, metric)) {
            pool = new InsertPool(data, batch);
            series = SeriesId.of("insert_flush", "batch", batch, "data", DataTag.of(data));
        }
        requests.series(series);
        jobLog = IntervalLog.open(series);
        flushLog = IntervalLog.open(new SeriesId("flush", series.params()));
    }

    @Setup(Level.Iteration)
    public void startIteration(MilvusState milvus, Requests requests) {
        try {
            collection = VectorCollection.create(milvus.client(), SuiteCollections.newName("insert_flush"), dim);
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
    }

    @Benchmark
    public long insertAndFlush(Requests requests) {
        long t0 = System.nanoTime();
        long inserted = 0;
        try {
            for (long first = 0, n = 0; first < rows; first += batch, n++) {
                int count = (int) Math.min(batch, rows - first);
                inserted += collection.insert(first, pool.batch(n), count);
            }
            long t1 = System.nanoTime();
            collection.flush(BenchProperties.timeout());
            long t2 = System.nanoTime();
            insertNanos = t1 - t0;
            flushNanos = t2 - t1;
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        requests.succeeded();
        return inserted;
    }

    @TearDown(Level.Iteration)
    public void endIteration(MilvusState milvus, IterationParams iteration) {
        boolean measured = iteration.getType() == IterationType.MEASUREMENT;
        jobLog.recordNanos(insertNanos + flushNanos);
        flushLog.recordNanos(flushNanos);
        jobLog.endIteration(measured);
        flushLog.endIteration(measured);
        if (measured) {
            measuredJobs++;
            measuredInsertNanos += insertNanos;
            measuredFlushNanos += flushNanos;
        }
        SuiteCollections.drop(milvus.client(), collection.name());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (series == null) {
            return;
        }
        if (measuredJobs > 0) {
            double insertSeconds = measuredInsertNanos / 1e9 / measuredJobs;
            double flushSeconds = measuredFlushNanos / 1e9 / measuredJobs;
            BenchMetrics.write(series, "rows/s", rows / (insertSeconds + flushSeconds), "rows/s");
            BenchMetrics.write(series, "insert_rows/s", rows / insertSeconds, "rows/s");
            BenchMetrics.write(series, "insert_seconds", insertSeconds, "s");
            BenchMetrics.write(series, "flush_seconds", flushSeconds, "s");
        }
        jobLog.close();
        flushLog.close();
    }
}
