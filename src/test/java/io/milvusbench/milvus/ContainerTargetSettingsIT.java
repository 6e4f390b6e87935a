package io.milvusbench.milvus;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped jar, started as a user starts it after {@code scripts/setup.sh}: no Testcontainers
 * variable in the environment, only {@code ~/.testcontainers.properties}. The default target must
 * start Milvus through Testcontainers (not fall back to a local process), and a properties file
 * that does not turn Ryuk off must give the one-line reason.
 */
class ContainerTargetSettingsIT {
    private static final Path JAR = Path.of("target/milvus-bench.jar");

    @TempDir
    Path home;

    private record Result(int code, String out, String err) {
    }

    private Result runJar(List<String> properties, String... args) throws Exception {
        Files.write(home.resolve(".testcontainers.properties"), properties, StandardCharsets.UTF_8);
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(home.resolve("out.txt").toFile())
                .redirectError(home.resolve("err.txt").toFile());
        Map<String, String> env = pb.environment();
        env.remove("TESTCONTAINERS_RYUK_DISABLED");
        env.remove("TESTCONTAINERS_HOST_OVERRIDE");
        env.remove("DOCKER_HOST");
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not finish within 4 minutes");
        }
        return new Result(p.exitValue(), read("out.txt"), read("err.txt"));
    }

    private String read(String name) throws IOException {
        return Files.readString(home.resolve(name), StandardCharsets.UTF_8);
    }

    private static String dockerHost() {
        var engine = DockerEngine.local();
        if ("true".equals(System.getenv("MILVUS_BENCH_REQUIRE_CONTAINER"))) {
            assertTrue(engine.isPresent(), "MILVUS_BENCH_REQUIRE_CONTAINER=true but no Docker API answers");
        }
        Assumptions.assumeTrue(engine.isPresent(), "no Docker API");
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "no " + JAR + " (run after package)");
        return engine.get().dockerHost();
    }

    @Test
    void settingsInThePropertiesFileAloneStartTheContainerTarget() throws Exception {
        String host = dockerHost();
        Result r = runJar(List.of("docker.host=" + host, "ryuk.disabled=true", "host.override=localhost"),
                "info", "--target", "auto");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("target:   container http://127.0.0.1:"), r.out());
        assertFalse(r.err().contains("local process"), r.err());
        assertFalse(r.err().contains("Ryuk"), "Testcontainers warned about Ryuk: " + r.err());
        assertFalse(r.out().contains(" INFO "), "library logging on stdout: " + r.out());
    }

    @Test
    void withoutRyukDisabledTheContainerTargetSaysWhy() throws Exception {
        String host = dockerHost();
        Assumptions.assumeFalse(DockerEngine.local().get().hasImage(ContainerTarget.RYUK_IMAGE), "the Ryuk image is present");
        Result r = runJar(List.of("docker.host=" + host, "host.override=localhost"), "info", "--target", "container");
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("milvus-bench: Testcontainers would pull its testcontainers/ryuk:0.14.0 image"), lines.get(0));
        assertTrue(lines.get(0).contains("ryuk.disabled=true"), lines.get(0));
    }
}
