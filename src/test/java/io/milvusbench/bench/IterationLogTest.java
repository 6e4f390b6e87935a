package io.milvusbench.bench;

import io.milvusbench.gate.HlogFiles;
import io.milvusbench.gate.LogUnit;
import io.milvusbench.gate.LogUnits;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .hlog a benchmark writes, read back with the gate's reader: exact counts and percentiles. */
class IterationLogTest {
    @TempDir
    Path dir;

    @Test
    void measuredIterationsBecomeTaggedIntervalsInMicroseconds() throws Exception {
        SeriesId series = SeriesId.parse("search[index=HNSW;ef=64;topK=10;nq=1]");
        Path file = dir.resolve("hlog").resolve("search.hlog");
        IterationLog log = IterationLog.at(series, file);
        log.recordNanos(5_000_000_000L);            // warmup: 5 s, must not appear
        log.endIteration(false);
        for (int ms = 1; ms <= 100; ms++) {          // iteration 1: 1..100 ms
            log.recordNanos(ms * 1_000_000L);
        }
        log.endIteration(true);
        log.recordNanos(250_000);                   // iteration 2: one call of 250 µs
        log.recordNanos(400);                       // and one below a microsecond: stored as 1 µs
        log.endIteration(true);
        log.close();

        // A second fork of the same series appends to the same file.
        IterationLog again = IterationLog.at(series, file);
        again.recordNanos(3_000_000L);
        again.endIteration(true);

        List<Histogram> intervals = read(file);
        assertEquals(3, intervals.size());
        for (Histogram h : intervals) {
            assertEquals(series.toString(), h.getTag());
        }
        Histogram first = intervals.get(0);
        assertEquals(100, first.getTotalCount());
        assertEquals(50_000, first.getValueAtPercentile(50), 50);
        assertEquals(99_000, first.getValueAtPercentile(99), 99);
        assertEquals(100_000, first.getMaxValue(), 100);
        assertEquals(2, intervals.get(1).getTotalCount());
        assertEquals(250, intervals.get(1).getMaxValue());
        assertEquals(1, intervals.get(1).getMinValue());
        assertEquals(3_000, intervals.get(2).getMaxValue(), 3);
        assertTrue(first.getStartTimeStamp() > 1_600_000_000_000L, "absolute timestamps");
        assertEquals(1, Files.readAllLines(file).stream().filter(l -> l.startsWith("#[StartTime")).count(), "one header");
        assertEquals(LogUnit.MICROSECONDS, HlogFiles.read(file, LogUnits.fromLogs()).log().unit());
    }

    @Test
    void noRunFolderMeansNoFile() {
        IterationLog log = IterationLog.at(SeriesId.of("connect"), null);
        log.recordNanos(1000);
        assertEquals(1, log.endIteration(true).getTotalCount());
    }

    /** The intervals of a one-series log, in file order, as the gate reads them (microseconds). */
    static List<Histogram> read(Path file) {
        List<Histogram> out = new ArrayList<>();
        HlogFiles.read(file).values().forEach(out::addAll);
        return out;
    }
}
