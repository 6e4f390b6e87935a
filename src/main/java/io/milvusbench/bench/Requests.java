package io.milvusbench.bench;

import io.milvusbench.results.ErrorTally;
import io.milvusbench.results.SeriesId;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests and failed requests of one benchmark's series, per iteration. A benchmark names its
 * series in its trial set-up ({@link #series}), counts each operation ({@link #succeeded()}) and
 * rethrows each failure through {@link #failed}: the failure is counted under its cause and the
 * iteration's counts are written to {@code errors.jsonl} at once, since JMH skips the teardown of
 * an iteration (and trial) that threw. The rethrown error makes JMH mark the iteration failed, so
 * the bench command reports the benchmark as a failed figure.
 *
 * <pre>{@code
 * @Benchmark public SearchResp search(MilvusState milvus, Requests requests) {
 *     try { SearchResp r = milvus.client().search(req); requests.succeeded(); return r; }
 *     catch (RuntimeException e) { throw requests.failed(e); }
 * }
 * }</pre>
 */
@State(Scope.Benchmark)
public class Requests {
    private volatile SeriesId series;
    private String benchmark = "";
    private volatile String iteration = "setup";
    private int warmups;
    private int measurements;
    private final AtomicLong requests = new AtomicLong();
    private ErrorTally errors = new ErrorTally();

    @Setup(Level.Trial)
    public void startTrial(BenchmarkParams params) {
        benchmark = FailureTracker.describe(params);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        iteration = params.getType() == IterationType.MEASUREMENT ? "measurement " + (++measurements) : "warmup " + (++warmups);
    }

    /** The series the counts belong to (the hlog tag / metrics.jsonl series of the benchmark). */
    public void series(SeriesId id) {
        series = id;
    }

    /** One operation (a search, an insert batch, a whole job) succeeded. */
    public void succeeded() {
        requests.incrementAndGet();
    }

    /** One operation failed: counted, the iteration's counts written now; returns {@code e} to rethrow. */
    public synchronized RuntimeException failed(RuntimeException e) {
        requests.incrementAndGet();
        errors.record(e);
        flush(true);
        return e;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        flush(false);
    }

    private synchronized void flush(boolean failed) {
        long n = requests.getAndSet(0);
        ErrorTally t = errors;
        errors = new ErrorTally();
        if (n == 0 && t.count() == 0) {
            return;
        }
        String key = series != null ? series.toString() : benchmark;
        BenchErrors.append(new BenchErrors.Line(key, benchmark, iteration, failed, n, t.count(), t.reasons()));
    }
}
