package io.milvusbench.milvus;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import io.milvusbench.load.LoadFixture;
import io.milvusbench.load.Placement;
import io.milvusbench.monitor.Advisor;
import io.milvusbench.monitor.AlertEvaluator;
import io.milvusbench.monitor.ClusterSection;
import io.milvusbench.monitor.ComponentMonitor;
import io.milvusbench.monitor.MonitorSettings;
import io.milvusbench.monitor.JudgedSnapshot;
import io.milvusbench.monitor.QueryNodeSection;
import io.milvusbench.monitor.Snapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real multi-process Milvus cluster on this machine (scripts/milvus-cluster.sh: etcd, Kafka, three
 * coordinators, a data node, an index node, two query nodes, a proxy): every process found and
 * healthy, per-process resident memory from its own /metrics against /proc, segments spread over
 * both query nodes, and a query node killed with SIGKILL: reported missing with a critical alert, its
 * segments served by the other node, and back after a restart. etcd and Kafka listen on loopback
 * only; the Milvus processes' sockets on every interface refuse requests without the run's
 * credential, except Milvus 2.3's internal ports (see {@link ExposureCheck}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final int ROWS = 8_000;
    private static final int DIM = 16;
    private static ClusterTarget cluster;
    private static MilvusClientV2 client;
    private static LoadFixture fixture;
    private static ComponentMonitor monitor;
    private static long sequence;

    @BeforeAll
    static void start() {
        TargetOptions options = TargetOptions.fromSystemProperties();
        // no automatic compaction: it would soon merge the four small segments into one, on one node
        options.clusterSettings = List.of("dataCoord.enableCompaction=false");
        cluster = ClusterTarget.start(options);
        System.out.printf("cluster: healthy after %d ms in %s%n", cluster.startToHealthy().toMillis(), cluster.dir());
        client = MilvusClients.v2(cluster.connection());
        long t0 = System.nanoTime();
        // four flushed parts: four sealed segments for the query coordinator to spread over the two query nodes
        fixture = LoadFixture.prepare(client, new SyntheticDataset(DIM, ROWS, 16, 0.2f, 7, Metric.L2), IndexKind.FLAT, Map.of(), true,
                Duration.ofMinutes(3), System.out, new Placement(4, 1));
        System.out.printf("collection ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        MonitorSettings settings = new MonitorSettings(List.of(fixture.collection().name()), 16, 2, 3, 10, false, 2000, 32,
                IndexKind.HNSW, Duration.ofSeconds(10), 85, 90, 100);
        monitor = ComponentMonitor.forTarget(cluster, settings);
    }

    @AfterAll
    static void stop() {
        if (monitor != null) {
            monitor.close();
        }
        try {
            if (fixture != null) {
                fixture.close();
            }
        } catch (RuntimeException e) {
            System.out.println("drop failed (the cluster is stopped next): " + e.getMessage());
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JudgedSnapshot observe() {
        Snapshot raw = monitor.take(++sequence, false).snapshot();
        JudgedSnapshot o = JudgedSnapshot.of(raw, List.of(), sample -> List.of(), new Advisor(monitor.settings()));
        ClusterSection c = o.snapshot().cluster();
        System.out.printf("snapshot %d at %s: %s, distribution %s, missing %s, alerts %s%n", sequence, raw.at(), raw.status(),
                raw.queryNode() == null ? null : raw.queryNode().distribution(), c == null ? null : c.missing(),
                o.snapshot().alerts().stream().map(a -> a.rule()).toList());
        return o;
    }

    @Test
    @Order(1)
    void everyProcessIsListedHealthyWithItsOwnPortsAndPid() {
        List<Component> all = cluster.components();
        assertEquals(List.of("etcd", "kafka", "rootcoord", "datacoord", "querycoord", "datanode", "indexnode", "querynode1",
                "querynode2", "proxy"), all.stream().map(Component::name).toList());
        all.forEach(c -> assertEquals("healthy", c.state(), c.name()));
        assertEquals(all.size(), all.stream().map(Component::pid).collect(Collectors.toSet()).size(), "one process each");
        Set<Integer> metricsPorts = all.stream().filter(c -> c.metricsUri() != null).map(c -> c.metricsUri().getPort())
                .collect(Collectors.toSet());
        assertEquals(9, metricsPorts.size(), "etcd and every Milvus process have a metrics port of their own");
    }

    @Test
    @Order(2)
    void perProcessMemoryMatchesProcAndSegmentsSpreadOverBothQueryNodes() {
        JudgedSnapshot o = observe();
        Snapshot s = o.snapshot();
        // up, or degraded when the busy machine made one read slower than the 2 s probe deadline
        assertTrue(s.up(), "status " + s.status());
        ClusterSection c = s.cluster();
        assertNotNull(c);
        assertEquals(List.of(), c.missing());
        assertEquals(2, c.nodesByType().get("querynode"));
        for (ClusterSection.ProcessFigures p : c.processes()) {
            assertTrue(p.up(), p.name());
            assertNotNull(p.procVmRssBytes(), p.name());
            if (!p.name().equals("kafka")) {
                // the process's own figure against the kernel's, read right after it
                assertTrue(p.rssDifferencePercent() < 5, p.name() + " RSS " + p.rssBytes() + " vs VmRSS " + p.procVmRssBytes());
            }
            assertNotNull(p.cpuCores(), p.name());
        }
        Set<Long> pids = c.processes().stream().map(ClusterSection.ProcessFigures::pid).collect(Collectors.toSet());
        assertEquals(10, pids.size());
        List<QueryNodeSection.NodeShare> shares = s.queryNode().distribution();
        assertEquals(2, shares.size(), "both query nodes serve segments: " + shares);
        assertEquals(ROWS, shares.stream().mapToLong(QueryNodeSection.NodeShare::rows).sum());
        assertTrue(o.snapshot().alerts().stream().noneMatch(a -> a.rule().equals("node-missing")));
    }

    @Test
    @Order(3)
    void aKilledQueryNodeIsMissingItsSegmentsMoveAndItComesBack() {
        Snapshot before = observe().snapshot();
        // kill the query node that serves the most rows, so its segments have to move
        QueryNodeSection.NodeShare busiest = before.queryNode().distribution().stream()
                .max(java.util.Comparator.comparingLong(QueryNodeSection.NodeShare::rows)).orElseThrow();
        String victim = before.cluster().processes().stream().filter(p -> Long.valueOf(busiest.nodeId()).equals(p.nodeId()))
                .map(ClusterSection.ProcessFigures::name).findFirst().orElseThrow(() -> new AssertionError("no process has node id "
                        + busiest.nodeId() + ": " + before.cluster().processes()));
        System.out.println("killing " + victim + " (node id " + busiest.nodeId() + ", " + busiest.rows() + " rows): "
                + cluster.stopNode(victim, true));
        long killedAt = System.nanoTime();

        JudgedSnapshot missing = observe();
        assertTrue(missing.snapshot().cluster().missing().stream().anyMatch(m -> m.startsWith(victim + " ")),
                "missing: " + missing.snapshot().cluster().missing());
        assertTrue(missing.snapshot().alerts().stream().anyMatch(a -> a.rule().equals("node-missing") && a.critical()));

        assertEquals(2, before.queryNode().distribution().size(), "both nodes serve segments before the kill");
        JudgedSnapshot moved = until(Duration.ofSeconds(120), s -> s.queryNode() != null && s.queryNode().distribution().size() == 1
                && s.queryNode().distribution().get(0).nodeId() != busiest.nodeId()
                && s.queryNode().distribution().get(0).rows() == ROWS);
        assertEquals(4, moved.snapshot().queryNode().distribution().get(0).segments(), "the killed node's segments moved, none merged");
        System.out.printf("all %d rows on node %d %.1f s after the kill%n", ROWS, moved.snapshot().queryNode().distribution().get(0).nodeId(),
                (System.nanoTime() - killedAt) / 1e9);
        assertTrue(moved.snapshot().cluster().missing().stream().anyMatch(m -> m.startsWith("querynode: 1 of 2")),
                "GetMetrics lists one query node: " + moved.snapshot().cluster().missing());

        System.out.println(cluster.startNode(victim));
        // back: the restarted process answers its health check and a new query node serves segments again.
        // (GetMetrics' node list may lag behind that for minutes on a busy machine; node-missing stays raised
        // from its count until the server lists the node, which the next snapshots print.)
        JudgedSnapshot back = until(Duration.ofSeconds(150), s -> s.cluster() != null
                && s.cluster().missing().stream().noneMatch(m -> m.startsWith(victim + " "))
                && s.queryNode() != null && s.queryNode().distribution().size() == 2);
        assertTrue(back.snapshot().queryNode().distribution().stream().anyMatch(n -> n.nodeId() != moved.snapshot().queryNode()
                .distribution().get(0).nodeId()), "the restarted node serves segments: " + back.snapshot().queryNode().distribution());
        System.out.printf("back %.1f s after the kill; missing now %s%n", (System.nanoTime() - killedAt) / 1e9,
                back.snapshot().cluster().missing());
    }

    @Test
    @Order(4)
    void listenersOnEveryInterfaceRefuseRequestsWithoutTheRunCredential() {
        List<Component> all = cluster.components();
        Set<Integer> metricsPorts = all.stream().filter(c -> c.metricsUri() != null).map(c -> c.metricsUri().getPort())
                .collect(Collectors.toSet());
        ExposureCheck.Report report = ExposureCheck.check(all.stream().map(Component::pid).toList(), cluster.connection().port(),
                metricsPorts, cluster.connection().token());
        report.print("cluster");
        for (Component c : all) {
            if (!c.milvus()) {
                assertTrue(report.listeners().stream().filter(l -> l.pid() == c.pid()).allMatch(ListeningSockets.Listener::loopback),
                        c.name() + " listens on loopback only: " + report.listeners());
            }
        }
    }

    private static JudgedSnapshot until(Duration limit, Predicate<Snapshot> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JudgedSnapshot o = observe();
            if (done.test(o.snapshot())) {
                return o;
            }
            assertFalse(System.nanoTime() > deadline, "not reached within " + limit);
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
