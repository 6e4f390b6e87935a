package io.milvusbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.gate.RunFixture;
import io.milvusbench.results.SeriesId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.milvusbench.gate.RunFixture.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check and report end to end on run folders written the way the producers write them. */
class CheckCommandTest {
    private static final String SEARCH = "search[index=HNSW;ef=64;topK=10;nq=1]";

    @TempDir
    Path tmp;

    private Path rules(String yaml) throws IOException {
        Path file = tmp.resolve("rules-" + Math.abs(yaml.hashCode()) + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void realisticRunPassesTheDefaultThresholdsAndWritesEveryReport() throws Exception {
        Path run = RunFixture.realistic(tmp, "20241124-203000-bench").dir();
        CliRun r = CliRun.of("check", run.toString());
        assertEquals(0, r.exit(), r.err() + r.out());
        // the monitor's rules (monitor-search-p95, monitor-insert-throughput) have no data in a bench run
        assertTrue(r.out().startsWith("milvus-bench gate: PASS"), r.out());
        Path report = run.resolve("report");

        JsonNode verdict = new ObjectMapper().readTree(report.resolve("verdict.json").toFile());
        assertEquals("pass", verdict.get("verdict").asText());
        assertEquals(11, verdict.get("rules").size());
        JsonNode latency = verdict.get("latency");
        JsonNode search = find(latency, SEARCH);
        assertEquals(3000, search.get("count").asLong());
        assertEquals(0.95, search.get("p95").asDouble(), 1e-12);
        assertEquals(0.999, search.get("p99.9").asDouble(), 1e-12);
        assertEquals("open-loop, corrected for coordinated omission (SLO)",
                find(latency, "openloop[rate=200;mix=search;correction=corrected]").get("measured_as").asText());
        JsonNode memory = rule(verdict, "memory-warning");
        assertEquals("pass", memory.get("status").asText());
        assertEquals(3, memory.get("measured").size());
        assertEquals("pass", rule(verdict, "search-p95-latency").get("status").asText());
        assertEquals(0.95, rule(verdict, "search-p95-latency").get("measured").get(0).get("value").asDouble(), 1e-12);

        String md = Files.readString(report.resolve("summary.md"));
        assertTrue(md.contains("| " + SEARCH + " | closed-loop service time | 3000 | 0.5 | 0.9 | 0.95 | 0.99 | (0.999) | 1 | 0.501 |"), md);

        String html = Files.readString(report.resolve("report.html"));
        Matcher images = Pattern.compile("src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"").matcher(html);
        int count = 0;
        while (images.find()) {
            count++;
        }
        assertEquals(3, count, "search and openloop latency plots, sweep recall/QPS plot");
        assertTrue(html.contains("Index sweep: recall@10 against QPS"));

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.resolve("junit.xml").toFile());
        assertEquals(11, junit.getElementsByTagName("testcase").getLength());
        assertEquals(0, junit.getElementsByTagName("failure").getLength());
        assertNoStaging(report);
    }

    @Test
    void criticalBreachExitsOneAndJUnitNamesTheRuleValueAndBound() throws Exception {
        Path run = RunFixture.realistic(tmp, "run").dir();
        Path rules = rules("rules:\n  - {name: search-p95, series: search, statistic: p95, max: 0.9}\n"
                + "  - {name: insert, series: insert, statistic: rows/s, min: 1000}\n");
        CliRun r = CliRun.of("check", run.toString(), "--thresholds", rules.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().startsWith("milvus-bench gate: FAIL (critical)"), r.out());
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(run.resolve("report/junit.xml").toFile());
        NodeList failures = junit.getElementsByTagName("failure");
        assertEquals(1, failures.getLength());
        Element failure = (Element) failures.item(0);
        assertEquals("search-p95", ((Element) failure.getParentNode()).getAttribute("name"));
        assertEquals("p95 of " + SEARCH + " = 0.95 ms, breaches max 0.9", failure.getAttribute("message"));
        assertEquals("critical", failure.getAttribute("type"));
    }

    @Test
    void warningsFailOnlyWithFailOnWarning() throws Exception {
        Path run = RunFixture.realistic(tmp, "run").dir();
        Path rules = rules("rules:\n  - {name: qn-memory, component: QueryNode, statistic: memory_percent, max: 42, level: warning}\n");
        CliRun soft = CliRun.of("check", run.toString(), "--thresholds", rules.toString());
        assertEquals(0, soft.exit(), soft.err());
        assertTrue(soft.out().contains("WARNING qn-memory: memory_percent of monitor @QueryNode = 43 %, breaches max 42"), soft.out());
        assertEquals(1, CliRun.of("check", run.toString(), "--thresholds", rules.toString(), "--fail-on", "warning").exit());
    }

    @Test
    void optionalRuleWithoutDataPassesUnlessFailOnMissing() throws Exception {
        Path run = RunFixture.realistic(tmp, "run").dir();
        Path rules = rules("rules:\n  - {name: upsert, series: upsert, statistic: p99, max: 5, optional: true}\n");
        CliRun r = CliRun.of("check", run.toString(), "--thresholds", rules.toString());
        assertEquals(0, r.exit(), r.err());
        String junit = Files.readString(run.resolve("report/junit.xml"));
        assertTrue(junit.contains("<skipped message=\"no data: no series matches upsert with statistic p99\""), junit);
        assertEquals(1, CliRun.of("check", run.toString(), "--thresholds", rules.toString(), "--fail-on-missing").exit());
    }

    @Test
    void baselineRegressionFailsAndAWiderPercentageLetsItPass() throws Exception {
        SeriesId id = SeriesId.parse(SEARCH);
        Path base = RunFixture.create(tmp, "base").series(id, range(1, 1000), range(1, 1000), range(1, 1000),
                range(1, 1000), range(1, 1000)).dir();
        Path slower = RunFixture.create(tmp, "slower").series(id, range(301, 1300), range(301, 1300), range(301, 1300),
                range(301, 1300), range(301, 1300)).dir();
        Path rules = rules("rules:\n  - {series: search, statistic: p99, max: 100}\n");
        CliRun r = CliRun.of("check", slower.toString(), "--thresholds", rules.toString(), "--baseline", base.toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(java.util.regex.Pattern.compile("regression +" + java.util.regex.Pattern.quote(SEARCH) + " +p50").matcher(r.out()).find(),
                r.out());
        // p90-p99 moved +30 %: inside the floor's run-to-run band for one baseline (docs/gate.md), so no longer regressions
        assertTrue(java.util.regex.Pattern.compile("inconclusive against one baseline +" + java.util.regex.Pattern.quote(SEARCH)
                + " +p99 ").matcher(r.out()).find(), r.out());
        String junit = Files.readString(slower.resolve("report/junit.xml"));
        assertTrue(junit.contains("<testcase classname=\"milvus-bench.baseline\" name=\"" + SEARCH + "\""), junit);
        assertTrue(junit.contains("<failure type=\"regression\" message=\"regression: p50 +60 % (0.5 ms -&gt; 0.8 ms"), junit);
        assertEquals(0, CliRun.of("check", slower.toString(), "--thresholds", rules.toString(), "--baseline", base.toString(),
                "--regression-pct", "70").exit());
        assertEquals(0, CliRun.of("check", slower.toString(), "--thresholds", rules.toString(), "--baseline", base.toString(),
                "--regression-level", "warning").exit());
        assertEquals(0, CliRun.of("check", base.toString(), "--thresholds", rules.toString(), "--baseline", slower.toString()).exit(),
                "the reverse direction is an improvement");
    }

    @Test
    void reportRendersABreachButExitsZero() throws Exception {
        Path run = RunFixture.realistic(tmp, "run").dir();
        Path rules = rules("rules:\n  - {series: search, statistic: p95, max: 0.1}\n");
        CliRun r = CliRun.of("report", run.toString(), "--thresholds", rules.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode verdict = new ObjectMapper().readTree(run.resolve("report/verdict.json").toFile());
        assertEquals("fail", verdict.get("verdict").asText());
    }

    @Test
    void reportDirOptionWritesElsewhereAndKeepsOtherFiles() throws Exception {
        Path run = RunFixture.realistic(tmp, "run").dir();
        Path out = tmp.resolve("ci-artifacts");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertEquals(0, CliRun.of("report", run.toString(), "--report-dir", out.toString()).exit());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertFalse(Files.exists(run.resolve("report")));
    }

    private static JsonNode find(JsonNode latency, String series) {
        for (JsonNode n : latency) {
            if (n.get("series").asText().equals(series)) {
                return n;
            }
        }
        throw new AssertionError("no series " + series + " in " + latency);
    }

    private static JsonNode rule(JsonNode verdict, String name) {
        for (JsonNode n : verdict.get("rules")) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no rule " + name);
    }

    static void assertNoStaging(Path report) throws IOException {
        try (var s = Files.list(report)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".report-staging")));
        }
    }
}
