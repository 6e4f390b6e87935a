package io.milvusbench.cli;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.TargetOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.milvusbench.cli.LoadCommandIT.metric;
import static io.milvusbench.cli.LoadCommandIT.tags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code milvus-bench sweep} against a real Milvus (local process) on 3,000 × 32 rows (the file's
 * dataset with the spread given on the command line): FLAT is exact (recall 1.0), HNSW's recall
 * does not fall as ef rises, every point has saturated QPS, a one-thread loop, build time, the
 * server's entity size for the collection (never 0) and hlogs, and the Pareto table and the
 * recall-vs-QPS plot are written. The sweep's collection is dropped.
 */
class SweepCommandIT {
    @Test
    void sweepsFlatAndHnsw(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("sweep.yaml");
        Files.writeString(plan, """
                dataset: {rows: 3000, dim: 32, seed: 5, metric: L2, queries: 50}
                top_k: 10
                closed_loop: {concurrency: 2, warmup_seconds: 0.5, duration_seconds: 2}
                indexes:
                  - kind: FLAT
                  - kind: HNSW
                    build: {M: 8, efConstruction: 64}
                    knob: [10, 64]
                """);
        Path results = dir.resolve("results");
        try (LocalProcessTarget target = LocalProcessTarget.start(TargetOptions.fromSystemProperties())) {
            int exit = Main.execute("sweep", "--target", "uri", "--uri", "127.0.0.1:" + target.connection().port(),
                    "--token", target.connection().token(),
                    "--metrics-uri", target.metricsUri().orElseThrow().toString(), "--file", plan.toString(), "--spread", "0.5",
                    "--results", results.toString());
            assertEquals(0, exit);
            MilvusClientV2 client = MilvusClients.v2(target.connection());
            try {
                assertEquals(List.of(), SuiteCollections.listOwned(client), "the sweep drops its collection");
            } finally {
                client.close();
            }
        }
        Path run;
        try (Stream<Path> s = Files.list(results)) {
            run = s.findFirst().orElseThrow();
        }
        assertEquals(1.0, metric(run, "sweep[index=FLAT]", "recall@10"));
        double low = metric(run, "sweep[index=HNSW;ef=10]", "recall@10");
        double high = metric(run, "sweep[index=HNSW;ef=64]", "recall@10");
        assertTrue(high >= low && high >= 0.9, low + " -> " + high);
        for (String series : List.of("sweep[index=FLAT]", "sweep[index=HNSW;ef=10]", "sweep[index=HNSW;ef=64]")) {
            assertTrue(metric(run, series, "qps") > 0, series);
            assertEquals(0, metric(run, series, "errors"), series);
            assertTrue(metric(run, series, "build_seconds") >= 0, series);
            assertTrue(metric(run, series, "memory_percent") > 0, series);
            assertTrue(metric(run, series, "entity_size_bytes") >= 3000 * 32 * 4, series);
            String single = series.replace("sweep[", "sweep-1thread[");
            assertTrue(metric(run, single, "qps") > 0, single);
            assertTrue(metric(run, series, "p99") >= metric(run, series, "p50"), series);
        }
        assertTrue(tags(run).containsAll(List.of("sweep[index=FLAT]", "sweep[index=HNSW;ef=10]", "sweep[index=HNSW;ef=64]")));
        String pareto = Files.readString(run.resolve("pareto.md"));
        assertTrue(pareto.contains("| HNSW ef=64 |") && pareto.contains("| FLAT |"), pareto);
        assertTrue(pareto.contains("1-thread p95 ms"), pareto);
        for (String row : pareto.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| pareto")).toList()) {
            String[] cells = row.split("\\|");
            for (String memory : List.of(cells[cells.length - 2].trim(), cells[cells.length - 1].trim())) {
                assertTrue(memory.equals("unavailable") || Double.parseDouble(memory) > 0, "memory never reads 0: " + row);
            }
        }
        assertTrue(Files.size(run.resolve("recall-vs-qps.png")) > 1000);
        assertTrue(Files.readString(run.resolve("run.json")).contains("spread=0.5"));
        assertTrue(Files.isRegularFile(run.resolve("run.json")));
    }
}
