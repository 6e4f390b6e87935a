package io.milvusbench.cli;

import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MetricsEndpoint;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.monitor.PrometheusText;
import io.milvusbench.results.ScalarMetric;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code load --collection NAME} on a collection made by hand with the plain SDK, as a user would
 * (own field names, COSINE, IVF_FLAT, an Int64 key that is not a row number, a scalar field),
 * against a real Milvus reached as {@code --target uri}: every mode it allows runs, recall@k comes
 * from exact neighbours computed by streaming the collection, and the proxy's own request counters
 * show that nothing but reads reached the server. Write mixes and data options are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadOwnCollectionIT {
    static final String USER = "user_docs";
    static final String UNLOADED = "user_drafts";
    static final int DIM = 24;
    static final int ROWS = 3_000;
    static final int NLIST = 32;

    LocalProcessTarget target;
    MilvusClientV2 client;
    @TempDir
    Path dir;
    int runs;

    @BeforeAll
    void start() {
        TargetOptions options = TargetOptions.fromSystemProperties();
        options.rpcDeadline = Duration.ofSeconds(20);
        target = LocalProcessTarget.start(options);
        client = new MilvusClientV2(ConnectConfig.builder().uri("http://127.0.0.1:" + target.connection().port())
                .token(target.connection().token()).rpcDeadlineMs(20_000).build());
        handMade(USER, true);
        handMade(UNLOADED, false);
    }

    @AfterAll
    void stop() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    /** A user's collection: doc_id (Int64, ids 1000, 1007, ...), lang (Int64), embedding (COSINE, IVF_FLAT). */
    private void handMade(String name, boolean load) {
        CreateCollectionReq.CollectionSchema schema = client.createSchema();
        schema.addField(AddFieldReq.builder().fieldName("doc_id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName("lang").dataType(DataType.Int64).build());
        schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(DIM).build());
        client.createCollection(CreateCollectionReq.builder().collectionName(name).collectionSchema(schema)
                .consistencyLevel(ConsistencyLevel.BOUNDED).build());
        SplittableRandom random = new SplittableRandom(3);
        for (int from = 0; from < ROWS; from += 1_000) {
            List<JsonObject> rows = new ArrayList<>();
            for (int i = from; i < from + 1_000; i++) {
                JsonObject row = new JsonObject();
                row.addProperty("doc_id", 1_000L + 7L * i);
                row.addProperty("lang", i % 5);
                JsonArray v = new JsonArray();
                for (int d = 0; d < DIM; d++) {
                    v.add((float) random.nextGaussian());
                }
                row.add("embedding", v);
                rows.add(row);
            }
            client.insert(InsertReq.builder().collectionName(name).data(rows).build());
        }
        client.flush(FlushReq.builder().collectionNames(List.of(name)).waitFlushedTimeoutMs(60_000L).build());
        client.createIndex(CreateIndexReq.builder().collectionName(name).indexParams(List.of(IndexParam.builder()
                .fieldName("embedding").indexType(IndexParam.IndexType.IVF_FLAT).metricType(IndexParam.MetricType.COSINE)
                .extraParams(Map.of("nlist", NLIST)).build())).build());
        if (load) {
            client.loadCollection(LoadCollectionReq.builder().collectionName(name).build());
        }
    }

    /** {@code milvus_proxy_req_count{status="total"}} by function name. */
    private Map<String, Double> counters() {
        PrometheusText text = PrometheusText.parse(MetricsEndpoint.scrape(target.metricsUri().orElseThrow(), Duration.ofSeconds(5)));
        Map<String, Double> out = new TreeMap<>();
        for (PrometheusText.Sample s : text.series("milvus_proxy_req_count")) {
            if ("total".equals(s.label("status"))) {
                out.merge(s.label("function_name"), s.value(), Double::sum);
            }
        }
        return out;
    }

    /** The counters that moved, less the functions that only read. */
    private static Map<String, Double> mutating(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((f, v) -> {
            if (v - before.getOrDefault(f, 0.0) != 0 && !ReadOnlyAndOwnershipIT.READ_ONLY.contains(f)) {
                d.put(f, v - before.getOrDefault(f, 0.0));
            }
        });
        return d;
    }

    private CliRun load(String... options) {
        List<String> args = new ArrayList<>(List.of("load", "--target", "uri", "--uri", "127.0.0.1:" + target.connection().port(),
                "--token", target.connection().token(),
                "--metrics-uri", target.metricsUri().orElseThrow().toString(), "--results", dir.resolve("r" + runs++).toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        System.out.println(String.join(" ", args) + " -> exit " + r.exit() + "\n" + r.out());
        return r;
    }

    private static Path runFolder(CliRun r) {
        return Path.of(r.out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow().substring(12));
    }

    private static double metric(Path run, String series, String statistic) {
        return ScalarMetric.read(run.resolve("metrics.jsonl")).stream()
                .filter(m -> m.series().equals(series) && m.statistic().equals(statistic)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + statistic + " of " + series)).value();
    }

    @Test
    void everyReadOnlyModeRunsAndNothingIsWritten() {
        Map<String, Double> before = counters();

        // exhaustive IVF (nprobe = nlist): the server's answers must be exactly the streamed ground truth
        CliRun exact = load("--collection", USER, "--mode", "closed", "--concurrency", "2", "--duration", "2", "--warmup", "0.5",
                "--knob", Integer.toString(NLIST), "--query-pool", "50", "--recall-queries", "50");
        assertEquals(0, exact.exit(), exact.err());
        Path exactRun = runFolder(exact);
        assertEquals(1.0, metric(exactRun, "recall[mix=search;index=IVF_FLAT;nprobe=" + NLIST + ";queries=50]", "recall@10"), 0.005);
        assertEquals(0, metric(exactRun, "closedloop[concurrency=2;mix=search]", "errors"));
        assertTrue(metric(exactRun, "closedloop[concurrency=2;mix=search]", "qps") > 10);

        CliRun capacity = load("--collection", USER, "--mode", "capacity", "--slo", "p95<2s", "--start-rate", "20", "--max-rate", "40",
                "--max-steps", "2", "--duration", "2", "--warmup", "0.5", "--lag-bound-ms", "250", "--knob", "4");
        assertEquals(0, capacity.exit(), capacity.err());
        Path capRun = runFolder(capacity);
        assertEquals(40, metric(capRun, "capacity[mix=search;index=IVF_FLAT;percentile=95;slo_ms=2000]", "capacity_rate"));
        double coarse = metric(capRun, "recall[mix=search;index=IVF_FLAT;nprobe=4;queries=100]", "recall@10");
        assertTrue(coarse > 0.2 && coarse < 1.0, "nprobe 4 of 32 misses some true neighbours: " + coarse);

        CliRun query = load("--collection", USER, "--mode", "open", "--mix", "query", "--filter", "lang == 2", "--rate", "30",
                "--duration", "2", "--warmup", "0.5", "--client", "sdk");
        assertEquals(0, query.exit(), query.err());
        assertEquals(45, metric(runFolder(query), "openloop[rate=30;mix=query;correction=corrected]", "requests"), 1);   // 1.5 s measured

        CliRun filtered = load("--collection", USER, "--mode", "open", "--mix", "filtered", "--filter", "lang in [1, 3]", "--rate", "30",
                "--duration", "2", "--warmup", "0.5", "--client", "grpc");
        assertEquals(0, filtered.exit(), filtered.err());
        assertEquals(0, metric(runFolder(filtered), "openloop[rate=30;mix=filtered;correction=corrected]", "errors"));

        Map<String, Double> after = counters();
        System.out.println("proxy requests by function, before " + before + "\nafter " + after);
        assertEquals(Map.of(), mutating(before, after), "load --collection wrote to the server");
        assertTrue(after.getOrDefault("Search", 0.0) - before.getOrDefault("Search", 0.0) > 150, "the counters do move: " + after);
        assertTrue(after.getOrDefault("Query", 0.0) - before.getOrDefault("Query", 0.0) > 30, "query iterator and query mix: " + after);
    }

    @Test
    void writesAndDataOptionsAreRefusedInOneLine() throws IOException {
        Map<String, Double> before = counters();
        List<List<String>> refused = List.of(
                List.of("--collection", USER, "--mix", "streaming"),
                List.of("--collection", USER, "--index", "HNSW"),
                List.of("--collection", USER, "--fresh"),
                List.of("--collection", USER, "--rows", "1000"),
                List.of("--collection", USER, "--mix", "query"),
                List.of("--collection", USER, "--knob", "1000"),
                List.of("--collection", USER, "--vector-field", "lang"),
                List.of("--collection", UNLOADED),
                List.of("--collection", "no_such_collection"),
                List.of("--query-pool", "10", "--queries", "50"));
        for (List<String> options : refused) {
            List<String> all = new ArrayList<>(options);
            all.addAll(List.of("--mode", "open", "--rate", "10", "--duration", "2", "--warmup", "0.5"));
            CliRun r = load(all.toArray(String[]::new));
            assertEquals(2, r.exit(), options + ": " + r.err());
            List<String> lines = r.err().lines().filter(l -> l.startsWith("milvus-bench:")).toList();
            assertEquals(1, lines.size(), options + ": " + r.err());
            System.out.println(options + " -> " + lines.get(0));
        }
        try (Stream<Path> left = Files.walk(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().equals("run.json")), "no run folder is left behind");
        }
        assertEquals(Map.of(), mutating(before, counters()), "a refused run writes nothing");
    }
}
