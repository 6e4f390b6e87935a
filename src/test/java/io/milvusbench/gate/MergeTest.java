package io.milvusbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.cli.Main;
import io.milvusbench.results.SeriesId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.milvusbench.gate.RunFixture.range;
import static io.milvusbench.gate.RunFixture.times;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Merging the logs of two load generator hosts gives exactly what one log of both would. */
class MergeTest {
    private static final SeriesId CORRECTED = SeriesId.parse("openloop[rate=100;mix=search;correction=corrected]");
    private static final SeriesId UNCORRECTED = SeriesId.parse("openloop[rate=100;mix=search;correction=uncorrected]");

    @TempDir
    Path tmp;

    private Path host1() {
        return RunFixture.create(tmp, "host1")
                .hlog("openloop", RunFixture.interval(CORRECTED, range(100, 1099)), RunFixture.interval(UNCORRECTED, range(100, 999)),
                        RunFixture.interval(CORRECTED, times(150_000, 4)))
                .metric(CORRECTED.toString(), "Client", "errors", 0, "requests").dir();
    }

    private Path host2() {
        return RunFixture.create(tmp, "host2")
                .hlog("openloop", RunFixture.interval(CORRECTED, range(2000, 2999)), RunFixture.interval(UNCORRECTED, range(1000, 1999)))
                .metric(CORRECTED.toString(), "Client", "errors", 2, "requests").dir();
    }

    private Path both() {
        return RunFixture.create(tmp, "both")
                .hlog("openloop", RunFixture.interval(CORRECTED, range(100, 1099)), RunFixture.interval(UNCORRECTED, range(100, 999)),
                        RunFixture.interval(CORRECTED, times(150_000, 4)),
                        RunFixture.interval(CORRECTED, range(2000, 2999)), RunFixture.interval(UNCORRECTED, range(1000, 1999)))
                .dir();
    }

    @Test
    void mergedHistogramsEqualOneLogOfBoth() {
        Measurements merged = Measurements.read(host1()).plus(Measurements.read(host2()));
        Measurements single = Measurements.read(both());
        for (SeriesId id : List.of(CORRECTED, UNCORRECTED)) {
            HlogSeries a = merged.histograms().get(id);
            HlogSeries b = single.histograms().get(id);
            assertEquals(b.total(), a.total(), id.toString());
            assertEquals(b.intervals().size(), a.intervals().size());
            for (String stat : List.of("p50", "p90", "p95", "p99", "p99.9", "max", "mean", "count")) {
                assertEquals(b.statistic(stat), a.statistic(stat), id + " " + stat);
                assertEquals(b.estimate(stat).se(), a.estimate(stat).se(), 1e-9, id + " uncertainty " + stat);
                assertEquals(b.estimate(stat).basis(), a.estimate(stat).basis(), id + " uncertainty " + stat);
            }
        }
        HlogSeries corrected = merged.histograms().get(CORRECTED);
        assertEquals(2004, corrected.total().getTotalCount());
        assertEquals(2.001, corrected.statistic("p50"), 1e-12);  // the 1002nd of 100..1099, 2000..2999, 4 x 150 ms
        assertEquals(150.015, corrected.statistic("max"), 1e-12);
    }

    @Test
    void checkWithMergeReportsTheSameLatencyAsOneFolder() throws IOException {
        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - {name: slo, series: openloop, params: {correction: corrected}, statistic: p99.9, max: 100}\n"
                + "  - {name: errors, series: openloop, statistic: errors, max: 0, optional: true}\n");
        Path h1 = host1();
        Path h2 = host2();
        Path all = both();
        assertEquals(1, Main.execute("check", h1.toString(), "--merge", h2.toString(), "--thresholds", rules.toString()));
        assertEquals(1, Main.execute("check", all.toString(), "--thresholds", rules.toString()));
        JsonNode merged = new ObjectMapper().readTree(h1.resolve("report/verdict.json").toFile());
        JsonNode single = new ObjectMapper().readTree(all.resolve("report/verdict.json").toFile());
        assertEquals(single.get("latency"), merged.get("latency"));
        assertEquals(single.get("rules").get(0).get("measured"), merged.get("rules").get(0).get("measured"));
        assertEquals("critical", merged.get("rules").get(0).get("status").asText());
        // metric lines of every host are kept; the worst host decides
        assertEquals("critical", merged.get("rules").get(1).get("status").asText());
        assertEquals(2, merged.get("rules").get(1).get("measured").size());
        assertEquals(h2.toString(), merged.get("merged").get(0).asText());
    }
}
