package io.milvusbench.bench.build;

import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.bench.BenchProperties;
import io.milvusbench.bench.DataTag;
import io.milvusbench.bench.IndexSupport;
import io.milvusbench.bench.IntervalLog;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.bench.SingleShotBenchmark;
import io.milvusbench.collection.PreparedCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.index.IndexSpec;
import io.milvusbench.index.Metric;
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

import java.time.Duration;

/**
 * Index build time: from CreateIndex until DescribeIndex reports the index Finished with every
 * row indexed and none pending, polled every 100 ms (the resolution of the figure). One build
 * per iteration (single shot, s) on a collection holding the dataset ({@code rows} × {@code dim},
 * {@code metric}), inserted and flushed once and shared by every index kind; the index is
 * dropped before each build, so every build starts from raw segments. {@code build} is a build
 * spec: kind and build parameters, no knob ({@code HNSW:M=32:efConstruction=100}). metrics.jsonl,
 * series {@code index_build[index=HNSW;M=16;efConstruction=200;data=...]}: {@code build_seconds}
 * and {@code rows/s} (means over measured builds); the bench command adds {@code requests}
 * (builds), {@code errors} and {@code error_rate}, and a failed build fails the iteration; the
 * .hlog holds each build's time in µs.
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench IndexBuild -p build=IVF_FLAT,HNSW --rows 100000
 *   java -Dmilvus.target=uri -Dmilvus.uri=127.0.0.1:19530 -jar target/benchmarks.jar IndexBuildBenchmark -p build=HNSW:M=8
 * </pre>
 */
@State(Scope.Benchmark)
public class IndexBuildBenchmark extends SingleShotBenchmark {
    private static final Duration POLL = Duration.ofMillis(100);

    /** A build spec; named apart from SearchBenchmark's {@code index}, whose specs carry a knob. */
    @Param({"IVF_FLAT", "IVF_SQ8", "IVF_PQ", "HNSW", "DISKANN"})
    public String build;

    @Param("100000")
    public long rows;

    @Param("128")
    public int dim;

    @Param("L2")
    public String metric;

    private IndexSpec spec;
    private Metric distance;
    private VectorCollection collection;
    private IntervalLog log;
    private SeriesId series;
    private long buildNanos;
    private long measuredBuilds;
    private long measuredNanos;

    @Setup(Level.Trial)
    public void setUp(MilvusState milvus, Requests requests) {
        spec = IndexSpec.parseBuild(build);
        try (Dataset data = BenchProperties.dataset(rows, dim, metric)) {
            spec.validate(data.dim(), 1);
            distance = data.metric();
            IndexSupport.requireSupported(milvus.client(), spec, data);
            collection = PreparedCollections.dataOnly(milvus.client(), data, BenchProperties.timeout(), System.out);
            series = spec.series("index_build").with("data", DataTag.of(data));
        }
        requests.series(series);
        log = IntervalLog.open(series);
    }

    /* Dropping the previous index is set-up, outside the measured build. */
    @Setup(Level.Iteration)
    public void prepareBuild(Requests requests) {
        try {
            dropIndex();
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
    }

    private void dropIndex() {
        if (collection.describeIndexOrNull() != null) {
            if (collection.loaded()) {
                collection.release();
            }
            collection.dropIndex();
        }
    }

    @Benchmark
    public long build(Requests requests) {
        try {
            long indexed = buildOnce();
            requests.succeeded();
            return indexed;
        } catch (RuntimeException e) {
            throw requests.failed(e);
        }
    }

    private long buildOnce() {
        long t0 = System.nanoTime();
        collection.createIndex(spec.kind(), distance, spec.buildOverrides());
        long deadline = t0 + BenchProperties.timeout().toNanos();
        while (true) {
            DescribeIndexResp.IndexDesc d = collection.describeIndex();
            if (d.getIndexState() == IndexBuildState.Failed) {
                throw new IllegalStateException("index build failed on " + collection.name() + ": " + d.getIndexFailedReason());
            }
            if (d.getIndexState() == IndexBuildState.Finished && d.getPendingIndexRows() == 0 && d.getIndexedRows() >= d.getTotalRows()) {
                buildNanos = System.nanoTime() - t0;
                return d.getIndexedRows();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("index on " + collection.name() + " not built within " + BenchProperties.timeout()
                        + " (" + d.getIndexedRows() + "/" + d.getTotalRows() + " rows)");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the index", e);
            }
        }
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        boolean measured = iteration.getType() == IterationType.MEASUREMENT;
        log.recordNanos(buildNanos);
        log.endIteration(measured);
        if (measured) {
            measuredBuilds++;
            measuredNanos += buildNanos;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (series != null && measuredBuilds > 0) {
            double seconds = measuredNanos / 1e9 / measuredBuilds;
            BenchMetrics.write(series, "build_seconds", seconds, "s");
            BenchMetrics.write(series, "rows/s", rows / seconds, "rows/s");
        }
        if (collection != null) {
            dropIndex();
        }
        if (log != null) {
            log.close();
        }
    }
}
