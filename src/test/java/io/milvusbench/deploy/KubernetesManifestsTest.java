package io.milvusbench.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests under deploy/k8s cannot run here; this checks what can be checked
 * without a cluster: every file parses as YAML, each object has the fields the API requires, the
 * generator Job is an Indexed Job whose shard count agrees with its completions and parallelism,
 * every pod mounts the shared results volume, and the merge step runs the gate on every shard.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("deploy", "k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(DIR.resolve(file).toFile());
    }

    @Test
    void everyManifestParsesAndNamesItsKind() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(4, files.size(), files.toString());
        List<String> kinds = new ArrayList<>();
        for (Path f : files) {
            JsonNode n = YAML.readTree(f.toFile());
            assertTrue(n.path("apiVersion").isTextual() && n.path("kind").isTextual() && n.path("metadata").path("name").isTextual(),
                    f + ": apiVersion, kind and metadata.name");
            kinds.add(n.path("kind").asText());
        }
        assertEquals(List.of("Job", "Job", "Job", "PersistentVolumeClaim"), kinds.stream().sorted().toList());
    }

    @Test
    void generatorJobIsIndexedWithOneShardPerPod() throws IOException {
        JsonNode job = read("load-job.yaml");
        JsonNode spec = job.path("spec");
        assertEquals("Indexed", spec.path("completionMode").asText());
        int completions = spec.path("completions").asInt();
        assertEquals(completions, spec.path("parallelism").asInt(), "every shard must run at the same time");
        JsonNode pod = spec.path("template").path("spec");
        assertEquals("Never", pod.path("restartPolicy").asText());
        JsonNode container = pod.path("containers").get(0);
        assertEquals(Integer.toString(completions), env(container, "SHARDS"));
        String script = container.path("args").get(0).asText();
        for (String part : new String[] {"$((JOB_COMPLETION_INDEX + 1))", "--shard \"$SHARD/$SHARDS\"", "--start-at \"$START_AT\"",
                "--mode open", "--results \"/results/$RUN/shard-$SHARD\""}) {
            assertTrue(script.contains(part), "load-job.yaml: " + part + " in " + script);
        }
        assertSharedVolume(pod, "load-job.yaml");
    }

    @Test
    void mergeStepChecksEveryShardAndPrepareRunsFirst() throws IOException {
        JsonNode check = read("check-job.yaml").path("spec").path("template").path("spec");
        JsonNode container = check.path("containers").get(0);
        assertEquals(env(read("load-job.yaml").path("spec").path("template").path("spec").path("containers").get(0), "SHARDS"),
                env(container, "SHARDS"), "the merge step waits for as many shards as the Job runs");
        String script = container.path("args").get(0).asText();
        assertTrue(script.contains("check \"$first\" \"$@\"") && script.contains("--merge"), script);
        assertTrue(script.contains("exit 2"), "a missing shard ends the wait with exit 2: " + script);
        assertSharedVolume(check, "check-job.yaml");
        JsonNode prepare = read("prepare-job.yaml").path("spec").path("template").path("spec");
        List<String> args = new ArrayList<>();
        prepare.path("containers").get(0).path("args").forEach(a -> args.add(a.asText()));
        assertEquals("load", args.get(0));
        assertFalse(args.contains("--fresh"), "the prepared collection must outlive the prepare Job");
        assertSharedVolume(prepare, "prepare-job.yaml");
        assertEquals("ReadWriteMany", read("results-pvc.yaml").path("spec").path("accessModes").get(0).asText());
    }

    private static void assertSharedVolume(JsonNode pod, String file) {
        assertEquals("milvus-bench-results", pod.path("volumes").get(0).path("persistentVolumeClaim").path("claimName").asText(), file);
        assertEquals("/results", pod.path("containers").get(0).path("volumeMounts").get(0).path("mountPath").asText(), file);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText();
            }
        }
        return null;
    }
}
