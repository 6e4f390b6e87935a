package io.milvusbench.bench.build;

import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.bench.BenchProperties;
import io.milvusbench.bench.DataTag;
import io.milvusbench.bench.IndexSupport;
import io.milvusbench.bench.IterationLog;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.bench.PolledWait;
import io.milvusbench.bench.SingleShotBenchmark;
import io.milvusbench.bench.SingleThread;
import org.openjdk.jmh.infra.BenchmarkParams;
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


/**
 * Index build time: from CreateIndex until DescribeIndex reports the index Finished with every
 * row indexed and none pending. DescribeIndex is polled every 10 ms for the first half second,
 * then every 2 % of the time elapsed, at most every 250 ms ({@link PolledWait#FINE}); the figure is
 * the reply of the first poll that saw the build done, and its resolution (the gap to the reply of
 * the last poll that did not) is measured for every build and written beside it
 * ({@code build_resolution_seconds}, the largest over measured builds). Runs on one thread only
 * ({@code -t} &gt; 1 is refused: two threads would build the same index at once). One build
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
    private IterationLog log;
    private SeriesId series;
    private long buildNanos;
    private long resolutionNanos;
    private long worstResolutionNanos;
    private long measuredBuilds;
    private long measuredNanos;

    @Setup(Level.Trial)
    public void setUp(MilvusState milvus, Requests requests, BenchmarkParams params) {
        SingleThread.require(params, "one index build on one collection at a time");
        spec = IndexSpec.parseBuild(build);
        try (Dataset data = BenchProperties.dataset(rows, dim, metric)) {
            spec.validate(data.dim(), 1);
            distance = data.metric();
            IndexSupport.requireSupported(milvus.client(), spec, data);
            collection = PreparedCollections.dataOnly(milvus.client(), data, BenchProperties.timeout(), System.out);
            series = spec.series("index_build").with("data", DataTag.of(data));
        }
        requests.series(series);
        log = IterationLog.open(series);
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
        DescribeIndexResp.IndexDesc[] last = new DescribeIndexResp.IndexDesc[1];
        PolledWait.Result r = PolledWait.FINE.await(t0, () -> {
            DescribeIndexResp.IndexDesc d = collection.describeIndex();
            last[0] = d;
            if (d.getIndexState() == IndexBuildState.Failed) {
                throw new IllegalStateException("index build failed on " + collection.name() + ": " + d.getIndexFailedReason());
            }
            return d.getIndexState() == IndexBuildState.Finished && d.getPendingIndexRows() == 0 && d.getIndexedRows() >= d.getTotalRows();
        }, BenchProperties.timeout(), "index on " + collection.name());
        buildNanos = r.nanos();
        resolutionNanos = r.resolutionNanos();
        return last[0].getIndexedRows();
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        boolean measured = iteration.getType() == IterationType.MEASUREMENT;
        log.recordNanos(buildNanos);
        log.endIteration(measured);
        if (measured) {
            measuredBuilds++;
            measuredNanos += buildNanos;
            worstResolutionNanos = Math.max(worstResolutionNanos, resolutionNanos);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (series != null && measuredBuilds > 0) {
            double seconds = measuredNanos / 1e9 / measuredBuilds;
            BenchMetrics.write(series, "build_seconds", seconds, "s");
            BenchMetrics.write(series, "rows/s", rows / seconds, "rows/s");
            BenchMetrics.write(series, "build_resolution_seconds", worstResolutionNanos / 1e9, "s");
        }
        if (collection != null) {
            dropIndex();
        }
        if (log != null) {
            log.close();
        }
    }
}
