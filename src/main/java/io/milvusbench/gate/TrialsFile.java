package io.milvusbench.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.milvusbench.BadInputException;
import io.milvusbench.gate.PairedTrials.Trial;
import io.milvusbench.results.RunFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trials.json} of a {@code compare} run folder: every trial's figures in the order they ran,
 * so the verdict can be recomputed and {@code gate-eval --interleaved} can replay saved runs.
 */
public final class TrialsFile {
    private TrialsFile() {
    }

    public static final String NAME = "trials.json";

    public static void write(Path runDir, List<Trial> trials) {
        List<Map<String, Object>> rows = trials.stream().map(TrialsFile::row).toList();
        try {
            RunFolder.writeAtomically(runDir.resolve(NAME),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(Map.of("trials", rows)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One trial as trials.json and verdict.json show it (a figure the trial could not give is null). */
    public static Map<String, Object> row(Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", t.variant());
        m.put("round", t.round());
        m.put("order", t.order());
        m.put("count", t.count());
        m.put("p50_ms", finite(t.p50()));
        m.put("p95_ms", finite(t.p95()));
        m.put("p99_ms", finite(t.p99()));
        m.put("qps", finite(t.qps()));
        m.put("errors", t.errors());
        return m;
    }

    /** The trials of a compare run folder; bad input when the folder has no readable trials.json. */
    public static List<Trial> read(Path runDir) {
        Path file = runDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(runDir + " is not a compare run folder (no " + NAME + ")");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode rows = root == null ? null : root.get("trials");
            if (rows == null || !rows.isArray()) {
                throw new BadInputException(file + ": no \"trials\" list");
            }
            List<Trial> out = new ArrayList<>();
            for (JsonNode r : rows) {
                String variant = r.path("variant").asText("");
                if (!variant.equals("A") && !variant.equals("B") || !r.path("round").isInt()) {
                    throw new BadInputException(file + ": a trial without variant A/B and a round: " + r);
                }
                out.add(new Trial(variant, r.get("round").asInt(), r.path("order").asInt(0), r.path("count").asLong(0),
                        number(r, "p50_ms"), number(r, "p95_ms"), number(r, "p99_ms"), number(r, "qps"), r.path("errors").asLong(0)));
            }
            return out;
        } catch (IOException e) {
            throw new BadInputException(file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static double number(JsonNode r, String key) {
        JsonNode v = r.get(key);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
