package io.milvusbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.milvus.ConnectionSpec;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.TargetKind;
import io.milvusbench.results.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run.json as a bench run writes it, inside a run folder completed by renaming. */
class RunManifestTest {
    @TempDir
    Path dir;

    @Test
    void writesRunJsonWithoutCredentialsAndCompletesTheFolder() throws Exception {
        RunFolder folder = RunFolder.create(dir, "bench");
        assertTrue(folder.dir().getFileName().toString().endsWith("-bench.partial"));
        RunManifest manifest = new RunManifest("bench", Map.of("benchmarks", List.of("SearchBenchmark.search")));
        manifest.target(new FakeTarget(ConnectionSpec.of("https://db.example:19530").withToken("root:secret")));
        manifest.put("failures", List.of());
        manifest.write(folder.dir());
        Path done = folder.complete();
        assertFalse(Files.exists(done.resolveSibling(done.getFileName() + RunFolder.PARTIAL)));
        String text = Files.readString(done.resolve("run.json"));
        assertFalse(text.contains("secret"), text);
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("bench", json.get("command").asText());
        assertEquals("uri", json.at("/target/kind").asText());
        assertEquals("https://db.example:19530", json.at("/target/uri").asText());
        assertEquals("v2.3.5", json.at("/target/server_version").asText());
        assertEquals("SearchBenchmark.search", json.at("/parameters/benchmarks/0").asText());
        assertTrue(json.get("finished").asText().compareTo(json.get("started").asText()) >= 0);
    }

    record FakeTarget(ConnectionSpec connection) implements MilvusTarget {
        @Override
        public TargetKind kind() {
            return TargetKind.URI;
        }

        @Override
        public Optional<URI> metricsUri() {
            return Optional.empty();
        }

        @Override
        public String serverVersion() {
            return "v2.3.5";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void instantsAndDurationsAreWrittenAsIsoText() throws Exception {
        // the monitor's outages carry instants: run.json must still be written
        new RunManifest("monitor").put("outages", List.of(Map.of("firstDown", java.time.Instant.parse("2026-11-30T06:00:00Z"),
                "length", java.time.Duration.ofSeconds(65)))).write(dir);
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertEquals("2026-11-30T06:00:00Z", run.at("/outages/0/firstDown").asText());
        assertEquals("PT1M5S", run.at("/outages/0/length").asText());
    }
}
