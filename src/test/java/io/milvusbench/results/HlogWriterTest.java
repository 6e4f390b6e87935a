package io.milvusbench.results;

import io.milvusbench.gate.HlogFiles;
import io.milvusbench.gate.LogUnit;
import io.milvusbench.gate.LogUnits;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the one log writer writes, read back by the gate's own reader: the same histograms, bucket for bucket. */
class HlogWriterTest {
    private static final long T0 = 1_764_460_800_000L;   // a fixed base time: the log's bytes do not depend on the clock

    @TempDir
    Path dir;

    @Test
    void theGatesReaderReadsBackExactlyWhatWasWritten() {
        SeriesId corrected = SeriesId.parse("openloop[rate=100;correction=corrected]");
        SeriesId uncorrected = SeriesId.parse("openloop[rate=100;correction=uncorrected]");
        Histogram a = interval(corrected, T0, 1, 2, 3, 999, 1_000, 1_001, 54_321, 2_000_000);
        Histogram b = interval(uncorrected, T0, 7, 7, 7, 1_234);
        Histogram c = interval(corrected, T0 + 1000, 100, 200, HlogWriter.HIGHEST_MICROS);
        Histogram empty = interval(corrected, T0 + 2000);
        Path file = dir.resolve("hlog/openloop.hlog");
        try (HlogWriter w = HlogWriter.open(file, "test latencies", T0)) {
            for (Histogram h : List.of(a, b, c, empty)) {
                w.write(h);
            }
        }
        HlogFiles.FileRead read = HlogFiles.read(file, LogUnits.fromLogs());
        assertEquals(LogUnit.MICROSECONDS, read.log().unit());
        assertEquals("the log says so", read.log().unitSource());
        assertEquals(4, read.log().intervals());
        assertEquals(List.of(a, c, empty), read.series().get(corrected));
        assertEquals(List.of(b), read.series().get(uncorrected));
        List<Histogram> back = read.series().get(corrected);
        assertEquals(T0 + 1000, back.get(1).getStartTimeStamp());
        assertEquals(T0 + 2000, back.get(1).getEndTimeStamp());
        assertEquals(2_000_000, back.get(0).getMaxValue(), 2_000_000 / 1000);
    }

    @Test
    void theHeaderSaysTheUnitAndTheMaxColumnIsMilliseconds() throws Exception {
        Path file = dir.resolve("x.hlog");
        try (HlogWriter w = HlogWriter.open(file, "x latency", T0)) {
            w.write(interval(SeriesId.of("x"), T0 + 500, 250, 2_500));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals("#milvus-bench x latency; values in microseconds, Interval_Max in milliseconds", lines.get(0));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("#[BaseTime: 1764460800.000 ")).count());
        String data = lines.get(lines.size() - 1);
        // Tag, start 0.5 s after BaseTime, length 1 s, max 2.5 ms (2500 us at ratio 1000; the bucket's highest value)
        assertTrue(data.startsWith("Tag=x,0.500,1.000,2.50"), data);
    }

    @Test
    void aSecondWriterAppendsUnderTheFilesOwnBaseTime() {
        SeriesId s = SeriesId.of("connect");
        Path file = dir.resolve("connect.hlog");
        try (HlogWriter w = HlogWriter.open(file, "connect", T0)) {
            w.write(interval(s, T0 + 1000, 10));
        }
        try (HlogWriter w = HlogWriter.open(file, "connect", T0 + 60_000)) {   // a later fork
            w.write(interval(s, T0 + 61_000, 20));
        }
        List<Histogram> read = HlogFiles.read(file).get(s);
        assertEquals(2, read.size());
        assertEquals(T0 + 1000, read.get(0).getStartTimeStamp());
        assertEquals(T0 + 61_000, read.get(1).getStartTimeStamp());
        assertEquals(20, read.get(1).getMaxValue());
    }

    @Test
    void oneFloorAndOneCeilingForEveryProducer() {
        assertEquals(1, HlogWriter.micros(0));
        assertEquals(1, HlogWriter.micros(999));
        assertEquals(1, HlogWriter.micros(1_999));
        assertEquals(2, HlogWriter.micros(2_000));
        assertEquals(1_000_000, HlogWriter.micros(1_000_000_999L));
        assertEquals(HlogWriter.HIGHEST_MICROS, HlogWriter.micros(Long.MAX_VALUE));
        assertEquals(1, HlogWriter.micros(-5));   // a clock that stepped back is still a call that took time
    }

    private static Histogram interval(SeriesId series, long startMs, long... micros) {
        Histogram h = HlogWriter.newHistogram();
        for (long v : micros) {
            h.recordValue(v);
        }
        h.setTag(series.toString());
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(startMs + 1000);
        return h;
    }
}
