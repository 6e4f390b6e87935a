package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhScoreTest {
    @TempDir
    Path tmp;

    @Test
    void readsJmhJsonAndNormalisesUnits() {
        Path run = RunFixture.create(tmp, "run").jmhSample().dir();
        List<JmhScore> scores = JmhScore.read(run.resolve("jmh-result.json"));
        JmhScore search = scores.get(0);
        assertEquals(SeriesId.parse("SearchBenchmark.search[index=HNSW;ef=64]"), search.series());
        assertEquals("sample", search.mode());
        assertEquals("ms/op", search.unit());
        assertEquals(2.1505, search.score(), 1e-12);
        assertEquals(0.12025, search.scoreError(), 1e-12);
        assertEquals(3.3, search.percentiles().get("p95"), 1e-12);
        assertEquals(9.8, search.percentiles().get("p99.9"), 1e-12);
        assertEquals(12.0, search.percentiles().get("max"), 1e-12);
        assertEquals(0.0, search.secondary().get("errors").score());
        assertTrue(Double.isNaN(search.secondary().get("errors").scoreError()));
        assertEquals(Direction.LOWER_IS_BETTER, search.direction());

        JmhScore insert = scores.get(1);
        assertEquals("ops/s", insert.unit());
        assertEquals(4.5, insert.score());
        assertTrue(insert.percentiles().isEmpty(), "throughput percentiles are not latencies");
        assertEquals(Direction.HIGHER_IS_BETTER, insert.direction());
    }

    @Test
    void rulesJudgeJmhScoresPercentilesAndAuxCounters() {
        Measurements m = Measurements.read(RunFixture.create(tmp, "run").jmhSample().dir());
        assertEquals(3.3, m.observe("p95").get(0).value(), 1e-12);
        assertEquals(0.0, m.observe("errors").get(0).value());
        assertEquals(List.of(2.1505, 4.5), m.observe("score").stream().map(MeasuredFigure::value).toList());
    }

    @Test
    void entryWithoutAScoreIsBadInputNamingIt() throws IOException {
        Path file = tmp.resolve("jmh-result.json");
        Files.writeString(file, "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\",\"primaryMetric\":{\"scoreUnit\":\"ms/op\"}}]");
        assertEquals(file + " entry 1 lacks benchmark, mode, primaryMetric.score or scoreUnit",
                assertThrows(BadInputException.class, () -> JmhScore.read(file)).getMessage());
    }
}
