package io.milvusbench.monitor;

import io.milvus.client.MilvusServiceClient;
import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MetricsEndpoint;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.ScalarMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor against a real Milvus started as a local process, with a loaded, indexed suite
 * collection of 2,000 x 32-d vectors: every section holds real values, the Prometheus endpoint
 * serves the probe series over loopback, and continuous mode survives a server restart and records
 * the gap. Also saves the server's GetMetrics answer and /metrics text to target/monitor-samples/
 * (the source of the unit tests' samples).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComponentMonitorIT {
    static final int ROWS = 2_000;
    static final int DIM = 32;
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    LocalProcessTarget target;
    MilvusClientV2 client;
    String fixture;

    @BeforeAll
    void setUp() {
        TargetOptions options = TargetOptions.fromSystemProperties();
        options.connectTimeout = Duration.ofSeconds(3);
        options.rpcDeadline = Duration.ofSeconds(20);
        target = LocalProcessTarget.start(options);
        client = MilvusClients.v2(target.connection());
        fixture = SuiteCollections.newName("monitor_it");
        VectorCollection c = VectorCollection.create(client, fixture, DIM);
        SyntheticDataset data = new SyntheticDataset(DIM, ROWS, 16, 0.2f, 11, Metric.L2);
        for (long first = 0; first < ROWS; first += 1_000) {
            float[][] v = new float[1_000][];
            for (int i = 0; i < v.length; i++) {
                v[i] = data.row(first + i);
            }
            c.insert(first, v);
        }
        c.flush(TIMEOUT);
        c.createIndex(IndexKind.HNSW, Metric.L2, Map.of());
        c.awaitIndex(TIMEOUT, Duration.ofMillis(100));
        c.load(TIMEOUT);
    }

    @AfterAll
    void tearDown() {
        try {
            if (client != null && fixture != null) {
                SuiteCollections.drop(client, fixture);
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (target != null) {
                target.close();
            }
        }
    }

    private MonitorSettings settings(boolean writeProbe) {
        return new MonitorSettings(List.of(fixture), 16, 5, 10, 10, writeProbe, ROWS, DIM, IndexKind.HNSW,
                Duration.ofSeconds(20), 85, 90, 100);
    }

    private static JudgedSnapshot observe(ComponentMonitor monitor, long sequence, boolean writeProbe) {
        ComponentMonitor.Taken taken = monitor.take(sequence, writeProbe);
        return JudgedSnapshot.of(taken.snapshot(), taken.latencies(), new MemoryAlertEvaluator(85, 90),
                new Advisor(monitor.settings()));
    }

    @Test
    @Order(1)
    void oneShotEverySectionHoldsRealValues() throws IOException {
        JudgedSnapshot o;
        try (ComponentMonitor monitor = ComponentMonitor.forTarget(target, settings(true))) {
            o = observe(monitor, 1, true);
        }
        Snapshot s = o.snapshot();
        new TerminalReport(System.out).print(s);
        saveSamples(s);
        assertEquals(Snapshot.UP, s.status());
        assertTrue(s.errors().isEmpty(), "probe errors: " + s.errors());
        assertTrue(s.serverVersion().startsWith("v2.3"), s.serverVersion());

        ProxySection proxy = s.proxy();
        assertEquals(5, proxy.connect().count());
        assertTrue(proxy.connect().p95Ms() > 0);
        assertEquals(fixture, proxy.probedCollection());
        assertEquals(10, proxy.search().count());
        assertEquals(0, proxy.search().errors());
        assertEquals(10, proxy.query().count());
        assertTrue(proxy.search().p50Ms() > 0 && proxy.search().p50Ms() <= proxy.search().p99Ms());
        ServerTraffic.RequestCount searches = proxy.probeTraffic().requests().stream()
                .filter(r -> r.function().equals("Search")).findFirst().orElseThrow();
        assertTrue(searches.total() >= 10, "the proxy counted our searches, shown apart as the monitor's own: " + searches);
        assertTrue(proxy.probeTraffic().latencies().stream().anyMatch(l -> l.function().equals("search") && l.count() >= 10));
        assertTrue(proxy.traffic().requests().stream().noneMatch(r -> r.function().equals("Search")),
                "the server's traffic before the snapshot holds none of the monitor's searches: " + proxy.traffic());
        assertFalse(proxy.nodes().isEmpty());

        QueryNodeSection qn = s.queryNode();
        List<QueryNodeSection.Segment> fixtureSegments = qn.segments().stream().filter(x -> x.collection().equals(fixture)).toList();
        assertEquals(ROWS, fixtureSegments.stream().mapToLong(QueryNodeSection.Segment::rows).sum());
        assertTrue(fixtureSegments.stream().allMatch(x -> !x.nodeIds().isEmpty() && x.indexName().equals("vector_idx")), qn.segments().toString());
        assertEquals(ROWS, qn.distribution().stream().mapToLong(QueryNodeSection.NodeShare::rows).sum());
        NodeInfo queryNode = qn.nodes().get(0);
        assertEquals("querynode", queryNode.type());
        assertTrue(queryNode.memoryUsedBytes() > 0 && queryNode.memoryBytes() > queryNode.memoryUsedBytes(), queryNode.toString());
        assertFalse(qn.metrics().isEmpty());

        DataNodeSection dn = s.dataNode();
        DataNodeSection.CollectionData data = dn.collections().get(0);
        assertEquals(fixture, data.name());
        assertEquals(ROWS, data.rows());
        assertTrue(data.segmentsByState().getOrDefault("Flushed", 0) >= 1, data.toString());
        WriteProbeResult w = dn.writeProbe();
        assertTrue(w.collection().startsWith("mbench_monitor_probe_"));
        assertTrue(w.insertRowsPerSecond() > 0 && w.flushSeconds() > 0, w.toString());
        assertTrue(w.dropped());
        assertFalse(VectorCollection.exists(client, w.collection()), "the probe collection is dropped");
        assertEquals("datanode", dn.nodes().get(0).type());

        IndexNodeSection ix = s.indexNode();
        IndexNodeSection.IndexState index = ix.indexes().get(0);
        assertEquals("HNSW", index.type());
        assertEquals("L2", index.metric());
        assertEquals("16", index.params().get("M"));
        assertEquals(ROWS, index.indexedRows());
        assertEquals(0, index.pendingRows());
        assertEquals("Finished", index.state());
        assertTrue(ix.buildProbe().buildSeconds() > 0 && ix.buildProbe().buildRowsPerSecond() > 0);

        HostSection host = s.host();
        assertEquals("oshi", host.source());
        assertEquals(target.pid(), host.processPid());
        assertTrue(host.processRssBytes() > 10L << 20, "Milvus' own resident memory: " + host.processRssBytes());
        assertTrue(host.memoryTotalBytes() > 0 && host.diskTotalBytes() > 0);

        assertTrue(o.metrics().stream().anyMatch(m -> m.component().equals("QueryNode") && m.statistic().equals("memory_percent")
                && m.value() > 0 && m.value() < 100));
        assertTrue(o.metrics().stream().anyMatch(m -> m.component().equals("IndexNode") && m.statistic().equals("build_seconds")));
    }

    private void saveSamples(Snapshot s) throws IOException {
        Path dir = Path.of("target/monitor-samples");
        Files.createDirectories(dir);
        MilvusServiceClient v1 = MilvusClients.v1(target.connection());
        try {
            Files.writeString(dir.resolve("getmetrics-system-info-v2.3.5-loaded.json"), SystemInfo.fetchJson(v1));
        } finally {
            v1.close();
        }
        Files.writeString(dir.resolve("metrics-v2.3.5-loaded.txt"),
                MetricsEndpoint.scrape(target.metricsUri().orElseThrow(), Duration.ofSeconds(5)));
        Files.writeString(dir.resolve("monitor-snapshot-v2.3.5.json"), MonitorJson.pretty(s));
    }

    @Test
    @Order(2)
    void prometheusEndpointServesProbeSeries() throws Exception {
        JudgedSnapshot o;
        try (ComponentMonitor monitor = ComponentMonitor.forTarget(target, settings(false))) {
            o = observe(monitor, 1, false);
        }
        try (MonitorExporter exporter = MonitorExporter.start("127.0.0.1", 0)) {
            exporter.update(o);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            PrometheusText scraped = PrometheusText.parse(response.body());
            String searchSeries = "monitor_search[collection=" + fixture + "]";
            double p95 = scraped.sum("mbench_monitor_probe_latency_seconds",
                    x -> x.label("series").equals(searchSeries) && x.label("quantile").equals("0.95"));
            assertEquals(o.snapshot().proxy().search().p95Ms() / 1000, p95, 0.0005);
            assertTrue(scraped.sum("mbench_monitor_memory_ratio", x -> x.label("component").equals("QueryNode")) > 0);
            assertTrue(response.body().contains("# TYPE mbench_monitor_probe_latency_seconds summary"), "a summary, typed");
            assertEquals(1.0, scraped.sum("mbench_monitor_up", x -> true));
        }
    }

    @Test
    @Order(3)
    void continuousModeSurvivesARestartAndRecordsTheGap(@TempDir Path results) throws Exception {
        MonitorSettings settings = new MonitorSettings(List.of(fixture), 16, 2, 3, 10, false, ROWS, DIM, IndexKind.HNSW,
                Duration.ofSeconds(10), 85, 90, 100);
        MonitorRecorder recorder = new MonitorRecorder(RunFolder.create(results, "monitor"), Map.of("kind", "local"), Map.of());
        List<JudgedSnapshot> seen = new CopyOnWriteArrayList<>();
        ContinuousMonitor loop = new ContinuousMonitor(ComponentMonitor.forTarget(target, settings), recorder,
                new MemoryAlertEvaluator(85, 90), new Advisor(settings), Duration.ofSeconds(1), Duration.ofSeconds(100), 0, seen::add);
        Thread runner = new Thread(loop::run, "continuous-monitor-it");
        runner.start();
        try {
            awaitUntil(() -> seen.stream().filter(x -> x.snapshot().up()).count() >= 2, Duration.ofSeconds(40));
            long restartStarted = System.nanoTime();
            target.control().orElseThrow().restart(TIMEOUT);
            double restartSeconds = (System.nanoTime() - restartStarted) / 1e9;
            awaitUntil(() -> seen.stream().anyMatch(x -> x.snapshot().outage() != null), Duration.ofSeconds(60));
            System.out.printf("restart took %.1f s%n", restartSeconds);
        } finally {
            loop.requestStop();
            assertTrue(loop.awaitFinished(Duration.ofSeconds(60)));
            runner.join(10_000);
        }
        Path dir = recorder.dir();
        assertFalse(dir.getFileName().toString().endsWith(RunFolder.PARTIAL), "the run folder is complete: " + dir);
        List<String> lines = Files.readAllLines(dir.resolve("monitor.jsonl"), StandardCharsets.UTF_8);
        lines.forEach(l -> System.out.println(l.length() > 400 ? l.substring(0, 400) + "..." : l));
        List<Snapshot> snapshots = lines.stream().map(MonitorJson::snapshot).toList();
        assertEquals(seen.size(), snapshots.size());
        assertTrue(snapshots.stream().anyMatch(x -> !x.up()), "a down snapshot marks the gap");
        Snapshot back = snapshots.stream().filter(x -> x.outage() != null).findFirst().orElseThrow();
        assertTrue(back.up());
        assertTrue(back.outage().seconds() > 0 && back.outage().missedSnapshots() >= 1, back.outage().toString());
        assertTrue(back.outage().firstDown().isAfter(back.outage().lastUp()));
        int downIndex = snapshots.indexOf(snapshots.stream().filter(x -> !x.up()).findFirst().orElseThrow());
        assertTrue(snapshots.subList(0, downIndex).stream().allMatch(Snapshot::up));
        List<ScalarMetric> metrics = ScalarMetric.read(dir.resolve("metrics.jsonl"));
        assertTrue(metrics.stream().anyMatch(m -> m.statistic().equals("outage_seconds") && m.value() == back.outage().seconds()));
        assertTrue(metrics.stream().anyMatch(m -> m.statistic().equals("up") && m.value() == 0.0));
        String run = Files.readString(dir.resolve("run.json"));
        assertTrue(run.contains("\"outages\"") && run.contains("\"missedSnapshots\""), run);
        assertTrue(Files.list(dir.resolve("hlog")).findAny().isPresent(), "probe latencies are in hlog/");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
