package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.milvusbench.gate.RunFixture.interval;
import static io.milvusbench.gate.RunFixture.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdsTest {
    private static final SeriesId SEARCH = SeriesId.parse("search[index=HNSW;ef=64]");

    @TempDir
    Path tmp;

    private Thresholds rules(String yaml) throws IOException {
        Path file = tmp.resolve("t.yaml");
        Files.writeString(file, yaml);
        return Thresholds.load(file);
    }

    private static Measurements searchRun() {
        // p95 of 1..1000 us is exactly 950 us = 0.95 ms
        return Measurements.of(List.of(
                        ScalarMetric.of(SeriesId.of("insert"), "Client", "rows/s", 1000, "rows/s"),
                        ScalarMetric.of(SeriesId.of("monitor"), "QueryNode", "memory_percent", 85, "%"),
                        ScalarMetric.of(SeriesId.of("monitor"), "DataNode", "memory_percent", 95, "%")),
                Map.of(SEARCH, interval(SEARCH, range(1, 1000))));
    }

    @ParameterizedTest(name = "p95 0.95 ms against max {0}: {1}")
    @CsvSource({"0.95, PASS", "0.951, PASS", "0.949, CRITICAL"})
    void histogramRuleAtJustUnderAndJustOverItsBound(String max, Status expected) throws IOException {
        RuleResult r = rules("rules:\n  - {name: p95, series: search, statistic: p95, max: " + max + "}\n").evaluate(searchRun()).get(0);
        assertEquals(expected, r.status());
        assertEquals(0.95, r.worst().orElseThrow().observation().value(), 1e-12);
    }

    @ParameterizedTest(name = "rows/s 1000 against min {0}: {1}")
    @CsvSource({"1000, PASS", "999.99, PASS", "1000.01, WARNING"})
    void minimumRuleAtJustUnderAndJustOverItsBound(String min, Status expected) throws IOException {
        String yaml = "rules:\n  - {name: ins, series: insert, statistic: rows/s, min: " + min + ", level: warning}\n";
        assertEquals(expected, rules(yaml).evaluate(searchRun()).get(0).status());
    }

    @Test
    void componentsSelectMetricLinesAndTheWorstDecides() throws IOException {
        List<RuleResult> r = rules("""
                rules:
                  - {name: qn, component: QueryNode, statistic: memory_percent, max: 85}
                  - {name: any, component: [QueryNode, DataNode], statistic: memory_percent, max: 90}
                """).evaluate(searchRun());
        assertEquals(Status.PASS, r.get(0).status());
        assertEquals(1, r.get(0).judged().size());
        assertEquals(Status.CRITICAL, r.get(1).status());
        assertEquals("DataNode", r.get(1).worst().orElseThrow().observation().component());
        assertEquals("memory_percent of monitor @DataNode = 95 %, breaches max 90", r.get(1).message());
    }

    @Test
    void paramsAndGlobsSelectSeries() throws IOException {
        List<RuleResult> r = rules("""
                rules:
                  - {name: by-param, series: search, params: {index: HNSW}, statistic: max, max: 1}
                  - {name: by-glob, series: "sea*", params: {ef: "6?"}, statistic: max, max: 0.5}
                  - {name: by-id, series: "search[index=HNSW;*", statistic: count, min: 1000}
                  - {name: other-index, series: search, params: {index: IVF_FLAT}, statistic: max, max: 1, optional: true}
                """).evaluate(searchRun());
        assertEquals(List.of(Status.PASS, Status.CRITICAL, Status.PASS, Status.NO_DATA), r.stream().map(RuleResult::status).toList());
    }

    @Test
    void unknownSeriesIsBadInputUnlessOptionalOrLenient() throws IOException {
        Thresholds strict = rules("rules:\n  - {name: gone, series: upsert, statistic: p99, max: 5}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> strict.evaluate(searchRun()));
        assertTrue(e.getMessage().startsWith("rule 'gone': unknown series: nothing in the run matches 'upsert'"), e.getMessage());
        assertEquals(Status.NO_DATA, strict.evaluate(searchRun(), false).get(0).status());
        Thresholds optional = rules("rules:\n  - {name: gone, series: upsert, statistic: p99, max: 5, optional: true}\n");
        assertEquals(Status.NO_DATA, optional.evaluate(searchRun()).get(0).status());
    }

    @Test
    void statisticAbsentFromAnExistingSeriesIsBadInput() throws IOException {
        Thresholds t = rules("rules:\n  - {name: r, series: search, statistic: rows/s, min: 5}\n");
        assertTrue(assertThrows(BadInputException.class, () -> t.evaluate(searchRun())).getMessage()
                .startsWith("rule 'r': no 'rows/s' figure for series matching 'search'"));
    }

    @Test
    void unknownStatisticIsBadInputButAProducersOwnStatisticIsNot() throws IOException {
        Thresholds t = rules("rules:\n  - {name: typo, series: search, statistic: p95x, max: 5, optional: true}\n");
        assertTrue(assertThrows(BadInputException.class, () -> t.evaluate(searchRun())).getMessage()
                .startsWith("rule 'typo': unknown statistic 'p95x'"));
        Measurements custom = Measurements.of(List.of(ScalarMetric.of(SeriesId.of("compact"), "DataNode", "compaction_seconds", 12, "s")), Map.of());
        assertEquals(Status.CRITICAL, rules("rules:\n  - {series: compact, statistic: compaction_seconds, max: 10}\n")
                .evaluate(custom).get(0).status());
    }

    @Test
    void emptyHistogramIsNoDataNotAPass() throws IOException {
        Measurements m = Measurements.of(List.of(), Map.of(SEARCH, interval(SEARCH)));
        Thresholds t = rules("rules:\n  - {series: search, statistic: p99, max: 5, optional: true}\n");
        assertEquals(Status.NO_DATA, t.evaluate(m).get(0).status());
    }

    @Test
    void shippedFilesLoadWithTheOwnersDefaults() {
        Thresholds t = Thresholds.load(Path.of("benchmarks/thresholds.yaml"));
        assertEquals(200, find(t, "search-p95-latency").limit());
        assertEquals(Rule.Bound.MAX, find(t, "search-p95-latency").bound());
        assertEquals(85, find(t, "memory-warning").limit());
        assertEquals(Rule.Level.WARNING, find(t, "memory-warning").level());
        assertEquals(90, find(t, "memory-critical").limit());
        assertEquals(Rule.Level.CRITICAL, find(t, "memory-critical").level());
        assertEquals(1000, find(t, "insert-throughput").limit());
        assertEquals(Rule.Bound.MIN, find(t, "insert-throughput").bound());
        assertEquals(300, find(t, "index-build-time").limit());
        assertTrue(Thresholds.load(Path.of("benchmarks/ci-gate.yaml")).rules().size() >= 5);
    }

    private static Rule find(Thresholds t, String name) {
        return t.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "yaml syntax      | 'rules:\n  - {name: a, statistic: p95, max: 200\n'                          | YAML error at line",
            "duplicate name   | 'rules:\n  - {name: a, statistic: p95, max: 2}\n  - {name: a, statistic: p99, max: 3}\n' | rule 'a': duplicate rule name",
            "duplicate rule   | 'rules:\n  - {name: a, statistic: p95, max: 2}\n  - {name: b, statistic: p95, max: 3}\n' | rule 'b': duplicate rule: same series, statistic, bound and level as rule 'a'",
            "duplicate key    | 'rules:\n  - name: a\n    statistic: p95\n    max: 2\n    max: 3\n'           | YAML error at line",
            "bound as text    | 'rules:\n  - {name: a, statistic: p95, max: 200ms}\n'                         | rule 'a': bound 'max' must be a number, got '200ms'",
            "bound as list    | 'rules:\n  - {name: a, statistic: p95, max: [1, 2]}\n'                        | rule 'a': bound 'max' must be a number",
            "no bound         | 'rules:\n  - {name: a, statistic: p95}\n'                                     | rule 'a': needs exactly one bound",
            "two bounds       | 'rules:\n  - {name: a, statistic: p95, max: 2, min: 1}\n'                     | rule 'a': needs exactly one bound",
            "bad level        | 'rules:\n  - {name: a, statistic: p95, max: 2, level: fatal}\n'               | rule 'a': level must be 'warning' or 'critical'",
            "unknown key      | 'rules:\n  - {name: a, statistic: p95, maximum: 2}\n'                         | rule 'a' has unknown key 'maximum'",
            "no statistic     | 'rules:\n  - {name: a, max: 2}\n'                                             | rule 'a': missing 'statistic'",
            "no rules         | 'description: nothing\n'                                                      | has no 'rules' list",
            "not a mapping    | '- a\n- b\n'                                                                  | must be a mapping",
            "optional as text | 'rules:\n  - {name: a, statistic: p95, max: 2, optional: maybe}\n'            | rule 'a': 'optional' must be true or false",
    })
    void badRulesFilesAreOneLineErrors(String label, String yaml, String expected) throws IOException {
        Path file = tmp.resolve("t.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n"));
        BadInputException e = assertThrows(BadInputException.class, () -> Thresholds.load(file));
        assertTrue(e.getMessage().contains(expected), label + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void missingRulesFileIsBadInput() {
        Path file = tmp.resolve("none.yaml");
        assertEquals("thresholds file " + file + " does not exist",
                assertThrows(BadInputException.class, () -> Thresholds.load(file)).getMessage());
    }
}
