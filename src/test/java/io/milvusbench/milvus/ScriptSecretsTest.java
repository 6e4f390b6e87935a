package io.milvusbench.milvus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config renderers turn authentication on, set the secret etcd root path, and write mode 600 (nothing is started). */
class ScriptSecretsTest {
    private static final String TEMPLATE = String.join("\n", "etcd:", "  endpoints: localhost:{{ etcd_port(int): 2379 }}",
            "  rootPath: by-dev # The root path", "  use:", "    embed: true", "tikv:", "  rootPath: by-dev # other",
            "proxy:", "  ip:", "  port: {{ proxy_port(int): 19530 }}",
            "common:", "  gracefulStopTimeout: 1800", "  storageType: minio", "  security:", "    authorizationEnabled: {{ authorization_enabled(bool): false }}", "");

    private record Run(int exit, String out) {
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(args)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void standaloneConfigHasAuthenticationTheSecretRootPathAndMode600(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("configs"));
        Files.writeString(home.resolve("configs/milvus.yaml.template"), TEMPLATE);
        Files.writeString(home.resolve("configs/glog.conf"), "");
        Path out = dir.resolve("data/configs/milvus.yaml");
        Run r = run(Map.of("MILVUS_ETCD_ROOT_PATH", "s3cr3t_Path-1"), "python3", "scripts/milvus_dist.py", "render", "--home", home.toString(),
                "--out", out.toString(), "--root", dir.resolve("data").toString(), "--port", "19701", "--auth");
        assertEquals(0, r.exit(), r.out());
        String yaml = Files.readString(out);
        assertTrue(yaml.contains("etcd:\n  endpoints: localhost:") && yaml.contains("  rootPath: s3cr3t_Path-1 # The root path\n"), yaml);
        assertTrue(yaml.contains("tikv:\n  rootPath: by-dev"), "only etcd's root path changes: " + yaml);
        assertTrue(yaml.contains("authorizationEnabled: true"), yaml);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

        Run bad = run(Map.of("MILVUS_ETCD_ROOT_PATH", "a b"), "python3", "scripts/milvus_dist.py", "render", "--home", home.toString(),
                "--out", out.toString(), "--root", dir.resolve("data").toString());
        assertEquals(2, bad.exit());
        assertEquals(1, bad.out().strip().lines().count(), bad.out());
    }

    @Test
    void clusterConfigHasAuthenticationAndTheSecretRootPath(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("milvus.yaml.template");
        Files.writeString(template, TEMPLATE + String.join("\n", "mq:", "  type: rocksmq", "localStorage:", "  path: x",
                "queryCoord:", "  autoBalance: false", "  ip:", "rootCoord:", "  ip:", "queryNode:", "  ip:", "indexNode:", "  ip:",
                "dataCoord:", "  ip:", "dataNode:", "  ip:", ""));
        Path out = dir.resolve("conf/proxy/milvus.yaml");
        Run r = run(Map.of("MILVUS_ETCD_ROOT_PATH", "k3y"), "python3", "scripts/cluster/render_config.py", "--auth", "--template",
                template.toString(), "--out", out.toString(), "--storage", "/s", "--etcd", "127.0.0.1:1", "--kafka", "127.0.0.1:2",
                "--ports", "proxy=3");
        assertEquals(0, r.exit(), r.out());
        String yaml = Files.readString(out);
        assertTrue(yaml.contains("etcd:\n  endpoints: 127.0.0.1:1\n  rootPath: k3y\n"), yaml);
        assertTrue(yaml.contains("authorizationEnabled: true"), yaml);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }
}
