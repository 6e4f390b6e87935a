package io.milvusbench.sweep;

import io.milvus.client.MilvusServiceClient;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvusbench.collection.DatasetLoader;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.Datasets;
import io.milvusbench.dataset.GroundTruthCache;
import io.milvusbench.dataset.Recall;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import io.milvusbench.load.ClosedLoop;
import io.milvusbench.load.LoadResult;
import io.milvusbench.load.PerSecondLog;
import io.milvusbench.load.SearchOperation;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.monitor.NodeInfo;
import io.milvusbench.monitor.SystemInfo;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.ScalarMetric;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Runs a {@link SweepPlan} against one target: one new collection of the plan's dataset (dropped
 * at the end), exact ground truth (shipped with the dataset, cached, or computed once), then per
 * index kind: drop the previous index, build (timed), load (timed; the server's memory figures
 * before and after, see {@link ServerMemory}), and per knob value recall@k over the plan's
 * queries, a one-thread closed loop (latency with nothing queued) and a closed loop at the plan's
 * concurrency (saturated QPS). Every point writes {@code hlog/sweep[index=..;knob=..].hlog},
 * {@code hlog/sweep-1thread[...].hlog} and its lines to metrics.jsonl.
 */
public final class IndexSweep {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final int RECALL_BATCH = 50;

    private final SweepPlan plan;
    private final PrintStream progress;

    public IndexSweep(SweepPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public List<SweepPoint> run(MilvusTarget target, RunFolder folder) {
        try (Dataset data = Datasets.open(plan.data())) {
            return run(target, folder, data);
        }
    }

    private List<SweepPoint> run(MilvusTarget target, RunFolder folder, Dataset data) {
        int nq = Math.min(plan.dataset().queries(), data.queryCount());
        progress.printf(Locale.ROOT, "sweep: dataset %s (%,d x %d, %s); exact top-%d of %d queries%n", data.identity(), data.rows(),
                data.dim(), data.metric(), plan.topK(), nq);
        float[][] queries = data.queries(nq);
        GroundTruthCache.Lookup exact = GroundTruthCache.standard().forDatasetQueries(data, nq, plan.topK());
        long[][] truth = exact.ids();
        progress.printf("sweep: ground truth %s%n", exact.source().name().toLowerCase(Locale.ROOT));
        MilvusClientV2 client = MilvusClients.v2(target.connection());
        client.retryConfig(RetryConfig.builder().maxRetryTimes(1).retryOnRateLimit(false).build());
        MilvusServiceClient v1 = MilvusClients.v1(target.connection());
        VectorCollection collection = null;
        List<SweepPoint> points = new ArrayList<>();
        try (PerSecondLog log = new PerSecondLog(folder)) {
            log.start();
            collection = VectorCollection.create(client, SuiteCollections.newName("sweep"), data.dim(), "sweep " + data.identity());
            long started = System.nanoTime();
            DatasetLoader.insertAll(collection, data, progress);
            collection.flush(TIMEOUT);
            progress.printf(Locale.ROOT, "sweep: %s: %,d rows inserted and flushed in %.1f s%n", collection.name(), data.rows(),
                    (System.nanoTime() - started) / 1e9);
            long collectionId = client.describeCollection(DescribeCollectionReq.builder().collectionName(collection.name()).build())
                    .getCollectionID();
            ServerMemory memory = new ServerMemory(target);
            answersGetMetrics = io.milvusbench.milvus.ServerFeatures.answersGetMetrics(target.connection());
            for (SweepPlan.IndexEntry entry : plan.indexes()) {
                points.addAll(sweepIndex(collection, collectionId, v1, client, entry, data.metric(), queries, truth, folder, log, memory));
            }
        } finally {
            try {
                if (collection != null) {
                    SuiteCollections.drop(client, collection.name());
                }
            } finally {
                v1.close();
                client.close();
            }
        }
        return points;
    }

    private List<SweepPoint> sweepIndex(VectorCollection collection, long collectionId, MilvusServiceClient v1, MilvusClientV2 client,
                                        SweepPlan.IndexEntry entry, Metric metric, float[][] queries, long[][] truth,
                                        RunFolder folder, PerSecondLog log, ServerMemory server) {
        IndexKind kind = entry.indexKind();
        collection.release();
        if (collection.describeIndexOrNull() != null) {
            collection.dropIndex();
        }
        long t0 = System.nanoTime();
        collection.createIndex(kind, metric, entry.buildParams());
        collection.awaitIndex(TIMEOUT, Duration.ofMillis(100));
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        OptionalLong rssBefore = server.settledRss();
        long t1 = System.nanoTime();
        collection.load(TIMEOUT);
        double loadSeconds = (System.nanoTime() - t1) / 1e9;
        NodeInfo after = answersGetMetrics ? queryNode(v1) : null;
        OptionalLong rssAfter = server.settledRss();
        OptionalLong rssDelta = rssBefore.isPresent() && rssAfter.isPresent() && rssAfter.getAsLong() > rssBefore.getAsLong()
                ? OptionalLong.of(rssAfter.getAsLong() - rssBefore.getAsLong()) : OptionalLong.empty();
        SweepPoint.Memory memory = new SweepPoint.Memory(server.entityBytes(collectionId), rssDelta, rssAfter,
                after == null ? Double.NaN : after.memoryPercent());
        progress.printf(Locale.ROOT, "sweep: %s built in %.2f s, loaded in %.2f s; entity size %s, server RSS delta %s%n",
                kind, buildSeconds, loadSeconds, withUnit(memory.entityBytes()), withUnit(rssDelta));
        List<SweepPoint> points = new ArrayList<>();
        for (int knob : entry.knobValues()) {
            double recall = recall(collection, kind, knob, queries, truth);
            SearchOperation op = new SearchOperation(client, collection.name(), queries, plan.topK(), kind, knob, null,
                    ConsistencyLevel.BOUNDED, plan.topK());
            LoadResult single = new ClosedLoop(1, plan.phase(), 10_000_000).run(op, SweepPoint.singleThreadSeries(kind, knob), log);
            LoadResult saturated = new ClosedLoop(plan.loop().concurrency(), plan.phase(), 10_000_000)
                    .run(op, SweepPoint.series(kind, knob), log);
            SweepPoint point = new SweepPoint(kind, knob, plan.topK(), buildSeconds, loadSeconds, memory, recall, single, saturated);
            ScalarMetric.append(folder.metricsFile(), point.metrics());
            progress.printf(Locale.ROOT, "sweep: %-22s recall@%d %.4f  1 thread: p50 %.2f p95 %.2f ms  %s%n", point.label(), plan.topK(),
                    recall, single.percentileMs(50), single.percentileMs(95), saturated.summaryLine());
            points.add(point);
        }
        return points;
    }
    private static String withUnit(OptionalLong bytes) {
        String mib = SweepPoint.Memory.mib(bytes);
        return bytes.isPresent() ? mib + " MiB" : mib;
    }

    private double recall(VectorCollection collection, IndexKind kind, int knob, float[][] queries, long[][] truth) {
        List<List<Long>> hits = new ArrayList<>(queries.length);
        for (int from = 0; from < queries.length; from += RECALL_BATCH) {
            float[][] batch = java.util.Arrays.copyOfRange(queries, from, Math.min(queries.length, from + RECALL_BATCH));
            hits.addAll(collection.search(batch, plan.topK(), kind, knob, null));
        }
        return Recall.meanAtK(truth, hits, plan.topK());
    }

    /** False on a server without GetMetrics (Milvus Lite): the query node's memory percent is then unknown (NaN, not written). */
    private boolean answersGetMetrics = true;

    private static NodeInfo queryNode(MilvusServiceClient v1) {
        return SystemInfo.fetch(v1).stream().filter(n -> n.type().equalsIgnoreCase("querynode")).findFirst()
                .orElseThrow(() -> new IllegalStateException("GetMetrics reported no querynode"));
    }
}
