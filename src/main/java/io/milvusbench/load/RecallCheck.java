package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.dataset.GroundTruthCache;
import io.milvusbench.dataset.Recall;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.io.PrintStream;
import java.nio.file.Path;
import io.milvusbench.collection.ExistingCollection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * recall@k of the very searches a load run sends (same collection, field, search parameters and
 * consistency, no filter), measured once before the phases on the first {@code truth.length}
 * query vectors: 50 queries per request, outside every timed window.
 */
public final class RecallCheck {
    private static final int BATCH = 50;

    private RecallCheck() {
    }

    /** Mean recall@k of {@code queries[0..truth.length)} against their exact neighbours {@code truth}. */
    public static double measure(MilvusClientV2 client, SearchTarget target, float[][] queries, long[][] truth, int topK,
                                 ConsistencyLevel consistency) {
        return Recall.meanAtK(truth, hits(client, target, queries, truth.length, topK, consistency), topK);
    }

    /** The ids each of {@code queries[0..n)} gets back, best first, 50 queries per request. */
    static List<List<Long>> hits(MilvusClientV2 client, SearchTarget target, float[][] queries, int n, int topK,
                                 ConsistencyLevel consistency) {
        List<List<Long>> hits = new ArrayList<>(n);
        for (int from = 0; from < n; from += BATCH) {
            List<BaseVector> batch = new ArrayList<>();
            for (int q = from; q < Math.min(n, from + BATCH); q++) {
                batch.add(new FloatVec(queries[q]));
            }
            hits.addAll(VectorCollection.ids(client.search(SearchReq.builder()
                    .collectionName(target.collection())
                    .partitionNames(target.partitions())
                    .annsField(target.vectorField())
                    .data(batch)
                    .topK(topK)
                    .searchParams(target.searchParams())
                    .consistencyLevel(consistency)
                    .build())));
        }
        return hits;
    }

    /**
     * Recall of an existing collection's searches on the view its ground-truth scan saw
     * ({@link ConsistentRecall}); {@code unavailable} says why there is none.
     */
    record OnView(ConsistentRecall recall, long rowsAtScan, long rowsScanned, long rowsAfter, String unavailable) {
        String describe() {
            boolean changed = rowsAfter != rowsAtScan || rowsScanned != rowsAtScan || recall.newHits() > 0 || recall.goneTruth() > 0;
            return String.format(Locale.ROOT, "%,d rows scanned, count(*) %,d before the scan and %,d after the searches%s",
                    rowsScanned, rowsAtScan, rowsAfter, !changed ? "" : String.format(Locale.ROOT,
                            "; written to meanwhile: %d hits on rows inserted since and %d neighbours deleted since set aside, %d queries measured",
                            recall.newHits(), recall.goneTruth(), recall.queries()));
        }
    }

    static OnView onView(ExistingCollection collection, CollectionWorkload.Truth truth, List<List<Long>> hits, int k) {
        long after = collection.countRows();
        long scanned = truth.scan().rows();
        long changed = Math.abs(after - truth.rowsAtScan()) + Math.abs(scanned - truth.rowsAtScan());
        if (!truth.scan().complete()) {
            return new OnView(null, truth.rowsAtScan(), scanned, after, String.format(Locale.ROOT,
                    "the collection grew faster than it was scanned (%,d rows counted, scan stopped at %,d)", truth.rowsAtScan(), scanned));
        }
        if (truth.scanned() == null && changed > 0) {
            return new OnView(null, truth.rowsAtScan(), scanned, after, String.format(Locale.ROOT,
                    "%,d rows changed during the scan (count(*) %,d before, %,d after; too many rows to keep their keys)",
                    changed, truth.rowsAtScan(), after));
        }
        Set<Long> neighbours = new HashSet<>();
        for (long[] row : truth.ids()) {
            for (long id : row) {
                neighbours.add(id);
            }
        }
        Set<Long> gone = collection.missing(neighbours);
        ConsistentRecall r = ConsistentRecall.of(truth.ids(), hits, k, truth.scanned(), gone);
        if (r.queries() == 0) {
            return new OnView(r, truth.rowsAtScan(), scanned, after, "every query's neighbours or hits changed during the scan");
        }
        return new OnView(r, truth.rowsAtScan(), scanned, after, null);
    }

    /**
     * recall@k of a load run's searches, measured once before its first phase on the first
     * {@code recallQueries} query vectors, or empty when it cannot be had (no exact neighbours, a
     * filtered or query mix, {@code recallQueries} 0). Exact neighbours: for a dataset shipped,
     * cached or computed ({@link GroundTruthCache}); for an existing collection from
     * {@code neighbours} or streamed from it. Written as {@code recall[mix=..;index=..;<knob>=..;queries=N]}
     * {@code recall@K}; returns the summary line.
     *
     * @param data     the dataset the suite loaded, or null
     * @param existing the collection the suite did not create, or null
     */
    public static Optional<String> beforePhases(LoadRunner runner, LoadSettings settings, Dataset data, CollectionWorkload existing,
                                                int recallQueries, Path neighbours, PrintStream progress) {
        if (recallQueries == 0 || settings.mix().filtered()) {
            return Optional.empty();
        }
        SearchTarget t = runner.workload().target();
        int k = settings.topK();
        int n = Math.min(recallQueries, runner.workload().queries().length);
        long started = System.nanoTime();
        double r;
        String source;
        if (existing != null) {
            CollectionWorkload.Truth truth = existing.exactNeighbours(n, k, neighbours);
            if (truth == null) {
                return Optional.empty();
            }
            // a scan at Strong consistency is compared with searches that see what it saw: Strong as well
            List<List<Long>> hits = hits(runner.client(), t, runner.workload().queries(), n, k,
                    truth.scan() == null ? settings.consistency() : ConsistencyLevel.STRONG);
            if (truth.scan() == null) {
                r = Recall.meanAtK(truth.ids(), hits, k);
                source = "given";
            } else {
                OnView view = onView(existing.collection(), truth, hits, k);
                if (view.unavailable() != null) {
                    String line = String.format(Locale.ROOT, "recall@%d unavailable: %s", k, view.unavailable());
                    progress.println("load: " + line);
                    return Optional.of(line);
                }
                r = view.recall().recall();
                source = "computed; " + view.describe();
            }
        } else {
            GroundTruthCache.Lookup lookup = GroundTruthCache.standard().forDatasetQueries(data, n, k);
            if (lookup.ids() == null) {
                return Optional.empty();
            }
            r = measure(runner.client(), t, runner.workload().queries(), lookup.ids(), k, settings.consistency());
            source = lookup.source().name().toLowerCase(Locale.ROOT);
        }
        SeriesId series = SeriesId.of("recall", "mix", settings.mix().label(), "index", t.indexType());
        for (Map.Entry<String, Object> p : new TreeMap<>(t.searchParams()).entrySet()) {
            series = series.with(p.getKey(), p.getValue());
        }
        series = series.with("queries", n);
        runner.writeMetrics(List.of(ScalarMetric.of(series, "Client", "recall@" + k, r, "ratio")));
        String line = String.format(Locale.ROOT, "recall@%d %.4f over %d queries (%s%s; exact neighbours %s; %.1f s)", k, r, n,
                t.indexType(), t.paramsLabel().isEmpty() ? "" : " " + t.paramsLabel(), source, (System.nanoTime() - started) / 1e9);
        progress.println("load: " + line);
        return Optional.of(line);
    }
}
