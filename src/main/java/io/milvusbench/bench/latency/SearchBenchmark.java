package io.milvusbench.bench.latency;

import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.response.SearchResp;
import io.milvusbench.BadInputException;
import io.milvusbench.bench.BenchMetrics;
import io.milvusbench.bench.BenchProperties;
import io.milvusbench.bench.DataTag;
import io.milvusbench.bench.IndexSupport;
import io.milvusbench.bench.IterationLog;
import io.milvusbench.bench.MilvusBenchmark;
import io.milvusbench.bench.MilvusState;
import io.milvusbench.bench.Requests;
import io.milvusbench.collection.PreparedCollections;
import io.milvusbench.collection.SegmentSettle;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.GroundTruthCache;
import io.milvusbench.dataset.Recall;
import io.milvusbench.index.IndexSpec;
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
import org.openjdk.jmh.runner.IterationType;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search latency per index and knob, with the recall of exactly the searches measured.
 * Data: the dataset of {@code -Dmilvus.bench.dataset} (default: seeded synthetic Gaussian
 * mixture, {@code rows} × {@code dim}, {@code metric}), inserted once into a collection per
 * (dataset, index build parameters) that every fork and later run reuses. Each call sends the
 * next {@code nq} queries of a pool of {@code -Dmilvus.bench.queries} (default 100), cycling;
 * requests are built before the trial. Closed-loop service time (Mode.SampleTime), µs; the
 * .hlog series is {@code search[index=HNSW;ef=64;topK=10;nq=1;pool=100;consistency=Bounded;data=...]} (the query pool and consistency are in it: runs with another pool or level are other series), and metrics.jsonl gets
 * {@code recall@K} (mean over every query of every measured call, against exact brute-force
 * neighbours); the bench command adds {@code requests}, {@code errors} and {@code error_rate}
 * (every search of every iteration, {@link Requests}). A failed search fails the iteration.
 *
 * <p>{@code index} is one {@link IndexSpec} string, so the knob always belongs to the kind:
 * {@code FLAT}, {@code IVF_FLAT:nprobe=8}, {@code HNSW:ef=64}, {@code IVF_PQ:m=8:nprobe=32},
 * {@code DISKANN:search_list=100} (skipped with the server's reason where it is refused).
 *
 * <pre>
 *   java -jar target/milvus-bench.jar bench Search -p index=HNSW:ef=16,HNSW:ef=128 --rows 100000
 *   java -Dmilvus.target=uri -Dmilvus.uri=127.0.0.1:19530 -Dmilvus.bench.run=results/mine \
 *        -jar target/benchmarks.jar SearchBenchmark -p index=IVF_FLAT:nprobe=8 -p rows=20000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SearchBenchmark extends MilvusBenchmark {
    @Param({"FLAT", "IVF_FLAT:nprobe=8", "IVF_FLAT:nprobe=64", "IVF_SQ8:nprobe=16", "IVF_PQ:nprobe=16",
            "HNSW:ef=16", "HNSW:ef=128", "DISKANN:search_list=100"})
    public String index;

    @Param("10")
    public int topK;

    @Param("1")
    public int nq;

    @Param("100000")
    public long rows;

    @Param("128")
    public int dim;

    @Param("L2")
    public String metric;

    /** Bounded, the consistency of {@link VectorCollection#searchRequest(float[][], int, java.util.Map, String)}. */
    static final String CONSISTENCY = "Bounded";
    /** How long a reused collection may take to finish compacting before it is measured anyway. */
    static final java.time.Duration SETTLE_LIMIT = java.time.Duration.ofSeconds(60);

    private SegmentSettle.State segments;
    private SearchReq[] requests;
    private int[] firstQuery;
    private long[][] truth;
    private int poolSize;
    // Shared by every thread of a `-t N` run, hence atomic or concurrent.
    private final AtomicLong next = new AtomicLong();
    private volatile boolean measuring;
    private final Queue<Measured> measured = new ConcurrentLinkedQueue<>();
    private double recallSum;
    private long recallQueries;
    private IterationLog log;
    private SeriesId series;

    @Setup(Level.Trial)
    public void setUp(MilvusState milvus, Requests sent) {
        IndexSpec spec = IndexSpec.parse(index);
        try (Dataset data = BenchProperties.dataset(rows, dim, metric)) {
            spec.validate(data.dim(), topK);
            if (topK > data.rows()) {
                throw new BadInputException("topK (" + topK + ") exceeds the rows (" + data.rows() + ")");
            }
            IndexSupport.requireSupported(milvus.client(), spec, data);
            VectorCollection collection = PreparedCollections.indexed(milvus.client(), data, spec.forBuild(),
                    BenchProperties.timeout(), System.out);
            segments = SegmentSettle.awaitIfKnown(milvus.client(), collection.name(), SETTLE_LIMIT).orElse(null);
            if (segments == null) {
                System.out.println("[milvus-bench] segment information: not available on this server (UNIMPLEMENTED); "
                        + "the segment count is not recorded");
            } else if (!segments.settled()) {
                System.out.println("[milvus-bench] " + collection.name() + " still changing after " + SETTLE_LIMIT.toSeconds()
                        + " s (" + segments + "); measuring anyway, the segment count is recorded");
            }
            poolSize = Math.min(BenchProperties.queryPool(), data.queryCount());
            GroundTruthCache.Lookup lookup = GroundTruthCache.standard().forDatasetQueries(data, poolSize, topK);
            truth = lookup.ids();
            System.out.println("[milvus-bench] ground truth for " + poolSize + " queries: " + lookup.source().name().toLowerCase()
                    + (lookup.file() == null ? "" : " (" + lookup.file() + ")"));
            float[][] pool = data.queries(poolSize);
            int calls = lcm(poolSize, nq) / nq;
            requests = new SearchReq[calls];
            firstQuery = new int[calls];
            for (int c = 0; c < calls; c++) {
                float[][] batch = new float[nq][];
                firstQuery[c] = (c * nq) % poolSize;
                for (int i = 0; i < nq; i++) {
                    batch[i] = pool[(firstQuery[c] + i) % poolSize];
                }
                requests[c] = collection.searchRequest(batch, topK, spec.searchParams(topK), null);
            }
            series = spec.series("search").with("topK", topK).with("nq", nq).with("pool", poolSize)
                    .with("consistency", CONSISTENCY).with("data", DataTag.of(data));
        }
        sent.series(series);
        log = IterationLog.open(series);
    }

    /** Least common multiple: after lcm(pool, nq) / nq calls the pool is used evenly and starts over. */
    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return Math.toIntExact((long) a / x * b);
    }

    private record Measured(int call, SearchResp response) {
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        measured.clear();
    }

    /*
     * Only the RPC is timed for the .hlog; the response is kept (a reference) for the recall
     * computed after the iteration, outside the measured region.
     */
    @Benchmark
    public SearchResp search(MilvusState milvus, Requests sent) {
        int call = (int) (next.getAndIncrement() % requests.length);
        long t0 = System.nanoTime();
        SearchResp resp;
        try {
            resp = milvus.client().search(requests[call]);
        } catch (RuntimeException e) {
            throw sent.failed(e);
        }
        log.recordNanos(System.nanoTime() - t0);
        sent.succeeded();
        if (measuring) {
            measured.add(new Measured(call, resp));
        }
        return resp;
    }

    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
        log.endIteration(iteration);
        if (!measuring) {
            return;
        }
        for (Measured m : measured) {
            int call = m.call();
            List<List<Long>> hits = VectorCollection.ids(m.response());
            for (int i = 0; i < hits.size(); i++) {
                recallSum += Recall.atK(truth[(firstQuery[call] + i) % poolSize], hits.get(i), topK);
                recallQueries++;
            }
        }
        measured.clear();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (series != null) {
            if (recallQueries > 0) {
                BenchMetrics.write(series, "recall@" + topK, recallSum / recallQueries, "ratio");
            }
            if (segments != null) {
                BenchMetrics.write(series, "segments", segments.segments(), "count");
                BenchMetrics.write(series, "segments_settled", segments.settled() ? 1 : 0, "count");
            }
        }
        if (log != null) {
            log.close();
        }
    }
}
