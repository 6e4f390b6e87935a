package io.milvusbench.monitor;

import io.milvus.client.MilvusServiceClient;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvusbench.results.SeriesId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers the per-collection reads of one snapshot and assembles the four component sections from
 * them, GetMetrics' nodes and the metrics scrape. Each read of each collection is attempted on its
 * own; a failure is recorded and the others go on.
 */
final class SectionAssembler {
    private final MilvusClientV2 client;
    private final MonitorSettings settings;
    private final List<ProbeError> errors;
    private final List<QueryNodeSection.Segment> segments = new ArrayList<>();
    private final List<DataNodeSection.CollectionData> collections = new ArrayList<>();
    private final List<IndexNodeSection.IndexState> indexes = new ArrayList<>();
    private List<NodeInfo> nodes = List.of();
    private PrometheusText scrape;
    private String probeNote;

    SectionAssembler(MilvusClientV2 client, MilvusServiceClient v1, MonitorSettings settings, List<ProbeError> errors) {
        this.client = client;
        this.settings = settings;
        this.errors = errors;
    }

    /** Search and query latency on {@code collection}; nulls when there is no collection to probe. */
    LatencyProbe.Result[] readProbe(String collection) {
        if (collection == null || settings.searchSamples() == 0) {
            return new LatencyProbe.Result[2];
        }
        Boolean loaded = ComponentMonitor.attempt(errors, "Proxy", "load state " + collection,
                () -> client.getLoadState(GetLoadStateReq.builder().collectionName(collection).build()));
        if (Boolean.FALSE.equals(loaded)) {
            probeNote = "collection " + collection + " is not loaded (GetLoadState; or still loading): search and query need a loaded collection "
                    + "(the monitor never loads one; load it to measure search latency)";
            return new LatencyProbe.Result[2];
        }
        ReadProbe probe = ComponentMonitor.attempt(errors, "Proxy", "describe " + collection, () -> ReadProbe.on(client, collection));
        if (probe == null) {
            return new LatencyProbe.Result[2];
        }
        LatencyProbe.Result search = LatencyProbe.run(SeriesId.of("monitor_search", "collection", collection).toString(),
                settings.searchSamples(), settings.probeBudget(), 3, () -> probe.search(settings.topK()));
        LatencyProbe.Result query = LatencyProbe.run(SeriesId.of("monitor_query", "collection", collection).toString(),
                settings.searchSamples(), settings.probeBudget(), 3, () -> probe.query(settings.topK()));
        if (search.errors() > 0) {
            errors.add(new ProbeError("Proxy", "search " + collection, search.errors() + " failed: " + search.lastError()));
        }
        if (query.errors() > 0) {
            errors.add(new ProbeError("Proxy", "query " + collection, query.errors() + " failed: " + query.lastError()));
        }
        return new LatencyProbe.Result[] {search, query};
    }

    /** The scrape the component sections read their server metrics from. */
    void metrics(PrometheusText metrics) {
        this.scrape = metrics;
    }

    void inspect(List<String> names, List<NodeInfo> nodeInfos, Map<Long, Long> binlogSizes) {
        this.nodes = nodeInfos;
        for (String name : names) {
            List<QueryNodeSection.Segment> loaded = ComponentMonitor.attempt(errors, "QueryNode", "query segments " + name,
                    () -> QueryNodeProbe.segments(client, name));
            if (loaded != null) {
                segments.addAll(loaded);
            }
            DataNodeSection.CollectionData data = ComponentMonitor.attempt(errors, "DataNode", "collection " + name,
                    () -> DataNodeProbe.collection(client, name, binlogSizes));
            if (data != null && settings.exactRows() && Boolean.TRUE.equals(data.loaded())) {
                Long exact = ComponentMonitor.attempt(errors, "DataNode", "count(*) " + name, () -> DataNodeProbe.countStar(client, name));
                Map<String, Long> byPartition = ComponentMonitor.attempt(errors, "DataNode", "count(*) by partition " + name,
                        () -> DataNodeProbe.partitionRows(client, name));
                data = data.withExactRows(exact, byPartition);
            }
            if (data != null) {
                collections.add(data);
            }
            List<IndexNodeSection.IndexState> idx = ComponentMonitor.attempt(errors, "IndexNode", "indexes " + name,
                    () -> IndexNodeProbe.indexes(client, name));
            if (idx != null) {
                indexes.addAll(idx);
            }
        }
    }

    ProxySection proxy(LatencySummary connect, LatencyProbe.Result[] reads, String collection, ServerTraffic.Figures traffic,
                       ServerTraffic.Figures probeTraffic) {
        return new ProxySection(connect, summary(reads[0]), summary(reads[1]), reads[0] == null ? null : collection, traffic,
                nodesOf("proxy"), ComponentMetrics.summed(scrape, "milvus_proxy_"), probeTraffic, probeNote);
    }

    QueryNodeSection queryNode() {
        Map<String, String> names = new TreeMap<>();
        collections.forEach(c -> {
            if (c.collectionId() != null) {
                names.put(Long.toString(c.collectionId()), c.name());
            }
        });
        return new QueryNodeSection(List.copyOf(segments), QueryNodeProbe.distribution(segments), nodesOf("querynode"),
                ComponentMetrics.summed(scrape, "milvus_querynode_"), QueryNodeProbe.fromMetrics(scrape, names));
    }

    DataNodeSection dataNode(WriteProbeResult written) {
        Map<String, Integer> byState = new TreeMap<>();
        collections.stream().filter(c -> c.segmentsByState() != null)
                .forEach(c -> c.segmentsByState().forEach((state, n) -> byState.merge(state, n, Integer::sum)));
        Map<String, Double> metrics = ComponentMetrics.summed(scrape, "milvus_datanode_");
        metrics.putAll(ComponentMetrics.summed(scrape, "milvus_datacoord_"));
        return new DataNodeSection(List.copyOf(collections), byState, written, nodesOf("datanode"), metrics);
    }

    IndexNodeSection indexNode(WriteProbeResult written) {
        Map<String, Double> metrics = ComponentMetrics.summed(scrape, "milvus_indexnode_");
        metrics.putAll(ComponentMetrics.summed(scrape, "milvus_indexcoord_"));
        Map<String, Long> counted = new TreeMap<>();
        collections.forEach(c -> {
            if (c.exactRows() != null) {
                counted.put(c.name(), c.exactRows());
            }
        });
        List<IndexNodeSection.IndexState> withRows = indexes.stream()
                .map(i -> counted.containsKey(i.collection()) ? i.withCountedRows(counted.get(i.collection())) : i).toList();
        return new IndexNodeSection(withRows, written, nodesOf("indexnode"), metrics);
    }

    private List<NodeInfo> nodesOf(String type) {
        return nodes.stream().filter(n -> n.type().equals(type)).toList();
    }

    private static LatencySummary summary(LatencyProbe.Result r) {
        return r == null ? null : r.summary();
    }
}
