package io.milvusbench.monitor;

import io.milvusbench.load.ProxySearchLatency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor's figures on the /metrics and GetMetrics shapes of Milvus 2.3 (captured from a real 2.3.5),
 * 2.4, 2.5 and 2.6 (built from each version's definitions; see samples/README.md). Every expected value
 * is worked out by hand from the sample text, in the comment beside it.
 */
class VersionShapesTest {
    private static final String DOCS = "451000000000000001";
    private static final String IMAGES = "451000000000000002";
    private static final String SHOP_DOCS = "451000000000000003";

    private static PrometheusText built(String version) {
        return Samples.metrics("metrics-v" + version + "-built.txt");
    }

    private static List<NodeInfo> builtNodes(String version) {
        return SystemInfo.parse(Samples.text("getmetrics-system-info-v" + version + "-built.json"));
    }

    // ---- Milvus 2.3.5, captured ----

    @Test
    void v235RequestsAndLatencyAsBefore() {
        ServerTraffic.Figures f = ServerTraffic.of(Samples.metrics("metrics-v2.3.5-loaded.txt"), null, 0);
        // req_count{function_name="Search",status="total"} 10, no "fail" series
        ServerTraffic.RequestCount search = request(f, "Search");
        assertEquals(10, search.total());
        assertEquals(0, search.failed());
        // 2.3 has no collection_name on req_count: no split by collection
        assertNull(f.byCollection());
        // sq_latency search: count 10, sum 16 -> mean 1.6; le1 = 6 >= 5 = p50 rank: below the first bucket;
        // p95 rank 9.5 in (2,4] (9 -> 10): 2 + 2 * 0.5 / 1 = 3.0; p99 rank 9.9: 2 + 2 * 0.9 = 3.8
        ServerTraffic.ServerLatency sq = latency(f, ServerTraffic.SQ_LATENCY, "search");
        assertEquals(10, sq.count());
        assertEquals(1.6, sq.meanMs());
        assertNull(sq.p50Ms());
        assertEquals(List.of("p50"), sq.belowFirstBucket());
        assertEquals(3.0, sq.p95Ms());
        assertEquals(3.8, sq.p99Ms());
    }

    @Test
    void v235SegmentsPerCollectionAsBefore() {
        List<QueryNodeSection.StateRows> rows = QueryNodeProbe.fromMetrics(Samples.metrics("metrics-v2.3.5-loaded.txt"),
                Map.of("470694477628440595", "a"));
        // two collections, one sealed segment of 2,000 rows each; the second one is not inspected and 2.3 has no name label
        assertEquals(List.of(new QueryNodeSection.StateRows("a", "470694477628440595", "Sealed", 1, 2000),
                new QueryNodeSection.StateRows(null, "470694477628840673", "Sealed", 1, 2000)), rows);
    }

    @Test
    void v235ProxySearchLatencyPerCollection() {
        ProxySearchLatency l = ProxySearchLatency.from(Samples.metrics("metrics-v2.3.5-loaded.txt"), "mbench_monitor_it_3d6fae");
        // collection_sq_latency{collection_name="mbench_monitor_it_3d6fae",query_type="search"}: count 10, sum 16
        assertEquals(10, l.count());
        assertEquals(16, l.sumMs());
    }

    @Test
    void v235TopologyKnowsEveryRole() {
        TopologySection t = NodeRoles.topology(SystemInfo.parse(Samples.text("getmetrics-system-info-v2.3.5.json")));
        assertEquals("Proxy 1, QueryNode 1, DataNode 1, IndexNode 1, RootCoord 1, QueryCoord 1, DataCoord 1", t.summary());
        assertTrue(t.unknown().isEmpty());
        assertTrue(t.notes().isEmpty(), t.notes().toString());
    }

    // ---- Milvus 2.4, 2.5, 2.6, built: the same traffic in each shape ----

    @ParameterizedTest
    @ValueSource(strings = {"2.4", "2.5", "2.6"})
    void requestCountsSumOverDatabaseAndCollection(String version) {
        ServerTraffic.Figures f = ServerTraffic.of(built(version), null, 0);
        // Search totals 40 (default/docs) + 10 (default/images) + 5 (shop/docs) = 55; fail 2 (default/docs)
        assertEquals(55, request(f, "Search").total());
        assertEquals(2, request(f, "Search").failed());
        assertEquals(4, request(f, "Insert").total());
        assertEquals(3, request(f, "ListCollections").total());
        // by collection, ListCollections (no collection) left out, sorted by db, collection, method
        assertEquals(List.of(new ServerTraffic.CollectionRequests("default", "docs", "Insert", 4, 0),
                new ServerTraffic.CollectionRequests("default", "docs", "Search", 40, 2),
                new ServerTraffic.CollectionRequests("default", "images", "Search", 10, 0),
                new ServerTraffic.CollectionRequests("shop", "docs", "Search", 5, 0)), f.byCollection());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.4", "2.5", "2.6"})
    void latencySumsOverDatabaseAndCollection(String version) {
        ServerTraffic.Figures f = ServerTraffic.of(built(version), null, 0);
        // sq_latency search over three series: le4 10, le8 30+5 = 35, le16 38+10+5 = 53; sum 250+90+60 = 400
        ServerTraffic.ServerLatency sq = latency(f, ServerTraffic.SQ_LATENCY, "search");
        assertEquals(53, sq.count());
        assertEquals(7.547, sq.meanMs());          // 400 / 53 = 7.5471
        assertEquals(6.64, sq.p50Ms());            // rank 26.5 in (4,8]: 4 + 4 * 16.5 / 25
        assertEquals(14.822, sq.p95Ms());          // rank 50.35 in (8,16]: 8 + 8 * 15.35 / 18
        assertEquals(15.764, sq.p99Ms());          // rank 52.47: 8 + 8 * 17.47 / 18
        assertNull(sq.belowFirstBucket());
        // req_latency Search: le2 5, le4 20, le8 50, le16 55; sum 330
        ServerTraffic.ServerLatency req = latency(f, ServerTraffic.REQ_LATENCY, "Search");
        assertEquals(55, req.count());
        assertEquals(6.0, req.meanMs());           // 330 / 55
        assertEquals(5.0, req.p50Ms());            // rank 27.5 in (4,8]: 4 + 4 * 7.5 / 30
        assertEquals(11.6, req.p95Ms());           // rank 52.25 in (8,16]: 8 + 8 * 2.25 / 5
        assertEquals(15.12, req.p99Ms());          // rank 54.45: 8 + 8 * 4.45 / 5
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.4", "2.5", "2.6"})
    void segmentsSumOverLevelsAndPartitions(String version) {
        List<QueryNodeSection.StateRows> rows = QueryNodeProbe.fromMetrics(built(version), Map.of(DOCS, "docs"));
        // 2.4 labels entity_num with db_name only: an uninspected collection has no name; 2.5 and 2.6 add collection_name
        boolean named = !version.equals("2.4");
        assertEquals(List.of(
                // docs Growing: one L1 segment, 1,200 rows
                new QueryNodeSection.StateRows("docs", DOCS, "Growing", 1, 1200),
                // docs Sealed: three L1 segments and one L0 (deletes only, 0 rows), 30,000 rows
                new QueryNodeSection.StateRows("docs", DOCS, "Sealed", 4, 30000),
                new QueryNodeSection.StateRows(named ? "default/images" : null, IMAGES, "Sealed", 2, 8000),
                new QueryNodeSection.StateRows(named ? "shop/docs" : null, SHOP_DOCS, "Growing", 1, 500)), rows);
        // the inspected docs (default database) only: shop/docs is another collection with the same name
        QueryNodeSection q = new QueryNodeSection(List.of(), List.of(), List.of(), Map.of(), rows);
        assertEquals(1200, q.growingRows("docs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.4", "2.5", "2.6"})
    void proxySearchLatencyOfOneCollection(String version) {
        ProxySearchLatency l = ProxySearchLatency.from(built(version), "docs");
        // 2.4/2.5: collection_sq_latency{collection_name="docs"} (both databases: 38 + 5, 250 + 60);
        // 2.6: none observed, so sq_latency{collection_name="docs"}: the same 43 and 310
        assertEquals(43, l.count());
        assertEquals(310, l.sumMs());
        assertEquals(10, l.cumulativeBuckets().get(4.0));
        assertEquals(30, l.cumulativeBuckets().get(8.0));
        assertEquals(43, l.cumulativeBuckets().get(16.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.4", "2.5", "2.6"})
    void componentSeriesSummedOverLabels(String version) {
        PrometheusText m = built(version);
        // index tasks: success 4 + fail 1 (2.6: counted by the DataNode, still under milvus_indexnode_)
        assertEquals(5.0, ComponentMetrics.summed(m, "milvus_indexnode_").get("milvus_indexnode_index_task_count"));
        // stored rows: 30,000 (docs) + 8,000 (images)
        assertEquals(38000.0, ComponentMetrics.summed(m, "milvus_datacoord_").get("milvus_datacoord_stored_rows_num"));
        // entity size of docs: 61,440,000 sealed + 2,457,600 growing
        assertEquals(63897600.0, m.sum("milvus_querynode_entity_size", s -> DOCS.equals(s.label("collection_id"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.4", "2.5"})
    void topologyOf24And25IsThatOf23(String version) {
        TopologySection t = NodeRoles.topology(builtNodes(version));
        assertEquals("Proxy 1, QueryNode 1, DataNode 1, IndexNode 1, RootCoord 1, QueryCoord 1, DataCoord 1", t.summary());
        assertTrue(t.notes().isEmpty());
    }

    @Test
    void v26RolesByTheirOwnNames() {
        TopologySection t = NodeRoles.topology(builtNodes("2.6"));
        // rootcoord1, querycoord1 and datacoord1 are one MixCoord; streamingnode7 is a StreamingNode; no IndexNode
        assertEquals("Proxy 1, QueryNode 2, DataNode 1, StreamingNode 1, MixCoord 1", t.summary());
        assertEquals("rootcoord+querycoord+datacoord", t.roles().get(4).types());
        assertTrue(t.unknown().isEmpty());
        assertTrue(t.notes().contains("no IndexNode: Milvus 2.6 builds indexes on the DataNode"), t.notes().toString());
        // the nodes without a section: the three coordinator entries and the streaming node
        assertEquals(List.of("streamingnode7", "querycoord1", "datacoord1", "rootcoord1"), t.others().stream().map(NodeInfo::name).toList());
    }

    @Test
    void v26HealthyClusterRaisesNoMissingNode() {
        ClusterWatch watch = new ClusterWatch(List::of);
        List<NodeInfo> nodes = builtNodes("2.6");
        for (int i = 0; i < 3; i++) {
            ClusterSection c = watch.observe(nodes, new java.util.ArrayList<>());
            assertTrue(c.missing().isEmpty(), c.missing().toString());
            assertFalse(c.nodesByType().containsKey("indexnode"));
            assertEquals(2, c.nodesByType().get("querynode"));
            assertEquals(1, c.nodesByType().get("streamingnode"));
        }
        // a query node leaving is still seen
        List<NodeInfo> fewer = nodes.stream().filter(n -> !n.name().equals("querynode6")).toList();
        assertEquals(List.of("querynode: 1 of 2 in GetMetrics (querynode6 gone)"), watch.observe(fewer, new java.util.ArrayList<>()).missing());
    }

    @Test
    void unknownRoleListedNeverAlarmed() {
        List<NodeInfo> nodes = new java.util.ArrayList<>(builtNodes("2.6"));
        nodes.add(new NodeInfo("vectorcache3", "vectorcache", 3, 0, 0, 0, 0, 0, 0, "v2.6.6", ""));
        TopologySection t = NodeRoles.topology(nodes);
        assertEquals(List.of("vectorcache"), t.unknown());
        assertEquals("Proxy 1, QueryNode 2, DataNode 1, StreamingNode 1, MixCoord 1, vectorcache 1 (unknown role)", t.summary());
        ClusterWatch watch = new ClusterWatch(List::of);
        ClusterSection first = watch.observe(nodes, new java.util.ArrayList<>());
        assertEquals(1, first.nodesByType().get("vectorcache"));
        assertFalse(first.expectedByType().containsKey("vectorcache"));
        // it goes away: listed no more, never "missing"
        ClusterSection second = watch.observe(builtNodes("2.6"), new java.util.ArrayList<>());
        assertTrue(second.missing().isEmpty(), second.missing().toString());
    }

    @Test
    void v26ReportNamesRolesAndSaysWhereIndexesAreBuilt() {
        List<NodeInfo> nodes = builtNodes("2.6");
        TopologySection t = NodeRoles.topology(nodes);
        ClusterSection c = new ClusterWatch(List::of).observe(nodes, new java.util.ArrayList<>());
        IndexNodeSection ix = new IndexNodeSection(List.of(), null, List.of(), Map.of());
        Snapshot s = new Snapshot(java.time.Instant.parse("2026-12-07T19:00:00Z"), 1, Snapshot.UP, "uri", "v2.6.6", 1, null, null, null,
                ix, null, null, null, List.of(), null, null, null, c, t);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        new TerminalReport(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)).print(s);
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("ROLES  (GetMetrics system_info): Proxy 1, QueryNode 2, DataNode 1, StreamingNode 1, MixCoord 1"), out);
        assertTrue(out.contains("INDEXNODE\n  no IndexNode: Milvus 2.6 builds indexes on the DataNode"), out);
        assertTrue(out.contains("streamingnode7"), out);
        assertFalse(out.contains("MISSING"), out);
        assertTrue(JudgedSnapshot.status(s).stream().noneMatch(a -> a.rule().equals("node-missing")));
        // the streaming node's memory is a figure of its own component: 536,870,912 bytes (its memory_usage)
        assertTrue(SnapshotMetrics.of(s).stream().anyMatch(m -> "StreamingNode".equals(m.component())
                && m.statistic().equals("memory_used_bytes") && m.value() == 536870912.0), SnapshotMetrics.of(s).toString());
    }

    @Test
    void v26StreamingNodeMemoryAdvisedUnderItsOwnName() {
        // streamingnode7 uses 536,870,912 of 17,179,869,184 bytes: 3.125 %, over a 3 % warning level; query nodes 12.5 % and 6.25 %
        TopologySection t = NodeRoles.topology(builtNodes("2.6"));
        Snapshot s = new Snapshot(java.time.Instant.parse("2026-12-07T19:00:00Z"), 1, Snapshot.UP, "uri", "v2.6.6", 1, null, null, null,
                null, null, null, null, List.of(), null, null, null, null, t);
        MonitorSettings settings = new MonitorSettings(List.of(), 16, 5, 10, 10, true, 2000, 32, io.milvusbench.index.IndexKind.HNSW,
                java.time.Duration.ofSeconds(20), 3, 90, 100);
        List<Recommendation> advice = new Advisor(settings).recommend(s);
        assertTrue(advice.stream().anyMatch(r -> r.component().equals("StreamingNode") && r.evidence().startsWith("streamingnode7 memory 3.1%")),
                advice.toString());
    }

    private static ServerTraffic.RequestCount request(ServerTraffic.Figures f, String method) {
        return f.requests().stream().filter(r -> r.function().equals(method)).findFirst().orElseThrow();
    }

    private static ServerTraffic.ServerLatency latency(ServerTraffic.Figures f, String metric, String key) {
        return f.latencies().stream().filter(l -> l.metric().equals(metric) && l.function().equals(key)).findFirst().orElseThrow();
    }
}
