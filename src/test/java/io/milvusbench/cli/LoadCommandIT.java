package io.milvusbench.cli;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.results.ScalarMetric;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code milvus-bench load} end to end against one real Milvus (local process): every mode and
 * mix writes a complete run folder whose figures hang together. Small data (2,000 × 32, HNSW)
 * and short phases keep it well under two minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadCommandIT {
    LocalProcessTarget target;
    @TempDir
    Path dir;
    int runs;

    @BeforeAll
    void start() {
        target = LocalProcessTarget.start(TargetOptions.fromSystemProperties());
    }

    @AfterAll
    void stop() {
        if (target != null) {
            MilvusClientV2 client = MilvusClients.v2(target.connection());
            try {
                SuiteCollections.dropAllOwned(client);
            } finally {
                client.close();
                target.close();
            }
        }
    }

    /** Runs {@code load} with the shared small-data options; returns the completed run folder. */
    Path load(String... options) {
        Path results = dir.resolve("r" + (runs++));
        List<String> args = args(results, options);
        assertEquals(0, Main.execute(args.toArray(String[]::new)), String.join(" ", args));
        try (Stream<Path> folders = Files.list(results)) {
            List<Path> done = folders.toList();
            assertEquals(1, done.size(), done.toString());
            assertTrue(!done.get(0).toString().endsWith(".partial"));
            assertTrue(Files.isRegularFile(done.get(0).resolve("run.json")));
            return done.get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static double metric(Path run, String series, String statistic) {
        return find(run, series, statistic).orElseThrow(() -> new AssertionError("no " + statistic + " of " + series)).value();
    }

    static Optional<ScalarMetric> find(Path run, String series, String statistic) {
        return ScalarMetric.read(run.resolve("metrics.jsonl")).stream()
                .filter(m -> m.series().equals(series) && m.statistic().equals(statistic)).findFirst();
    }

    static Set<String> tags(Path run) throws IOException {
        Set<String> tags = new HashSet<>();
        try (Stream<Path> files = Files.list(run.resolve("hlog"))) {
            for (Path f : files.toList()) {
                HistogramLogReader reader = new HistogramLogReader(f.toFile());
                Histogram h;
                while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
                    tags.add(h.getTag());
                }
            }
        }
        return tags;
    }

    @Test
    void openLoopAtTwoRatesWritesCorrectedAndUncorrectedTags() throws IOException {
        Path run = load("--mode", "open", "--rate", "40,80", "--duration", "3", "--warmup", "1");
        for (String rate : List.of("40", "80")) {
            String series = "openloop[rate=" + rate + ";mix=search;correction=corrected]";
            assertEquals(0, metric(run, series, "errors"));
            double requests = metric(run, series, "requests");
            assertEquals(2 * Double.parseDouble(rate), requests, 1, series);   // 2 s measured at the rate
            assertEquals(Double.parseDouble(rate), metric(run, series, "qps"), 1, series);
            assertTrue(metric(run, series, "p50") > 0);
            assertTrue(metric(run, series, "p99") >= metric(run, series, "p50"));
        }
        assertTrue(tags(run).containsAll(List.of("openloop[rate=40;mix=search;correction=corrected]",
                "openloop[rate=40;mix=search;correction=uncorrected]", "openloop[rate=80;mix=search;correction=uncorrected]",
                "sendlag[rate=80;mix=search]")), tags(run).toString());
    }

    List<String> args(Path results, String... options) {
        List<String> args = new ArrayList<>(List.of("load", "--target", "uri", "--uri", "127.0.0.1:" + target.connection().port(),
                "--token", target.connection().token(),
                "--metrics-uri", target.metricsUri().orElseThrow().toString(), "--rows", "2000", "--dim", "32",
                "--query-pool", "50", "--index", "HNSW", "--knob", "16", "--results", results.toString()));
        args.addAll(List.of(options));
        return args;
    }

    @Test
    void anInvalidFilterIsBadInputBeforeAnyPhase() {
        for (String client : List.of("sdk", "grpc")) {
            Path results = dir.resolve("bad-filter-" + client);
            // a field the load collection lacks is refused before connecting; a filter the server cannot
            // parse is found by the probe search, before any phase
            CliRun unknownField = CliRun.of(args(results, "--mode", "open", "--client", client, "--mix", "filtered",
                    "--filter", "no_such_field < 10", "--rate", "30", "--duration", "2", "--warmup", "1").toArray(String[]::new));
            assertEquals(2, unknownField.exit(), unknownField.err());
            assertTrue(unknownField.err().strip().lines().count() == 1
                    && unknownField.err().contains("names field 'no_such_field', which the load collection does not have"), unknownField.err());
            CliRun run = CliRun.of(args(results, "--mode", "open", "--client", client, "--mix", "filtered",
                    "--filter", "category <<< 10", "--rate", "30", "--duration", "2", "--warmup", "1").toArray(String[]::new));
            assertEquals(2, run.exit(), run.err());
            List<String> lines = run.err().lines().filter(l -> l.startsWith("milvus-bench:")).toList();
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).contains("filter expression 'category <<< 10'"), lines.get(0));
            assertTrue(!Files.exists(results) || results.toFile().list().length == 0, "no run folder is left behind");
        }
        Path ok = load("--mode", "open", "--mix", "filtered", "--filter", "category < 10", "--rate", "30",
                "--duration", "2", "--warmup", "1");
        assertEquals(0, metric(ok, "openloop[rate=30;mix=filtered;correction=corrected]", "errors"));
    }

    @Test
    void streamingReportsBothSidesAndDropsItsFreshCollection() {
        MilvusClientV2 client = MilvusClients.v2(target.connection());
        try {
            List<String> before = SuiteCollections.listOwned(client);
            Path run = load("--mode", "open", "--mix", "streaming", "--rate", "40", "--insert-rate", "5",
                    "--insert-batch", "50", "--duration", "3", "--warmup", "1");
            assertEquals(0, metric(run, "openloop[rate=40;mix=streaming;op=search;correction=corrected]", "errors"));
            String inserts = "openloop[rate=5;mix=streaming;op=insert;batch=50;correction=corrected]";
            assertEquals(10, metric(run, inserts, "requests"), 1);
            assertEquals(0, metric(run, inserts, "errors"));
            assertTrue(metric(run, inserts, "p50") > 0);
            assertEquals(before, SuiteCollections.listOwned(client));
        } finally {
            client.close();
        }
    }

    @Test
    void closedLoopLevelsAndCapacityAndOverhead() {
        Path closed = load("--mode", "closed", "--concurrency", "1,4", "--duration", "2", "--warmup", "0.5");
        double one = metric(closed, "closedloop[concurrency=1;mix=search]", "qps");
        double four = metric(closed, "closedloop[concurrency=4;mix=search]", "qps");
        assertTrue(one > 10 && four > 10, one + " " + four);
        assertEquals(0, metric(closed, "closedloop[concurrency=4;mix=search]", "errors"));
        Path lean = load("--mode", "closed", "--client", "grpc", "--concurrency", "2", "--duration", "2", "--warmup", "0.5");
        assertTrue(metric(lean, "closedloop[concurrency=2;mix=search]", "qps") > 10);
        assertEquals(0, metric(lean, "closedloop[concurrency=2;mix=search]", "errors"));

        // A generous send-lag bound: this checks the search over rates, not the generator's punctuality on a busy CI machine.
        Path capacity = load("--mode", "capacity", "--slo", "p95<2s", "--start-rate", "20", "--max-rate", "40",
                "--max-steps", "2", "--duration", "2", "--warmup", "0.5", "--lag-bound-ms", "250");
        String cap = "capacity[mix=search;index=HNSW;percentile=95;slo_ms=2000]";
        assertEquals(40, metric(capacity, cap, "capacity_rate"));
        assertEquals(40, metric(capacity, cap, "capacity_qps"), 2);

        Path overhead = load("--mode", "overhead", "--duration", "3", "--warmup", "1");
        String series = "overhead[mix=search;concurrency=1]";
        double clientMean = metric(overhead, series, "client_mean");
        double serverMean = metric(overhead, series, "server_mean");
        assertTrue(clientMean > 0 && serverMean > 0, clientMean + " " + serverMean);
        // the proxy counted the very searches the client sent between the two scrapes
        assertEquals(metric(overhead, series, "client_requests"), metric(overhead, series, "server_requests"), 2);
        assertEquals(0, metric(overhead, series, "client_errors"));
        assertTrue(find(overhead, series, "send_lag_p50").isPresent());
        assertTrue(metric(overhead, series, "client_cpu_per_request") > 0);
    }

    @Test
    void asyncClientCeilingAndTwoShardsMergedIntoOneVerdict() throws Exception {
        Path closed = load("--mode", "closed", "--client", "async", "--concurrency", "1,4", "--duration", "2", "--warmup", "0.5");
        for (int c : new int[] {1, 4}) {
            String series = "closedloop[concurrency=" + c + ";mix=search]";
            assertTrue(metric(closed, series, "qps") > 10, series);
            assertEquals(0, metric(closed, series, "errors"));
            assertTrue(metric(closed, series, "client_cpu_per_request") > 0);
        }
        Path ceiling = load("--mode", "ceiling", "--start-rate", "50", "--max-rate", "100", "--max-steps", "2",
                "--duration", "2", "--warmup", "0.5");
        assertEquals(0, metric(ceiling, "ceiling[rate=50;rpc=GetVersion;correction=corrected]", "errors"));
        assertEquals(75, metric(ceiling, "ceiling[rate=50;rpc=GetVersion;correction=corrected]", "requests"), 2);
        assertTrue(find(ceiling, "ceiling[rpc=GetVersion;lag_bound_ms=1]", "ceiling_rate").isPresent());

        // two generator processes' worth of shards, one schedule, started together
        String start = java.time.Instant.now().plusSeconds(8).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Path>> shards = new ArrayList<>();
        for (String shard : List.of("1/2", "2/2")) {
            shards.add(pool.submit(() -> load("--mode", "open", "--client", "async", "--rate", "60", "--duration", "3",
                    "--warmup", "1", "--shard", shard, "--start-at", start)));
        }
        Path one = shards.get(0).get(2, java.util.concurrent.TimeUnit.MINUTES);
        Path two = shards.get(1).get(2, java.util.concurrent.TimeUnit.MINUTES);
        pool.shutdown();
        String series = "openloop[rate=60;mix=search;correction=corrected]";
        assertEquals(30, metric(one, series, "offered_rate"));
        assertEquals(120, metric(one, series, "requests") + metric(two, series, "requests"), 2);   // 2 s measured at 60/s
        CliRun alone = CliRun.of("check", one.toString());
        assertEquals(2, alone.exit(), alone.err());
        assertTrue(alone.err().contains("shard(s) [2] of 2 missing"), alone.err());
        Path rules = dir.resolve("shard-rules.yaml");
        Files.writeString(rules, "rules:\n  - {name: slo, series: openloop, params: {correction: corrected}, statistic: p95, max: 2000}\n"
                + "  - {name: errors, series: openloop, statistic: error_rate, max: 0.01}\n"
                + "  - {name: rate-min, series: openloop, params: {correction: corrected}, statistic: offered_rate, min: 60}\n"
                + "  - {name: rate-max, series: openloop, params: {correction: corrected}, statistic: offered_rate, max: 60}\n");
        CliRun merged = CliRun.of("check", one.toString(), "--merge", two.toString(), "--thresholds", rules.toString());
        assertEquals(0, merged.exit(), merged.err() + merged.out());
        com.fasterxml.jackson.databind.JsonNode verdict = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(one.resolve("report/verdict.json").toFile());
        assertEquals(2, verdict.get("shards").get("count").asInt());
        for (com.fasterxml.jackson.databind.JsonNode l : verdict.get("latency")) {
            if (l.get("series").asText().equals(series)) {
                assertEquals(metric(one, series, "requests") + metric(two, series, "requests"), l.get("count").asDouble());
            }
        }
        assertTrue(merged.out().contains("shards: 2 generator processes"), merged.out());
    }

    @Test
    void anFvecsDatasetWithShippedNeighboursIsLoadedSearchedAndItsRecallReported() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        float[][] base = new float[2000][32];
        float[][] queries = new float[20][32];
        for (float[][] set : List.of(base, queries)) {
            for (float[] row : set) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = (float) random.nextGaussian();
                }
            }
        }
        long[][] exact = io.milvusbench.dataset.GroundTruth.topK(queries, base.length, i -> base[(int) i],
                io.milvusbench.index.Metric.L2, 10);
        Path data = Files.createDirectories(dir.resolve("fvecs"));
        Path baseFile = writeVecs(data.resolve("tiny_base.fvecs"), base.length, 32, (r, d) -> Float.floatToIntBits(base[r][d]));
        writeVecs(data.resolve("tiny_query.fvecs"), queries.length, 32, (r, d) -> Float.floatToIntBits(queries[r][d]));
        writeVecs(data.resolve("tiny_groundtruth.ivecs"), exact.length, 10, (r, d) -> (int) exact[r][d]);

        Path run = load("--dataset", baseFile.toString(), "--mode", "closed", "--concurrency", "2", "--duration", "2", "--warmup", "0.5",
                "--recall-queries", "20");   // the file holds 20 queries: the pool of 50 is cut to them
        double recall = metric(run, "recall[mix=search;index=HNSW;ef=16;queries=20]", "recall@10");
        assertTrue(recall > 0.8 && recall <= 1.0, "HNSW ef 16 on 2,000 rows: " + recall);
        assertEquals(0, metric(run, "closedloop[concurrency=2;mix=search]", "errors"));
        String manifest = Files.readString(run.resolve("run.json"));
        assertTrue(manifest.contains("exact neighbours shipped") && manifest.contains("mbench_load_tiny_2000x32_l2_hnsw_s"), manifest);
    }

    /** An .fvecs/.ivecs file: per record the dimension, then {@code dim} little-endian 32-bit values. */
    private static Path writeVecs(Path file, int records, int dim, java.util.function.IntBinaryOperator value) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(records * (4 + 4 * dim)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < records; r++) {
            b.putInt(dim);
            for (int d = 0; d < dim; d++) {
                b.putInt(value.applyAsInt(r, d));
            }
        }
        return Files.write(file, b.array());
    }
}
