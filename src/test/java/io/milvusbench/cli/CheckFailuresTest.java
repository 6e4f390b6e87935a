package io.milvusbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.gate.RunFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run that failed never passes, whatever the rules file says; breach messages tell a figure from its bound. */
class CheckFailuresTest {
    @TempDir
    Path tmp;

    private Path shippedRules() {
        return Path.of("benchmarks", "thresholds.yaml");
    }

    @Test
    void failuresRecordedInRunJsonFailTheGateWithEveryShippedRulesFile() throws IOException {
        Path run = RunFixture.realistic(tmp, "run").dir();
        Files.writeString(run.resolve("run.json"), """
                {"command":"bench","failures":[
                  {"series":"SearchBenchmark.search[index=HNSW:ef=64]","reason":"UNAVAILABLE: io exception (iteration 2 of 2)"},
                  "InsertFlushBenchmark.insertAndFlush{batch=1000}"]}
                """);
        for (Path rules : new Path[]{shippedRules(), Path.of("benchmarks", "ci-gate.yaml")}) {
            CliRun r = CliRun.of("check", run.toString(), "--thresholds", rules.toString());
            assertEquals(1, r.exit(), rules + ": " + r.out() + r.err());
            assertTrue(r.out().startsWith("milvus-bench gate: FAIL (critical)"), r.out());
            assertTrue(r.out().contains("2 failure(s) recorded by the run"), r.out());
            assertTrue(r.out().contains("UNAVAILABLE: io exception (iteration 2 of 2)"), r.out());
            assertTrue(r.out().contains("InsertFlushBenchmark.insertAndFlush{batch=1000}"), r.out());
        }
        JsonNode verdict = new ObjectMapper().readTree(run.resolve("report/verdict.json").toFile());
        assertEquals("fail", verdict.get("verdict").asText());
        assertEquals(2, verdict.get("failures").size());
        String junit = Files.readString(run.resolve("report/junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"milvus-bench.thresholds\" name=\"run-failure: SearchBenchmark.search"), junit);
        // report never fails, but says so
        CliRun report = CliRun.of("report", run.toString(), "--thresholds", shippedRules().toString(), "--report-dir", tmp.resolve("r").toString());
        assertEquals(0, report.exit());
        assertTrue(report.out().startsWith("milvus-bench gate: FAIL"), report.out());
    }

    @Test
    void aMergedHostsFailureFailsTheMergedVerdict() throws IOException {
        Path run = RunFixture.realistic(tmp, "host1").dir();
        Path other = RunFixture.realistic(tmp, "host2").dir();
        Files.writeString(other.resolve("run.json"), "{\"failures\":[{\"series\":\"openloop[rate=200;mix=search]\",\"reason\":\"error rate 0.8 above 0.01\"}]}");
        CliRun r = CliRun.of("check", run.toString(), "--merge", other.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("[host2] openloop[rate=200;mix=search]"), r.out());
    }

    @Test
    void anEightyPercentErrorPhaseBreachesTheDefaultRules() throws IOException {
        Path run = RunFixture.create(tmp, "errors")
                .series(io.milvusbench.results.SeriesId.parse("openloop[rate=100;mix=search;correction=corrected]"), RunFixture.range(1000, 1199))
                .metric("openloop[rate=100;mix=search;correction=corrected]", "Client", "error_rate", 0.8, "ratio")
                .metric("openloop[rate=100;mix=search;correction=corrected]", "Client", "errors", 800, "count")
                .dir();
        Files.writeString(run.resolve("run.json"), """
                {"command":"load","failures":[],"errors":{"openloop[rate=100;mix=search;correction=corrected]":
                  {"requests":1000,"errors":800,"reasons":{"DEADLINE_EXCEEDED: deadline exceeded after #s.":795,
                   "UNAVAILABLE: io exception: Connection reset by peer":5}}}}
                """);
        CliRun r = CliRun.of("check", run.toString(), "--thresholds", shippedRules().toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("CRITICAL error-rate-critical: error_rate of openloop[rate=100;mix=search;correction=corrected] = 0.8, breaches max 0.01"), r.out());
        assertTrue(r.out().contains("Errors by cause (run.json)"), r.out());
        assertTrue(r.out().matches("(?s).*1000 +800 +795 +DEADLINE_EXCEEDED: deadline exceeded after #s\\..*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n +5 +UNAVAILABLE: io exception: Connection reset by peer.*"), r.out());
    }

    @Test
    void breachMessagesPrintEnoughDigitsToTellTheFigureFromItsBound() throws IOException {
        Path run = RunFixture.create(tmp, "digits").metric("phase", "Client", "latency_p999", 1214.53, "ms").dir();
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - {name: tail, series: phase, statistic: latency_p999, max: 1214.5}\n");
        CliRun r = CliRun.of("check", run.toString(), "--thresholds", rules.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("latency_p999 of phase = 1214.53 ms, breaches max 1214.5"), r.out());
    }
}
