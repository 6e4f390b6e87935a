package io.milvusbench.milvus;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The round trip against Milvus started by Testcontainers. Where no container can start here (no
 * Docker API, or the image is not built) the class is skipped with the reason shown, unless {@code MILVUS_BENCH_REQUIRE_CONTAINER=true} (CI), where the
 * missing engine is a failure rather than a skip.
 */
class ContainerRoundTripIT extends MilvusRoundTripContract {
    @Override
    MilvusTarget startTarget() {
        TargetOptions options = TargetOptions.fromSystemProperties();
        var problem = ContainerTarget.problem(options);
        if (problem.isPresent()) {
            String why = problem.get();
            if ("true".equalsIgnoreCase(System.getenv("MILVUS_BENCH_REQUIRE_CONTAINER"))) {
                fail(why);
            }
            Assumptions.abort("container tests skipped: " + why);
        }
        ContainerTarget container = ContainerTarget.start(options);
        System.out.printf("container: healthy after %d ms (image log %s)%n",
                container.startToHealthy().toMillis(), container.logFile());
        return container;
    }
}
