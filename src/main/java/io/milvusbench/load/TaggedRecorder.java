package io.milvusbench.load;

import io.milvusbench.results.HlogWriter;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One hlog tag's worth of latencies: an HdrHistogram {@link Recorder} that request threads write
 * to without locks, drained once per second into an interval (written to the log) and into the
 * run's total (used for the summary). Values as every log holds them ({@link HlogWriter}):
 * microseconds, at least 1 µs, three significant digits, up to one hour.
 *
 * <p>Values are recorded plainly: no {@code recordValueWithExpectedInterval} here. The corrected
 * tag is corrected by measuring from the intended start time (wrk2), which needs no
 * after-the-fact fill-in.
 */
public final class TaggedRecorder {
    private final SeriesId tag;
    private final Recorder recorder = HlogWriter.newRecorder();
    private final Histogram total = HlogWriter.newHistogram();
    private Histogram interval;
    private volatile long measuredFrom = Long.MAX_VALUE;
    private volatile boolean stopped;

    TaggedRecorder(SeriesId tag) {
        this.tag = tag;
    }

    public SeriesId tag() {
        return tag;
    }

    /**
     * From {@code nanoTime} on (the start of the measurement window) an interval is written every
     * second even when nothing was recorded in it, until {@link #stop()}: a second in which every
     * request failed is a line of the log with a count of zero, so the timeline shows the outage.
     */
    public void measuringFrom(long nanoTime) {
        measuredFrom = nanoTime;
    }

    /** The phase is over: from now on only non-empty intervals are written (there should be none). */
    public void stop() {
        stopped = true;
    }

    /** True when an interval is due now even if it is empty. */
    boolean intervalDue(long nanoTime) {
        return !stopped && nanoTime - measuredFrom >= 0;
    }

    /** Records one latency given in nanoseconds (stored as {@link HlogWriter#micros}). */
    public void recordNanos(long nanos) {
        recorder.recordValue(HlogWriter.micros(nanos));
    }

    /**
     * Takes what was recorded since the last call, adds it to the total and returns it tagged;
     * the returned histogram is reused by the next call, so write it out first.
     */
    synchronized Histogram drainInterval() {
        interval = recorder.getIntervalHistogram(interval);
        interval.setTag(tag.toString());
        total.add(interval);
        return interval;
    }

    /** Everything drained so far (microseconds). */
    public synchronized Histogram total() {
        return total.copy();
    }
}
