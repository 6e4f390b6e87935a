package io.milvusbench.milvus;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The round trip against Milvus started by Testcontainers. Where no container can start here (no
 * Docker API, or the image is not built) the class is skipped with the reason shown, unless {@code MILVUS_BENCH_REQUIRE_CONTAINER=true} (CI), where the
 * missing engine is a failure rather than a skip. The container's ports must be published on
 * 127.0.0.1 only: the engine's listening sockets on them (conmon's port reservations with rootful
 * podman, rootlessport or docker-proxy elsewhere) and, where the rules are readable, its nftables
 * DNAT rules for them.
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

    @Test
    @Order(8)
    void portsArePublishedOnLoopbackOnly() throws Exception {
        ContainerTarget container = (ContainerTarget) target;
        Set<Integer> mapped = Set.of(container.connection().port(), container.metricsUri().orElseThrow().getPort());
        List<ListeningSockets.Listener> onMapped = ListeningSockets.all().stream().filter(l -> mapped.contains(l.port())).toList();
        List<ListeningSockets.Listener> engine = ListeningSockets.of(ListeningSockets.pidsWithCommandLine(container.containerId()));
        System.out.println("exposure (container): host ports " + mapped + ", listeners on them " + onMapped
                + ", listeners of the engine's processes for this container " + engine);
        for (ListeningSockets.Listener l : onMapped) {
            assertTrue(l.loopback(), "published port on a non-loopback address: " + l);
        }
        for (ListeningSockets.Listener l : engine) {
            assertTrue(l.loopback(), "the engine listens for the container on a non-loopback address: " + l);
        }
        String rules = nftRules();
        if (rules != null) {
            for (int port : mapped) {
                List<String> dnat = rules.lines().filter(r -> r.contains("dport " + port + " ") && r.contains("dnat to")).toList();
                System.out.println("exposure (container): DNAT rules for port " + port + ": " + dnat);
                assertFalse(dnat.isEmpty() && onMapped.isEmpty(), "neither a listener nor a DNAT rule for port " + port);
                dnat.forEach(r -> assertTrue(r.contains("ip daddr 127.0.0.1 "), "DNAT for every address: " + r.trim()));
            }
        }
    }

    /** The nftables ruleset where it can be read (root), else null. */
    private static String nftRules() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("nft", "list", "ruleset").redirectErrorStream(false).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    }
}
