package io.milvusbench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.milvusbench.milvus.MilvusTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code run.json} of every run folder (docs/run-folder.md): command, start and end, the target
 * (kind, URI without credentials, server version), the suite version and the parameters; the
 * producers of figures add {@code failures} ({@link Failure} objects) and {@code errors}
 * ({@link ErrorSummary} per series), and may add top-level entries of their own (skipped benchmarks, ...).
 */
public final class RunManifest {
    /** Indented; instants and durations (e.g. the monitor's outages) as ISO-8601 text. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("iso-times")
                    .addSerializer(Instant.class, com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance)
                    .addSerializer(java.time.Duration.class, com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    private final Map<String, Object> run = new LinkedHashMap<>();

    private final Map<String, Object> parameters = new LinkedHashMap<>();

    public RunManifest(String command) {
        this(command, Map.of());
    }

    public RunManifest(String command, Map<String, Object> parameters) {
        run.put("command", command);
        run.put("started", Instant.now().toString());
        run.put("finished", null);
        run.put("target", null);
        String version = RunManifest.class.getPackage().getImplementationVersion();
        run.put("suite_version", version == null ? "development" : version);
        this.parameters.putAll(parameters);
        run.put("parameters", this.parameters);
    }

    /** Adds one run parameter (what the user asked for); returns this for chaining. */
    public RunManifest parameter(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    public RunManifest target(MilvusTarget target) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", target.kind().label());
        t.put("uri", target.connection().uri().toString());
        t.put("server_version", target.serverVersion());
        if (target instanceof io.milvusbench.milvus.LiteTarget lite) {
            // Milvus Lite answers no GetVersion: the wheel the suite started names what ran
            t.put("server_package", "milvus-lite " + lite.liteVersion());
        }
        run.put("target", t);
        return this;
    }

    /** Adds a top-level entry. */
    public RunManifest put(String key, Object value) {
        run.put(key, value);
        return this;
    }

    /**
     * The run's failed figures: one entry per failed benchmark or load phase, an empty list when all
     * went well (the gate fails a run whose list is not empty).
     */
    public RunManifest failures(java.util.List<Failure> failures) {
        run.put("failures", java.util.List.copyOf(failures));
        return this;
    }

    /** Requests, errors and error causes per series id, for every series that sent requests. */
    public RunManifest errors(Map<String, ErrorSummary> errors) {
        run.put("errors", new LinkedHashMap<>(errors));
        return this;
    }

    /** Writes run.json into {@code dir}, stamped with the finishing time. */
    public void write(Path dir) {
        run.put("finished", Instant.now().toString());
        try {
            byte[] json = JSON.writeValueAsBytes(run);
            RunFolder.writeAtomically(dir.resolve("run.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run.json", e);
        }
    }
}
