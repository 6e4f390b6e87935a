package io.milvusbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.gate.PairedTrials;
import io.milvusbench.gate.PairedTrials.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four files of an interleaved comparison, from fixed trials in which B is 20 % slower every round. */
class CompareReportTest {
    @Test
    void aRegressionFailsJUnitAndIsPlotted(@TempDir Path dir) throws Exception {
        List<Trial> trials = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            double a = 1.0 + 0.01 * r;
            trials.add(new Trial("A", r, r % 2, 2000, a, 2 * a, 3 * a, 300, 0));
            trials.add(new Trial("B", r, 1 - r % 2, 2000, 1.2 * a, 2.4 * a, 3.6 * a, 300, 0));
        }
        List<PairedTrials.Figure> figures = PairedTrials.judge(trials, 5, 0.01);
        CompareReport report = new CompareReport("run-1", "open loop at 300/s", "A {}, B {}", trials, figures, List.of(), 5, 0.01, 1);
        report.write(dir);
        assertEquals("REGRESSION", report.verdict());
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertEquals(3, junit.split("<failure ", -1).length - 1, junit);   // p50, p95, p99; qps unchanged
        JsonNode v = new ObjectMapper().readTree(dir.resolve("verdict.json").toFile());
        assertEquals(1, v.get("exit_code").asInt());
        assertEquals(1.2, v.get("figures").get(0).get("ratio").asDouble(), 1e-9);
        assertEquals(0.0078125, v.get("figures").get(0).get("p_value").asDouble(), 1e-12);   // 2 / 2^8
        assertEquals(16, v.get("trials").size());
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("**regression**"));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("data:image/png;base64,"));
        assertEquals(2, report.charts().size());
    }
}
