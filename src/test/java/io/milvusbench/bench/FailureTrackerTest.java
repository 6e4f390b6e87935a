package io.milvusbench.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.TimeValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What JMH 1.37 tells its output format about failed benchmarks (the console text is the one a
 * real run printed when Milvus was killed during the second measured iteration of a search).
 */
class FailureTrackerTest {
    static final String TRACE = "io.milvus.v2.exception.MilvusClientException: io.milvus.shaded.io.grpc.StatusRuntimeException: "
            + "UNAVAILABLE: io exception ErrorCode: RPC_ERROR\n"
            + "\tat io.milvus.v2.utils.RpcUtils.retry(RpcUtils.java:116)\n"
            + "\tat io.milvus.v2.client.MilvusClientV2.search(MilvusClientV2.java:778)\n"
            + "\tat io.milvusbench.bench.latency.SearchBenchmark.search(SearchBenchmark.java:163)\n";

    static final IterationParams WARMUP = new IterationParams(IterationType.WARMUP, 1, TimeValue.seconds(1), 1);
    static final IterationParams MEASURED = new IterationParams(IterationType.MEASUREMENT, 3, TimeValue.seconds(1), 1);

    static BenchmarkParams params(String index) {
        WorkloadParams w = new WorkloadParams();
        w.put("index", index, 0);
        w.put("topK", "10", 1);
        return new BenchmarkParams("io.milvusbench.bench.latency.SearchBenchmark.search", "generated", true, 1, new int[] {1},
                List.of(), 1, 0, WARMUP, MEASURED, Mode.SampleTime, w, TimeUnit.MICROSECONDS, 1, "java", List.of(), "17",
                "OpenJDK", "17", "1.37", TimeValue.minutes(10));
    }

    final FailureTracker tracker = new FailureTracker(new Silent());

    /** One benchmark as JMH reports it: a warmup iteration, then {@code finished} measured ones, then optionally a failed one. */
    BenchmarkResult run(BenchmarkParams p, int finished, boolean fails) {
        tracker.startBenchmark(p);
        tracker.println("");
        tracker.iteration(p, WARMUP, 1);
        tracker.iterationResult(p, WARMUP, 1, result(p, WARMUP));
        List<IterationResult> measured = new ArrayList<>();
        for (int i = 1; i <= finished; i++) {
            tracker.iteration(p, MEASURED, i);
            IterationResult r = result(p, MEASURED);
            tracker.iterationResult(p, MEASURED, i, r);
            measured.add(r);
        }
        if (fails) {
            tracker.iteration(p, MEASURED, finished + 1);
            tracker.println("<failure>");
            tracker.println("");
            tracker.println(TRACE);
            tracker.println("");
        }
        return new BenchmarkResult(p, measured);
    }

    static IterationResult result(BenchmarkParams p, IterationParams i) {
        return new IterationResult(p, i, new IterationResultMetaData(10, 10));
    }

    @Test
    void aFailedIterationFailsTheBenchmarkThoughJmhKeptTheFinishedOnesScore() {
        BenchmarkParams p = params("FLAT");
        tracker.endBenchmark(run(p, 1, true));
        assertEquals(List.of(new BenchLauncher.FailedBenchmark("SearchBenchmark.search{index=FLAT, topK=10}",
                "measurement iteration 2 failed: UNAVAILABLE: io exception")), tracker.failures());
    }

    @Test
    void aCleanBenchmarkIsNoFailure() {
        tracker.endBenchmark(run(params("FLAT"), 3, false));
        tracker.endRun(List.<RunResult>of());
        assertEquals(List.of(), tracker.failures());
    }

    @Test
    void missingMeasuredIterationsAreAFailureEvenWithoutAMarker() {
        tracker.endBenchmark(run(params("FLAT"), 2, false));
        assertEquals("only 2 of 3 measured iterations finished", tracker.failures().get(0).reason());
    }

    @Test
    void aForkedVmThatDiedNeverEndsItsBenchmark() {
        BenchmarkParams first = params("FLAT");
        run(first, 0, false);
        tracker.println("<forked VM failed with exit code 1>");
        tracker.println("<stdout last='20 lines'>");
        BenchmarkParams second = params("HNSW:ef=64");
        run(second, 0, true);          // fails in its first measured iteration, no endBenchmark either
        tracker.endRun(List.<RunResult>of());
        assertEquals(List.of(new BenchLauncher.FailedBenchmark("SearchBenchmark.search{index=FLAT, topK=10}", "forked VM failed with exit code 1"),
                        new BenchLauncher.FailedBenchmark("SearchBenchmark.search{index=HNSW:ef=64, topK=10}",
                                "measurement iteration 1 failed: UNAVAILABLE: io exception")),
                tracker.failures());
    }

    @Test
    void aFailureInTrialSetUpSaysSo() {
        BenchmarkParams p = params("FLAT");
        tracker.startBenchmark(p);
        tracker.iteration(p, WARMUP, 1);
        tracker.println("<failure>");
        tracker.println("");
        tracker.println("io.milvusbench.BadInputException: cannot reach Milvus at http://127.0.0.1:19530 within 10000 ms: "
                + "UNAVAILABLE: io exception\n\tat io.milvusbench.milvus.MilvusClients.unreachable(MilvusClients.java:80)\n");
        tracker.endRun(List.<RunResult>of());
        assertEquals("warmup iteration 1 failed: client: cannot reach Milvus at http://<addr> within # ms: UNAVAILABLE: io exception",
                tracker.failures().get(0).reason());
    }

    /** JMH's output format, quiet. */
    static final class Silent implements OutputFormat {
        @Override public void iteration(BenchmarkParams b, IterationParams p, int i) { }
        @Override public void iterationResult(BenchmarkParams b, IterationParams p, int i, IterationResult r) { }
        @Override public void startBenchmark(BenchmarkParams b) { }
        @Override public void endBenchmark(BenchmarkResult r) { }
        @Override public void startRun() { }
        @Override public void endRun(Collection<RunResult> r) { }
        @Override public void print(String s) { }
        @Override public void println(String s) { }
        @Override public void flush() { }
        @Override public void close() { }
        @Override public void verbosePrintln(String s) { }
        @Override public void write(int b) { }
        @Override public void write(byte[] b) { }
    }
}
