package io.milvusbench.milvus;

import io.milvusbench.BadInputException;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to get hold of the Milvus under test, gathered from CLI options or system properties
 * (JMH forks inherit {@code -D} flags, so benchmarks read the same properties):
 *
 * <table>
 * <tr><th>property</th><th>meaning</th><th>default</th></tr>
 * <tr><td>milvus.target</td><td>auto, container, local, cluster, lite or uri</td><td>auto: container where a Docker API answers and the container can start without pulling, else local</td></tr>
 * <tr><td>milvus.uri</td><td>host:port or http(s)://host:port (target uri)</td><td>127.0.0.1:19530</td></tr>
 * <tr><td>milvus.token / milvus.user / milvus.password</td><td>credentials (uri)</td><td>none</td></tr>
 * <tr><td>milvus.db</td><td>database name</td><td>default database</td></tr>
 * <tr><td>milvus.metrics.uri</td><td>metrics/health endpoint, e.g. http://host:9091</td><td>host of milvus.uri, port 9091, if it answers</td></tr>
 * <tr><td>milvus.image</td><td>container image (target container)</td><td>localhost/milvus:VERSION if present, else the official image</td></tr>
 * <tr><td>milvus.image.pull</td><td>let the engine pull an image it lacks</td><td>false</td></tr>
 * <tr><td>milvus.version</td><td>server version to start (container, local; lite: the milvus-lite wheel version)</td><td>2.3.5 (lite: 2.5.1)</td></tr>
 * <tr><td>milvus.local.data</td><td>data folder of the local process (local, lite)</td><td>a new temporary folder</td></tr>
 * <tr><td>milvus.local.port</td><td>gRPC port of the local process (local, lite)</td><td>a free port</td></tr>
 * <tr><td>milvus.cluster.dir</td><td>folder of the local cluster (target cluster); a cluster already running there is used and left running</td><td>a new temporary folder</td></tr>
 * <tr><td>milvus.cluster.query.nodes</td><td>query nodes of the local cluster</td><td>2</td></tr>
 * <tr><td>milvus.cluster.ports</td><td>first of the 40 consecutive loopback ports the local cluster uses (proxy = this one)</td><td>a free block</td></tr>
 * <tr><td>milvus.cluster.set</td><td>section.key=value,... overrides of every Milvus process's milvus.yaml in a new local cluster</td><td>none</td></tr>
 * <tr><td>milvus.component.metrics</td><td>name=URI,... metrics endpoints of a cluster's processes (target uri), e.g. querynode1=http://10.0.0.7:9091</td><td>none</td></tr>
 * <tr><td>milvus.scripts</td><td>folder holding milvus-local.sh and milvus-lite.sh</td><td>./scripts</td></tr>
 * <tr><td>milvus.connect.timeout.ms / milvus.rpc.deadline.ms</td><td>deadlines</td><td>10000 / 30000</td></tr>
 * </table>
 */
public final class TargetOptions {
    public static final String DEFAULT_VERSION = "2.3.5";

    public String target = "auto";
    public String uri = "127.0.0.1:19530";
    public String token;
    public String user;
    public String password;
    public String database;
    public String metricsUri;
    public String image;
    public String version = DEFAULT_VERSION;
    public boolean pullImage;
    public Path localData;
    public int localPort;
    public Path clusterDir;
    public int clusterQueryNodes = 2;
    public int clusterPorts;
    public java.util.List<String> componentMetrics = java.util.List.of();
    public java.util.List<String> clusterSettings = java.util.List.of();
    public Path scriptsDir = Path.of("scripts");
    public Duration connectTimeout = ConnectionSpec.DEFAULT_CONNECT_TIMEOUT;
    public Duration rpcDeadline = ConnectionSpec.DEFAULT_RPC_DEADLINE;

    /** Options from {@code -Dmilvus.*} system properties (see the class comment). */
    public static TargetOptions fromSystemProperties() {
        TargetOptions o = new TargetOptions();
        o.target = System.getProperty("milvus.target", o.target);
        o.uri = System.getProperty("milvus.uri", o.uri);
        o.token = System.getProperty("milvus.token");
        o.user = System.getProperty("milvus.user");
        o.password = System.getProperty("milvus.password");
        o.database = System.getProperty("milvus.db");
        o.metricsUri = System.getProperty("milvus.metrics.uri");
        o.image = System.getProperty("milvus.image");
        o.version = System.getProperty("milvus.version", System.getProperty("milvus.server.version", o.version));
        o.pullImage = Boolean.parseBoolean(System.getProperty("milvus.image.pull", "false"));
        String data = System.getProperty("milvus.local.data");
        o.localData = data == null ? null : Path.of(data);
        o.localPort = intProperty("milvus.local.port", 0);
        String cluster = System.getProperty("milvus.cluster.dir");
        o.clusterDir = cluster == null ? null : Path.of(cluster);
        o.clusterQueryNodes = intProperty("milvus.cluster.query.nodes", o.clusterQueryNodes);
        o.clusterPorts = intProperty("milvus.cluster.ports", 0);
        String sets = System.getProperty("milvus.cluster.set", "");
        o.clusterSettings = sets.isBlank() ? java.util.List.of() : java.util.List.of(sets.trim().split("\\s*,\\s*"));
        String components = System.getProperty("milvus.component.metrics", "");
        o.componentMetrics = components.isBlank() ? java.util.List.of() : java.util.List.of(components.trim().split("\\s*,\\s*"));
        o.scriptsDir = Path.of(System.getProperty("milvus.scripts", o.scriptsDir.toString()));
        o.connectTimeout = Duration.ofMillis(intProperty("milvus.connect.timeout.ms", (int) o.connectTimeout.toMillis()));
        o.rpcDeadline = Duration.ofMillis(intProperty("milvus.rpc.deadline.ms", (int) o.rpcDeadline.toMillis()));
        return o;
    }

    private static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("system property " + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** The connection spec for a server at {@code address} with these credentials and deadlines. */
    public ConnectionSpec connectionTo(String address) {
        return ConnectionSpec.of(address)
                .withToken(token)
                .withUserPassword(user, password)
                .withDatabase(database)
                .withDeadlines(connectTimeout, rpcDeadline);
    }
}
