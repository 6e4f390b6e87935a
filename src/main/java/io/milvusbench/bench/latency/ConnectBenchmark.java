package io.milvusbench.bench.latency;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.bench.IterationLog;
import io.milvusbench.bench.MilvusBenchmark;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.results.SeriesId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;

import java.util.concurrent.TimeUnit;

/**
 * What it costs to start talking to Milvus: open a v2 client (TCP + HTTP/2 set-up and the SDK's
 * connect handshake) and close it again, measured end to end. Closed-loop service time
 * (Mode.SampleTime), µs; series {@code connect} in {@code hlog/connect.hlog}. No data involved.
 * A failed connect fails the iteration; the bench command writes {@code requests} (connects),
 * {@code errors} and {@code error_rate}.
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench Connect
 *   java -Dmilvus.target=uri -Dmilvus.uri=127.0.0.1:19530 -jar target/benchmarks.jar ConnectBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConnectBenchmark extends MilvusBenchmark {
    private IterationLog log;

    @Setup(Level.Trial)
    public void setUp(Requests requests) {
        log = IterationLog.open(SeriesId.of("connect"));
        requests.series(log.series());
    }

    /*
     * The client is created and closed inside the measured call: that pair is the cost a
     * short-lived process pays before its first request.
     */
    @Benchmark
    public void connectAndClose(MilvusState milvus, Requests requests) {
        long t0 = System.nanoTime();
        try {
            MilvusClientV2 client = MilvusClients.v2(milvus.connection());
            client.close();
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
        log.recordNanos(System.nanoTime() - t0);
        requests.succeeded();
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
