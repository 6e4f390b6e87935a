package io.milvusbench.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.cli.CliRun;
import io.milvusbench.collection.SuiteCollections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Milvus Lite 2.5.1 (the milvus-lite wheel's server, started once on a loopback TCP port by
 * scripts/milvus-lite.sh): a server without GetVersion, GetMetrics, segment information, collection
 * properties or a metrics endpoint, that builds FLAT, IVF_FLAT and AUTOINDEX only. Every command
 * runs on it in process, says once what the server lacks and exits 0 (or 1 for a breach); an index
 * kind Lite refuses is refused before any work, in one line, exit 2. Small data keeps it short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiteTargetIT {
    /** A port of this project's test range for the started Lite (a free one when taken). */
    private static final int PORT = 19861;

    LiteTarget lite;
    Path dir;
    Path closedRun;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("lite-it-");
        // another JMH run on this machine holds /tmp/jmh.lock: this bench run measures a server of its own
        System.setProperty("jmh.ignoreLock", "true");
        TargetOptions options = TargetOptions.fromSystemProperties();
        options.localPort = portFree(PORT) ? PORT : 0;
        lite = LiteTarget.start(options);
    }

    @AfterAll
    void stop() {
        if (lite != null) {
            MilvusClientV2 client = MilvusClients.v2(lite.connection());
            try {
                SuiteCollections.dropAllOwned(client);
            } finally {
                client.close();
                lite.close();
            }
        }
        System.clearProperty("jmh.ignoreLock");
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String[] uri(String... args) {
        List<String> out = new ArrayList<>(List.of(args));
        out.addAll(List.of("--target", "uri", "--uri", "127.0.0.1:" + lite.connection().port()));
        return out.toArray(String[]::new);
    }

    String[] load(String results, String... args) {
        List<String> out = new ArrayList<>(List.of("load", "--rows", "1000", "--dim", "16", "--query-pool", "20", "--duration", "2",
                "--warmup", "1", "--client-warmup", "0", "--results", dir.resolve(results).toString()));
        out.addAll(List.of(args));
        return uri(out.toArray(String[]::new));
    }

    static Path onlyRun(Path results) throws IOException {
        try (Stream<Path> s = Files.list(results)) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), runs.toString());
            assertFalse(runs.get(0).toString().endsWith(".partial"), runs.toString());
            return runs.get(0);
        }
    }

    static JsonNode runJson(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile());
    }

    static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    @Order(1)
    void liteStartsOnLoopbackAndReportsNoVersion() {
        assertEquals("127.0.0.1", lite.connection().host());
        assertEquals(ServerFeatures.UNKNOWN_VERSION, lite.serverVersion(), "Lite answers GetVersion UNIMPLEMENTED");
        assertTrue(lite.metricsUri().isEmpty());
        assertFalse(ServerFeatures.answersGetMetrics(lite.connection()), "Lite answers GetMetrics UNIMPLEMENTED");
        assertTrue(ServerFeatures.indexRefusal(lite, "HNSW").isPresent());
        assertTrue(ServerFeatures.indexRefusal(lite, "IVF_FLAT").isEmpty());
    }

    @Test
    @Order(2)
    void infoSaysOnceWhatTheServerLacks() {
        CliRun info = CliRun.of(uri("info"));
        assertEquals(0, info.exit(), info.err());
        assertEquals(1, count(info.out(), ServerFeatures.NO_GET_METRICS), info.out());
        assertEquals(1, count(info.out(), ServerFeatures.NO_METRICS_ENDPOINT), info.out());
        assertTrue(info.out().contains("server version unknown"), info.out());
        assertTrue(info.err().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace\n" + info.err());
    }

    @Test
    @Order(3)
    void benchSearchesFlatAndRefusesHnswUpFront() throws IOException {
        CliRun hnsw = CliRun.of(uri("bench", "Search", "--quick", "-p", "index=HNSW", "--results", dir.resolve("bench-hnsw").toString()));
        assertEquals(2, hnsw.exit(), hnsw.err());
        assertEquals(1, hnsw.errLines(), hnsw.err());
        assertTrue(hnsw.err().contains("builds FLAT, IVF_FLAT, AUTOINDEX only, not HNSW"), hnsw.err());
        assertFalse(Files.exists(dir.resolve("bench-hnsw")) && Files.list(dir.resolve("bench-hnsw")).findAny().isPresent(),
                "nothing written for a refused index");

        CliRun flat = CliRun.of(uri("bench", "Search", "--quick", "-p", "index=FLAT", "--rows", "1000", "-wi", "0", "-i", "1", "-r", "1s",
                "--results", dir.resolve("bench").toString()));
        assertEquals(0, flat.exit(), flat.out() + flat.err());
        JsonNode info = runJson(onlyRun(dir.resolve("bench")));
        assertEquals(ServerFeatures.UNKNOWN_VERSION, info.at("/target/server_version").asText());
        assertEquals(0, info.get("failures").size(), info.get("failures").toString());
        assertTrue(flat.out().contains("segment information: not available on this server"), flat.out());
    }

    @Test
    @Order(4)
    void loadClosedOpenAndCapacityRunWithTheDefaultIndexReplaced() throws IOException {
        CliRun closed = CliRun.of(load("closed", "--mode", "closed", "--concurrency", "2"));
        assertTrue(closed.exit() == 0 || closed.exit() == 1, closed.err());
        assertEquals(1, count(closed.err(), "not the default HNSW"), closed.err());
        assertEquals(1, count(closed.err(), ServerFeatures.NO_GET_METRICS), closed.err());
        closedRun = onlyRun(dir.resolve("closed"));
        JsonNode info = runJson(closedRun);
        assertEquals(ServerFeatures.UNKNOWN_VERSION, info.at("/target/server_version").asText());
        assertEquals("IVF_FLAT", info.at("/parameters/index").asText(), info.get("parameters").toString());
        assertEquals(3, info.get("server_lacks").size(), info.get("server_lacks").toString());
        // the load collection is the suite's own on a server that keeps no collection properties: reused, not refused
        CliRun open = CliRun.of(load("open", "--mode", "open", "--rate", "10", "--index", "IVF_FLAT"));
        assertTrue(open.exit() == 0 || open.exit() == 1, open.err());
        assertTrue(open.err().contains("reusing"), open.err());
        assertEquals(0, runJson(onlyRun(dir.resolve("open"))).get("failures").size());
        CliRun capacity = CliRun.of(load("capacity", "--mode", "capacity", "--index", "FLAT", "--slo", "p95<2s", "--start-rate", "5",
                "--max-rate", "10", "--max-steps", "2"));
        assertTrue(capacity.exit() == 0 || capacity.exit() == 1, capacity.err());
        assertTrue(Files.isRegularFile(onlyRun(dir.resolve("capacity")).resolve("run.json")));
    }

    @Test
    @Order(5)
    void loadRefusesWhatTheServerCannotDoInOneLine() {
        for (String[] args : List.of(load("refused-hnsw", "--mode", "closed", "--index", "HNSW"),
                load("refused-ceiling", "--mode", "ceiling"))) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.errLines(), r.err());
        }
    }

    @Test
    @Order(6)
    void monitorReadsWhatItCanAndNamesTheRestOnce() throws IOException {
        CliRun refused = CliRun.of(uri("monitor", "--write-probe", "--probe-index", "HNSW", "--results", dir.resolve("m0").toString()));
        assertEquals(2, refused.exit(), refused.err());
        assertEquals(1, refused.errLines(), refused.err());

        CliRun m = CliRun.of(uri("monitor", "--write-probe", "--probe-index", "IVF_FLAT", "--probe-rows", "500", "--probe-dim", "16",
                "--results", dir.resolve("m").toString()));
        assertEquals(0, m.exit(), m.err());
        assertEquals(1, count(m.err(), ServerFeatures.NO_GET_METRICS), m.err());
        assertEquals(1, count(m.err(), ServerFeatures.NO_METRICS_ENDPOINT), m.err());
        assertEquals(1, count(m.err(), "not available on this server (UNIMPLEMENTED)"), m.err());
        assertTrue(m.out().contains("status up"), m.out());
        assertFalse(m.out().contains("PROBE ERRORS"), m.out());
        assertTrue(m.out().contains(", dropped"), "the write probe's collection is the suite's: dropped\n" + m.out());
        assertTrue(m.err().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace\n" + m.err());
    }

    @Test
    @Order(7)
    void checkNamesABaselineOfAnotherServerVersion() throws IOException {
        Path baseline = dir.resolve("baseline-2.3.5");
        Files.createDirectories(baseline);
        try (Stream<Path> files = Files.walk(closedRun)) {
            for (Path f : files.toList()) {
                Path to = baseline.resolve(closedRun.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        ObjectNode info = (ObjectNode) runJson(baseline);
        ((ObjectNode) info.get("target")).put("server_version", "v2.3.5").remove("server_package");
        new ObjectMapper().writeValue(baseline.resolve("run.json").toFile(), info);
        CliRun same = CliRun.of("check", closedRun.toString(), "--baseline", closedRun.toString());
        assertFalse(same.out().contains("another server version"), same.out());
        CliRun other = CliRun.of("check", closedRun.toString(), "--baseline", baseline.toString());
        assertTrue(other.exit() == 0 || other.exit() == 1, other.err());
        assertTrue(other.out().contains("Baseline from another server version: v2.3.5 (this run: unknown (milvus-lite 2.5.1))")
                || other.out().contains("Baseline from another server version: v2.3.5 (this run: unknown)"), other.out());
    }

    @Test
    @Order(8)
    void theLiteTargetStartsItsOwnServer() {
        int port = portFree(PORT + 1) ? PORT + 1 : 0;
        String before = System.getProperty("milvus.local.port");
        if (port > 0) {
            System.setProperty("milvus.local.port", Integer.toString(port));
        }
        try {
            CliRun info = CliRun.of("info", "--target", "lite");
            assertEquals(0, info.exit(), info.err());
            assertTrue(info.out().contains("Milvus Lite 2.5.1"), info.out());
        } finally {
            if (before == null) {
                System.clearProperty("milvus.local.port");
            } else {
                System.setProperty("milvus.local.port", before);
            }
        }
    }
}
