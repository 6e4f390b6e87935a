package io.milvusbench.monitor;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import io.milvusbench.milvus.LocalProcessTarget;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor's figures against independent readings of the same real Milvus (local process):
 * resident memory against /proc VmRSS, rows against {@code count(*)} while unflushed rows exist, a
 * Growing segment visible in the snapshot right after an insert; and a 10 s freeze (SIGSTOP) seen as
 * down or degraded with an alert and an outage measured from the last good probe to the first good one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerTruthIT {
    static final int DIM = 16;
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    LocalProcessTarget target;
    MilvusClientV2 client;
    VectorCollection collection;
    long inserted;

    @BeforeAll
    void setUp() {
        TargetOptions options = TargetOptions.fromSystemProperties();
        options.connectTimeout = Duration.ofSeconds(3);
        options.rpcDeadline = Duration.ofSeconds(20);
        target = LocalProcessTarget.start(options);
        client = MilvusClients.v2(target.connection());
        collection = VectorCollection.create(client, SuiteCollections.newName("truth_it"), DIM);
        insert(2_000);
        collection.flush(TIMEOUT);
        collection.createIndex(IndexKind.HNSW, Metric.L2, Map.of());
        collection.awaitIndex(TIMEOUT, Duration.ofMillis(100));
        collection.load(TIMEOUT);
    }

    @AfterAll
    void tearDown() {
        try {
            if (collection != null) {
                SuiteCollections.drop(client, collection.name());
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

    private void insert(int rows) {
        SyntheticDataset data = new SyntheticDataset(DIM, inserted + rows, 8, 0.2f, 3, Metric.L2);
        float[][] v = new float[rows][];
        for (int i = 0; i < rows; i++) {
            v[i] = data.row(inserted + i);
        }
        collection.insert(inserted, v);
        inserted += rows;
    }

    private MonitorSettings settings() {
        return new MonitorSettings(List.of(collection.name()), 16, 2, 3, 10, false, 100, 8, IndexKind.FLAT, Duration.ofSeconds(10),
                85, 90, 100, true, Duration.ofSeconds(2), Duration.ofSeconds(60));
    }

    @Test
    @Order(1)
    void memoryRowsAndGrowingSegmentsMatchTheServer() {
        try (ComponentMonitor monitor = ComponentMonitor.forTarget(target, settings())) {
            Snapshot before = monitor.take(1, false).snapshot();
            assertEquals(0, before.queryNode().growingRows(collection.name()), "all rows flushed: " + before.queryNode().segmentsFromMetrics());

            insert(3_000);                                    // unflushed: a Growing segment
            Snapshot s = monitor.take(2, false).snapshot();     // the next snapshot must show it
            long procNow = ServerProcess.vmRss(target.pid());
            new TerminalReport(System.out).print(s);

            ServerProcess p = s.process();
            assertNotNull(p.rssBytes(), p.toString());
            assertTrue(p.standalone(), p.toString());
            double rssVsProc = Math.abs(p.rssBytes() - p.procVmRssBytes()) / (double) p.procVmRssBytes();
            double rssVsTest = Math.abs(p.rssBytes() - procNow) / (double) procNow;
            System.out.printf("RSS %d (process_resident_memory_bytes) vs /proc VmRSS %d (monitor) / %d (test): %.2f %% / %.2f %%%n",
                    p.rssBytes(), p.procVmRssBytes(), procNow, 100 * rssVsProc, 100 * rssVsTest);
            assertTrue(rssVsProc <= 0.02, "RSS within 2 % of /proc VmRSS read at the same moment");
            assertTrue(rssVsTest <= 0.05, "and close to a reading taken after the snapshot (the server's memory moves meanwhile)");
            assertEquals(Math.round(10_000.0 * p.rssBytes() / p.memoryTotalBytes()) / 100.0, p.memoryPercent());

            DataNodeSection.CollectionData c = s.dataNode().collections().get(0);
            long growing = s.queryNode().growingRows(collection.name());
            System.out.printf("rows: count(*) %d, inserted %d, GetCollectionStatistics %d, Growing (querynode metrics) %d%n",
                    c.exactRows(), inserted, c.rows(), growing);
            assertEquals(inserted, c.exactRows(), "count(*) counts unflushed rows");
            assertTrue(growing > 0, "a Growing segment within one snapshot of the insert: " + s.queryNode().segmentsFromMetrics());
            assertTrue(MonitorSettings.defaults().exactRows(), "count(*) is the monitor's default row count");

            IndexNodeSection.IndexState index = s.indexNode().indexes().stream()
                    .filter(i -> i.collection().equals(collection.name())).findFirst().orElseThrow();
            System.out.printf("index: DescribeIndex indexed %d, total %d, pending %d; unflushed (count(*) beyond) %d; shown total %d, pending %d%n",
                    index.indexedRows(), index.totalRows(), index.pendingRows(), index.unflushedRows(), index.allRows(), index.allPendingRows());
            assertEquals(c.exactRows(), index.allRows(), "the IndexNode table's total counts unflushed rows");
            assertTrue(index.allPendingRows() >= c.exactRows() - index.indexedRows() - index.pendingRows() && index.allPendingRows() > 0,
                    "unflushed rows are pending: " + index);

            HostSection h = s.host();
            long[] df = df(target.dataDir());
            double dfPercent = 100.0 * df[0] / (df[0] + df[1]);
            System.out.printf("disk: monitor %.1f %% used, %d bytes available; df -B1: used %d, available %d, %.2f %%%n",
                    h.diskPercent(), h.diskAvailableBytes(), df[0], df[1], dfPercent);
            assertEquals(dfPercent, h.diskPercent(), 1.0, "disk use within 1 point of df's used / (used + available)");
            assertEquals(df[1], h.diskAvailableBytes(), 0.01 * df[1], "available bytes within 1 % of df's");
            assertTrue(s.queryNode().segmentsFromMetrics().stream().anyMatch(x -> x.state().equals("Growing")
                    && collection.name().equals(x.collection()) && x.segments() >= 1));

            List<ScalarMetric> m = SnapshotMetrics.of(s);
            assertTrue(m.stream().anyMatch(x -> x.series().equals("milvus_process[mode=standalone]") && x.statistic().equals("memory_percent")
                    && x.component().equals("QueryNode") && x.value() == p.memoryPercent()), "memory alerts judge the process's RSS");
            assertTrue(m.stream().noneMatch(x -> x.series().startsWith("node[") && (x.statistic().equals("memory_percent")
                    || x.statistic().equals("cpu_percent"))), "standalone: no per-node memory_percent / cpu_percent");
            assertTrue(s.proxy().probeTraffic().requests().stream().anyMatch(r -> r.function().equals("Search") && r.total() >= 3),
                    "the monitor's own searches are shown apart: " + s.proxy().probeTraffic());
        }
    }

    @Test
    @Order(2)
    void aTenSecondFreezeIsSeenAndTimed(@TempDir Path results) throws Exception {
        MonitorSettings settings = new MonitorSettings(List.of(collection.name()), 16, 1, 2, 10, false, 100, 8, IndexKind.FLAT,
                Duration.ofSeconds(5), 85, 90, 100, false, Duration.ofSeconds(2), Duration.ofSeconds(60));
        MonitorRecorder recorder = new MonitorRecorder(RunFolder.create(results, "monitor"), Map.of("kind", "local"), Map.of());
        List<JudgedSnapshot> seen = new CopyOnWriteArrayList<>();
        ContinuousMonitor loop = new ContinuousMonitor(ComponentMonitor.forTarget(target, settings), recorder,
                new GateAlertEvaluator(MonitorRules.bundled().thresholds()), new Advisor(settings), Duration.ofSeconds(1),
                Duration.ofSeconds(60), 0, seen::add);
        Thread runner = new Thread(loop::run, "freeze-monitor-it");
        runner.start();
        long frozenAt;
        long thawedAt;
        try {
            awaitUntil(() -> seen.stream().filter(x -> x.snapshot().up()).count() >= 2, Duration.ofSeconds(30));
            frozenAt = System.currentTimeMillis();
            target.pause();
            try {
                Thread.sleep(10_000);
            } finally {
                target.resume();
                thawedAt = System.currentTimeMillis();
            }
            awaitUntil(() -> seen.stream().anyMatch(x -> x.snapshot().outage() != null)
                    || seen.stream().anyMatch(x -> x.snapshot().degraded()) && seen.get(seen.size() - 1).snapshot().status().equals(Snapshot.UP),
                    Duration.ofSeconds(40));
        } finally {
            loop.requestStop();
            assertTrue(loop.awaitFinished(Duration.ofSeconds(60)));
            runner.join(10_000);
        }
        System.out.printf("freeze: SIGSTOP at %s, SIGCONT at %s (%.1f s)%n", java.time.Instant.ofEpochMilli(frozenAt),
                java.time.Instant.ofEpochMilli(thawedAt), (thawedAt - frozenAt) / 1000.0);
        for (JudgedSnapshot o : seen) {
            Snapshot s = o.snapshot();
            System.out.printf("  #%d %s %s %.1fs liveness %s alerts %s%s%n", s.sequence(), s.at(), s.status(), s.durationSeconds(),
                    s.liveness(), s.alerts().stream().map(Alert::rule).toList(), s.outage() == null ? "" : " outage " + s.outage());
        }
        assertTrue(seen.stream().anyMatch(o -> !o.snapshot().status().equals(Snapshot.UP)
                && o.snapshot().alerts().stream().anyMatch(a -> a.rule().equals("server-down") || a.rule().equals("server-degraded"))),
                "the freeze shows as down or degraded, with an alert");
        Snapshot.Outage outage = seen.stream().map(o -> o.snapshot().outage()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (outage != null) {
            double frozen = (thawedAt - frozenAt) / 1000.0;
            assertTrue(outage.seconds() >= frozen - 2.5 && outage.seconds() <= frozen + 5, "outage " + outage.seconds() + " s vs freeze " + frozen + " s");
        }
    }

    /** {@code df -B1 --output=used,avail DIR}: used and available bytes, as df counts them. */
    private static long[] df(Path dir) {
        try {
            Process p = new ProcessBuilder("df", "-B1", "--output=used,avail", dir.toString()).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, "df failed: " + lines);
            String[] f = lines.get(1).trim().split("\\s+");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
