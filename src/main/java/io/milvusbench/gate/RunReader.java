package io.milvusbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.milvusbench.BadInputException;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks that a folder follows docs/run-folder.md and reads its figures: {@code hlog/*.hlog},
 * {@code metrics.jsonl}, {@code jmh-result.json}. A folder with none of them, or still named
 * {@code *.partial}, is bad input; {@code run.json} and {@code monitor.jsonl} are optional here.
 */
public final class RunReader {
    private RunReader() {
    }

    /** @param role how the folder is named in error messages: "run folder", "baseline", "merge folder" */
    public static Measurements read(Path dir, String role) {
        return read(dir, role, LogUnits.fromLogs());
    }

    /** @param units how to find each .hlog's value unit */
    public static Measurements read(Path dir, String role, LogUnits units) {
        check(dir, role);
        Path hlog = dir.resolve("hlog");
        Path metrics = dir.resolve("metrics.jsonl");
        Path jmh = dir.resolve("jmh-result.json");
        HlogFiles.Read logs = Files.isDirectory(hlog) ? HlogFiles.readDir(hlog, units) : new HlogFiles.Read(Map.of(), List.of());
        Map<SeriesId, HlogSeries> histograms = logs.series();
        List<ScalarMetric> scalars = Files.isRegularFile(metrics) ? ScalarMetric.read(metrics) : List.of();
        List<JmhScore> scores = Files.isRegularFile(jmh) ? JmhScore.read(jmh) : List.of();
        Measurements m;
        try {
            m = new Measurements(histograms, scalars, scores, logs.files());
        } catch (BadInputException e) {
            throw new BadInputException(metrics + ": " + e.getMessage(), e);
        }
        if (m.isEmpty() && logs.files().isEmpty()) {
            throw new BadInputException(role + " " + dir + " holds no figures (empty hlog/, metrics.jsonl and jmh-result.json)");
        }
        return m;
    }

    /**
     * What the producer itself recorded as failed in {@code run.json}'s {@code failures} (strings, or
     * objects with {@code series} and {@code reason}), one line each, prefixed with the folder.
     */
    public static List<String> failures(Path dir, JsonNode runInfo) {
        List<String> out = new java.util.ArrayList<>();
        JsonNode f = runInfo.path("failures");
        if (f.isMissingNode()) {
            return out;
        }
        if (!f.isArray()) {
            throw new BadInputException(dir.resolve("run.json") + ": 'failures' is not a list");
        }
        for (JsonNode e : f) {
            String text = e.isTextual() ? e.asText()
                    : e.isObject() ? (e.path("series").asText("?") + ": " + e.path("reason").asText("failed")) : e.toString();
            out.add(text);
        }
        return out;
    }

    /** The folder's {@code run.json}, or a missing node when it has none. */
    public static JsonNode runInfo(Path dir) {
        Path file = dir.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new BadInputException(file + " is not a JSON object (empty or of another shape): a run.json says what the run recorded");
        }
        return node;
    }

    private static void check(Path dir, String role) {
        if (!Files.exists(dir)) {
            throw new BadInputException(role + " " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(role + " " + dir + " is not a folder");
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            real = dir;
        }
        if ((dir.getFileName() != null && dir.getFileName().toString().endsWith(RunFolder.PARTIAL))
                || (real.getFileName() != null && real.getFileName().toString().endsWith(RunFolder.PARTIAL))) {
            throw new BadInputException(role + " " + dir + " is incomplete (" + RunFolder.PARTIAL + "): the run did not finish");
        }
        boolean hasHlog;
        try (Stream<Path> s = Files.isDirectory(dir.resolve("hlog")) ? Files.list(dir.resolve("hlog")) : Stream.empty()) {
            hasHlog = s.anyMatch(p -> p.getFileName().toString().endsWith(".hlog"));
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir.resolve("hlog") + ": " + e.getMessage());
        }
        if (!hasHlog && !Files.isRegularFile(dir.resolve("metrics.jsonl")) && !Files.isRegularFile(dir.resolve("jmh-result.json"))) {
            throw new BadInputException(role + " " + dir + " is not a run folder: no hlog/*.hlog, metrics.jsonl or "
                    + "jmh-result.json (see docs/run-folder.md)");
        }
    }
}
