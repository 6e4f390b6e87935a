package io.milvusbench.milvus;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The Milvus under test: one started by Testcontainers, one running as a plain local process,
 * or an existing server reached by URI. Whoever created a target closes it; closing a URI target
 * leaves the server alone, closing a started one stops it.
 *
 * <pre>{@code
 * try (MilvusTarget target = Targets.fromSystemProperties()) {
 *     MilvusClientV2 client = MilvusClients.v2(target.connection());
 *     ...
 * }
 * }</pre>
 */
public interface MilvusTarget extends AutoCloseable {

    /** What kind of target this is, for reports. */
    TargetKind kind();

    /** How to reach the gRPC endpoint (URI, credentials, database, deadlines). */
    ConnectionSpec connection();

    /** Base URI of the metrics/health HTTP endpoint (serves /healthz and /metrics), where known. */
    Optional<URI> metricsUri();

    /** Version string the server reports, e.g. {@code v2.3.5}. */
    String serverVersion();

    /**
     * Every process of the deployment this target knows, read afresh (pids change when a node is
     * restarted): all of a cluster the suite started; for other targets the ones the user named,
     * else none (a standalone server is one process: {@link #metricsUri()}).
     */
    default List<Component> components() {
        return List.of();
    }

    /** Pause/resume/restart of the server process, where this target owns it. */
    default Optional<ServerControl> control() {
        return Optional.empty();
    }

    /** One line for logs and reports; never contains credentials. */
    default String describe() {
        String version = ServerFeatures.UNKNOWN_VERSION.equals(serverVersion()) ? "server version unknown" : "Milvus " + serverVersion();
        return kind().label() + " " + connection().redactedUri() + " (" + version + ")";
    }

    @Override
    void close();
}
