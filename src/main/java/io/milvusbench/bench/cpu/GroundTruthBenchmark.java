package io.milvusbench.bench.cpu;

import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.dataset.DistanceKernel;
import io.milvusbench.dataset.GroundTruth;
import io.milvusbench.dataset.InMemoryDataset;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.Metric;
import io.milvusbench.results.SeriesId;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.concurrent.TimeUnit;

/**
 * Speed of exact ground truth, no Milvus involved, in GFLOP/s (a multiply and an add per
 * dimension per query-row pair). {@code kernel}: one core, {@link DistanceKernel} over a
 * 512-row block held in cache against 64 queries — compare with the core's single-precision peak,
 * which run.json derives from the machine ({@code machine.fp32_fma_peak_gflops_per_pipe}: clock ×
 * 2 × the JVM's vector lanes, per FMA of that width issued per cycle). {@code scan}: the whole
 * {@link GroundTruth#compute} on every core (block reads, transposes, selection and exact
 * re-ranking included) for 100 queries over 20,000 synthetic rows held in memory. JMH reports
 * calls/s and, as the secondary {@code gflop}, GFLOP/s; metrics.jsonl gets {@code gflops} for
 * {@code groundtruth[part=kernel;dim=128]} and {@code groundtruth[part=scan;dim=128;threads=N]}.
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench GroundTruth
 *   java -jar target/benchmarks.jar GroundTruthBenchmark -p dim=128,960
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GroundTruthBenchmark {
    private static final int KERNEL_QUERIES = 64;
    private static final int SCAN_ROWS = 20_000;
    private static final int SCAN_QUERIES = 100;

    @Param("128")
    public int dim;

    /** Floating-point operations done, reported by JMH as a rate: GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Work {
        public double gflop;
        private long start;

        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
            start = System.nanoTime();
        }

        /*
         * Measured iterations also feed metrics.jsonl. With -t N each thread adds its own work and
         * time: the figure is the sum of the threads' rates (work per thread / its time), not
         * their average.
         */
        @TearDown(Level.Iteration)
        public void end(IterationParams iteration) {
            if (iteration.getType() == IterationType.MEASUREMENT) {
                add(Thread.currentThread().getId(), gflop, System.nanoTime() - start);
            }
        }
    }

    private float[][] queries;
    private float[][] block;
    private float[][] acc;
    private int paddedDim;
    private double kernelGflop;
    private InMemoryDataset scanData;
    private float[][] scanQueries;
    private double scanGflop;
    /* Per thread: {GFLOP, nanoseconds} of its measured iterations. */
    private static final java.util.Map<Long, double[]> MEASURED = new java.util.HashMap<>();

    static synchronized void add(long thread, double gflop, long nanos) {
        double[] t = MEASURED.computeIfAbsent(thread, k -> new double[2]);
        t[0] += gflop;
        t[1] += nanos;
    }

    /** The sum over threads of each thread's GFLOP/s; NaN when nothing was measured. */
    static synchronized double gflopsAllThreads() {
        double sum = 0;
        boolean any = false;
        for (double[] t : MEASURED.values()) {
            if (t[1] > 0) {
                sum += t[0] / (t[1] / 1e9);
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    static synchronized void resetMeasured() {
        MEASURED.clear();
    }

    @Setup(Level.Trial)
    public void setUp() {
        resetMeasured();
        SyntheticDataset data = new SyntheticDataset(dim, SCAN_ROWS, 64, 0.2f, 42, Metric.L2);
        paddedDim = DistanceKernel.paddedDim(dim);
        queries = new float[KERNEL_QUERIES][paddedDim];
        for (int q = 0; q < KERNEL_QUERIES; q++) {
            System.arraycopy(data.query(q), 0, queries[q], 0, dim);
        }
        float[] rows = new float[DistanceKernel.BLOCK_ROWS * dim];
        data.read(0, DistanceKernel.BLOCK_ROWS, rows);
        block = new float[paddedDim][DistanceKernel.BLOCK_ROWS];
        DistanceKernel.transpose(rows, DistanceKernel.BLOCK_ROWS, dim, block);
        acc = new float[KERNEL_QUERIES][DistanceKernel.BLOCK_ROWS];
        kernelGflop = DistanceKernel.flops(KERNEL_QUERIES, paddedDim, DistanceKernel.BLOCK_ROWS) / 1e9;
        scanData = InMemoryDataset.copyOf(data, SCAN_ROWS, SCAN_QUERIES);
        scanQueries = scanData.queries(SCAN_QUERIES);
        scanGflop = DistanceKernel.flops(SCAN_QUERIES, dim, SCAN_ROWS) / 1e9;
    }

    @Benchmark
    public float kernel(Work counters) {
        DistanceKernel.dotProducts(queries, KERNEL_QUERIES, block, paddedDim, DistanceKernel.BLOCK_ROWS, acc);
        counters.gflop += kernelGflop;
        return acc[KERNEL_QUERIES - 1][DistanceKernel.BLOCK_ROWS - 1];
    }

    @Benchmark
    public long[][] scan(Work counters) {
        long[][] ids = GroundTruth.compute(scanData, scanQueries, 10);
        counters.gflop += scanGflop;
        return ids;
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
        double gflops = gflopsAllThreads();
        resetMeasured();
        if (Double.isNaN(gflops)) {
            return;
        }
        boolean kernel = params.getBenchmark().endsWith(".kernel");
        SeriesId series = kernel ? SeriesId.of("groundtruth", "part", "kernel", "dim", dim)
                : SeriesId.of("groundtruth", "part", "scan", "dim", dim, "threads", Runtime.getRuntime().availableProcessors());
        if (params.getThreads() > 1) {
            series = series.with("jmh_threads", params.getThreads());
        }
        BenchMetrics.write(series, "gflops", gflops, "GFLOP/s");
    }
}
