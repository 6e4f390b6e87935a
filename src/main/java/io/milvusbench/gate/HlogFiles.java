package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
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
        Map<SeriesId, HlogSeries> out = new TreeMap<>(Comparator.comparing(SeriesId::toString));
        List<LogFile> logs = new ArrayList<>();
        for (Path file : files) {
            FileRead r = read(file, units);
            logs.add(r.log());
            r.series().forEach((id, list) -> out.merge(id, HlogSeries.of(id, list, r.log().unit()), HlogSeries::plus));
        }
        return new Read(out, logs);
    }

    /** The interval histograms of one file, by series, converted to microseconds (units as the file says). */
    public static Map<SeriesId, List<Histogram>> read(Path file) {
        FileRead r = read(file, LogUnits.fromLogs());
        Map<SeriesId, List<Histogram>> out = new LinkedHashMap<>();
        r.series().forEach((id, list) -> out.put(id, list.stream().map(h -> convert(h, r.log().unit(), LogUnit.MICROSECONDS)).toList()));
        return out;
    }

    /** The intervals of one file by series, values as recorded (in {@code log.unit()}). */
    public record FileRead(Map<SeriesId, List<Histogram>> series, LogFile log) {
    }

    public static FileRead read(Path file, LogUnits units) {
        Inputs.file("histogram log", file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read histogram log " + file + ": " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.startsWith("\u00EF\u00BB\u00BF")) {
            text = text.substring(3);   // a UTF-8 byte order mark, inside line 1: no line moves
        }
        String[] lines = text.split("\n", -1);
        List<Integer> dataLines = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        StringBuilder clean = new StringBuilder(bytes.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                comments.add(new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                line = ascii(line).replace('\r', ' ');   // a carriage return inside a comment is no line break
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
            // no interval, so no tag: the series is named after the file, made a valid name if need be
            String name = file.getFileName().toString();
            String base = name.substring(0, name.length() - ".hlog".length()).replaceAll("[^A-Za-z0-9_.:@/+-]", "_");
            out.put(SeriesId.parse(base.isEmpty() ? "unnamed" : base), new ArrayList<>());
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
                out.computeIfAbsent(seriesOf(file, dataLines.get(read), h.getTag()), k -> new ArrayList<>()).add(h);
                read++;
            }
        }
        if (read < dataLines.size()) {
            throw corrupt(file, dataLines.get(read), null);
        }
        return new FileRead(out, new LogFile(file, unit.unit(), unit.source(), read));
    }

    /**
     * The histogram re-recorded in another unit (the same object when the units agree). Used only to
     * merge logs of different units; a log is otherwise judged in its own unit, bucket for bucket.
     */
    public static Histogram convert(Histogram h, LogUnit from, LogUnit to) {
        if (from == to) {
            return h;
        }
        double factor = from.toMicros() / to.toMicros();
        Histogram out = new Histogram(h.getNumberOfSignificantValueDigits());
        out.setAutoResize(true);
        for (HistogramIterationValue v : h.recordedValues()) {
            long moved = Math.round(h.medianEquivalentValue(v.getValueIteratedTo()) * factor);
            out.recordValueWithCount(Math.max(0, moved), v.getCountAtValueIteratedTo());
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
        return new BadInputException("corrupt histogram log " + file + " line " + line
                + ": not an interval histogram (truncated or garbled)", cause);
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
