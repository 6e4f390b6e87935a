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
import java.util.ArrayList;
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
        List<List<Long>> hits = new ArrayList<>(truth.length);
        for (int from = 0; from < truth.length; from += BATCH) {
            List<BaseVector> batch = new ArrayList<>();
            for (int q = from; q < Math.min(truth.length, from + BATCH); q++) {
                batch.add(new FloatVec(queries[q]));
            }
            hits.addAll(VectorCollection.ids(client.search(SearchReq.builder()
                    .collectionName(target.collection())
                    .annsField(target.vectorField())
                    .data(batch)
                    .topK(topK)
                    .searchParams(target.searchParams())
                    .consistencyLevel(consistency)
                    .build())));
        }
        return Recall.meanAtK(truth, hits, topK);
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
        long[][] truth;
        String source;
        if (existing != null) {
            truth = existing.exactNeighbours(n, k, neighbours);
            source = neighbours != null ? "given" : "computed";
        } else {
            GroundTruthCache.Lookup lookup = GroundTruthCache.standard().forDatasetQueries(data, n, k);
            truth = lookup.ids();
            source = lookup.source().name().toLowerCase(Locale.ROOT);
        }
        if (truth == null) {
            return Optional.empty();
        }
        double r = measure(runner.client(), t, runner.workload().queries(), truth, k, settings.consistency());
        SeriesId series = SeriesId.of("recall", "mix", settings.mix().label(), "index", t.indexType());
        for (Map.Entry<String, Object> p : new TreeMap<>(t.searchParams()).entrySet()) {
            series = series.with(p.getKey(), p.getValue());
        }
        series = series.with("queries", n);
        runner.writeMetrics(List.of(ScalarMetric.of(series, "Client", "recall@" + k, r, "ratio")));
        String line = String.format(Locale.ROOT, "recall@%d %.4f over %d queries (%s %s; exact neighbours %s; %.1f s)", k, r, n,
                t.indexType(), t.paramsLabel(), source, (System.nanoTime() - started) / 1e9);
        progress.println("load: " + line);
        return Optional.of(line);
    }
}
