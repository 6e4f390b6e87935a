package io.milvusbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusbench.gate.GateResult;
import io.milvusbench.gate.RunReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server version behind each compared run, from each folder's run.json ({@code target.server_version},
 * "unknown" for a server that answers no GetVersion, with {@code target.server_package} where the
 * suite started a packaged server such as Milvus Lite): a baseline measured on another server version
 * compares two servers, not two states of one, and every report says so beside the verdict.
 */
record ServerVersions(String run, Map<Path, String> baselines) {

    static ServerVersions of(GateResult r) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path b : r.baselines()) {
            out.put(b, Files.isDirectory(b) && Files.isRegularFile(b.resolve("run.json")) ? label(RunReader.runInfo(b)) : "?");
        }
        return new ServerVersions(label(r.runInfo()), out);
    }

    /** "v2.3.5", "unknown (milvus-lite 2.5.1)", or "?" when the folder's run.json names no target. */
    static String label(JsonNode info) {
        JsonNode target = info == null ? null : info.path("target");
        if (target == null || !target.isObject() || !target.hasNonNull("server_version")) {
            return "?";
        }
        String version = target.path("server_version").asText();
        String pkg = target.path("server_package").asText("");
        return pkg.isEmpty() ? version : version + " (" + pkg + ")";
    }

    /** Baseline versions other than the run's, each once. */
    List<String> others() {
        return baselines.values().stream().filter(v -> !v.equals(run)).distinct().toList();
    }

    /**
     * "baseline from another server version: v2.3.5 (this run: unknown (milvus-lite 2.5.1))", or empty
     * when there is no baseline or every baseline ran on the run's server version.
     */
    Optional<String> note() {
        List<String> others = others();
        if (baselines.isEmpty() || others.isEmpty()) {
            return Optional.empty();
        }
        long count = baselines.values().stream().filter(v -> !v.equals(run)).count();
        String which = baselines.size() == 1 ? "baseline" : count + " of " + baselines.size() + " baseline runs";
        return Optional.of(which + " from another server version: " + String.join(", ", others) + " (this run: " + run + ")");
    }
}
