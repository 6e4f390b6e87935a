package io.milvusbench.monitor;

import io.milvusbench.milvus.ContainerTarget;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MilvusTarget;

import java.nio.file.Path;
import java.util.Set;

/**
 * Figures of the machine Milvus runs on, never of the machine the monitor runs on unless they are
 * the same. {@link #forTarget} picks the source: OSHI for a local process or a loopback URI, the
 * Docker API's stats for a container the suite started, nothing for a remote server.
 */
public interface HostProbe {
    Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    /** One reading; throws when the source fails (the caller records the error). */
    HostSection sample();

    static HostProbe forTarget(MilvusTarget target) {
        if (target instanceof ContainerTarget container) {
            return new DockerStatsProbe(container.containerId());
        }
        if (target instanceof LocalProcessTarget local) {
            return new OshiHostProbe(local::pid, local.dataDir());
        }
        if (target instanceof io.milvusbench.milvus.ClusterTarget cluster) {
            // the proxy as "the" process; every process's own figures are in the cluster section
            return new OshiHostProbe(cluster::proxyPid, cluster.dir());
        }
        if (LOOPBACK.contains(target.connection().host())) {
            return new OshiHostProbe(() -> 0L, Path.of("/"));
        }
        String note = "Milvus runs on " + target.connection().host() + ", not on this machine: host figures come from GetMetrics";
        return () -> HostSection.none(note);
    }
}
