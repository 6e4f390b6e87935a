package io.milvusbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.cli.Main;
import io.milvusbench.collection.PreparedCollections;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexSpec;
import io.milvusbench.index.Metric;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark once, through {@code milvus-bench bench --quick} (2,000 × 32-d rows, 1 s
 * iterations, one fork each), against one Milvus started here as a local process and passed to
 * the command as a URI, then the run folder's figures checked for sense: FLAT recall exactly 1,
 * ordered percentiles, positive throughputs, readable tagged .hlog files. Then bad input against
 * the same server: a reused collection of another dimension stops the run with exit 2 and is left
 * as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchSmokeIT {
    @TempDir
    static Path dir;

    LocalProcessTarget milvus;
    Path run;

    @BeforeAll
    void start() {
        milvus = LocalProcessTarget.start(TargetOptions.fromSystemProperties());
        System.setProperty(BenchProperties.GT_CACHE, dir.resolve("gt-cache").toString());
    }

    @AfterAll
    void stop() {
        System.clearProperty(BenchProperties.GT_CACHE);
        if (milvus != null) {
            milvus.close();
        }
    }

    String[] target() {
        return new String[] {"--target", "uri", "--uri", milvus.connection().uri().toString(), "--token", milvus.connection().token(),
                "--metrics-uri", milvus.metricsUri().orElseThrow().toString()};
    }

    @Test
    @Order(1)
    void quickRunWritesACompleteRunFolder() throws Exception {
        // --quick with its 1 s measurements of before (CI speed): percentiles are not the point here
        List<String> args = new ArrayList<>(List.of("bench", "--quick", "-r", "1s", "--results", dir.resolve("results").toString()));
        args.addAll(List.of(target()));
        assertEquals(0, Main.execute(args.toArray(String[]::new)));
        try (Stream<Path> s = Files.list(dir.resolve("results"))) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), runs.toString());
            run = runs.get(0);
        }
        assertTrue(run.getFileName().toString().matches("\\d{8}-\\d{6}-bench"), run.toString());
        JsonNode info = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertEquals("bench", info.get("command").asText());
        assertEquals("uri", info.at("/target/kind").asText());
        assertTrue(info.at("/target/server_version").asText().startsWith("v2.3"));
        assertEquals(0, info.get("failures").size(), info.get("failures").toString());
        assertEquals(9, info.at("/parameters/benchmarks").size(), "every benchmark ran");
        assertTrue(info.at("/machine/available_processors").asInt() >= 1, info.get("machine").toString());
        assertFalse(info.at("/machine/jvm").asText().isEmpty());
        assertTrue(info.at("/jmh/version").asText().matches("\\d+\\.\\d+.*"), info.get("jmh").toString());
        JsonNode insertFlush = info.at("/jmh/benchmarks").get("io.milvusbench.bench.throughput.InsertFlushBenchmark.insertAndFlush");
        assertEquals(1, insertFlush.get("threads").asInt(), insertFlush.toString());
        assertEquals("ss", insertFlush.get("mode").asText());
    }

    @Test
    @Order(2)
    void scalarsAreSane() {
        Map<String, Map<String, Double>> m = ScalarMetric.read(run.resolve("metrics.jsonl")).stream()
                .collect(Collectors.groupingBy(ScalarMetric::series, Collectors.toMap(ScalarMetric::statistic, ScalarMetric::value)));
        String data = "data=synthetic-2000x32-L2";
        assertEquals(1.0, m.get("search[index=FLAT;topK=10;nq=1;pool=100;consistency=Bounded;" + data + "]").get("recall@10"), "FLAT is exact");
        double hnsw = m.get("search[index=HNSW;ef=64;topK=10;nq=1;pool=100;consistency=Bounded;" + data + "]").get("recall@10");
        assertTrue(hnsw > 0.8 && hnsw <= 1.0, "HNSW recall " + hnsw);
        for (Map.Entry<String, Map<String, Double>> e : m.entrySet()) {
            if (e.getKey().startsWith("search[")) {
                assertTrue(e.getValue().get("requests") > 0, e.getKey());
            }
            if (e.getValue().containsKey("errors")) {
                assertEquals(0.0, e.getValue().get("errors"), e.getKey());
            }
        }
        assertTrue(m.get("insert[batch=500;" + data + "]").get("rows/s") > 0);
        Map<String, Double> flush = m.get("insert_flush[batch=500;" + data + "]");
        assertTrue(flush.get("rows/s") > 0 && flush.get("insert_rows/s") > flush.get("rows/s"), flush.toString());
        assertTrue(flush.get("flush_seconds") > 0);
        // GetFlushState every 10 ms, not the SDK's one-second sleeps: the measured resolution is tens of ms
        assertTrue(flush.get("flush_resolution_seconds") > 0 && flush.get("flush_resolution_seconds") < 0.2, flush.toString());
        assertTrue(m.get("insert_encode[batch=500;dim=32]").get("rows/s") > 0);
        assertEquals(1.0, m.get("search[index=FLAT;topK=10;nq=1;pool=100;consistency=Bounded;" + data + "]").get("segments_settled"));
        assertTrue(m.get("search[index=FLAT;topK=10;nq=1;pool=100;consistency=Bounded;" + data + "]").get("segments") >= 1);
        for (String build : List.of("index_build[index=IVF_FLAT;nlist=32;" + data + "]",
                "index_build[index=HNSW;M=16;efConstruction=200;" + data + "]")) {
            assertTrue(m.get(build).get("build_seconds") > 0, build);
            assertTrue(m.get(build).get("rows/s") > 0, build);
            assertTrue(m.get(build).get("build_resolution_seconds") < 0.3, build + " " + m.get(build));
        }
        assertTrue(m.get("groundtruth[part=kernel;dim=32]").get("gflops") > 0.5);
        assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("groundtruth[part=scan;dim=32")));
    }

    @Test
    @Order(3)
    void histogramLogsAreTaggedAndOrdered() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(run.resolve("hlog"))) {
            files = s.sorted().toList();
        }
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        for (String prefix : List.of("connect", "rpc_call=hasCollection", "search_index=FLAT", "search_index=IVF_FLAT", "search_index=HNSW",
                "insert_batch=500", "insert_encode_batch=500", "insert_flush_batch=500", "flush_batch=500", "index_build_index=IVF_FLAT", "index_build_index=HNSW")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), prefix + " missing from " + names);
        }
        for (Path file : files) {
            List<Histogram> intervals = IterationLogTest.read(file);
            assertFalse(intervals.isEmpty(), file.toString());
            String tag = intervals.get(0).getTag();
            SeriesId.parse(tag);
            assertEquals(io.milvusbench.results.RunFolder.fileName(SeriesId.parse(tag)) + ".hlog", file.getFileName().toString());
            Histogram all = new Histogram(3);
            for (Histogram h : intervals) {
                assertEquals(tag, h.getTag(), file.toString());
                all.add(h);
            }
            assertTrue(all.getTotalCount() > 0, file.toString());
            assertTrue(all.getValueAtPercentile(50) <= all.getValueAtPercentile(90), file.toString());
            assertTrue(all.getValueAtPercentile(90) <= all.getValueAtPercentile(99), file.toString());
            assertTrue(all.getValueAtPercentile(99) <= all.getMaxValue(), file.toString());
            assertTrue(all.getMinValue() > 0, "latencies are positive microseconds: " + file);
        }
    }

    @Test
    @Order(4)
    void jmhResultHoldsOrderedPercentiles() throws Exception {
        JsonNode results = new ObjectMapper().readTree(run.resolve("jmh-result.json").toFile());
        int sampled = 0;
        for (JsonNode r : results) {
            if (!"sample".equals(r.get("mode").asText())) {
                assertTrue(r.at("/primaryMetric/score").asDouble() > 0, r.get("benchmark").asText());
                continue;
            }
            sampled++;
            JsonNode p = r.at("/primaryMetric/scorePercentiles");
            assertTrue(p.get("50.0").asDouble() <= p.get("90.0").asDouble());
            assertTrue(p.get("90.0").asDouble() <= p.get("99.0").asDouble());
            assertTrue(p.get("99.0").asDouble() <= p.get("100.0").asDouble());
        }
        assertEquals(6, sampled, "connect, rpc, three searches and the insert encoding");
    }

    @Test
    @Order(5)
    void aReusedCollectionOfAnotherDimensionIsBadInputAndLeftAlone() {
        SyntheticDataset quickData = new SyntheticDataset(32, 2000, 64, 0.2f, 42, Metric.L2);
        SyntheticDataset other = new SyntheticDataset(32, 1999, 64, 0.2f, 42, Metric.L2);
        String name = PreparedCollections.nameFor(other, IndexSpec.parse("FLAT"));
        MilvusClientV2 client = MilvusClients.v2(milvus.connection());
        try {
            VectorCollection.create(client, name, 16);
            List<String> args = new ArrayList<>(List.of("bench", "Search", "--quick", "--rows", "1999", "-p", "index=FLAT",
                    "--results", dir.resolve("bad").toString()));
            args.addAll(List.of(target()));
            io.milvusbench.cli.CliRun c = BenchCommandInputTest.run(args.toArray(String[]::new));
            assertEquals(2, c.exit(), c.err());
            assertTrue(c.err().contains("dimension mismatch: collection " + name + " has dim 16, the dataset has dim 32"), c.err());
            assertFalse(Files.exists(dir.resolve("bad")), "no run folder");
            assertTrue(VectorCollection.exists(client, name), "left as it was");
            assertEquals(0, VectorCollection.open(client, name, 16).rowCount());
            assertTrue(VectorCollection.exists(client, PreparedCollections.nameFor(quickData, IndexSpec.parse("FLAT"))));
        } finally {
            SuiteCollections.drop(client, name);
            client.close();
        }
    }
}
