package io.milvusbench.monitor;

import io.milvusbench.index.IndexKind;
import io.milvusbench.results.ScalarMetric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics, alerts and recommendations derived from the snapshot the IT took of the real server. */
class SnapshotFindingsTest {
    private static MonitorSettings settings(double latencyTargetMs, double warning, double critical) {
        return new MonitorSettings(List.of(), 16, 5, 10, 10, true, 2000, 32, IndexKind.HNSW, Duration.ofSeconds(20),
                warning, critical, latencyTargetMs);
    }

    private static double value(List<ScalarMetric> metrics, String series, String statistic) {
        return metrics.stream().filter(m -> m.series().equals(series) && m.statistic().equals(statistic)).findFirst()
                .orElseThrow(() -> new AssertionError(series + " " + statistic + " missing")).value();
    }

    @Test
    void metricsCarryTheMeasuredFigures() {
        Snapshot s = Samples.snapshot();
        List<ScalarMetric> m = SnapshotMetrics.of(s);
        String search = "monitor_search[collection=" + s.proxy().probedCollection() + "]";
        assertEquals(s.proxy().search().p95Ms(), value(m, search, "p95"));
        assertEquals(10, value(m, search, "requests"));
        assertEquals(0, value(m, search, "errors"));
        assertEquals(1, value(m, "monitor_up", "up"));
        NodeInfo qn = s.queryNode().nodes().get(0);
        assertEquals(Math.round(qn.memoryPercent() * 100) / 100.0, value(m, "node[name=querynode1]", "memory_percent"));
        assertEquals("QueryNode", m.stream().filter(x -> x.series().equals("node[name=querynode1]")).findFirst().orElseThrow().component());
        WriteProbeResult w = s.dataNode().writeProbe();
        assertEquals(w.insertFlushRowsPerSecond(), value(m, "monitor_insert[rows=2000;dim=32]", "rows/s"), "rows/s counts the flush");
        assertEquals(464.8, w.insertFlushRowsPerSecond());
        assertEquals(w.insertRowsPerSecond(), value(m, "monitor_insert[rows=2000;dim=32]", "insert_only_rows/s"));
        assertEquals(w.flushSeconds(), value(m, "monitor_insert[rows=2000;dim=32]", "flush_seconds"));
        assertEquals(w.buildSeconds(), value(m, "monitor_index_build[index=HNSW;rows=2000;dim=32]", "build_seconds"));
        assertEquals(2000, value(m, "collection[name=" + s.dataNode().collections().get(0).name() + "]", "rows"));
        assertEquals(s.host().memoryPercent(), value(m, "host[source=oshi]", "memory_percent"));
        // Coordinators are not components the gate judges.
        assertTrue(m.stream().noneMatch(x -> x.series().contains("coord")));
    }

    @Test
    void memoryRulePairOnRealFigures() {
        Snapshot s = Samples.snapshot();
        double qnMemory = s.queryNode().nodes().get(0).memoryPercent();
        List<ScalarMetric> m = SnapshotMetrics.of(s);
        MonitorSample sample = new MonitorSample(s.at(), m, Map.of());
        assertTrue(new MemoryAlertEvaluator(85, 90).evaluate(sample).isEmpty(), "the test server uses little memory");
        // Thresholds just below the QueryNode's real figure: critical for every node at that level.
        double below = Math.floor(qnMemory * 100) / 100 - 0.01;
        List<Alert> alerts = new MemoryAlertEvaluator(below / 2, below).evaluate(sample);
        Alert qn = alerts.stream().filter(a -> a.component().equals("QueryNode")).findFirst().orElseThrow();
        assertTrue(qn.critical());
        assertEquals("node[name=querynode1]", qn.series());
        assertTrue(qn.message().contains("QueryNode"), qn.message());
        List<Alert> warnings = new MemoryAlertEvaluator(below, 100).evaluate(sample);
        assertTrue(warnings.stream().anyMatch(a -> a.component().equals("QueryNode") && a.severity().equals(Alert.WARNING)));
    }

    @Test
    void recommendationsCiteTheirFigures() {
        Snapshot s = Samples.snapshot();
        assertTrue(new Advisor(settings(1000, 85, 90)).recommend(s).isEmpty(), "nothing to say at a 1 s target");
        List<Recommendation> tight = new Advisor(settings(1, 85, 90)).recommend(s);
        Recommendation latency = tight.stream().filter(r -> r.evidence().startsWith("search p95")).findFirst().orElseThrow();
        assertTrue(latency.evidence().contains(String.format(java.util.Locale.ROOT, "%.1f ms", s.proxy().search().p95Ms())), latency.evidence());
        List<Recommendation> memory = new Advisor(settings(1000, 0.1, 0.2)).recommend(s);
        assertTrue(memory.stream().anyMatch(r -> r.component().equals("QueryNode") && r.evidence().startsWith("querynode1 memory")));
    }

    @Test
    void pendingAndFailedIndexesAndSmallSegments() {
        Snapshot s = Samples.snapshot();
        IndexNodeSection.IndexState pending = new IndexNodeSection.IndexState("c", "vector", "vector_idx", "HNSW", "L2", Map.of(),
                500, 2000, 1500, "InProgress", "");
        IndexNodeSection.IndexState failed = new IndexNodeSection.IndexState("d", "vector", "vector_idx", "IVF_PQ", "L2", Map.of(),
                0, 2000, 2000, "Failed", "dim not divisible by m");
        DataNodeSection.CollectionData fragmented = new DataNodeSection.CollectionData("e", 90_000, null, 12, Map.of("Flushed", 12), 12,
                null, true, null);
        Snapshot changed = new Snapshot(s.at(), 1, Snapshot.UP, s.target(), s.serverVersion(), 1, s.proxy(), s.queryNode(),
                new DataNodeSection(List.of(fragmented), Map.of("Flushed", 12), null, List.of(), Map.of()),
                new IndexNodeSection(List.of(pending, failed), null, List.of(), Map.of()), s.host(), null, null, List.of(), null, null, null);
        List<Recommendation> recs = new Advisor(settings(1000, 85, 90)).recommend(changed);
        assertTrue(recs.stream().anyMatch(r -> r.evidence().contains("1,500 rows pending")), recs.toString());
        assertTrue(recs.stream().anyMatch(r -> r.evidence().contains("failed: dim not divisible by m")), recs.toString());
        assertTrue(recs.stream().anyMatch(r -> r.evidence().contains("12 sealed/flushed segments")), recs.toString());
    }

    @Test
    void outageTrackerMeasuresTheGap() {
        Snapshot s = Samples.snapshot();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        OutageTracker tracker = new OutageTracker();
        Snapshot up1 = at(s, t0, Snapshot.UP, List.of());
        Snapshot down1 = at(s, t0.plusSeconds(1), Snapshot.DOWN, List.of(new ProbeError("Proxy", "connect", "connection refused")));
        Snapshot down2 = at(s, t0.plusSeconds(3), Snapshot.DOWN, List.of(new ProbeError("Proxy", "connect", "deadline exceeded")));
        Snapshot up2 = at(s, t0.plusMillis(6500), Snapshot.UP, List.of());
        assertEquals(up1, tracker.apply(up1));
        tracker.apply(down1);
        tracker.apply(down2);
        assertEquals(t0.plusSeconds(1), tracker.ongoingSince());
        Snapshot.Outage o = tracker.apply(up2).outage();
        assertEquals(6.4, o.seconds(), "from the last good probe (end of up1: t0 + 0.1 s) to the first good one (t0 + 6.5 s)");
        assertEquals(5.5, o.minSeconds(), "from the first failed snapshot");
        assertEquals(2, o.missedSnapshots());
        assertEquals(t0.plusMillis(100), o.lastUp());
        assertEquals("connection refused", o.reason());
        assertEquals(List.of(o), tracker.outages());
        assertFalse(tracker.apply(at(s, t0.plusSeconds(8), Snapshot.UP, List.of())).outage() != null);
        List<ScalarMetric> m = SnapshotMetrics.of(up2.withOutage(o));
        assertEquals(6.4, value(m, "monitor_outage", "outage_seconds"));
    }

    private static Snapshot at(Snapshot s, Instant at, String status, List<ProbeError> errors) {
        return new Snapshot(at, 1, status, s.target(), null, 0.1, null, null, null, null, null, null, null, errors, null, null, null);
    }
}
