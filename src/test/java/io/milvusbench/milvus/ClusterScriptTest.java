package io.milvusbench.milvus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scripts/milvus-cluster.sh and its config renderer on bad input, and the config they write (nothing is started). */
class ClusterScriptTest {
    private static final Path SCRIPT = Path.of("scripts", "milvus-cluster.sh").toAbsolutePath();

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Run noPorts = run(SCRIPT.toString(), "start", "--dir", dir.toString());
        assertEquals(2, noPorts.exit());
        assertEquals("milvus-cluster: first start of " + dir + " needs --port, --port-base and --metrics-base", noPorts.out().trim());
        Run badSet = run(SCRIPT.toString(), "start", "--dir", dir.toString(), "--set", "x y");
        assertEquals(2, badSet.exit());
        assertEquals(1, badSet.out().trim().lines().count(), badSet.out());
        Run badCommand = run(SCRIPT.toString(), "restart", "--dir", dir.toString());
        assertEquals(2, badCommand.exit());
        Run notANumber = run(SCRIPT.toString(), "start", "--dir", dir.toString(), "--port", "abc");
        assertEquals(2, notANumber.exit());
        assertEquals("milvus-cluster: not a number: abc", notANumber.out().trim());
    }

    @Test
    void statusOfAnEmptyFolderIsStoppedAndStopDoesNothing(@TempDir Path dir) throws Exception {
        Run status = run(SCRIPT.toString(), "status", "--dir", dir.toString());
        assertEquals(1, status.exit());
        assertTrue(status.out().startsWith("stopped"), status.out());
        assertEquals(0, run(SCRIPT.toString(), "stop", "--dir", dir.toString()).exit());
    }

    @Test
    void renderedConfigPointsEveryRoleAtLoopbackEtcdKafkaAndSharedStorage(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("milvus.yaml.template");
        Files.writeString(template, String.join("\n",
                "etcd:", "  endpoints: localhost:{{ etcd_port(int): 2379 }}", "  use:", "    embed: true # comment", "  data:",
                "    dir: {{ etcd_data_dir }}",
                "localStorage:", "  path: {{ local_storage_dir }}",
                "mq:", "  type: rocksmq",
                "rootCoord:", "  ip: # none", "  port: {{ root_coord_port(int): 53100 }}",
                "proxy:", "  ip:", "  port: {{ proxy_port(int): 19530 }}", "  internalPort: {{ proxy_internal_port(int): 19529 }}",
                "queryCoord:", "  autoBalance: false", "  ip:", "  port: {{ query_coord_port(int): 19531 }}",
                "queryNode:", "  ip:", "  port: {{ query_node_port(int): 21123 }}",
                "indexNode:", "  ip:", "  port: {{ index_node_port(int): 21121 }}",
                "dataCoord:", "  enableCompaction: true", "  ip:", "  port: {{ data_coord_port(int): 13333 }}",
                "dataNode:", "  ip:", "  port: {{ data_node_port(int): 21124 }}",
                "common:", "  gracefulStopTimeout: 1800", "  storageType: minio", ""));
        Path out = dir.resolve("conf/querynode2/milvus.yaml");
        Run r = run("python3", Path.of("scripts", "cluster", "render_config.py").toString(), "--template", template.toString(),
                "--out", out.toString(), "--storage", "/data/shared", "--etcd", "127.0.0.1:20100", "--kafka", "127.0.0.1:20102",
                "--ports", "rootcoord=20104,datacoord=20105,querycoord=20106,datanode=20108,indexnode=20109,proxy=20530,"
                        + "proxy_internal=20110,querynode=20112", "--set", "dataCoord.enableCompaction=false");
        assertEquals(0, r.exit(), r.out());
        String yaml = Files.readString(out);
        assertTrue(yaml.contains("  endpoints: 127.0.0.1:20100\n"), yaml);
        assertTrue(yaml.contains("    embed: false\n"), yaml);
        assertTrue(yaml.contains("  type: kafka\n"), yaml);
        assertTrue(yaml.contains("kafka:\n  brokerList: 127.0.0.1:20102\n"), yaml);
        assertTrue(yaml.contains("  storageType: local\n") && yaml.contains("  path: /data/shared\n"), yaml);
        assertTrue(yaml.contains("  gracefulStopTimeout: 10\n") && yaml.contains("  autoBalance: true\n"), yaml);
        assertTrue(yaml.contains("  enableCompaction: false\n"), yaml);
        assertEquals(7, yaml.lines().filter(l -> l.equals("  ip: 127.0.0.1")).count(), yaml);
        assertTrue(yaml.contains("queryNode:\n  ip: 127.0.0.1\n  port: 20112\n"), yaml);

        Run unknown = run("python3", Path.of("scripts", "cluster", "render_config.py").toString(), "--template", template.toString(),
                "--out", out.toString(), "--storage", "/s", "--etcd", "e", "--kafka", "k", "--ports", "proxy=1", "--set", "nope.key=1");
        assertEquals(2, unknown.exit());
        assertEquals("render_config: key nope.key not in template", unknown.out().trim());
    }

    @Test
    void targetKindAndComponentSpecs() {
        assertEquals(TargetKind.CLUSTER, TargetKind.parse("cluster"));
        int base = ClusterTarget.freeBlock();
        assertTrue(base >= 20_000 && base + ClusterTarget.PORT_BLOCK <= 50_000, "block " + base);
    }
}
