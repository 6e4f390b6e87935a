package io.milvusbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server version beside a baseline comparison, read from run.json as producers write it. */
class ServerVersionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void labelsComeFromRunJsonsTarget() throws Exception {
        assertEquals("v2.3.5", ServerVersions.label(JSON.readTree(
                "{\"target\":{\"kind\":\"local\",\"uri\":\"http://127.0.0.1:1\",\"server_version\":\"v2.3.5\"}}")));
        assertEquals("unknown (milvus-lite 2.5.1)", ServerVersions.label(JSON.readTree(
                "{\"target\":{\"kind\":\"lite\",\"server_version\":\"unknown\",\"server_package\":\"milvus-lite 2.5.1\"}}")));
        assertEquals("?", ServerVersions.label(JSON.readTree("{\"command\":\"bench\",\"target\":null}")));
        assertEquals("?", ServerVersions.label(JSON.missingNode()));
    }

    @Test
    void aBaselineOfAnotherVersionIsNamedAndOneOfTheSameIsNot() {
        assertTrue(new ServerVersions("v2.3.5", Map.of(Path.of("base"), "v2.3.5")).note().isEmpty());
        assertTrue(new ServerVersions("v2.3.5", Map.of()).note().isEmpty(), "no baseline, nothing to name");
        assertEquals("baseline from another server version: v2.3.5 (this run: unknown (milvus-lite 2.5.1))",
                new ServerVersions("unknown (milvus-lite 2.5.1)", Map.of(Path.of("base"), "v2.3.5")).note().orElseThrow());
        Map<Path, String> history = new LinkedHashMap<>();
        history.put(Path.of("a"), "v2.3.5");
        history.put(Path.of("b"), "v2.4.1");
        history.put(Path.of("c"), "v2.4.1");
        assertEquals("2 of 3 baseline runs from another server version: v2.4.1 (this run: v2.3.5)",
                new ServerVersions("v2.3.5", history).note().orElseThrow());
    }
}
