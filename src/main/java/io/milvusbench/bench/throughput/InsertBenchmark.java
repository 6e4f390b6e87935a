package io.milvusbench.bench.throughput;

import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.bench.BenchProperties;
import io.milvusbench.bench.DataTag;
import io.milvusbench.bench.IterationLog;
import io.milvusbench.bench.MilvusBenchmark;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.bench.ServerSettle;
import io.milvusbench.bench.SingleThread;
import io.milvusbench.collection.InsertRequests;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.InsertRequest;
import org.openjdk.jmh.infra.BenchmarkParams;
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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Insert throughput without flush: each call sends one insert of {@code batch} rows. Data:
 * {@code batch}-row slices of the first rows of the dataset ({@code rows} × {@code dim},
 * {@code metric}; at most 64 MiB of them), turned into prebuilt gRPC vector columns before the
 * trial ({@link InsertRequests}): a call adds only the ids and sends, so the figure is the insert
 * RPC and the server, not the SDK's row-JSON encoding (measured apart: {@code InsertEncodeBenchmark}).
 *
 * <p>The figure does not depend on the iteration length. Every collection receives the same
 * sequence of work: it is created and given one warm-up batch in the iteration's set-up (the
 * first insert into a fresh collection allocates its segment), then receives batches up to
 * {@link #rowsPerCollection} rows in all — below the size at which Milvus 2.3 seals a growing segment
 * (512 MB × 0.23 by default), so no seal happens mid-measurement however long the iteration —
 * before the benchmark moves on to the next collection. The collections an iteration will need are
 * created in its set-up (estimated from the previous iteration's rate); the collections used are
 * dropped after the iteration, and the next iteration starts once the server no longer lists them
 * and the data node has released their flow graphs ({@link ServerSettle}). Runs on one thread only
 * ({@code -t} &gt; 1 is refused).
 *
 * <p>JMH reports batches/s and, as the secondary {@code rows}, rows/s; the .hlog
 * {@code insert[batch=1000;data=...]} holds the latency of each batch (µs) and metrics.jsonl
 * {@code rows/s} over all measured iterations; the bench command adds {@code requests} (insert
 * calls), {@code errors} and {@code error_rate}. A failed insert (or collection create) fails the
 * iteration.
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
    /** Milvus 2.3's default seal size of a growing segment: dataCoord.segment.maxSize 512 MB × sealProportion 0.23. */
    static final double SEAL_BYTES = 512.0 * 1024 * 1024 * 0.23;
    /** At most this many collections are made ready per iteration. */
    static final int MAX_READY = 8;

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

    private FieldData[] columns;
    private IterationLog log;
    private SeriesId series;
    private ServerSettle settle;
    private long perCollection;
    private final Deque<VectorCollection> ready = new ArrayDeque<>();
    private final List<VectorCollection> used = new ArrayList<>();
    private VectorCollection collection;
    private long nextId;
    private long nextBatch;
    private long iterationStart;
    private long iterationRows;
    private boolean measuring;
    private long measuredRows;
    private long measuredNanos;
    private double lastRate;
    private double flowGraphsBefore = Double.NaN;

    /** Rows one collection receives: the largest whole number of batches below 80 % of the seal size, at least one batch. */
    static long rowsPerCollection(int dim, int batch) {
        long rowBytes = 16L + 4L * dim;
        long cap = (long) (0.8 * SEAL_BYTES / rowBytes);
        return Math.max(batch, cap / batch * batch);
    }

    /** Collections to make ready for an iteration of {@code seconds} at {@code rate} rows/s (half again for safety). */
    static int collectionsFor(double rate, double seconds, long perCollection) {
        if (!(rate > 0)) {
            return 1;
        }
        long expected = (long) Math.ceil(rate * seconds * 1.5);
        return (int) Math.min(MAX_READY, 1 + expected / perCollection);
    }

    @Setup(Level.Trial)
    public void setUp(Requests requests, BenchmarkParams params) {
        SingleThread.require(params, "one stream of ids into one collection at a time");
        try (Dataset data = BenchProperties.dataset(rows, dim, metric)) {
            InsertPool pool = new InsertPool(data, batch);
            columns = pool.vectorColumns(dim, 0);
            series = SeriesId.of("insert", "batch", batch, "data", DataTag.of(data));
        }
        perCollection = rowsPerCollection(dim, batch);
        settle = ServerSettle.fromSystemProperties();
        requests.series(series);
        log = IterationLog.open(series);
    }

    @Setup(Level.Iteration)
    public void startIteration(MilvusState milvus, Requests requests, IterationParams iteration) {
        if (Double.isNaN(flowGraphsBefore)) {
            flowGraphsBefore = settle.flowGraphs().orElse(Double.NaN);
        }
        double seconds = iteration.getTime().convertTo(TimeUnit.MILLISECONDS) / 1000.0;
        int n = collectionsFor(lastRate, seconds, perCollection);
        try {
            while (ready.size() < n) {
                ready.add(readyCollection(milvus));
            }
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        nextCollection();
        iterationRows = 0;
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        iterationStart = System.nanoTime();
    }

    /* A fresh collection with its first batch in: the first insert's segment allocation stays out of the timing. */
    private VectorCollection readyCollection(MilvusState milvus) {
        VectorCollection c = VectorCollection.create(milvus.client(), SuiteCollections.newName("insert"), dim);
        used.add(c);
        milvus.rpc().insert(InsertRequests.request(c.name(), milvus.connection().database(), 0, batch, columns[0]));
        return c;
    }

    private void nextCollection() {
        collection = ready.poll();
        nextId = batch; // ids 0 .. batch-1: the warm-up batch
    }

    @Benchmark
    public long insert(MilvusState milvus, Rows counter, Requests requests) {
        if (nextId >= perCollection) {
            nextCollection();
            if (collection == null) {
                try {
                    collection = readyCollection(milvus); // more than estimated: made inside the timing, rare
                } catch (RuntimeException e) {
                    throw requests.failed(e);
                }
            }
        }
        InsertRequest request = InsertRequests.request(collection.name(), milvus.connection().database(), nextId, batch,
                columns[(int) (nextBatch++ % columns.length)]);
        long t0 = System.nanoTime();
        long inserted;
        try {
            inserted = milvus.rpc().insert(request);
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        log.recordNanos(System.nanoTime() - t0);
        requests.succeeded();
        nextId += batch;
        iterationRows += inserted;
        counter.rows += inserted;
        return inserted;
    }

    @TearDown(Level.Iteration)
    public void endIteration(MilvusState milvus, IterationParams iteration) {
        long elapsed = System.nanoTime() - iterationStart;
        log.endIteration(iteration);
        lastRate = iterationRows / (elapsed / 1e9);
        if (measuring) {
            measuredRows += iterationRows;
            measuredNanos += elapsed;
        }
        // Every collection of this iteration is dropped; unused ready ones too (the next set-up makes its own).
        ready.clear();
        for (VectorCollection c : used) {
            SuiteCollections.dropAndWait(milvus.client(), c.name(), Duration.ofSeconds(30));
        }
        used.clear();
        collection = null;
        if (!Double.isNaN(flowGraphsBefore)) {
            settle.awaitFlowGraphs(flowGraphsBefore, Duration.ofSeconds(10));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (series != null && measuredNanos > 0) {
            BenchMetrics.write(series, "rows/s", measuredRows / (measuredNanos / 1e9), "rows/s");
            BenchMetrics.write(series, "rows_per_collection", perCollection, "count");
        }
        if (log != null) {
            log.close();
        }
    }
}
