package io.milvusbench.bench.throughput;

import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.bench.BenchProperties;
import io.milvusbench.bench.DataTag;
import io.milvusbench.bench.IterationLog;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.bench.PolledWait;
import io.milvusbench.bench.ServerSettle;
import io.milvusbench.bench.SingleShotBenchmark;
import io.milvusbench.bench.SingleThread;
import io.milvusbench.collection.InsertRequests;
import io.milvusbench.milvus.RawRpc;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.InsertRequest;
import org.openjdk.jmh.infra.BenchmarkParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * (single shot, s). Data: as {@link InsertBenchmark}, rows × dim of the dataset.
 *
 * <p>What is timed is the server: every insert request of the job is built before the job
 * (prebuilt gRPC messages, {@link InsertRequests}; the SDK's row-JSON encoding is measured apart by
 * {@code InsertEncodeBenchmark}); Flush is sent without the SDK's wait (which polls and then sleeps
 * a whole second, even after the poll that succeeds) and GetFlushState is polled every 10 ms
 * ({@link #FLUSH_POLL}). The flush figure is the reply of the first poll that saw the segments
 * persisted; its resolution — the gap to the reply of the last poll that did not — is measured
 * every job and written beside it. The collection is dropped after the job and the next job starts
 * only once the server no longer lists it and the data node has released its flow graph
 * ({@link ServerSettle}). Runs on one thread only ({@code -t} &gt; 1 is refused).
 *
 * <p>metrics.jsonl, series {@code insert_flush[batch=1000;data=...]}: {@code rows/s} (insert +
 * flush), {@code insert_rows/s} (insert alone), {@code flush_seconds}, {@code insert_seconds}
 * (means over measured jobs), {@code flush_resolution_seconds} (the largest over measured jobs),
 * {@code flush_polls} (mean); the bench command adds {@code requests} (jobs), {@code errors} and
 * {@code error_rate}, and a failed insert or flush fails the iteration; .hlog series
 * {@code insert_flush[...]} (whole job) and {@code flush[...]} (flush alone), one value per job, µs.
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench InsertFlush -p batch=1000,10000 --rows 100000
 *   java -Dmilvus.target=uri -Dmilvus.uri=127.0.0.1:19530 -jar target/benchmarks.jar InsertFlushBenchmark -p rows=50000
 * </pre>
 */
@State(Scope.Benchmark)
public class InsertFlushBenchmark extends SingleShotBenchmark {
    /** GetFlushState poll interval: the flush figure's resolution is this plus one round trip. */
    public static final Duration FLUSH_POLL = Duration.ofMillis(10);
    private static final PolledWait FLUSH_WAIT = new PolledWait(FLUSH_POLL, FLUSH_POLL, 0);

    @Param({"1000", "10000"})
    public int batch;

    @Param("100000")
    public long rows;

    @Param("128")
    public int dim;

    @Param("L2")
    public String metric;

    private FieldData[] columns;
    private int poolSize;
    private VectorCollection collection;
    private List<InsertRequest> job;
    private IterationLog jobLog;
    private IterationLog flushLog;
    private SeriesId series;
    private long insertNanos;
    private long flushNanos;
    private long flushResolutionNanos;
    private int flushPolls;
    private long measuredJobs;
    private long measuredInsertNanos;
    private long measuredFlushNanos;
    private long measuredPolls;
    private long worstResolutionNanos;
    private ServerSettle settle;
    private double flowGraphsBefore = Double.NaN;

    @Setup(Level.Trial)
    public void setUp(Requests requests, BenchmarkParams params) {
        SingleThread.require(params, "one insert+flush job on one collection at a time");
        try (Dataset data = BenchProperties.dataset(rows, dim, metric)) {
            InsertPool pool = new InsertPool(data, batch);
            poolSize = pool.size();
            columns = pool.vectorColumns(dim, (int) (rows % batch));
            series = SeriesId.of("insert_flush", "batch", batch, "data", DataTag.of(data));
        }
        settle = ServerSettle.fromSystemProperties();
        requests.series(series);
        jobLog = IterationLog.open(series);
        flushLog = IterationLog.open(new SeriesId("flush", series.params()));
    }

    /* A fresh collection and the job's requests, all built before the job is timed. */
    @Setup(Level.Iteration)
    public void startIteration(MilvusState milvus, Requests requests) {
        if (Double.isNaN(flowGraphsBefore)) {
            flowGraphsBefore = settle.flowGraphs().orElse(Double.NaN);
        }
        try {
            collection = VectorCollection.create(milvus.client(), SuiteCollections.newName("insert_flush"), dim);
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        job = new ArrayList<>();
        String db = milvus.connection().database();
        for (long first = 0, n = 0; first < rows; first += batch, n++) {
            int count = (int) Math.min(batch, rows - first);
            FieldData vectors = count == batch ? columns[(int) (n % poolSize)] : columns[columns.length - 1];
            job.add(InsertRequests.request(collection.name(), db, first, count, vectors));
        }
    }

    @Benchmark
    public long insertAndFlush(MilvusState milvus, Requests requests) {
        RawRpc rpc = milvus.rpc();
        long t0 = System.nanoTime();
        long inserted = 0;
        try {
            for (InsertRequest r : job) {
                inserted += rpc.insert(r);
            }
            long t1 = System.nanoTime();
            RawRpc.FlushTicket ticket = rpc.flushNoWait(collection.name());
            PolledWait.Result flushed = FLUSH_WAIT.await(t1, () -> rpc.flushed(ticket), BenchProperties.timeout(),
                    "flush of " + collection.name());
            insertNanos = t1 - t0;
            flushNanos = flushed.nanos();
            flushResolutionNanos = flushed.resolutionNanos();
            flushPolls = flushed.polls();
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        if (inserted != rows) {
            throw requests.failed(new IllegalStateException("the server accepted " + inserted + " of " + rows + " rows"));
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
            measuredPolls += flushPolls;
            worstResolutionNanos = Math.max(worstResolutionNanos, flushResolutionNanos);
        }
        job = null;
        SuiteCollections.dropAndWait(milvus.client(), collection.name(), Duration.ofSeconds(30));
        if (!Double.isNaN(flowGraphsBefore)) {
            settle.awaitFlowGraphs(flowGraphsBefore, Duration.ofSeconds(10));
        }
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
            BenchMetrics.write(series, "flush_resolution_seconds", worstResolutionNanos / 1e9, "s");
            BenchMetrics.write(series, "flush_polls", (double) measuredPolls / measuredJobs, "count");
        }
        jobLog.close();
        flushLog.close();
    }
}
