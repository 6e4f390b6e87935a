package io.milvusbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.gate.BaselineComparison;
import io.milvusbench.gate.Comparison;
import io.milvusbench.gate.DetectorEvaluation;
import io.milvusbench.gate.HlogFiles;
import io.milvusbench.gate.HlogSeries;
import io.milvusbench.gate.Measurements;
import io.milvusbench.gate.NoiseProfile;
import io.milvusbench.gate.RunFixture;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check} against one baseline (the machine's run-to-run band) and against a history (change points), on run
 * folders cut from the committed real recordings (src/test/resources/gate-eval/).
 */
class CheckNoiseAndHistoryTest {
    private static final String OPEN = "openloop[rate=300;mix=search;correction=corrected]";
    private static final String CLOSED = "closedloop[concurrency=1;mix=search]";

    @TempDir
    Path tmp;

    private static List<Histogram> recording(String file, String series) throws Exception {
        Path f = Path.of(CheckNoiseAndHistoryTest.class.getResource("/gate-eval/" + file).toURI());
        return HlogFiles.read(f).get(SeriesId.parse(series));
    }

    /** A run folder whose log {@code hlog/search.hlog} holds the intervals untagged: its series is {@code search}. */
    private Path run(String name, List<Histogram> intervals) throws Exception {
        RunFixture f = RunFixture.create(tmp, name);
        RunFixture.writeLog(f.dir().resolve("hlog/search.hlog"), intervals.stream().map(Histogram::copy).toList());
        return f.dir();
    }

    private static Measurements measurements(List<Histogram> run) {
        return new Measurements(Map.of(SeriesId.of("r"), HlogSeries.of(SeriesId.of("r"), run)), List.of(), List.of());
    }

    /** The first back-to-back pair of unchanged 35 s open-loop runs that one baseline without a band calls a regression. */
    private static int firstFalseAlarm(List<Histogram> rec) {
        for (int start = 0; start + 70 <= rec.size(); start += 5) {
            boolean alarm = BaselineComparison.compare(measurements(rec.subList(start + 35, start + 70)),
                            List.of(measurements(rec.subList(start, start + 35))), 5, 0.001).stream()
                    .anyMatch(c -> c.outcome() == Comparison.Outcome.REGRESSION);
            if (alarm) {
                return start;
            }
        }
        return -1;
    }

    @Test
    void driftBetweenTwoUnchangedRunsIsInconclusiveButTheOneCoreSlowdownFails() throws Exception {
        List<Histogram> rec = recording("openloop-300.hlog", OPEN);
        int start = firstFalseAlarm(rec);
        assertEquals(155, start, "the recording's first false alarm of one baseline without a band");
        Path base = run("base", rec.subList(start, start + 35));
        Path same = run("same", rec.subList(start + 35, start + 70));

        CliRun r = CliRun.of("check", same.toString(), "--baseline", base.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("inconclusive against one baseline"), r.out());
        assertTrue(r.out().contains("the conservative floor of docs/gate.md"), r.out());
        JsonNode verdict = new ObjectMapper().readTree(same.resolve("report/verdict.json").toFile());
        assertEquals(19.0, verdict.path("noise_profile").path("band_pct").path("p50").asDouble(), 0);

        // the band the user gives wins; a narrow one lets the drift count again
        Path narrow = tmp.resolve("narrow.json");
        Files.write(narrow, new NoiseProfile(Map.of("p50", 1.0, "p90", 1.0, "p95", 1.0, "p99", 1.0, "mean", 1.0), "t", 1)
                .toJson("t", "35x1", 5));
        CliRun strict = CliRun.of("check", same.toString(), "--baseline", base.toString(), "--noise-profile", narrow.toString());
        assertEquals(1, strict.exit(), strict.out());
        assertTrue(strict.out().contains("regression"), strict.out());

        // a noise-profile.json beside the baseline is found
        Files.copy(narrow, base.resolve(NoiseProfile.FILE_NAME));
        CliRun beside = CliRun.of("check", same.toString(), "--baseline", base.toString());
        assertEquals(1, beside.exit(), beside.out());
        assertTrue(beside.out().contains("noise profile " + base.toAbsolutePath().resolve(NoiseProfile.FILE_NAME)), beside.out());
        Files.delete(base.resolve(NoiseProfile.FILE_NAME));

        // the slowdown of a server cut to one core: p95 x3 (every value above the run's p90 tripled)
        Path slow = run("slow", DetectorEvaluation.shiftRun(rec.subList(start + 35, start + 70), "p95", 2.0));
        CliRun s = CliRun.of("check", slow.toString(), "--baseline", base.toString());
        assertEquals(1, s.exit(), s.out());
        assertTrue(java.util.regex.Pattern.compile("regression +search +p95").matcher(s.out()).find(),
                s.out());
    }

    @Test
    void aFailedRunFailsTheGateEvenWhenItsChangeIsInconclusive() throws Exception {
        List<Histogram> rec = recording("openloop-300.hlog", OPEN);
        Path base = run("base", rec.subList(155, 190));    // the pair whose drift is inconclusive (above)
        Path failed = run("failed", rec.subList(190, 225));
        Files.writeString(failed.resolve("run.json"), "{\"command\":\"load\",\"failures\":[\"" + OPEN
                + ": error rate 0.5446 > 0.01\"]}");
        CliRun r = CliRun.of("check", failed.toString(), "--baseline", base.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("inconclusive against one baseline"), r.out());
        assertTrue(r.out().contains("error rate 0.5446 > 0.01"), r.out());
    }

    @Test
    void aHistoryNamesTheRunWhereATenPercentStepBegan() throws Exception {
        List<Histogram> rec = recording("closedloop-c1.hlog", CLOSED);
        Path history = Files.createDirectories(tmp.resolve("nightly"));
        Path current = null;
        for (int i = 0; i < 13; i++) {
            List<Histogram> run = rec.subList(10 + 35 * i, 10 + 35 * i + 35);   // from 10 s: the recording's first seconds run slow
            if (i >= 6) {
                run = DetectorEvaluation.shiftRun(run, "p50", 0.10);   // from the 7th run on, every value +10 %
            }
            RunFixture f = RunFixture.create(i < 12 ? history : tmp, String.format("2026-12-%02d-nightly", i + 1));
            RunFixture.writeLog(f.dir().resolve("hlog/search.hlog"), run.stream().map(Histogram::copy).toList());
            current = f.dir();
        }
        CliRun r = CliRun.of("check", current.toString(), "--baseline", history.toString());
        assertTrue(r.out().contains("Change points over the history"), r.out());
        JsonNode verdict = new ObjectMapper().readTree(current.resolve("report/verdict.json").toFile());
        JsonNode p50 = null;
        for (JsonNode p : verdict.path("change_points")) {
            if ("p50".equals(p.path("statistic").asText())) {
                p50 = p;
            }
        }
        assertTrue(p50 != null, verdict.path("change_points").toString());
        assertEquals("2026-12-07-nightly", p50.path("run").asText());
        assertEquals(13, p50.path("runs").asInt());
        assertEquals(EXPECTED_P50_CHANGE, p50.path("change_pct").asDouble(), 0.05);
        String html = Files.readString(current.resolve("report/report.html"));
        assertTrue(html.contains("History: search (ms)"), "report.html plots the series over its runs");
    }

    /** Block-median p50 0.988 ms over runs 1-6, 1.066 ms over runs 7-13: the +10 % step on top of the recording's own drift. */
    private static final double EXPECTED_P50_CHANGE = 7.888;
}
