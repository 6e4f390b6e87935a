package io.milvusbench.sweep;

import io.milvus.client.MilvusServiceClient;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.GroundTruth;
import io.milvusbench.dataset.Recall;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexKind;
import io.milvusbench.load.ClosedLoop;
import io.milvusbench.load.PerSecondLog;
import io.milvusbench.load.LoadResult;
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

/**
 * Runs a {@link SweepPlan} against one target: one new collection of the plan's data (dropped at
 * the end), exact ground truth computed once, then per index kind: drop the previous index, build
 * (timed), load (timed, query-node memory from GetMetrics just before and after the load, so the
 * delta is the loaded index; in a standalone server it is the whole process's memory, hence noisy), and per knob value
 * recall@k over the plan's queries and a short closed loop (QPS, p50/p95/p99, errors). Every point
 * writes {@code hlog/sweep[index=..;knob=..].hlog} and its lines to metrics.jsonl.
 */
public final class IndexSweep {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final int RECALL_BATCH = 50;

    private final SweepPlan plan;
    private final PrintStream progress;

    public IndexSweep(SweepPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public List<SweepPoint> run(MilvusTarget target, RunFolder folder) {
        SyntheticDataset data = plan.data();
        float[][] queries = data.queries(plan.dataset().queries());
        progress.printf("sweep: exact ground truth for %d queries over %,d rows%n", queries.length, data.rows());
        long[][] truth = GroundTruth.topK(queries, data.rows(), data::row, data.metric(), plan.topK());
        MilvusClientV2 client = MilvusClients.v2(target.connection());
        client.retryConfig(RetryConfig.builder().maxRetryTimes(1).retryOnRateLimit(false).build());
        MilvusServiceClient v1 = MilvusClients.v1(target.connection());
        VectorCollection collection = null;
        List<SweepPoint> points = new ArrayList<>();
        try (PerSecondLog log = new PerSecondLog(folder)) {
            log.start();
            collection = VectorCollection.create(client, SuiteCollections.newName("sweep"), data.dim());
            insert(collection, data);
            for (SweepPlan.IndexEntry entry : plan.indexes()) {
                points.addAll(sweepIndex(collection, v1, client, entry, data, queries, truth, folder, log, new ServerRss(target)));
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

    private void insert(VectorCollection collection, SyntheticDataset data) {
        long started = System.nanoTime();
        for (long first = 0; first < data.rows(); first += 2_000) {
            int n = (int) Math.min(2_000, data.rows() - first);
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = data.row(first + i);
            }
            collection.insert(first, rows);
        }
        collection.flush(TIMEOUT);
        progress.printf(Locale.ROOT, "sweep: %s: %,d rows inserted and flushed in %.1f s%n", collection.name(), data.rows(),
                (System.nanoTime() - started) / 1e9);
    }

    private List<SweepPoint> sweepIndex(VectorCollection collection, MilvusServiceClient v1, MilvusClientV2 client,
                                        SweepPlan.IndexEntry entry, SyntheticDataset data, float[][] queries,
                                        long[][] truth, RunFolder folder, PerSecondLog log, ServerRss rss) {
        IndexKind kind = entry.indexKind();
        collection.release();
        if (collection.describeIndexOrNull() != null) {
            collection.dropIndex();
        }
        long t0 = System.nanoTime();
        collection.createIndex(kind, data.metric(), entry.buildParams());
        collection.awaitIndex(TIMEOUT, Duration.ofMillis(100));
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        NodeInfo before = queryNode(v1);
        long rssBefore = rss.bytes();
        long t1 = System.nanoTime();
        collection.load(TIMEOUT);
        double loadSeconds = (System.nanoTime() - t1) / 1e9;
        NodeInfo after = queryNode(v1);
        long rssAfter = rss.bytes();
        long rssDelta = rssBefore < 0 || rssAfter < 0 ? Long.MIN_VALUE : rssAfter - rssBefore;
        long memoryDelta = after.memoryUsedBytes() - before.memoryUsedBytes();
        progress.printf(Locale.ROOT, "sweep: %s built in %.2f s, loaded in %.2f s, query-node memory %+.1f MiB (GetMetrics)%s%n",
                kind, buildSeconds, loadSeconds, memoryDelta / 1048576.0,
                rssDelta == Long.MIN_VALUE ? "" : String.format(Locale.ROOT, ", server RSS %+.1f MiB", rssDelta / 1048576.0));
        List<SweepPoint> points = new ArrayList<>();
        for (int knob : entry.knobValues()) {
            double recall = recall(collection, kind, knob, queries, truth);
            SearchOperation op = new SearchOperation(client, collection.name(), queries, plan.topK(), kind, knob, null,
                    ConsistencyLevel.BOUNDED, plan.topK());
            ClosedLoop loop = new ClosedLoop(plan.loop().concurrency(), plan.phase(), 10_000_000);
            LoadResult result = loop.run(op, SweepPoint.series(kind, knob), log);
            SweepPoint point = new SweepPoint(kind, knob, plan.topK(), buildSeconds, loadSeconds, memoryDelta,
                    after.memoryPercent(), recall, result);
            List<ScalarMetric> lines = new ArrayList<>(point.metrics());
            if (rssDelta != Long.MIN_VALUE) {
                lines.add(ScalarMetric.of(point.series(), "Host", "rss_delta_bytes", rssDelta, "bytes"));
            }
            ScalarMetric.append(folder.metricsFile(), lines);
            progress.printf(Locale.ROOT, "sweep: %-22s recall@%d %.4f  %s%n", point.label(), plan.topK(), recall, result.summaryLine());
            points.add(point);
        }
        return points;
    }

    private double recall(VectorCollection collection, IndexKind kind, int knob, float[][] queries, long[][] truth) {
        List<List<Long>> hits = new ArrayList<>(queries.length);
        for (int from = 0; from < queries.length; from += RECALL_BATCH) {
            float[][] batch = java.util.Arrays.copyOfRange(queries, from, Math.min(queries.length, from + RECALL_BATCH));
            hits.addAll(collection.search(batch, plan.topK(), kind, knob, null));
        }
        return Recall.meanAtK(truth, hits, plan.topK());
    }

    private static NodeInfo queryNode(MilvusServiceClient v1) {
        return SystemInfo.fetch(v1).stream().filter(n -> n.type().equalsIgnoreCase("querynode")).findFirst()
                .orElseThrow(() -> new IllegalStateException("GetMetrics reported no querynode"));
    }
}
