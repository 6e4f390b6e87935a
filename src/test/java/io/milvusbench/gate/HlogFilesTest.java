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
    void theRunsOwnVariationIsTheSpreadOfBlockFigures() {
        SeriesId id = SeriesId.of("s");
        List<Histogram> six = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Histogram h = interval(id, times(1000 + 100 * i, 50));
            h.setStartTimeStamp(1000L * i);
            six.add(h);
        }
        // six blocks (one interval each): p50 1.0, 1.1, ... 1.5 ms; sample stddev sqrt(0.035); n = 6
        Estimate e = HlogSeries.of(id, six).estimate("p50");
        assertEquals(Math.sqrt(0.035) / Math.sqrt(6), e.se(), 1e-12);
        assertEquals(5, e.df(), 0);
        assertEquals("batch means of 6 blocks", e.basis());
        // one interval: the run's own variation is unknown, so the figure is not compared
        Estimate one = HlogSeries.of(id, List.of(interval(id, times(1000, 50)))).estimate("p50");
        Estimate oneLong = HlogSeries.of(id, List.of(interval(id, times(1000, 500)))).estimate("p50");
        assertTrue(!one.supported() && !oneLong.supported() && oneLong.unsupported().contains("1 interval(s) with samples, 5 blocks needed"), oneLong.toString());
    }

    @Test
    void aLogWithoutIntervalsIsASeriesWithoutSamplesNotBadInput() throws IOException {
        Path file = tmp.resolve("empty.hlog");
        RunFixture.writeLog(file, List.of());
        HlogFiles.FileRead r = HlogFiles.read(file, LogUnits.fromLogs());
        assertEquals(List.of(SeriesId.of("empty")), List.copyOf(r.series().keySet()));
        assertEquals(0, r.log().intervals());
        Files.writeString(file, "");
        assertEquals(0, HlogFiles.read(file, LogUnits.fromLogs()).series().get(SeriesId.of("empty")).size());
    }

    @Test
    void nonAsciiCommentsAreReadAndLineNumbersStayTrue() throws IOException {
        SeriesId id = SeriesId.of("s");
        Path file = tmp.resolve("utf8.hlog");
        RunFixture.writeLog(file, List.of(interval(id, range(1, 100)), interval(id, range(1, 100))));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.add(0, "#Messung: Latenz in µs — 検索");
        Files.write(file, lines, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(200, HlogSeries.of(id, HlogFiles.read(file).get(id)).total().getTotalCount());
        lines.add("Tag=s,9.000,1.000,0.100,HISTFAAAAGARBAGE");
        Files.write(file, lines, java.nio.charset.StandardCharsets.UTF_8);
        BadInputException e = assertThrows(BadInputException.class, () -> HlogFiles.read(file));
        assertTrue(e.getMessage().contains("line " + lines.size()), e.getMessage());
    }

    @Test
    void carriageReturnsInCommentsAndAByteOrderMarkAreNoLineBreaks() throws IOException {
        SeriesId id = SeriesId.of("s");
        Path file = tmp.resolve("cr.hlog");
        RunFixture.writeLog(file, List.of(interval(id, range(1, 100)), interval(id, range(1, 100))));
        String text = Files.readString(file);
        Files.writeString(file, "\uFEFF#made on a machine\rthat ends lines oddly\r\r\n" + text);
        assertEquals(200, HlogSeries.of(id, HlogFiles.read(file).get(id)).total().getTotalCount());
        Files.writeString(file, Files.readString(file) + "Tag=s,9.000,1.000,0.100,HISTFAAAAGARBAGE\n");
        long lines = Files.readString(file).split("\n", -1).length - 1;
        BadInputException e = assertThrows(BadInputException.class, () -> HlogFiles.read(file));
        assertTrue(e.getMessage().contains("line " + lines + ": not an interval histogram"), e.getMessage());
    }

    @Test
    void anEmptyLogNamedTheWayTheSuiteNamesFilesIsASeriesWithoutSamples() throws IOException {
        Path file = tmp.resolve("openloop_rate=300_mix=search_.hlog");
        Files.writeString(file, "");
        HlogFiles.FileRead r = HlogFiles.read(file, LogUnits.fromLogs());
        assertEquals(1, r.series().size());
        assertTrue(r.series().values().iterator().next().isEmpty());
    }

    @Test
    void valueUnitsComeFromTheOptionThenTheLogThenMicroseconds() throws IOException {
        SeriesId id = SeriesId.of("hiccup");
        Path file = tmp.resolve("hiccup.hlog");
        RunFixture.writeLog(file, List.of(interval(id, times(2_500_000, 100))));   // 2.5 ms in nanoseconds
        HlogFiles.FileRead plain = HlogFiles.read(file, LogUnits.fromLogs());
        assertEquals(LogUnit.MICROSECONDS, plain.log().unit());
        assertTrue(plain.log().unitSource().startsWith("assumed"), plain.log().unitSource());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.add(0, "#[Logged with jHiccup version 2.0.10]");
        Files.write(file, lines);
        HlogFiles.FileRead jhiccup = HlogFiles.read(file, LogUnits.fromLogs());
        assertEquals(LogUnit.NANOSECONDS, jhiccup.log().unit());
        assertEquals(2.5, HlogSeries.of(id, jhiccup.series().get(id), jhiccup.log().unit()).statistic("p50"), 0.005);
        // judged in its own unit, bucket for bucket: the figure is HdrHistogram's own, in ms
        assertEquals(jhiccup.series().get(id).get(0).getValueAtPercentile(50) / 1e6,
                HlogSeries.of(id, jhiccup.series().get(id), jhiccup.log().unit()).statistic("p50"), 1e-12);
        // the option wins over the log, and a per-file glob over the run-wide unit
        HlogFiles.FileRead asMicros = HlogFiles.read(file, LogUnits.parse(List.of("us")));
        assertEquals(2500.0, HlogSeries.of(id, asMicros.series().get(id), asMicros.log().unit()).statistic("p50"), 2.5);
        HlogFiles.FileRead perFile = HlogFiles.read(file, LogUnits.parse(List.of("us", "hic*.hlog=ms")));
        assertEquals(LogUnit.MILLISECONDS, perFile.log().unit());
        assertEquals("--unit hic*.hlog=ms", perFile.log().unitSource());
        assertThrows(BadInputException.class, () -> LogUnits.parse(List.of("furlongs")));
    }

    @Test
    void mergedPrecisionDoesNotDependOnOrder() {
        SeriesId id = SeriesId.of("s");
        Histogram coarse = new Histogram(3_600_000_000L, 2);
        Histogram fine = new Histogram(3_600_000_000L, 4);
        for (long v = 1000; v < 200_000; v += 137) {
            coarse.recordValue(v);
            fine.recordValue(v + 11);
        }
        coarse.setStartTimeStamp(1000);
        fine.setStartTimeStamp(1000);
        HlogSeries a = HlogSeries.of(id, List.of(coarse, fine));
        HlogSeries b = HlogSeries.of(id, List.of(fine, coarse));
        for (String stat : List.of("p50", "p90", "p99", "max", "mean")) {
            assertEquals(a.statistic(stat), b.statistic(stat), stat);
        }
        assertEquals(4, a.total().getNumberOfSignificantValueDigits());
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
        assertEquals("histogram log " + file + " does not exist",
                assertThrows(BadInputException.class, () -> HlogFiles.read(file)).getMessage());
    }
}
