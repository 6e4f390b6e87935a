package io.milvusbench.load;

import io.milvusbench.gate.HlogFiles;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes known latencies through the per-second log and reads the file back with the gate's reader. */
class PerSecondLogTest {
    @Test
    void everyTagRoundTripsWithExactCountsAndPercentiles(@TempDir Path dir) throws Exception {
        RunFolder folder = RunFolder.create(dir, "unit");
        SeriesId base = SeriesId.of("openloop", "rate", 100, "mix", "search");
        TaggedRecorder corrected;
        TaggedRecorder uncorrected;
        try (PerSecondLog log = new PerSecondLog(folder)) {
            corrected = log.add(base, base.with("correction", "corrected"));
            uncorrected = log.add(base, base.with("correction", "uncorrected"));
            for (int us = 1; us <= 1000; us++) {
                corrected.recordNanos(us * 1_000L + 999);   // sub-microsecond part is dropped
                if (us % 2 == 0) {
                    uncorrected.recordNanos(us * 1_000L);
                }
            }
            log.tick();
            corrected.recordNanos(2_000_000_000L);           // one 2 s outlier in a second interval
            corrected.recordNanos(10);                       // below 1 µs is stored as 1 µs
        }
        Map<String, Histogram> byTag = new HashMap<>();
        Map<String, Integer> intervals = new HashMap<>();
        HlogFiles.read(folder.hlogFile(base)).forEach((id, list) -> {
            list.forEach(h -> byTag.computeIfAbsent(id.toString(), t -> new Histogram(3)).add(h));
            intervals.put(id.toString(), list.size());
        });
        String correctedTag = "openloop[rate=100;mix=search;correction=corrected]";
        String uncorrectedTag = "openloop[rate=100;mix=search;correction=uncorrected]";
        Histogram c = byTag.get(correctedTag);
        Histogram u = byTag.get(uncorrectedTag);
        assertEquals(2, intervals.get(correctedTag));
        assertEquals(1, intervals.get(uncorrectedTag));
        assertEquals(1002, c.getTotalCount());
        assertEquals(500, u.getTotalCount());
        assertEquals(1, c.getMinValue());
        assertEquals(500, c.getValueAtPercentile(50));
        assertEquals(991, c.getValueAtPercentile(99));   // rank 992 of 1, 1, 2, ..., 1000, 2e6
        assertTrue(Math.abs(c.getMaxValue() - 2_000_000) <= 2_000_000 / 1000, "max " + c.getMaxValue());
        assertEquals(500, u.getValueAtPercentile(50));
        assertEquals(1000, u.getMaxValue());
        assertEquals(c.getTotalCount(), corrected.total().getTotalCount());
        assertEquals(u.getTotalCount(), uncorrected.total().getTotalCount());
    }

    @Test
    void secondsWithoutASuccessAreStillIntervalsUntilThePhaseEnds(@TempDir Path dir) throws Exception {
        RunFolder folder = RunFolder.create(dir, "unit");
        SeriesId base = SeriesId.of("closedloop", "concurrency", 1, "mix", "search");
        SeriesId other = SeriesId.of("closedloop", "concurrency", 2, "mix", "search");
        try (PerSecondLog log = new PerSecondLog(folder)) {
            TaggedRecorder r = log.add(base, base);
            TaggedRecorder later = log.add(other, other);      // its window has not started: no empty intervals yet
            later.measuringFrom(System.nanoTime() + 3_600_000_000_000L);
            log.tick();                                        // before the window: nothing written
            r.measuringFrom(System.nanoTime());
            r.recordNanos(5_000_000);
            log.tick();                                        // one success
            log.tick();                                        // the server is gone: no success, still an interval
            log.finish(r);                                     // last (empty) interval, then no more
            log.tick();
        }
        Map<String, java.util.List<Long>> counts = new HashMap<>();
        for (SeriesId id : java.util.List.of(base, other)) {
            java.nio.file.Path file = folder.hlogFile(id);
            if (java.nio.file.Files.exists(file)) {
                HlogFiles.read(file).forEach((tag, list) -> list.forEach(h ->
                        counts.computeIfAbsent(tag.toString(), t -> new java.util.ArrayList<>()).add(h.getTotalCount())));
            }
        }
        assertEquals(java.util.List.of(1L, 0L, 0L), counts.get(base.toString()));
        assertEquals(null, counts.get(other.toString()), "no interval outside a measurement window");
    }
}
