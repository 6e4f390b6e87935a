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

import com.google.gson.JsonParser;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 *
 * <p>Also collections as a user of Milvus' own REST API leaves them: rows not flushed (growing
 * segments only), rows deleted, and rows inserted by another client while the load runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadOwnCollectionIT {
    static final String USER = "user_docs";
    static final String UNLOADED = "user_drafts";
    static final int DIM = 24;
    static final int ROWS = 3_000;
    static final int NLIST = 32;
    /** Filled through the REST API, never flushed. */
    static final String REST = "docs_rest";
    /** Filled through the REST API, then 10 % of its rows deleted through it. */
    static final String DELETED = "docs_deleted";
    /** Filled through the REST API, and written to by another client while the load runs. */
    static final String GROWING = "docs_growing";
    static final int REST_ROWS = 2_000;
    /** Two partitions of 600 and 400 unflushed rows, FLAT: exact search, so recall 1 means the partition was searched alone. */
    static final String PARTED = "docs_parted";

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
        for (String name : List.of(REST, DELETED, GROWING)) {
            List<Long> ids = restFilled(name, REST_ROWS);
            if (name.equals(DELETED)) {
                for (int from = 0; from < ids.size(); from += 1_000) {
                    List<Long> tenth = new ArrayList<>();
                    for (int i = from; i < Math.min(ids.size(), from + 1_000); i += 10) {
                        tenth.add(ids.get(i));
                    }
                    rest("/v1/vector/delete", "{\"collectionName\":\"" + name + "\",\"id\":" + tenth + "}");
                }
            }
        }
        parted();
        for (String name : List.of(REST, DELETED, GROWING)) {   // the REST API's create loads the collection: wait for it
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Boolean.TRUE.equals(client.getLoadState(GetLoadStateReq.builder().collectionName(name).build()))) {
                assertTrue(System.nanoTime() < deadline, name + " not loaded after 60 s");
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    /** {@link #PARTED}: partitions y2025 (600 rows) and y2026 (400 rows), not flushed, FLAT L2, loaded. */
    private void parted() {
        CreateCollectionReq.CollectionSchema schema = client.createSchema();
        schema.addField(AddFieldReq.builder().fieldName("pk").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName("v").dataType(DataType.FloatVector).dimension(8).build());
        client.createCollection(CreateCollectionReq.builder().collectionName(PARTED).collectionSchema(schema).build());
        SplittableRandom random = new SplittableRandom(5);
        long pk = 0;
        for (String partition : List.of("y2025", "y2026")) {
            client.createPartition(io.milvus.v2.service.partition.request.CreatePartitionReq.builder().collectionName(PARTED)
                    .partitionName(partition).build());
            List<JsonObject> rows = new ArrayList<>();
            for (int i = 0; i < (partition.equals("y2025") ? 600 : 400); i++) {
                JsonObject row = new JsonObject();
                row.addProperty("pk", pk++);
                JsonArray v = new JsonArray();
                for (int d = 0; d < 8; d++) {
                    v.add((float) random.nextGaussian());
                }
                row.add("v", v);
                rows.add(row);
            }
            client.insert(InsertReq.builder().collectionName(PARTED).partitionName(partition).data(rows).build());
        }
        client.createIndex(CreateIndexReq.builder().collectionName(PARTED).indexParams(List.of(IndexParam.builder().fieldName("v")
                .indexType(IndexParam.IndexType.FLAT).metricType(IndexParam.MetricType.L2).build())).build());
        client.loadCollection(LoadCollectionReq.builder().collectionName(PARTED).build());
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One POST to Milvus' REST API on the proxy port; its answer, which must say code 200. */
    private JsonObject rest(String path, String body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.connection().port() + path))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + target.connection().token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
            assertEquals(200, json.get("code").getAsInt(), path + " answered " + r.body());
            return json;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A collection as the REST API's quick set-up makes it (id Int64 auto-id, vector dim 8, L2,
     * AUTOINDEX, loaded), with {@code rows} rows inserted through the REST API and not flushed;
     * returns their ids.
     */
    private List<Long> restFilled(String name, int rows) {
        rest("/v1/vector/collections/create", "{\"collectionName\":\"" + name + "\",\"dimension\":8,\"metricType\":\"L2\"}");
        SplittableRandom random = new SplittableRandom(name.hashCode());
        List<Long> ids = new ArrayList<>();
        for (int from = 0; from < rows; from += 500) {
            ids.addAll(restInsert(name, Math.min(500, rows - from), random));
        }
        return ids;
    }

    private List<Long> restInsert(String name, int rows, SplittableRandom random) {
        JsonArray data = new JsonArray();
        for (int i = 0; i < rows; i++) {
            JsonArray v = new JsonArray();
            for (int d = 0; d < 8; d++) {
                v.add(random.nextDouble());
            }
            JsonObject row = new JsonObject();
            row.add("vector", v);
            data.add(row);
        }
        JsonObject body = new JsonObject();
        body.addProperty("collectionName", name);
        body.add("data", data);
        List<Long> ids = new ArrayList<>();
        rest("/v1/vector/insert", body.toString()).getAsJsonObject("data").getAsJsonArray("insertIds")
                .forEach(id -> ids.add(id.getAsLong()));
        return ids;
    }

    /** count(*) at Strong consistency through the plain SDK: the independent reading of a collection's rows. */
    private long countStar(String name) {
        return ((Number) client.query(QueryReq.builder().collectionName(name).filter("").outputFields(List.of("count(*)"))
                .consistencyLevel(ConsistencyLevel.STRONG).build()).getQueryResults().get(0).getEntity().get("count(*)")).longValue();
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
        System.out.println(shown(args) + " -> exit " + r.exit() + "\n" + r.out());
        return r;
    }

    /** The command line as the log shows it: the server's credential left out. */
    private String shown(List<String> args) {
        return String.join(" ", args).replace(target.connection().token(), "***");
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
                List.of("--collection", "bad name with spaces"),
                List.of("--collection", REST, "--mix", "filtered", "--filter", "id >>> 3"),
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

    private static com.google.gson.JsonObject runJson(Path run) throws IOException {
        return JsonParser.parseString(Files.readString(run.resolve("run.json"))).getAsJsonObject();
    }

    @Test
    void aRestFilledUnflushedCollectionRunsEveryModeWithRecall() throws IOException {
        assertEquals(REST_ROWS, countStar(REST));
        Map<String, Double> before = counters();
        // the growing segment is searched by brute force: every recall is exact, so the streamed ground truth must be too
        CliRun closed = load("--collection", REST, "--mode", "closed", "--concurrency", "2", "--duration", "2", "--warmup", "0.5",
                "--client-warmup", "1", "--query-pool", "100");
        assertEquals(0, closed.exit(), closed.err());
        assertTrue(closed.err().contains("(8 d, L2, AUTOINDEX, 2,000 rows)"), closed.err());
        Path closedRun = runFolder(closed);
        assertEquals(1.0, metric(closedRun, "recall[mix=search;index=AUTOINDEX;queries=100]", "recall@10"));
        JsonObject rows = runJson(closedRun).getAsJsonObject("collection_rows");
        assertEquals(REST_ROWS, rows.get("before").getAsLong(), rows.toString());
        assertEquals(0, rows.get("changed").getAsLong(), rows.toString());

        CliRun open = load("--collection", REST, "--mode", "open", "--rate", "20", "--duration", "2", "--warmup", "0.5",
                "--client-warmup", "1", "--query-pool", "100");
        assertEquals(0, open.exit(), open.err());
        assertEquals(1.0, metric(runFolder(open), "recall[mix=search;index=AUTOINDEX;queries=100]", "recall@10"));
        CliRun capacity = load("--collection", REST, "--mode", "capacity", "--slo", "p95<2s", "--start-rate", "10", "--max-rate", "20",
                "--max-steps", "2", "--duration", "2", "--warmup", "0.5", "--lag-bound-ms", "250", "--client-warmup", "1", "--query-pool", "100");
        assertEquals(0, capacity.exit(), capacity.err());
        assertEquals(1.0, metric(runFolder(capacity), "recall[mix=search;index=AUTOINDEX;queries=100]", "recall@10"));

        CliRun monitor = monitor(REST);
        assertEquals(0, monitor.exit(), monitor.err());
        assertEquals(REST_ROWS, monitorRows(monitor, REST), "monitor rows = count(*)");
        assertEquals(Map.of(), mutating(before, counters()), "load and monitor on a REST-filled collection wrote to the server");
    }

    @Test
    void deletedRowsAreLeftOutOfCountsAndGroundTruth() throws IOException {
        long rows = countStar(DELETED);
        assertEquals(REST_ROWS - REST_ROWS / 10, rows, "10 % deleted through the REST API");
        CliRun closed = load("--collection", DELETED, "--mode", "closed", "--concurrency", "2", "--duration", "2", "--warmup", "0.5",
                "--client-warmup", "1", "--query-pool", "100");
        assertEquals(0, closed.exit(), closed.err());
        assertTrue(closed.err().contains("(8 d, L2, AUTOINDEX, 1,800 rows)"), closed.err());
        assertTrue(closed.err().contains("over 1,800 streamed rows"), "the ground truth scanned the rows count(*) counts: " + closed.err());
        // a brute-force search never returns a deleted row: recall 1 means no deleted row is in the ground truth
        assertEquals(1.0, metric(runFolder(closed), "recall[mix=search;index=AUTOINDEX;queries=100]", "recall@10"));
        CliRun monitor = monitor(DELETED);
        assertEquals(rows, monitorRows(monitor, DELETED), "monitor rows = count(*)");
    }

    @Test
    void aCollectionWrittenToDuringTheLoadIsMeasuredAndRecorded() throws Exception {
        Map<String, Double> before = counters();
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger rowsIn = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        // another client: 10 rows every 100 ms (100 rows/s), at most 60 s or 6,000 rows
        Thread inserter = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(9);
            long start = System.nanoTime();
            for (int i = 0; i < 600 && !stop.get() && System.nanoTime() - start < 60_000_000_000L; i++) {
                restInsert(GROWING, 10, random);
                requests.incrementAndGet();
                rowsIn.addAndGet(10);
                java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, start + (i + 1) * 100_000_000L - System.nanoTime()));
            }
        }, "rest-inserter");
        inserter.setDaemon(true);
        inserter.start();
        CliRun r;
        try {
            Thread.sleep(1_000);
            r = load("--collection", GROWING, "--mode", "closed", "--concurrency", "2", "--duration", "3", "--warmup", "0.5",
                    "--client-warmup", "1", "--query-pool", "100");
        } finally {
            stop.set(true);
            inserter.join(30_000);
        }
        assertEquals(0, r.exit(), r.err());
        Path run = runFolder(r);
        JsonObject rows = runJson(run).getAsJsonObject("collection_rows");
        System.out.println("inserted by the other client: " + rowsIn.get() + " rows in " + requests.get() + " requests; run.json " + rows
                + "; recall: " + runJson(run).get("recall"));
        long changed = rows.get("changed").getAsLong();
        assertTrue(changed >= 100 && changed <= rowsIn.get(), "rows written during the run recorded: " + rows);
        assertEquals(rows.get("after").getAsLong() - rows.get("before").getAsLong(), changed);
        String recall = runJson(run).get("recall").getAsString();
        assertTrue(recall.startsWith("recall@10 unavailable") || recall.contains("written to meanwhile"), recall);
        if (!recall.contains("unavailable")) {
            assertEquals(1.0, metric(run, "recall[mix=search;index=AUTOINDEX;queries=100]", "recall@10"),
                    "brute force on the view the scan saw is exact whatever was inserted since");
        }
        Map<String, Double> after = counters();
        Map<String, Double> moved = mutating(before, after);
        assertEquals((double) requests.get(), moved.remove("Insert"), "every Insert is the other client's: " + moved);
        assertEquals(Map.of(), moved, "the load wrote nothing");
    }

    @Test
    void aPartitionIsSearchedCountedAndScannedAloneAndTheMonitorShowsEach() throws IOException {
        Map<String, Double> before = counters();
        CliRun r = load("--collection", PARTED, "--partition", "y2026", "--mode", "closed", "--concurrency", "2", "--duration", "2",
                "--warmup", "0.5", "--client-warmup", "1", "--query-pool", "100", "--client", "grpc");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("400 rows in partition y2026)"), r.err());
        assertTrue(r.err().contains("over 400 streamed rows"), r.err());
        // FLAT is exact: recall 1 against the partition's ground truth means no hit came from y2025
        assertEquals(1.0, metric(runFolder(r), "recall[mix=search;index=FLAT;queries=100]", "recall@10"));
        assertEquals(400, runJson(runFolder(r)).getAsJsonObject("collection_rows").get("after").getAsLong());

        CliRun missing = load("--collection", PARTED, "--partition", "y2027", "--mode", "open", "--rate", "10", "--duration", "2",
                "--warmup", "0.5");
        assertEquals(2, missing.exit(), missing.err());
        assertEquals(List.of("milvus-bench: collection 'docs_parted' has no partition 'y2027' (partitions: _default, y2025, y2026)"),
                missing.err().lines().filter(l -> l.startsWith("milvus-bench:")).toList());

        CliRun monitor = monitor(PARTED);
        Path run = Path.of(monitor.err().lines().filter(l -> l.startsWith("monitor: run folder ")).findFirst().orElseThrow()
                .substring("monitor: run folder ".length()).strip());
        assertEquals(600, metric(run, "partition[collection=" + PARTED + ";name=y2025]", "exact_rows"));
        assertEquals(400, metric(run, "partition[collection=" + PARTED + ";name=y2026]", "exact_rows"));
        assertEquals(0, metric(run, "partition[collection=" + PARTED + ";name=_default]", "exact_rows"));
        assertEquals(1_000, metric(run, "collection[name=" + PARTED + "]", "exact_rows"));
        assertEquals(Map.of(), mutating(before, counters()), "partition runs and the monitor wrote nothing");
    }

    private CliRun monitor(String collection) {
        List<String> args = List.of("monitor", "--target", "uri", "--uri", "127.0.0.1:" + target.connection().port(),
                "--token", target.connection().token(), "--metrics-uri", target.metricsUri().orElseThrow().toString(), "--collection", collection,
                "--results", dir.resolve("m" + runs++).toString());
        CliRun r = CliRun.of(args.toArray(String[]::new));
        System.out.println(shown(args) + " -> exit " + r.exit() + "\n" + r.out());
        return r;
    }

    /** The rows the monitor's snapshot gives a collection (count(*)), from its run folder's metrics. */
    private static long monitorRows(CliRun r, String collection) {
        Path run = Path.of(r.err().lines().filter(l -> l.startsWith("monitor: run folder ")).findFirst()
                .orElseThrow(() -> new AssertionError("no run folder named: " + r.err())).substring("monitor: run folder ".length()).strip());
        return (long) metric(run, "collection[name=" + collection + "]", "exact_rows");
    }
}
