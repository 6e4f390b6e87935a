package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.milvus.ConnectionSpec;
import io.milvusbench.milvus.MetricsEndpoint;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.TargetKind;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.milvus.Targets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The options every command that talks to Milvus shares. Defaults come from the same
 * {@code -Dmilvus.*} system properties the JMH benchmarks read, so both agree.
 */
public final class TargetMixin {
    private final TargetOptions defaults = TargetOptions.fromSystemProperties();

    @Option(names = "--target", paramLabel = "KIND",
            description = "auto (container where a Docker API answers, else local), container, local, cluster (every role its own local process), lite (Milvus Lite over loopback TCP) or uri. Default: ${DEFAULT-VALUE}.")
    String target = defaults.target;

    @Option(names = "--uri", paramLabel = "URI", description = "Milvus address for --target uri: host:port or http(s)://host:port. Default: ${DEFAULT-VALUE}.")
    String uri = defaults.uri;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token or user:password (never printed).")
    String token = defaults.token;

    @Option(names = "--user", paramLabel = "USER", description = "User name (with --password).")
    String user = defaults.user;

    @Option(names = "--password", paramLabel = "PASSWORD", interactive = false, description = "Password (never printed).")
    String password = defaults.password;

    @Option(names = "--db", paramLabel = "NAME", description = "Database name.")
    String database = defaults.database;

    @Option(names = "--metrics-uri", paramLabel = "URI", description = "Metrics/health endpoint (default: port 9091 on the Milvus host, if it answers).")
    String metricsUri = defaults.metricsUri;

    @Option(names = "--image", paramLabel = "IMAGE", description = "Container image for --target container (default: localhost/milvus:VERSION if built, else the official image).")
    String image = defaults.image;

    @Option(names = "--pull", description = "Let the container engine pull an image it does not have (default: never pull).")
    boolean pull = defaults.pullImage;

    @Option(names = "--milvus-version", paramLabel = "VERSION", description = "Milvus version to start (container, local; lite: the milvus-lite wheel version, default 2.5.1). Default: ${DEFAULT-VALUE}.")
    String version = defaults.version;

    @Option(names = "--local-data", paramLabel = "DIR", description = "Data folder of the local process (default: a temporary folder, deleted afterwards).")
    Path localData = defaults.localData;

    @Option(names = "--cluster-dir", paramLabel = "DIR", description = "Folder of the local cluster (--target cluster); a cluster already running there is used and left running (default: a temporary folder, deleted afterwards).")
    Path clusterDir = defaults.clusterDir;

    @Option(names = "--cluster-query-nodes", paramLabel = "N", description = "Query nodes of a local cluster started here (1-5). Default: ${DEFAULT-VALUE}.")
    int clusterQueryNodes = defaults.clusterQueryNodes;

    @Option(names = "--cluster-ports", paramLabel = "PORT", description = "First of the 40 consecutive loopback ports a new local cluster uses; the proxy listens on it (default: a free block).")
    int clusterPorts = defaults.clusterPorts;

    @Option(names = "--cluster-set", paramLabel = "KEY=VALUE", split = ",",
            description = "Overrides of every Milvus process's milvus.yaml in a new local cluster, e.g. dataCoord.enableCompaction=false.")
    java.util.List<String> clusterSettings = defaults.clusterSettings;

    @Option(names = "--component-metrics", paramLabel = "NAME=URI", split = ",",
            description = "Metrics endpoints of a cluster's processes (--target uri), e.g. querynode1=http://10.0.0.7:9091,querynode2=http://10.0.0.8:9091: per-process memory and CPU, missing nodes.")
    java.util.List<String> componentMetrics = defaults.componentMetrics;

    @Option(names = "--scripts", paramLabel = "DIR", description = "Folder holding milvus-local.sh and milvus-cluster.sh. Default: ${DEFAULT-VALUE}.")
    Path scriptsDir = defaults.scriptsDir;

    @Option(names = "--rpc-deadline-ms", paramLabel = "MS", description = "Deadline of every RPC. Default: ${DEFAULT-VALUE}.")
    long rpcDeadlineMs = defaults.rpcDeadline.toMillis();

    @Option(names = "--connect-timeout-ms", paramLabel = "MS", description = "Connect timeout. Default: ${DEFAULT-VALUE}.")
    long connectTimeoutMs = defaults.connectTimeout.toMillis();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * Refuses, before anything is started or reached: options that do nothing for the chosen
     * target, half-given credentials, deadlines out of range, and unusable addresses.
     */
    public void check() {
        String kind = target == null ? "" : target.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("auto")) {
            TargetKind.parse(target);
        }
        boolean uriTarget = kind.equals("uri");
        Inputs.onlyWhen(command, uriTarget, "with --target uri", "--uri", "--metrics-uri", "--token", "--user", "--password");
        Inputs.onlyWhen(command, !uriTarget, "with --target auto, container, local or lite (a server the suite starts)", "--milvus-version");
        Inputs.onlyWhen(command, kind.equals("container") || kind.equals("auto"), "with --target container or auto", "--image", "--pull");
        Inputs.onlyWhen(command, kind.equals("local") || kind.equals("lite") || kind.equals("auto"), "with --target local, lite or auto",
                "--local-data", "--scripts");
        Inputs.range("--rpc-deadline-ms", rpcDeadlineMs, 100, 3_600_000);
        Inputs.range("--connect-timeout-ms", connectTimeoutMs, 100, 600_000);
        if (token != null && !token.isBlank() && user != null && !user.isBlank()) {
            throw new BadInputException("give either --token or --user/--password, not both");
        }
        if ((user == null || user.isBlank()) != (password == null)) {
            throw new BadInputException(password == null ? "--user needs --password" : "--password needs --user");
        }
        if (database != null && database.isBlank()) {
            throw new BadInputException("--db is empty: name a database or leave the option out");
        }
        if (uriTarget) {
            ConnectionSpec.parseUri(uri);
            if (metricsUri != null && !metricsUri.isBlank()) {
                try {
                    MetricsEndpoint.parse(metricsUri);
                } catch (BadInputException e) {
                    throw new BadInputException("--metrics-uri: " + e.getMessage());
                }
            }
        }
    }

    public TargetOptions options() {
        TargetOptions o = new TargetOptions();
        o.target = target;
        o.uri = uri;
        o.token = token;
        o.user = user;
        o.password = password;
        o.database = database;
        o.metricsUri = metricsUri;
        o.image = image;
        o.version = version;
        o.pullImage = pull;
        o.localData = localData;
        o.localPort = defaults.localPort;
        o.clusterDir = clusterDir;
        o.clusterQueryNodes = clusterQueryNodes;
        o.clusterPorts = clusterPorts;
        o.clusterSettings = clusterSettings == null ? java.util.List.of() : java.util.List.copyOf(clusterSettings);
        o.componentMetrics = componentMetrics == null ? java.util.List.of() : java.util.List.copyOf(componentMetrics);
        o.scriptsDir = scriptsDir;
        o.rpcDeadline = Duration.ofMillis(rpcDeadlineMs);
        o.connectTimeout = Duration.ofMillis(connectTimeoutMs);
        return o;
    }

    /** Starts or connects to the target these options name. */
    public MilvusTarget open() {
        check();
        return Targets.open(options());
    }
}
