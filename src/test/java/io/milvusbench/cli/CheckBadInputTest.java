package io.milvusbench.cli;

import io.milvusbench.gate.RunFixture;
import io.milvusbench.results.SeriesId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.milvusbench.gate.RunFixture.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input: exit code 2, one line on stderr naming the problem, nothing written. The
 * tests run as root, whom file permissions do not stop, so an unwritable report location is
 * simulated by a regular file where the report folder (or one of its files) would go.
 */
class CheckBadInputTest {
    @TempDir
    Path tmp;
    Path run;
    Path rules;

    @BeforeEach
    void setUp() throws IOException {
        run = RunFixture.create(tmp, "run").series(SeriesId.parse("search[index=HNSW]"), range(1, 1000)).dir();
        rules = rulesFile("rules:\n  - {name: p95, series: search, statistic: p95, max: 200}\n");
    }

    private Path rulesFile(String yaml) throws IOException {
        Path file = Files.createTempFile(tmp, "rules", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Runs check, asserts exit 2, a one-line message containing {@code expected}, and no report written. */
    private void assertBadInput(String expected, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("check"));
        all.addAll(List.of(args));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertEquals(2, r.exit(), r.err() + r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("milvus-bench: "), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals("", r.out());
        assertNoReportUnder(tmp);
    }

    private static void assertNoReportUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> written = s.filter(p -> p.getFileName().toString().matches(
                    "summary\\.md|report\\.html|verdict\\.json|junit\\.xml|\\.report-staging.*")).toList();
            assertEquals(List.of(), written);
        }
        try (Stream<Path> s = Files.walk(root)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().equals("report") && Files.isDirectory(p)));
        }
    }

    @Test
    void missingRunFolder() throws IOException {
        assertBadInput("run folder " + tmp.resolve("nope") + " does not exist", tmp.resolve("nope").toString(), "--thresholds", rules.toString());
    }

    @Test
    void missingThresholdsFile() throws IOException {
        assertBadInput("thresholds file " + tmp.resolve("none.yaml") + " does not exist", run.toString(), "--thresholds", tmp.resolve("none.yaml").toString());
    }

    @Test
    void aLogWithoutSamplesFailsTheGateInsteadOfBeingBadInput() throws IOException {
        // an all-errors phase records no latency: that is a failed figure (exit 1), not bad input
        RunFixture.writeLog(run.resolve("hlog/empty.hlog"), List.of());
        CliRun r = CliRun.of("check", run.toString(), "--thresholds", rules.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Failures (the run itself failed") && r.out().contains("no sample recorded"), r.out());
    }

    @Test
    void corruptLog() throws IOException {
        Path log;
        try (Stream<Path> s = Files.list(run.resolve("hlog"))) {
            log = s.findFirst().orElseThrow();
        }
        java.util.List<String> lines = Files.readAllLines(log);
        int firstInterval = 1 + lines.indexOf(lines.stream().filter(l -> l.contains("HISTF")).findFirst().orElseThrow());
        assertEquals(6, firstInterval, "after the header: comment, format version, StartTime, BaseTime, legend");
        Files.writeString(log, Files.readString(log).replace("HISTF", "HISTX"));
        assertBadInput("corrupt histogram log " + log + " line " + firstInterval, run.toString(), "--thresholds", rules.toString());
    }

    @Test
    void unknownStatistic() throws IOException {
        assertBadInput("rule 'x': unknown statistic 'p95ms'", run.toString(), "--thresholds",
                rulesFile("rules:\n  - {name: x, series: search, statistic: p95ms, max: 200}\n").toString());
    }

    @Test
    void unknownSeries() throws IOException {
        assertBadInput("rule 'x': unknown series: nothing in the run matches 'serach'", run.toString(), "--thresholds",
                rulesFile("rules:\n  - {name: x, series: serach, statistic: p95, max: 200}\n").toString());
    }

    @Test
    void boundOfTheWrongType() throws IOException {
        assertBadInput("rule 'x': bound 'max' must be a number, got '200 ms'", run.toString(), "--thresholds",
                rulesFile("rules:\n  - {name: x, series: search, statistic: p95, max: 200 ms}\n").toString());
    }

    @Test
    void duplicateRule() throws IOException {
        assertBadInput("rule 'x': duplicate rule name", run.toString(), "--thresholds",
                rulesFile("rules:\n  - {name: x, series: search, statistic: p95, max: 200}\n"
                        + "  - {name: x, series: search, statistic: p99, max: 300}\n").toString());
    }

    @Test
    void yamlSyntaxError() throws IOException {
        assertBadInput("YAML error at line 3", run.toString(), "--thresholds",
                rulesFile("rules:\n  - name: x\n   statistic: [p95\n").toString());
    }

    @Test
    void baselineFolderOfAnotherLayout() throws IOException {
        Path other = tmp.resolve("old-results");
        Files.createDirectories(other);
        Files.writeString(other.resolve("search.hlog"), "not where a run folder keeps its logs");
        Files.writeString(other.resolve("results.csv"), "series,p95\nsearch,0.9\n");
        assertBadInput("baseline " + other + " is neither a run folder nor a folder of finished run folders",
                run.toString(), "--thresholds", rules.toString(), "--baseline", other.toString());
    }

    @Test
    void baselineWithNothingInCommon() throws IOException {
        Path other = RunFixture.create(tmp, "other").series(SeriesId.of("insert"), range(1, 10)).dir();
        assertBadInput("baseline " + other + " has no series in common with " + run,
                run.toString(), "--thresholds", rules.toString(), "--baseline", other.toString());
    }

    @Test
    void unwritableReportLocationLeavesTheUsersFileAlone() throws IOException {
        Files.writeString(run.resolve("report"), "a file the user keeps here");
        CliRun r = CliRun.of("check", run.toString(), "--thresholds", rules.toString());
        assertEquals(2, r.exit());
        assertEquals("milvus-bench: cannot write report: " + run.resolve("report") + " exists and is not a folder", r.err().strip());
        assertEquals("a file the user keeps here", Files.readString(run.resolve("report")));
    }

    @Test
    void reportFileTakenByAFolderWritesNothing() throws IOException {
        Path report = run.resolve("report");
        Files.createDirectories(report.resolve("junit.xml"));
        Files.writeString(report.resolve("summary.md"), "earlier summary");
        CliRun r = CliRun.of("check", run.toString(), "--thresholds", rules.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(report.resolve("junit.xml") + " is a folder"), r.err());
        assertEquals("earlier summary", Files.readString(report.resolve("summary.md")));
        assertFalse(Files.exists(report.resolve("verdict.json")));
    }

    @Test
    void incompleteRunFolder() throws IOException {
        Path partial = RunFixture.create(tmp, "20241124-203000-load.partial").series(SeriesId.of("search"), range(1, 10)).dir();
        assertBadInput("is incomplete (.partial): the run did not finish", partial.toString(), "--thresholds", rules.toString());
    }

    @Test
    void garbledMetricsLine() throws IOException {
        Files.writeString(run.resolve("metrics.jsonl"), "{\"series\":\"search\",\"statistic\":\"qps\",\"value\":1}\n{oops\n");
        assertBadInput("metrics.jsonl line 2 is not a metric record", run.toString(), "--thresholds", rules.toString());
    }

    @Test
    void jmhResultNotInJmhFormat() throws IOException {
        Files.writeString(run.resolve("jmh-result.json"), "{\"benchmark\":\"x\"}");
        assertBadInput("is not a JSON array (expected JMH -rf json output)", run.toString(), "--thresholds", rules.toString());
    }

    @Test
    void mergingTheRunWithItself() throws IOException {
        assertBadInput("merge folder " + run + " is the run folder",
                run.toString(), "--thresholds", rules.toString(), "--merge", run.toString());
    }

    @Test
    void aLinkToAnUnfinishedRunIsAnUnfinishedRun() throws IOException {
        Path partial = tmp.resolve("20261130-010000-load.partial");
        Files.move(run, partial);
        Path link = Files.createSymbolicLink(tmp.resolve("latest"), partial);
        assertBadInput("is incomplete (.partial): the run did not finish", link.toString(), "--thresholds", rules.toString());
    }

    @Test
    void anEmptyOrShapelessRunJsonIsBadInputNotASilentPass() throws IOException {
        Files.writeString(run.resolve("run.json"), "");
        assertBadInput("run.json is not a JSON object", run.toString(), "--thresholds", rules.toString());
        Files.writeString(run.resolve("run.json"), "[1,2]");
        assertBadInput("run.json is not a JSON object", run.toString(), "--thresholds", rules.toString());
        Files.writeString(run.resolve("run.json"), "{\"failures\": null}");
        assertBadInput("'failures' is not a list", run.toString(), "--thresholds", rules.toString());
    }

    @Test
    void aUnitPatternThatMatchesNoLogIsATypo() throws IOException {
        assertBadInput("--unit hicup*.hlog: no .hlog of the run, merged folders or baselines matches",
                run.toString(), "--thresholds", rules.toString(), "--unit", "hicup*.hlog=ns");
    }

    @Test
    void aBaselineThatFailedIsNoBaseline() throws IOException {
        Path base = RunFixture.realistic(tmp, "base").dir();
        Files.writeString(base.resolve("run.json"), "{\"failures\":[{\"series\":\"openloop[rate=200]\",\"reason\":\"error rate 0.45\"}]}");
        assertBadInput("baseline " + base + " recorded 1 failure(s) (openloop[rate=200]: error rate 0.45): a failed run is no baseline",
                run.toString(), "--thresholds", rules.toString(), "--baseline", base.toString());
    }

    @Test
    void wrongKindsOfPathAreNamedForWhatTheyAre() throws IOException {
        assertBadInput("run folder " + run.resolve("run.json") + " is a file, not a folder",
                run.resolve("run.json").toString(), "--thresholds", rules.toString());
        assertBadInput("thresholds file " + tmp + " is a folder", run.toString(), "--thresholds", tmp.toString());
        Path other = RunFixture.realistic(tmp, "other").dir();
        assertBadInput("merge folder " + other + " is given twice",
                run.toString(), "--thresholds", rules.toString(), "--merge", other.toString(), other.toString());
    }

    @Test
    void mergingALinkToTheRunIsMergingTheRunWithItself() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("alias"), run);
        assertBadInput("merge folder " + link + " is the run folder",
                run.toString(), "--thresholds", rules.toString(), "--merge", link.toString());
        assertBadInput("baseline " + link + " is the run folder",
                run.toString(), "--thresholds", rules.toString(), "--baseline", link.toString());
    }

    @Test
    void negativeRegressionPercentage() throws IOException {
        assertBadInput("regression percentage must be a number >= 0, got -5.0",
                run.toString(), "--thresholds", rules.toString(), "--regression-pct", "-5");
    }

    @Test
    void unknownFailOnLevel() {
        CliRun r = CliRun.of("check", run.toString(), "--fail-on", "fatal");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--fail-on"), r.err());
    }
}
