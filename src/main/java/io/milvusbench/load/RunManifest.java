package io.milvusbench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.results.RunFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code run.json} of a run folder (see docs/run-folder.md): command, start and finish time,
 * target (kind, URI without credentials, server version), suite version and parameters.
 */
public final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String command;
    private final Instant started = Instant.now();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    public RunManifest(String command) {
        this.command = command;
    }

    public RunManifest put(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    /** Writes run.json (atomically) with the finish time set to now. */
    public void write(RunFolder folder, MilvusTarget target) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("started", started.toString());
        root.put("finished", Instant.now().toString());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", target.kind().label());
        t.put("uri", target.connection().redactedUri());
        t.put("server_version", target.serverVersion());
        root.put("target", t);
        String version = RunManifest.class.getPackage().getImplementationVersion();
        root.put("suite_version", version == null ? "development" : version);
        root.put("parameters", parameters);
        try {
            RunFolder.writeAtomically(folder.dir().resolve("run.json"), JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run.json", e);
        }
    }
}
