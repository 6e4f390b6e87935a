package io.milvusbench.monitor;

import io.milvusbench.BadInputException;
import io.milvusbench.milvus.Component;
import io.milvusbench.results.ScalarMetric;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Missing nodes from GetMetrics' node lists across snapshots, the alert they raise and their metrics lines. */
class ClusterWatchTest {
    private static NodeInfo node(String name, String type, long id) {
        return new NodeInfo(name, type, id, 1L << 34, 1L << 28, 2, 10, 0, 0, "v2.3.5", "");
    }

    private static List<NodeInfo> cluster(String... queryNodes) {
        List<NodeInfo> nodes = new ArrayList<>(List.of(node("proxy8", "proxy", 8), node("datanode4", "datanode", 4)));
        long id = 10;
        for (String q : queryNodes) {
            nodes.add(node(q, "querynode", id++));
        }
        return nodes;
    }

    @Test
    void aQueryNodeThatLeavesIsMissingUntilOneComesBack() {
        ClusterWatch watch = new ClusterWatch(List::of);
        List<ProbeError> errors = new ArrayList<>();
        ClusterSection before = watch.observe(cluster("querynode6", "querynode7"), errors);
        assertEquals(List.of(), before.missing());
        assertEquals(2, before.nodesByType().get("querynode"));

        ClusterSection after = watch.observe(cluster("querynode6"), errors);
        assertEquals(List.of("querynode: 1 of 2 in GetMetrics (querynode7 gone)"), after.missing());
        assertEquals(Map.of("datanode", 1, "proxy", 1, "querynode", 2), after.expectedByType());

        // a restarted node registers under a new id and name: the count is what matters
        ClusterSection back = watch.observe(cluster("querynode6", "querynode9"), errors);
        assertEquals(List.of(), back.missing());
        assertEquals(List.of(), errors);
    }

    @Test
    void aDownSnapshotDoesNotCountNodes() {
        ClusterWatch watch = new ClusterWatch(List::of);
        watch.observe(cluster("querynode6", "querynode7"), new ArrayList<>());
        ClusterSection down = watch.observe(List.of(), new ArrayList<>());
        assertEquals(List.of(), down.missing());
        assertNull(down.nodesByType());
    }

    @Test
    void nothingKnownNoSection() {
        assertNull(new ClusterWatch(List::of).observe(List.of(), new ArrayList<>()));
    }

    @Test
    void aProcessThatIsNotRunningIsMissing() {
        Component gone = new Component("querynode2", "querynode", 0, null, 0, "stopped");
        ClusterSection s = new ClusterWatch(() -> List.of(gone)).observe(List.of(), new ArrayList<>());
        assertEquals(1, s.processes().size());
        assertEquals(false, s.processes().get(0).up());
        assertEquals(List.of("querynode2 (process not running)"), s.missing());
    }

    @Test
    void ourOwnProcessIsMeasuredFromProc() {
        long pid = ProcessHandle.current().pid();
        Component self = new Component("self", "kafka", 0, null, pid, "healthy");
        ClusterWatch watch = new ClusterWatch(() -> List.of(self));
        ClusterSection.ProcessFigures first = watch.observe(List.of(), new ArrayList<>()).processes().get(0);
        assertTrue(first.up());
        assertTrue(first.procVmRssBytes() > 1 << 20, "VmRSS of this JVM: " + first.procVmRssBytes());
        assertEquals("/proc", first.cpuSource());
        assertEquals("since process start", first.cpuWindow());
        double started = ClusterWatch.procStartSeconds(pid);
        double jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli() / 1000.0;
        assertEquals(jvmStart, started, 1.0, "start time from /proc/<pid>/stat and /proc/stat btime");
        // burn 0.3 s of this thread's CPU time (not wall time: the machine may be busy)
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        double x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += Math.sqrt(x + 1);
        }
        ClusterSection.ProcessFigures second = watch.observe(List.of(), new ArrayList<>()).processes().get(0);
        assertEquals("between snapshots", second.cpuWindow());
        assertTrue(second.cpuSecondsTotal() - first.cpuSecondsTotal() >= 0.29 && x > 0,
                "utime + stime moved by " + (second.cpuSecondsTotal() - first.cpuSecondsTotal()) + " s");
        assertTrue(second.cpuCores() > 0, "cores " + second.cpuCores());
    }

    @Test
    void missingNodesRaiseACriticalAlertAndMetricsLines() {
        ClusterSection c = new ClusterSection(List.of(new ClusterSection.ProcessFigures("querynode1", "querynode", 42L, 6L, true,
                "http://127.0.0.1:30107", 200L << 20, 201L << 20, 12.5, 0.05, "between snapshots", "metrics", null)),
                Map.of("querynode", 1), Map.of("querynode", 2), List.of("querynode: 1 of 2 in GetMetrics (querynode7 gone)"));
        Snapshot s = new Snapshot(Instant.parse("2026-11-30T04:00:00Z"), 3, Snapshot.UP, "cluster", "v2.3.5", 1, null, null, null,
                null, null, null, null, List.of(), null, null, null, c);
        List<Alert> alerts = JudgedSnapshot.status(s);
        assertEquals(1, alerts.size());
        assertEquals("node-missing", alerts.get(0).rule());
        assertTrue(alerts.get(0).critical());
        assertTrue(alerts.get(0).message().contains("querynode7 gone"), alerts.get(0).message());

        List<ScalarMetric> m = SnapshotMetrics.of(s);
        assertEquals(1, value(m, "cluster_nodes[type=querynode]", "present"));
        assertEquals(2, value(m, "cluster_nodes[type=querynode]", "expected"));
        assertEquals(1, value(m, "cluster_nodes", "missing"));
        assertEquals(200L << 20, value(m, "component[name=querynode1]", "rss_bytes"));
        assertEquals(0.05, value(m, "component[name=querynode1]", "cpu_cores"));
        assertEquals("QueryNode", m.stream().filter(x -> x.series().equals("component[name=querynode1]")).findFirst().orElseThrow().component());
        assertEquals(0.5, c.processes().get(0).rssDifferencePercent());
    }

    @Test
    void componentMetricsAreNameEqualsUri() {
        Component c = Component.parse("querynode12=http://127.0.0.1:30107");
        assertEquals("querynode", c.role());
        assertEquals("http://127.0.0.1:30107", c.metricsUri().toString());
        assertThrows(BadInputException.class, () -> Component.parse("http://127.0.0.1:30107"));
        assertThrows(BadInputException.class, () -> Component.parse("=http://127.0.0.1:30107"));
        assertThrows(BadInputException.class, () -> Component.parse("qn=ftp://x:1"));
    }

    private static double value(List<ScalarMetric> metrics, String series, String statistic) {
        return metrics.stream().filter(m -> m.series().equals(series) && m.statistic().equals(statistic)).findFirst()
                .orElseThrow(() -> new AssertionError(series + " " + statistic + " missing: " + metrics)).value();
    }
}
