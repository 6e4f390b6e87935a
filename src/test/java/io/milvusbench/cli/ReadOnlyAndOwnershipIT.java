package io.milvusbench.cli;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvusbench.BadInputException;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MetricsEndpoint;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.monitor.PrometheusText;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof, from the server's own request counters, that the monitor, {@code info} and
 * {@code cleanup --dry-run} mutate nothing on a server the suite did not start, whichever way the
 * write probe is (not) spelled; and that {@code cleanup} drops only collections carrying the
 * suite's marker while a hand-made {@code mbench_x} look-alike survives.
 *
 * <p>One real Milvus (local process) reached as {@code --target uri}: to the commands it is a server
 * they did not start. A user's collection and the look-alike are made through Milvus' REST API, as
 * a user would, without the suite's code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadOnlyAndOwnershipIT {
    /** Functions the proxy counts that only read. Everything else it counts is a mutation. */
    static final Set<String> READ_ONLY = Set.of("DescribeCollection", "HasCollection", "ShowCollections", "GetCollectionStatistics",
            "GetPartitionStatistics", "ShowPartitions", "HasPartition", "DescribeIndex", "GetIndexState", "GetIndexBuildProgress",
            "GetIndexStatistics", "GetLoadingProgress", "GetLoadState", "GetPersistentSegmentInfo", "GetQuerySegmentInfo",
            "GetMetrics", "GetComponentStates", "GetStatistics", "Search", "Query", "GetVersion", "Connect", "CheckHealth",
            "ListDatabases", "GetFlushState", "GetReplicas", "ListIndexes", "DescribeDatabase");
    static final String USER = "user_docs";
    static final String LOOK_ALIKE = "mbench_x";

    LocalProcessTarget target;
    MilvusClientV2 client;
    String[] uri;
    @TempDir
    Path results;

    @BeforeAll
    void start() throws Exception {
        TargetOptions options = TargetOptions.fromSystemProperties();
        options.connectTimeout = Duration.ofSeconds(3);
        options.rpcDeadline = Duration.ofSeconds(20);
        target = LocalProcessTarget.start(options);
        client = MilvusClients.v2(target.connection());
        uri = new String[] {"--target", "uri", "--uri", target.connection().uri().toString(), "--token", target.connection().token(),
                "--metrics-uri", target.metricsUri().orElseThrow().toString(), "--connect-timeout-ms", "3000", "--rpc-deadline-ms", "20000"};
        restCollection(USER, 1_000);
        restCollection(LOOK_ALIKE, 1_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();   // REST create loads in the background
        while (!Boolean.TRUE.equals(client.getLoadState(GetLoadStateReq.builder().collectionName(USER).build()))) {
            assertTrue(System.nanoTime() < deadline, USER + " not loaded within 60 s");
            Thread.sleep(200);
        }
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

    /** A collection made as a user would: REST create (indexed and loaded by Milvus) and {@code rows} inserted. */
    private void restCollection(String name, int rows) throws IOException, InterruptedException {
        String base = target.connection().uri().toString().replaceAll("/$", "");
        post(base + "/v1/vector/collections/create", "{\"collectionName\":\"" + name + "\",\"dimension\":8}");
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder data = new StringBuilder("{\"collectionName\":\"" + name + "\",\"data\":[");
        for (int i = 0; i < rows; i++) {
            data.append(i == 0 ? "" : ",").append("{\"vector\":[");
            for (int d = 0; d < 8; d++) {
                data.append(d == 0 ? "" : ",").append((float) random.nextDouble());
            }
            data.append("]}");
        }
        post(base + "/v1/vector/insert", data.append("]}").toString());
    }

    private void post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + target.connection().token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200 && r.body().contains("\"code\":200"), url + " -> " + r.body());
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

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((f, v) -> {
            double diff = v - before.getOrDefault(f, 0.0);
            if (diff != 0) {
                d.put(f, diff);
            }
        });
        return d;
    }

    private static Map<String, Double> mutating(Map<String, Double> delta) {
        Map<String, Double> m = new TreeMap<>(delta);
        m.keySet().removeAll(READ_ONLY);
        return m;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(uri));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Runs one command and returns the proxy's counter deltas it caused. */
    private Map<String, Double> deltaOf(int expectedExit, String... args) {
        Map<String, Double> before = counters();
        CliRun r = run(args);
        Map<String, Double> d = delta(before, counters());
        System.out.println(String.join(" ", args) + " -> exit " + r.exit() + ", request deltas " + d + ", mutating " + mutating(d));
        assertEquals(expectedExit, r.exit(), r.err());
        return d;
    }

    @Test
    @Order(1)
    void monitorInfoAndDryRunMutateNothing() {
        String[] monitor = {"monitor", "--connect-samples", "2", "--search-samples", "3", "--results", results.toString()};
        Map<String, Double> byDefault = deltaOf(0, concat(monitor, "--collection", USER));
        assertEquals(Map.of(), mutating(byDefault), "monitor (default) on a server it did not start");
        assertTrue(byDefault.getOrDefault("Search", 0.0) >= 3, "the counters do move: the read probe's searches show " + byDefault);

        assertEquals(Map.of(), mutating(deltaOf(0, concat(monitor, "--no-write-probe"))), "monitor --no-write-probe");
        assertEquals(Map.of(), mutating(deltaOf(0, concat(monitor, "--no-write-probe", "--continuous", "--interval", "1",
                "--duration", "3s"))), "continuous monitor --no-write-probe");
        assertEquals(2, run(concat(monitor, "--no-write-probe", "--continuous", "--interval", "1", "--duration", "3s",
                "--write-probe-every", "1")).exit(), "a write-probe option beside --no-write-probe is bad input");
        assertEquals(Map.of(), mutating(deltaOf(0, "info")), "info");
        assertEquals(Map.of(), mutating(deltaOf(0, "cleanup", "--dry-run")), "cleanup --dry-run");
        assertEquals(2, run("monitor", "--write-probe", "--no-write-probe").exit(), "contradicting flags are bad input");
        assertEquals(2, run("monitor", "--write-probe=false").exit(), "no negatable form: --write-probe takes no value");
    }

    @Test
    @Order(2)
    void writeProbeOnlyWhenAsked() {
        Map<String, Double> asked = deltaOf(0, "monitor", "--write-probe", "--connect-samples", "1", "--search-samples", "2",
                "--probe-rows", "600", "--probe-index", "FLAT", "--results", results.toString());
        assertEquals(1.0, asked.get("CreateCollection"), asked.toString());
        assertEquals(1.0, asked.get("DropCollection"), asked.toString());
        assertTrue(asked.getOrDefault("Insert", 0.0) >= 1 && asked.getOrDefault("Flush", 0.0) >= 1, asked.toString());
        assertEquals(List.of(), SuiteCollections.listOwned(client), "the probe collection is dropped again");
    }

    @Test
    @Order(3)
    void cleanupDropsOnlyMarkedCollections() {
        String mine = SuiteCollections.newName("cleanup_it");
        VectorCollection.create(client, mine, 8);
        Map<String, String> props = client.describeCollection(DescribeCollectionReq.builder().collectionName(mine).build()).getProperties();
        assertEquals(SuiteCollections.OWNER_VALUE, props.get(SuiteCollections.OWNER_KEY));
        assertEquals(SuiteCollections.runId(), props.get(SuiteCollections.RUN_KEY));
        assertThrows(BadInputException.class, () -> SuiteCollections.drop(client, LOOK_ALIKE), "a look-alike is never dropped");
        assertThrows(BadInputException.class, () -> VectorCollection.open(client, LOOK_ALIKE, 8), "nor opened for writing");

        Map<String, Double> before = counters();
        CliRun refused = run("cleanup");
        assertEquals(2, refused.exit(), "no terminal and no --yes: refused");
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("--yes"), refused.err());
        assertTrue(refused.out().contains(mine) && refused.out().contains("skip        " + LOOK_ALIKE), refused.out());
        assertEquals(Map.of(), mutating(delta(before, counters())), "a refused cleanup drops nothing");

        CliRun done = run("cleanup", "--yes");
        System.out.println(done.out());
        assertEquals(0, done.exit(), done.err());
        assertTrue(done.out().contains("dropped     " + mine), done.out());
        assertTrue(done.out().contains(LOOK_ALIKE + "  (look-alike: no " + SuiteCollections.OWNER_KEY), done.out());
        assertFalse(client.hasCollection(HasCollectionReq.builder().collectionName(mine).build()));
        assertTrue(client.hasCollection(HasCollectionReq.builder().collectionName(LOOK_ALIKE).build()), "the look-alike survives");
        assertTrue(client.hasCollection(HasCollectionReq.builder().collectionName(USER).build()));
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
