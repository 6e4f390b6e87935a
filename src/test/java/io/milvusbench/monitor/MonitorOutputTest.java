package io.milvusbench.monitor;

import io.milvusbench.results.RunFolder;
import io.milvusbench.results.ScalarMetric;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report, the run folder and the Prometheus endpoint, fed with the real server's saved snapshot. */
class MonitorOutputTest {

    @Test
    void terminalReportShowsEverySection() {
        Snapshot s = Samples.snapshot();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TerminalReport(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(s);
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (String heading : List.of("PROXY", "QUERYNODE", "DATANODE", "INDEXNODE", "HOST  (oshi)", "ALERTS", "RECOMMENDATIONS")) {
            assertTrue(text.contains(heading), heading + " missing:\n" + text);
        }
        assertTrue(text.contains(Long.toString(s.queryNode().segments().get(0).segmentId())));
        assertTrue(text.contains("vector_idx"));
        assertTrue(text.contains("{M=16, efConstruction=200}"));
    }

    @Test
    void snapshotJsonRoundTrips() {
        Snapshot s = Samples.snapshot();
        assertEquals(s, MonitorJson.snapshot(MonitorJson.line(s)));
        assertFalse(MonitorJson.line(s).contains("\n"));
    }

    @Test
    void recorderWritesTheRunFolder(@TempDir Path dir) throws Exception {
        Snapshot s = Samples.snapshot();
        LatencyProbe.Result probe = LatencyProbe.run("monitor_connect", 5, Duration.ofSeconds(5), 1, () -> Thread.sleep(2));
        JudgedSnapshot o = JudgedSnapshot.of(s, List.of(probe), new MemoryAlertEvaluator(85, 90), new Advisor(MonitorSettings.defaults()));
        MonitorRecorder recorder = new MonitorRecorder(RunFolder.create(dir, "monitor"), Map.of("kind", "local"), Map.of("mode", "test"));
        recorder.record(o);
        recorder.record(o);
        Path done = recorder.finish(Map.of("snapshots", 2));
        assertFalse(done.toString().endsWith(RunFolder.PARTIAL));
        assertEquals(2, Files.readAllLines(done.resolve("monitor.jsonl")).size());
        assertEquals(2 * o.metrics().size(), ScalarMetric.read(done.resolve("metrics.jsonl")).size());
        assertTrue(Files.readString(done.resolve("run.json")).contains("\"command\" : \"monitor\""));
        HistogramLogReader reader = new HistogramLogReader(done.resolve("hlog/monitor_connect.hlog").toFile());
        Histogram first = (Histogram) reader.nextIntervalHistogram();
        assertEquals("monitor_connect", first.getTag());
        assertEquals(5, first.getTotalCount());
        assertTrue(first.getMinValue() >= 2000, "at least 2 ms, in microseconds: " + first.getMinValue());
        assertEquals(probe.histogram().getValueAtPercentile(95), first.getValueAtPercentile(95));
    }

    @Test
    void exporterServesTheSnapshotOverLoopback() throws Exception {
        Snapshot s = Samples.snapshot();
        JudgedSnapshot o = JudgedSnapshot.of(s, List.of(), new MemoryAlertEvaluator(85, 90), new Advisor(MonitorSettings.defaults()));
        try (MonitorExporter exporter = MonitorExporter.start("127.0.0.1", 0)) {
            exporter.update(o);
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            PrometheusText scraped = PrometheusText.parse(body);
            assertEquals(s.dataNode().writeProbe().insertFlushRowsPerSecond(), scraped.sum("mbench_monitor_rows_per_second",
                    x -> x.label("component").equals("DataNode")), 1e-9);
            assertEquals(0, scraped.sum("mbench_monitor_alerts", x -> x.label("severity").equals("critical")));
            assertTrue(body.contains("# TYPE mbench_monitor_rows_per_second gauge"), body);
            String search = "monitor_search[collection=" + s.proxy().probedCollection() + "]";
            assertEquals(s.proxy().search().p95Ms() / 1000, scraped.sum("mbench_monitor_p95_seconds",
                    x -> x.label("series").equals(search)), 1e-9, "milliseconds exposed as seconds");
            assertEquals(s.host().memoryPercent() / 100, scraped.sum("mbench_monitor_memory_ratio",
                    x -> x.label("component").equals("Host")), 1e-9, "percent exposed as a ratio");
            assertTrue(body.lines().noneMatch(l -> l.startsWith("mbench_monitor_") && l.contains("_percent")), "no percent units");
        }
    }

    @Test
    void prometheusNamesAreSafe() {
        assertEquals("rows_per_second", MonitorExporter.metricName("rows/s"));
        assertEquals("recall_at_10", MonitorExporter.metricName("recall@10"));
        assertEquals("p99_9", MonitorExporter.metricName("p99.9"));
        assertEquals("requests_total_value", MonitorExporter.metricName("requests_total"));
    }

    @Test
    void grafanaDashboardUsesTheExportedNames() throws Exception {
        com.fasterxml.jackson.databind.JsonNode dash = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of("grafana", "milvus-bench-monitor.json").toFile());
        assertTrue(dash.get("panels").size() >= 8);
        Snapshot s = Samples.snapshot();
        Snapshot.Outage outage = new Snapshot.Outage(s.at(), s.at(), s.at(), 1, 1, "x", 1.0);
        java.util.Set<String> exported = new java.util.HashSet<>(List.of("mbench_monitor_probe_latency_seconds", "mbench_monitor_alerts",
                "mbench_monitor_snapshot_sequence"));
        for (io.milvusbench.results.ScalarMetric m : SnapshotMetrics.of(s.withOutage(outage))) {
            exported.add(MonitorExporter.PREFIX + MonitorExporter.exposed(m.statistic(), m.unit()).name());
        }
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("mbench_monitor_[a-z_]+").matcher(dash.toString());
        int n = 0;
        while (names.find()) {
            assertTrue(exported.contains(names.group()), names.group() + " is not exported; exported: " + exported);
            n++;
        }
        assertTrue(n >= 8, "the dashboard shows the monitor's series");
        assertTrue(dash.toString().contains("process_resident_memory_bytes") && dash.toString().contains("milvus_querynode_entity_num"),
                "beside Milvus' own");
    }
}
