package io.milvusbench.results;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one writer of the suite's HdrHistogram interval logs, {@code hlog/<series>.hlog}: bench,
 * load, sweep and the monitor's probes all write through it, and the gate reads what it writes with
 * HdrHistogram's own {@code HistogramLogReader} ({@code gate.HlogFiles}), bucket for bucket.
 *
 * <p>One convention for every log:
 * <ul>
 *   <li><b>values in microseconds</b>, converted by {@link #micros(long)}: nanoseconds truncated to
 *       whole microseconds, <b>at least 1 µs</b> (a call that answered took time; a 0 would read as
 *       "no time at all") and at most {@link #HIGHEST_MICROS} (one hour; longer is clamped to it);</li>
 *   <li>histograms of three significant digits up to {@link #HIGHEST_MICROS} ({@link #newHistogram()},
 *       {@link #newRecorder()});</li>
 *   <li>every interval tagged with its series id;</li>
 *   <li>the {@code Interval_Max} column in milliseconds (max-value unit ratio {@value #MAX_VALUE_UNIT_RATIO}
 *       on microsecond values), as HdrHistogram's tools print it;</li>
 *   <li>a header of a comment saying what the values are ({@code values in microseconds}, which
 *       the gate reads as the unit), the format version, {@code StartTime} and {@code BaseTime} (the
 *       file's creation) and the legend; interval timestamps are seconds since {@code BaseTime}.
 *       Opening an existing file appends to it under its own {@code BaseTime} (a later JMH fork of
 *       the same series), without a second header.</li>
 * </ul>
 *
 * <pre>{@code
 * Recorder r = HlogWriter.newRecorder();
 * r.recordValue(HlogWriter.micros(System.nanoTime() - t0));
 * try (HlogWriter w = HlogWriter.open(folder.hlogFile(series), "open-loop latency, one interval per second")) {
 *     Histogram interval = r.getIntervalHistogram();
 *     interval.setTag(series.toString());
 *     w.write(interval);
 * }
 * }</pre>
 */
public final class HlogWriter implements AutoCloseable {
    /** Largest value a log holds: one hour, in microseconds. */
    public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    /** Significant value digits of every histogram written. */
    public static final int DIGITS = 3;
    /** Microsecond values divided by this give the {@code Interval_Max} column: milliseconds. */
    public static final double MAX_VALUE_UNIT_RATIO = 1000.0;

    private static final Pattern BASE_TIME = Pattern.compile("^#\\[BaseTime: ([0-9.]+) ");

    private final Path file;
    private final PrintStream out;
    private final HistogramLogWriter writer;

    private HlogWriter(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
        this.writer = new HistogramLogWriter(out);
    }

    /** A latency in nanoseconds as the value a log records: whole microseconds, 1 µs to one hour. */
    public static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1_000));
    }

    /** A histogram for microsecond values as every log holds them. */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, DIGITS);
    }

    /** A recorder (lock-free for the recording threads) for microsecond values as every log holds them. */
    public static Recorder newRecorder() {
        return new Recorder(HIGHEST_MICROS, DIGITS);
    }

    /**
     * Opens {@code file} for intervals: a new file gets the header (its {@code BaseTime} now), an
     * existing non-empty one is appended to under its own {@code BaseTime}.
     *
     * @param description what the values are, e.g. {@code "JMH closed-loop service time, one interval per measurement iteration"}
     */
    public static HlogWriter open(Path file, String description) {
        return open(file, description, System.currentTimeMillis());
    }

    /** As {@link #open(Path, String)}, a new file's {@code StartTime} and {@code BaseTime} being {@code nowMs}. */
    public static HlogWriter open(Path file, String description, long nowMs) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Long existingBase = Files.exists(file) && Files.size(file) > 0 ? baseTimeOf(file) : null;
            HlogWriter log = new HlogWriter(file,
                    new PrintStream(new FileOutputStream(file.toFile(), existingBase != null), false, StandardCharsets.US_ASCII));
            HistogramLogWriter w = log.writer;
            if (existingBase != null) {
                w.setBaseTime(existingBase);
            } else {
                w.outputComment("milvus-bench " + description + "; values in microseconds, Interval_Max in milliseconds");
                w.outputLogFormatVersion();
                w.outputStartTime(nowMs);
                w.setBaseTime(nowMs);
                w.outputBaseTime(nowMs);
                w.outputLegend();
                log.out.flush();
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write " + file + ": " + e.getMessage(), e));
        }
    }

    /** The BaseTime a log of this writer declared (milliseconds since the epoch), or 0 when it has none (absolute timestamps). */
    private static long baseTimeOf(Path file) throws IOException {
        List<String> head;
        try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            head = lines.limit(16).toList();
        }
        for (String line : head) {
            Matcher m = BASE_TIME.matcher(line);
            if (m.find()) {
                return Math.round(Double.parseDouble(m.group(1)) * 1000);
            }
        }
        return 0;
    }

    public Path file() {
        return file;
    }

    /** Appends one interval (its tag, start and end timestamps as set on it), flushed at once. */
    public synchronized void write(Histogram interval) {
        writer.outputIntervalHistogram(interval.getStartTimeStamp() / 1000.0 - baseSeconds(),
                interval.getEndTimeStamp() / 1000.0 - baseSeconds(), interval, MAX_VALUE_UNIT_RATIO);
        out.flush();
        if (out.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write " + file));
        }
    }

    private double baseSeconds() {
        return writer.getBaseTime() / 1000.0;
    }

    @Override
    public synchronized void close() {
        out.close();
    }
}
