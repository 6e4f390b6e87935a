package io.milvusbench.milvus;

import io.milvusbench.BadInputException;

import java.net.URI;
import java.util.Optional;

/**
 * One process of a Milvus deployment as the target knows it: a Milvus role (proxy, querynode,
 * datanode, indexnode, rootcoord, datacoord, querycoord) or a dependency (etcd, kafka), with the
 * endpoints it serves. A cluster the suite started knows every process and its pid; a cluster
 * reached by URI knows the metrics endpoints the user named ({@code --component-metrics}).
 *
 * @param name        e.g. {@code querynode2}
 * @param role        e.g. {@code querynode}, {@code etcd}
 * @param port        its gRPC (or client) port, 0 when unknown
 * @param metricsUri  base of its {@code /metrics} and {@code /healthz} (etcd: {@code /health}), or null
 * @param pid         its process id on this machine, 0 when unknown or not running
 * @param state       what the target last saw: {@code healthy}, {@code unhealthy}, {@code stopped} or {@code unknown}
 */
public record Component(String name, String role, int port, URI metricsUri, long pid, String state) {

    /** A Milvus role (not etcd or the message queue): serves /healthz and Milvus' /metrics. */
    public boolean milvus() {
        return !role.equals("etcd") && !role.equals("kafka") && !role.equals("pulsar") && !role.equals("minio");
    }

    /**
     * {@code name=URI}, e.g. {@code querynode1=http://10.0.0.7:9091}: a process of a cluster the
     * suite did not start; its role is the name without trailing digits.
     */
    public static Component parse(String spec) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? "" : spec.substring(0, eq).trim();
        if (eq < 0 || !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new BadInputException("component metrics must be NAME=URI (e.g. querynode1=http://10.0.0.7:9091), got '" + spec + "'");
        }
        URI uri = MetricsEndpoint.parse(spec.substring(eq + 1).trim());
        return new Component(name, name.replaceAll("[0-9]+$", "").toLowerCase(java.util.Locale.ROOT), 0, uri, 0, "unknown");
    }

    public Optional<URI> metrics() {
        return Optional.ofNullable(metricsUri);
    }
}
