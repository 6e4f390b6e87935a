package io.milvusbench.milvus;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** An existing Milvus reached by URI (a user's real cluster). Closing it leaves the server running. */
public final class UriTarget implements MilvusTarget {
    private final ConnectionSpec connection;
    private final URI metricsUri;
    private final String version;
    private final List<Component> components;

    private UriTarget(ConnectionSpec connection, URI metricsUri, String version, List<Component> components) {
        this.connection = connection;
        this.metricsUri = metricsUri;
        this.version = version;
        this.components = components;
    }

    public static UriTarget connect(ConnectionSpec connection, String metrics) {
        return connect(connection, metrics, List.of());
    }

    /**
     * Connects once to check the server answers (within the connect timeout) and to read its
     * version. The metrics endpoint is {@code metrics} when given, else port 9091 on the same host
     * when that answers /healthz. {@code components} are {@code name=URI} metrics endpoints of the
     * cluster's processes (e.g. {@code querynode1=http://10.0.0.7:9091}), checked for form only.
     */
    public static UriTarget connect(ConnectionSpec connection, String metrics, List<String> components) {
        List<Component> named = components.stream().map(Component::parse).toList();
        String version = MilvusClients.serverVersion(connection);
        URI metricsUri;
        if (metrics != null && !metrics.isBlank()) {
            metricsUri = MetricsEndpoint.parse(metrics);
        } else {
            URI guess = URI.create("http://" + connection.uri().getRawAuthority().replaceAll(":\\d+$", "") + ":9091");
            metricsUri = MetricsEndpoint.healthy(guess) ? guess : null;
        }
        return new UriTarget(connection, metricsUri, version, named);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.URI;
    }

    @Override
    public ConnectionSpec connection() {
        return connection;
    }

    @Override
    public Optional<URI> metricsUri() {
        return Optional.ofNullable(metricsUri);
    }

    @Override
    public String serverVersion() {
        return version;
    }

    @Override
    public List<Component> components() {
        return components;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
