package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the {@code .hlog} files of a run folder with HdrHistogram's own {@link HistogramLogReader}.
 * The series of an interval is its tag (the file name when untagged). Values are converted to
 * microseconds from the unit {@link LogUnits} finds for the file. A line the reader cannot decode is
 * bad input: HistogramLogReader stops silently at a garbled line, so the data lines are counted and
 * compared with the intervals read. Comments may hold any bytes (the reader sees them as ASCII with
 * other bytes replaced, line for line, so line numbers stay true). A log with no interval at all
 * (a producer that recorded nothing) is a series with no samples, which the gate fails, not bad input.
 */
public final class HlogFiles {
    private HlogFiles() {
    }

    /** One .hlog as read: its unit and where that came from, and how many intervals it held. */
    public record LogFile(Path file, LogUnit unit, String unitSource, int intervals) {
    }

    /** Every series of a folder's logs, and the logs themselves. */
    public record Read(Map<SeriesId, HlogSeries> series, List<LogFile> files) {
    }

    /** Every series of every {@code *.hlog} directly under {@code hlogDir}, values in microseconds. */
    public static Map<SeriesId, HlogSeries> readDir(Path hlogDir) {
        return readDir(hlogDir, LogUnits.fromLogs()).series();
    }

    public static Read readDir(Path hlogDir, LogUnits units) {
        List<Path> files;
        try (Stream<Path> s = Files.list(hlogDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".hlog")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list " + hlogDir + ": " + e.getMessage());
        }
        Map<SeriesId, List<Histogram>> bySeries = new LinkedHashMap<>();
        List<LogFile> logs = new ArrayList<>();
        for (Path file : files) {
            FileRead r = read(file, units);
            logs.add(r.log());
            r.series().forEach((id, list) -> bySeries.computeIfAbsent(id, k -> new ArrayList<>()).addAll(list));
        }
        Map<SeriesId, HlogSeries> out = new TreeMap<>(Comparator.comparing(SeriesId::toString));
        bySeries.forEach((id, list) -> out.put(id, HlogSeries.of(id, list)));
        return new Read(out, logs);
    }

    /** The interval histograms of one file, by series, in microseconds (units as the file says). */
    public static Map<SeriesId, List<Histogram>> read(Path file) {
        return read(file, LogUnits.fromLogs()).series();
    }

    public record FileRead(Map<SeriesId, List<Histogram>> series, LogFile log) {
    }

    public static FileRead read(Path file, LogUnits units) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("histogram log " + file + " not found");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read histogram log " + file + ": " + e.getMessage());
        }
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
        List<Integer> dataLines = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        StringBuilder clean = new StringBuilder(bytes.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                comments.add(new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                line = ascii(line);
            } else if (!stripped.isEmpty() && !stripped.startsWith("\"StartTimestamp\"")) {
                dataLines.add(i + 1);
            }
            clean.append(line);
            if (i < lines.length - 1) {
                clean.append('\n');
            }
        }
        LogUnits.Resolved unit = units.resolve(file, comments);
        Map<SeriesId, List<Histogram>> out = new LinkedHashMap<>();
        if (dataLines.isEmpty()) {
            out.put(seriesOf(file, 0, null), new ArrayList<>());
            return new FileRead(out, new LogFile(file, unit.unit(), unit.source(), 0));
        }
        int read = 0;
        try (HistogramLogReader reader = new HistogramLogReader(
                new ByteArrayInputStream(clean.toString().getBytes(StandardCharsets.US_ASCII)))) {
            while (true) {
                EncodableHistogram e;
                try {
                    e = reader.nextIntervalHistogram();
                } catch (RuntimeException ex) {
                    throw corrupt(file, dataLines.get(Math.min(read, dataLines.size() - 1)), ex);
                }
                if (e == null) {
                    break;
                }
                if (read >= dataLines.size()) {
                    throw corrupt(file, dataLines.get(dataLines.size() - 1), null);
                }
                if (!(e instanceof Histogram h)) {
                    throw new BadInputException("histogram log " + file + " line " + dataLines.get(read)
                            + " holds a " + e.getClass().getSimpleName() + "; integer histograms expected");
                }
                Histogram micros = toMicros(h, unit.unit());
                out.computeIfAbsent(seriesOf(file, dataLines.get(read), h.getTag()), k -> new ArrayList<>()).add(micros);
                read++;
            }
        }
        if (read < dataLines.size()) {
            throw corrupt(file, dataLines.get(read), null);
        }
        return new FileRead(out, new LogFile(file, unit.unit(), unit.source(), read));
    }

    /** The histogram with values in microseconds (the same object when they already are). */
    static Histogram toMicros(Histogram h, LogUnit unit) {
        if (unit == LogUnit.MICROSECONDS) {
            return h;
        }
        Histogram out = new Histogram(h.getNumberOfSignificantValueDigits());
        out.setAutoResize(true);
        for (HistogramIterationValue v : h.recordedValues()) {
            long micros = Math.round(h.medianEquivalentValue(v.getValueIteratedTo()) * unit.toMicros());
            out.recordValueWithCount(Math.max(0, micros), v.getCountAtValueIteratedTo());
        }
        out.setStartTimeStamp(h.getStartTimeStamp());
        out.setEndTimeStamp(h.getEndTimeStamp());
        out.setTag(h.getTag());
        return out;
    }

    private static String ascii(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            sb.append(c < 128 ? c : '?');
        }
        return sb.toString();
    }

    private static BadInputException corrupt(Path file, int line, RuntimeException cause) {
        String why = cause == null ? "not an interval histogram"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new BadInputException("corrupt histogram log " + file + " line " + line + ": " + why, cause);
    }

    private static SeriesId seriesOf(Path file, int line, String tag) {
        String name = file.getFileName().toString();
        String id = tag != null ? tag : name.substring(0, name.length() - ".hlog".length());
        try {
            return SeriesId.parse(id);
        } catch (BadInputException e) {
            throw new BadInputException("histogram log " + file + (line > 0 ? " line " + line : "") + ": "
                    + (tag != null ? "tag" : "untagged interval, and the file name") + " is not a series id: " + e.getMessage(), e);
        }
    }
}
