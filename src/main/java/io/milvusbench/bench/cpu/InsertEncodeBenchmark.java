package io.milvusbench.bench.cpu;

import io.milvus.grpc.InsertRequest;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.bench.IterationLog;
import io.milvusbench.collection.InsertRequests;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.Metric;
import io.milvusbench.results.SeriesId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.concurrent.TimeUnit;

/**
 * The client-side cost of one insert through milvus-sdk-java, no Milvus involved: the rows as
 * row JSON (one JSON element per float, as {@code MilvusClientV2.insert} takes them) and the SDK's
 * conversion into the gRPC request ({@link InsertRequests#sdkEncode}), for one batch of
 * {@code batch} rows × {@code dim}. Java users of the SDK pay this on every insert; the insert
 * benchmarks send prebuilt requests and leave it out, so this is its own figure. gRPC's
 * serialisation of the request is not included (every client pays it, and the insert benchmarks
 * time it as part of the RPC). SampleTime, µs per batch; .hlog {@code insert_encode[batch=1000;dim=128]},
 * metrics.jsonl {@code rows/s} (rows encoded per second on one core).
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench InsertEncode -p batch=1000,10000 --dim 128
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InsertEncodeBenchmark {
    @Param({"1000", "10000"})
    public int batch;

    @Param("128")
    public int dim;

    private float[] rows;
    private DescribeCollectionResp schema;
    private IterationLog log;
    private SeriesId series;
    private long measuredRows;
    private long measuredNanos;
    private long iterationRows;
    private long iterationStart;
    private long nextId;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticDataset data = new SyntheticDataset(dim, batch, 64, 0.2f, 42, Metric.L2);
        rows = new float[batch * dim];
        data.read(0, batch, rows);
        schema = InsertRequests.describe("mbench_encode", dim);
        series = SeriesId.of("insert_encode", "batch", batch, "dim", dim);
        log = IterationLog.open(series);
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        iterationRows = 0;
        iterationStart = System.nanoTime();
    }

    @Benchmark
    public InsertRequest encode() {
        long t0 = System.nanoTime();
        InsertRequest r = InsertRequests.sdkEncode("mbench_encode", nextId, rows, batch, dim, schema);
        log.recordNanos(System.nanoTime() - t0);
        nextId += batch;
        iterationRows += batch;
        return r;
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        long elapsed = System.nanoTime() - iterationStart;
        log.endIteration(iteration);
        if (iteration.getType() == IterationType.MEASUREMENT) {
            measuredRows += iterationRows;
            measuredNanos += elapsed;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (measuredNanos > 0) {
            BenchMetrics.write(series, "rows/s", measuredRows / (measuredNanos / 1e9), "rows/s");
        }
        log.close();
    }
}
