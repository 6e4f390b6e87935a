package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

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
 * The series of an interval is its tag (the file name when untagged). A file without intervals,
 * or with a line the reader cannot decode, is bad input: HistogramLogReader stops silently at a
 * garbled line, so the data lines are counted and compared with the intervals read.
 */
public final class HlogFiles {
    private HlogFiles() {
    }

    /** Every series of every {@code *.hlog} directly under {@code hlogDir}, sorted by series id. */
    public static Map<SeriesId, HlogSeries> readDir(Path hlogDir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(hlogDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".hlog")).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list " + hlogDir + ": " + e.getMessage());
        }
        Map<SeriesId, List<Histogram>> bySeries = new LinkedHashMap<>();
        for (Path file : files) {
            read(file).forEach((id, list) -> bySeries.computeIfAbsent(id, k -> new ArrayList<>()).addAll(list));
        }
        Map<SeriesId, HlogSeries> out = new TreeMap<>(Comparator.comparing(SeriesId::toString));
        bySeries.forEach((id, list) -> out.put(id, HlogSeries.of(id, list)));
        return out;
    }

    /** The interval histograms of one file, by series. */
    public static Map<SeriesId, List<Histogram>> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("histogram log " + file + " not found");
        }
        List<Integer> dataLines = dataLineNumbers(file);
        if (dataLines.isEmpty()) {
            throw new BadInputException("histogram log " + file + " is empty (no intervals)");
        }
        Map<SeriesId, List<Histogram>> out = new LinkedHashMap<>();
        int read = 0;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            while (true) {
                EncodableHistogram e;
                try {
                    e = reader.nextIntervalHistogram();
                } catch (RuntimeException ex) {
                    throw corrupt(file, dataLines.get(read), ex);
                }
                if (e == null) {
                    break;
                }
                if (!(e instanceof Histogram h)) {
                    throw new BadInputException("histogram log " + file + " line " + dataLines.get(read)
                            + " holds a " + e.getClass().getSimpleName() + "; integer microsecond histograms expected");
                }
                out.computeIfAbsent(seriesOf(file, dataLines.get(read), h.getTag()), k -> new ArrayList<>()).add(h);
                read++;
            }
        } catch (IOException ex) {
            throw new BadInputException("cannot read histogram log " + file + ": " + ex.getMessage());
        }
        if (read < dataLines.size()) {
            throw corrupt(file, dataLines.get(read), null);
        }
        return out;
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
            throw new BadInputException("histogram log " + file + " line " + line + ": "
                    + (tag != null ? "tag" : "untagged interval, and the file name") + " is not a series id: " + e.getMessage(), e);
        }
    }

    /** 1-based numbers of the lines that should each hold one interval. */
    private static List<Integer> dataLineNumbers(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new BadInputException("cannot read histogram log " + file + ": " + e.getMessage());
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("\"StartTimestamp\"")) {
                out.add(i + 1);
            }
        }
        return out;
    }
}
