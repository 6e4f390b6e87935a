package io.milvusbench.sweep;

import io.milvusbench.BadInputException;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep file shipped in benchmarks/ parses and means what its comments say; a sweep file names its dataset. */
class SweepPlanTest {
    @Test
    void shippedSweepFileParses() {
        SweepPlan plan = SweepPlan.read(Path.of("benchmarks", "index-sweep.yaml"));
        DatasetOptions data = plan.data();
        assertEquals("wordnet-minilm", data.source());
        assertEquals(0, data.rows(), "all rows of the file");
        assertNull(data.metric(), "the file's own metric (cosine)");
        assertEquals(200, plan.dataset().queries());
        assertEquals(10, plan.topK());
        assertEquals(List.of(IndexKind.FLAT, IndexKind.IVF_FLAT, IndexKind.IVF_SQ8, IndexKind.HNSW),
                plan.indexes().stream().map(SweepPlan.IndexEntry::indexKind).toList());
        assertEquals(1 + 6 + 2 + 6, plan.points());
        assertEquals(List.of(0), plan.indexes().get(0).knobValues());
        assertEquals(128, plan.indexes().get(3).buildParams().get("efConstruction"));
        assertEquals(4, plan.phase().measured().toSeconds());
    }

    @Test
    void syntheticDataKeepsBenchDefaultsAndTheFilesChoices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                dataset: {rows: 3000, dim: 32, seed: 5, metric: IP, queries: 50, spread: 1.0}
                top_k: 10
                closed_loop: {concurrency: 2, warmup_seconds: 0.5, duration_seconds: 2}
                indexes:
                  - kind: FLAT
                """);
        DatasetOptions data = SweepPlan.read(file).data();
        assertTrue(data.isSynthetic());
        assertEquals(3000, data.rows());
        assertEquals(32, data.dim());
        assertEquals(Metric.IP, data.metric());
        assertEquals(1.0f, data.spread());
        assertEquals(DatasetOptions.DEFAULT_CLUSTERS, data.clusters());
        SweepPlan other = SweepPlan.read(file).withData(DatasetOptions.synthetic(500, 8, Metric.L2, 1), 20);
        assertEquals(500, other.data().rows());
        assertEquals(20, other.dataset().queries());
    }

    @Test
    void mistakesAreOneLineOfBadInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                dataset: {rows: 5, dim: 32, queries: 50}
                top_k: 10
                closed_loop: {concurrency: 2, warmup_seconds: 0.5, duration_seconds: 2}
                indexes:
                  - kind: FLAT
                """);
        BadInputException e = assertThrows(BadInputException.class, () -> SweepPlan.read(file));
        assertTrue(e.getMessage().contains("top_k must be in 1..min(rows, 1024)"), e.getMessage());
        Files.writeString(file, """
                dataset: {source: synthetic, rows: 100, dim: 32, queries: 50, colour: red}
                top_k: 10
                closed_loop: {concurrency: 2, warmup_seconds: 0.5, duration_seconds: 2}
                indexes:
                  - kind: FLAT
                """);
        assertThrows(BadInputException.class, () -> SweepPlan.read(file));
    }
}
