package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.milvusbench.gate.RunFixture.interval;
import static io.milvusbench.gate.RunFixture.range;
import static io.milvusbench.gate.RunFixture.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replays saved .hlog files and asserts exact counts and percentiles. */
class HlogFilesTest {
    private static final SeriesId IVF = SeriesId.parse("search[index=IVF_FLAT;nprobe=16]");

    @TempDir
    Path tmp;

    @Test
    void committedFixtureGivesExactPercentiles() throws IOException {
        Path file = tmp.resolve("search-ivf.hlog");
        try (InputStream in = getClass().getResourceAsStream("/gate/search-ivf.hlog")) {
            Files.copy(in, file);
        }
        Map<SeriesId, List<Histogram>> read = HlogFiles.read(file);
        assertEquals(List.of(IVF), List.copyOf(read.keySet()));
        assertEquals(2, read.get(IVF).size());
        HlogSeries s = HlogSeries.of(IVF, read.get(IVF));
        // interval 1: 100..1099 us once each; interval 2: 150000 us ten times
        assertEquals(1010, s.total().getTotalCount());
        assertEquals(0.604, s.statistic("p50"), 1e-12);
        assertEquals(1.099, s.statistic("p99"), 1e-12);
        // 150000 us lies in a bucket of width 128 at 3 significant digits: highest equivalent 150015
        assertEquals(150.015, s.statistic("p99.5"), 1e-12);
        assertEquals(150.015, s.statistic("max"), 1e-12);
        assertEquals(0.1, s.statistic("min"), 1e-12);
        assertEquals(2099020.0 / 1010 / 1000, s.statistic("mean"), 1e-9);
        assertEquals(1010, s.statistic("count"));
    }

    @Test
    void writtenLogReplaysExactly() {
        SeriesId search = SeriesId.of("search", "index", "HNSW");
        RunFixture run = RunFixture.create(tmp, "run").series(search, range(1, 1000), range(1001, 2000));
        HlogSeries s = HlogFiles.readDir(run.dir().resolve("hlog")).get(search);
        assertEquals(2000, s.total().getTotalCount());
        assertEquals(2, s.intervals().size());
        assertEquals(1.0, s.statistic("p50"), 1e-12);
        assertEquals(1.9, s.statistic("p95"), 1e-12);
        assertEquals(1.98, s.statistic("p99"), 1e-12);
        assertEquals(1.998, s.statistic("p99.9"), 1e-12);
        assertEquals(2.0, s.statistic("max"), 1e-12);
        assertEquals(1.0005, s.statistic("mean"), 1e-12);
    }

    @Test
    void tagsSplitOneFileIntoSeriesAndOneSeriesSpansFiles() {
        SeriesId corrected = SeriesId.parse("openloop[rate=200;correction=corrected]");
        SeriesId uncorrected = SeriesId.parse("openloop[rate=200;correction=uncorrected]");
        RunFixture run = RunFixture.create(tmp, "run")
                .hlog("a", interval(corrected, times(900, 10)), interval(uncorrected, times(300, 10)))
                .hlog("b", interval(corrected, times(1000, 30)));
        Map<SeriesId, HlogSeries> all = HlogFiles.readDir(run.dir().resolve("hlog"));
        assertEquals(40, all.get(corrected).total().getTotalCount());
        assertEquals(2, all.get(corrected).intervals().size());
        assertEquals(10, all.get(uncorrected).total().getTotalCount());
        assertEquals(0.3, all.get(uncorrected).statistic("max"), 1e-12);
    }

    @Test
    void untaggedIntervalsTakeTheFileName() {
        Histogram h = interval(SeriesId.of("x"), times(5, 3));
        h.setTag(null);
        RunFixture run = RunFixture.create(tmp, "run").hlog("flush[batch=1000]", h);
        assertEquals(3, HlogFiles.readDir(run.dir().resolve("hlog")).get(SeriesId.parse("flush[batch=1000]")).total().getTotalCount());
    }

    @Test
    void untaggedIntervalInAFileNamedLikeRunFolderNamesItIsBadInput() {
        Histogram h = interval(SeriesId.of("x"), times(5, 3));
        h.setTag(null);
        RunFixture run = RunFixture.create(tmp, "run").hlog("search_index=HNSW_", h);
        Path file = run.dir().resolve("hlog/search_index=HNSW_.hlog");
        BadInputException e = assertThrows(BadInputException.class, () -> HlogFiles.read(file));
        assertTrue(e.getMessage().startsWith("histogram log " + file + " line 4: untagged interval, and the file name is not a series id"),
                e.getMessage());
    }

    @Test
    void noiseIsThreeStandardErrorsOfPerIntervalFigures() {
        SeriesId id = SeriesId.of("s");
        HlogSeries s = HlogSeries.of(id, List.of(interval(id, times(1000, 5)), interval(id, times(2000, 5)),
                interval(id, times(1000, 5)), interval(id, times(2000, 5))));
        // per-interval p50: 1, 2, 1, 2 ms; sample stddev sqrt(1/3); n = 4
        assertEquals(3 * Math.sqrt(1.0 / 3) / 2, s.noise("p50"), 1e-12);
        assertTrue(Double.isNaN(HlogSeries.of(id, List.of(interval(id, times(1000, 5)))).noise("p50")));
    }

    @Test
    void emptyLogIsBadInput() throws IOException {
        Path file = tmp.resolve("empty.hlog");
        RunFixture.writeLog(file, List.of());
        assertTrue(assertThrows(BadInputException.class, () -> HlogFiles.read(file)).getMessage().contains("is empty"));
        Files.writeString(file, "");
        assertTrue(assertThrows(BadInputException.class, () -> HlogFiles.read(file)).getMessage().contains("is empty"));
    }

    @Test
    void corruptLogsAreBadInputNamingTheLine() throws IOException {
        Path good = tmp.resolve("good.hlog");
        RunFixture.writeLog(good, List.of(interval(SeriesId.of("s"), times(7, 3)), interval(SeriesId.of("s"), times(8, 3))));
        String text = Files.readString(good);
        Path bad = tmp.resolve("bad.hlog");

        Files.writeString(bad, text.replaceFirst("HISTF", "HIXXF"));
        BadInputException e = assertThrows(BadInputException.class, () -> HlogFiles.read(bad));
        assertTrue(e.getMessage().startsWith("corrupt histogram log " + bad + " line 4"), e.getMessage());

        Files.writeString(bad, text + "this is not an interval\n");
        e = assertThrows(BadInputException.class, () -> HlogFiles.read(bad));
        assertTrue(e.getMessage().startsWith("corrupt histogram log " + bad + " line 6"), e.getMessage());

        Files.writeString(bad, text.substring(0, text.length() - 20) + "\n");
        e = assertThrows(BadInputException.class, () -> HlogFiles.read(bad));
        assertTrue(e.getMessage().startsWith("corrupt histogram log " + bad + " line 5"), e.getMessage());

        Files.write(bad, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertTrue(assertThrows(BadInputException.class, () -> HlogFiles.read(bad)).getMessage().startsWith("corrupt histogram log"));
    }

    @Test
    void missingFileIsBadInput() {
        Path file = tmp.resolve("nope.hlog");
        assertEquals("histogram log " + file + " not found",
                assertThrows(BadInputException.class, () -> HlogFiles.read(file)).getMessage());
    }
}
