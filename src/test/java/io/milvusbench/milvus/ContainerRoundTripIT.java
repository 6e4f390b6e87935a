package io.milvusbench.milvus;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The round trip against Milvus started by Testcontainers. Where no Docker API exists the class is
 * skipped with the reason shown, unless {@code MILVUS_BENCH_REQUIRE_CONTAINER=true} (CI), where the
 * missing engine is a failure rather than a skip.
 */
class ContainerRoundTripIT extends MilvusRoundTripContract {
    @Override
    MilvusTarget startTarget() {
        if (!ContainerTarget.dockerAvailable()) {
            String why = "no Docker API (run scripts/setup-podman.sh and export DOCKER_HOST, "
                    + "TESTCONTAINERS_RYUK_DISABLED=true, TESTCONTAINERS_HOST_OVERRIDE=localhost)";
            if ("true".equalsIgnoreCase(System.getenv("MILVUS_BENCH_REQUIRE_CONTAINER"))) {
                fail(why);
            }
            Assumptions.abort("container tests skipped: " + why);
        }
        ContainerTarget container = ContainerTarget.start(TargetOptions.fromSystemProperties());
        System.out.printf("container: healthy after %d ms (image log %s)%n",
                container.startToHealthy().toMillis(), container.logFile());
        return container;
    }
}
