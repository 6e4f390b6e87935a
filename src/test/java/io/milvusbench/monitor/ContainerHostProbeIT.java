package io.milvusbench.monitor;

import io.milvusbench.milvus.ContainerTarget;
import io.milvusbench.milvus.TargetOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host section of a Milvus container comes from the Docker API's stats of that container (not
 * from this machine). Skipped where no Docker API answers, unless MILVUS_BENCH_REQUIRE_CONTAINER=true.
 */
class ContainerHostProbeIT {

    @Test
    void containerFiguresFromDockerStats() {
        if (!ContainerTarget.dockerAvailable()) {
            if ("true".equalsIgnoreCase(System.getenv("MILVUS_BENCH_REQUIRE_CONTAINER"))) {
                throw new AssertionError("no Docker API");
            }
            Assumptions.abort("no Docker API (export DOCKER_HOST=unix:///run/podman/podman.sock ...)");
        }
        try (ContainerTarget target = ContainerTarget.start(TargetOptions.fromSystemProperties())) {
            HostProbe probe = HostProbe.forTarget(target);
            HostSection host = probe.sample();
            System.out.println(host);
            assertEquals("docker-stats", host.source());
            assertNotNull(host.memoryUsedBytes());
            assertTrue(host.memoryUsedBytes() > 10L << 20, "Milvus in the container uses more than 10 MiB: " + host);
            assertTrue(host.memoryTotalBytes() >= host.memoryUsedBytes(), host.toString());
            assertNotNull(host.cpuPercent(), "CPU from two readings: " + host);
            assertTrue(host.cpuPercent() >= 0 && host.cpuPercent() <= 100, host.toString());
            assertTrue(host.note().startsWith("container " + target.containerId().substring(0, 12)));
        }
    }
}
