package io.milvusbench.bench.latency;

import io.milvusbench.bench.IterationLog;
import io.milvusbench.bench.MilvusBenchmark;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.results.SeriesId;
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

import java.util.concurrent.TimeUnit;

/**
 * The floor under every request: one light RPC ({@link LightCall}) on an open client, i.e. the
 * network round trip plus the proxy's request handling. Closed-loop service time
 * (Mode.SampleTime), µs; series {@code rpc[call=hasCollection]}. No data involved. A failed call
 * fails the iteration; the bench command writes {@code requests}, {@code errors} and {@code error_rate}.
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench RoundTrip -p call=getServerVersion
 *   java -Dmilvus.target=uri -Dmilvus.uri=127.0.0.1:19530 -jar target/benchmarks.jar RoundTripBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoundTripBenchmark extends MilvusBenchmark {
    @Param({"hasCollection", "getServerVersion"})
    public LightCall call;

    private IterationLog log;

    @Setup(Level.Trial)
    public void setUp(Requests requests) {
        log = IterationLog.open(SeriesId.of("rpc", "call", call.name()));
        requests.series(log.series());
    }

    @Benchmark
    public Object lightRpc(MilvusState milvus, Requests requests) {
        long t0 = System.nanoTime();
        Object answer;
        try {
            answer = call.invoke(milvus.client());
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        log.recordNanos(System.nanoTime() - t0);
        requests.succeeded();
        return answer;
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        log.endIteration(iteration);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        log.close();
    }
}
