package io.milvusbench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.milvusbench.BadInputException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One scalar figure of a series, a line of {@code metrics.jsonl}:
 * <pre>{"series":"search[index=HNSW;ef=64;topK=10]","component":"Client","statistic":"recall@10","value":0.987,"unit":"ratio"}</pre>
 * Statistic names the gate knows: {@code recall@K}, {@code rows/s}, {@code qps}, {@code error_rate},
 * {@code errors}, {@code requests}, {@code build_seconds}, {@code flush_seconds}, {@code memory_percent};
 * producers may add others. Components: Client, Proxy, QueryNode, DataNode, IndexNode, Host.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalarMetric(String series, String component, String statistic, double value, String unit) {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    public static ScalarMetric of(SeriesId series, String component, String statistic, double value, String unit) {
        return new ScalarMetric(series.toString(), component, statistic, value, unit);
    }

    /** Appends lines to {@code file} (created when absent). */
    public static synchronized void append(Path file, List<ScalarMetric> metrics) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (ScalarMetric m : metrics) {
                out.write(JSON.writeValueAsString(m));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads every line of {@code file}; a garbled line is a {@link BadInputException} naming its number. */
    public static List<ScalarMetric> read(Path file) {
        List<ScalarMetric> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(JSON.readValue(line, ScalarMetric.class));
            } catch (IOException e) {
                throw new BadInputException(file + " line " + (i + 1) + " is not a metric record: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return out;
    }
}
