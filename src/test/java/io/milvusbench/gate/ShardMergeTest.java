package io.milvusbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.cli.Main;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.milvusbench.gate.RunFixture.range;
import static io.milvusbench.gate.RunFixture.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shards of one load run ({@code load --shard i/2 --start-at T}) merge into one run: intervals
 * of the same second added, counts and rates summed, the error rate and CPU per request taken over
 * all requests, the verdict labelled with the shards; shards of different runs are refused.
 */
class ShardMergeTest {
    private static final SeriesId CORRECTED = SeriesId.parse("openloop[rate=200;mix=search;correction=corrected]");
    private static final long START_MS = 1_732_480_200_000L;   // 2024-11-24T20:30:00Z
    private static final String START = "2024-11-24T20:30:00Z";

    @TempDir
    Path tmp;

    /** A shard folder: three intervals starting {@code skewMs} after each second of the schedule. */
    private Path shard(String name, int index, int count, String start, String params, long skewMs, long[]... intervals)
            throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("hlog"));
        Files.writeString(dir.resolve("run.json"), "{\"command\":\"load\",\"started\":\"" + start + "\",\"finished\":\"" + start
                + "\",\"parameters\":" + params + ",\"failures\":[],\"shard\":{\"index\":" + index + ",\"count\":" + count
                + ",\"start_at\":\"" + start + "\"}}\n");
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("hlog").resolve("openloop.hlog")))) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLogFormatVersion();
            w.outputStartTime(START_MS);
            w.setBaseTime(START_MS);
            w.outputLegend();
            long t = START_MS + 2000 + skewMs;   // the measurement window starts after a 2 s warmup
            for (long[] values : intervals) {
                Histogram h = RunFixture.interval(CORRECTED, values);
                h.setStartTimeStamp(t);
                h.setEndTimeStamp(t + 1000);
                w.outputIntervalHistogram(h);
                t += 1000;
            }
        }
        return dir;
    }

    private static void metrics(Path dir, double qps, long requests, long errors, double cpuUs) {
        String s = CORRECTED.toString();
        ScalarMetric.append(dir.resolve("metrics.jsonl"), List.of(
                new ScalarMetric(s, "Client", "qps", qps, "1/s"),
                new ScalarMetric(s, "Client", "requests", requests, "count"),
                new ScalarMetric(s, "Client", "errors", errors, "count"),
                new ScalarMetric(s, "Client", "error_rate", (double) errors / requests, "ratio"),
                new ScalarMetric(s, "Client", "p99", 123.0, "ms"),
                new ScalarMetric(s, "Client", "client_cpu_per_request", cpuUs, "us"),
                new ScalarMetric(s, "Client", "client_jit_cpu_per_request", cpuUs / 2, "us"),
                // the one server, 0.9 s of its CPU over the window, read by each shard over its own requests
                new ScalarMetric(s, "Server", "server_cpu_per_request", 0.9e6 / requests, "us"),
                new ScalarMetric(s, "Client", "offered_rate", 100, "1/s"),
                new ScalarMetric(s, "Client", "send_lag_max", cpuUs / 100, "ms")));
    }

    private static final String PARAMS = "{\"mode\":\"open\",\"rates\":[200.0]}";

    @Test
    void shardsAddUpToOneRun() throws IOException {
        Path a = shard("a", 1, 2, START, PARAMS, 3, range(1000, 1099), range(1100, 1199), times(50_000, 100));
        Path b = shard("b", 2, 2, START, PARAMS, 41, range(2000, 2099), range(2100, 2199), range(2200, 2299));
        metrics(a, 99.0, 300, 3, 40);
        metrics(b, 100.0, 300, 0, 20);
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - {name: qps, series: openloop, params: {correction: corrected}, statistic: qps, min: 190}\n"
                + "  - {name: errors, series: openloop, params: {correction: corrected}, statistic: error_rate, max: 0.01}\n");
        String[] run = check("check", a.toString(), "--merge", b.toString(), "--thresholds", rules.toString());
        assertEquals("0", run[0], run[1]);

        GateResult r = Gate.run(a, rules, null, List.of(b), GatePolicy.defaults());
        HlogSeries merged = r.measurements().histograms().get(CORRECTED);
        assertEquals(3, merged.intervals().size(), "one interval per second of the schedule");
        assertEquals(List.of(200L, 200L, 200L), merged.intervals().stream().map(Histogram::getTotalCount).toList());
        assertEquals(600, merged.total().getTotalCount());
        assertEquals(50.015, merged.statistic("max"), 1e-9);
        assertEquals(2.099, merged.statistic("p50"), 1e-9);   // the 300th of 1000..1199, 2000..2299, 100 x 50 ms
        Map<String, Double> byStat = r.measurements().scalars().stream()
                .collect(Collectors.toMap(ScalarMetric::statistic, ScalarMetric::value));
        assertEquals(199.0, byStat.get("qps"), 1e-9);
        assertEquals(600, byStat.get("requests"), 1e-9);
        assertEquals(3, byStat.get("errors"), 1e-9);
        assertEquals(0.005, byStat.get("error_rate"), 1e-12);
        assertEquals(30.0, byStat.get("client_cpu_per_request"), 1e-9);
        assertEquals(15.0, byStat.get("client_jit_cpu_per_request"), 1e-9);
        assertEquals(1500.0, byStat.get("server_cpu_per_request"), 1e-9, "0.9 s of the server's CPU over the 600 requests of both shards");
        assertEquals(200, byStat.get("offered_rate"), 1e-9);
        assertEquals(0.4, byStat.get("send_lag_max"), 1e-9);
        assertTrue(!byStat.containsKey("p99"), "a shard's p99 line is no figure of the merged run");

        JsonNode verdict = new ObjectMapper().readTree(a.resolve("report/verdict.json").toFile());
        assertEquals(2, verdict.get("shards").get("count").asInt());
        assertEquals(START, verdict.get("shards").get("start_at").asText());
        assertEquals(b.toString(), verdict.get("shards").get("folders").get("2/2").asText());
        assertEquals(600, verdict.get("latency").get(0).get("count").asLong());
    }

    @Test
    void shardsOfDifferentRunsAreRefused() throws IOException {
        long[] v = range(1000, 1099);
        Path a = shard("a", 1, 2, START, PARAMS, 0, v);
        Path otherStart = shard("b", 2, 2, "2024-11-24T20:31:00Z", PARAMS, 0, v);
        Path otherParams = shard("c", 2, 2, START, "{\"mode\":\"open\",\"rates\":[300.0]}", 0, v);
        Path same = shard("d", 1, 2, START, PARAMS, 0, v);
        Path three = shard("e", 2, 3, START, PARAMS, 0, v);
        Path plain = RunFixture.create(tmp, "plain").hlog("openloop", RunFixture.interval(CORRECTED, v)).dir();
        assertRefused("shards of different runs", a, otherStart);
        assertRefused("different parameters", a, otherParams);
        assertRefused("shard 1/2 is given twice", a, same);
        assertRefused("shards of different runs", a, three);
        assertRefused("shard(s) [2] of 2 missing", a);
        assertRefused("no shard", a, plain);
        assertRefused("no shard", plain, a);
    }

    private static void assertRefused(String message, Path run, Path... merge) {
        List<String> args = new java.util.ArrayList<>(List.of("check", run.toString()));
        if (merge.length > 0) {
            args.add("--merge");
            for (Path m : merge) {
                args.add(m.toString());
            }
        }
        String[] r = check(args.toArray(String[]::new));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains(message), r[1]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
    }

    /** Exit code and standard error of one command. */
    private static String[] check(String... args) {
        PrintStream oldErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new String[] {Integer.toString(exit), err.toString(java.nio.charset.StandardCharsets.UTF_8)};
        } finally {
            System.setErr(oldErr);
        }
    }
}
