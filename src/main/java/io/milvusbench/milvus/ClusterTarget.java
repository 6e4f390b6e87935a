package io.milvusbench.milvus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Milvus cluster of local processes — etcd, a Kafka broker, the coordinators, the data, index and
 * (two or more) query nodes and the proxy, each its own process on ports of its own with its own
 * metrics port and log — started, inspected and stopped through {@code scripts/milvus-cluster.sh}
 * (the same script users run by hand). The suite talks to the proxy; {@link #components()} lists
 * every process with its pid. A cluster already running in the named folder is used as it is and
 * left running on close; one this target started is stopped (and its folder deleted when the suite
 * created it). Milvus 2.3 binds its ports on every interface, so the cluster runs with
 * authentication on and a root password made for it ({@link RootCredential}), kept in the folder.
 */
public final class ClusterTarget implements MilvusTarget {
    /** Consecutive ports a cluster uses: proxy B, internal B+1..B+16, metrics B+20..B+35. */
    public static final int PORT_BLOCK = 40;
    private static final Pattern READY = Pattern.compile("proxy=127\\.0\\.0\\.1:(\\d+) proxy-metrics=127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final Path dir;
    private final boolean ownsDir;
    private final boolean started;
    private final int proxyPort;
    private final int metricsPort;
    private final ConnectionSpec connection;
    private final String serverVersion;
    private final Duration startToHealthy;

    private ClusterTarget(Path script, Path dir, boolean ownsDir, boolean started, int proxyPort, int metricsPort,
                          ConnectionSpec connection, Duration startToHealthy) {
        this.script = script;
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.started = started;
        this.proxyPort = proxyPort;
        this.metricsPort = metricsPort;
        this.connection = connection;
        this.startToHealthy = startToHealthy;
        String version;
        try {
            version = MilvusClients.serverVersion(connection);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.serverVersion = version;
    }

    /** Starts what is not running yet in the cluster folder and returns once every process is healthy. */
    public static ClusterTarget start(TargetOptions options) {
        Path script = options.scriptsDir.resolve("milvus-cluster.sh").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new BadInputException("cluster target needs " + script
                    + " (run from the project folder or set -Dmilvus.scripts / --scripts)");
        }
        if (options.clusterQueryNodes < 1 || options.clusterQueryNodes > 5) {
            throw new BadInputException("--cluster-query-nodes must be 1 to 5, got " + options.clusterQueryNodes);
        }
        boolean owns = options.clusterDir == null;
        Path dir;
        try {
            dir = owns ? Files.createTempDirectory("milvus-bench-cluster-") : options.clusterDir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the local cluster", e);
        }
        boolean running = !owns && Files.exists(dir.resolve("cluster.env"))
                && run(script, List.of("status", "--dir", dir.toString()), Duration.ofSeconds(60), true).exit() == 0;
        List<String> args = new ArrayList<>(List.of("start", "--dir", dir.toString(), "--timeout",
                Long.toString(START_TIMEOUT.toSeconds())));
        if (!Files.exists(dir.resolve("cluster.env"))) {
            int base = options.clusterPorts > 0 ? options.clusterPorts : freeBlock();
            args.addAll(List.of("--port", Integer.toString(base), "--port-base", Integer.toString(base + 1),
                    "--metrics-base", Integer.toString(base + 20), "--query-nodes", Integer.toString(options.clusterQueryNodes)));
            for (String setting : options.clusterSettings) {
                args.addAll(List.of("--set", setting));
            }
        }
        long t0 = System.nanoTime();
        Matcher m;
        ConnectionSpec connection;
        try {
            Result out = run(script, args, START_TIMEOUT.plusSeconds(120), false);
            m = READY.matcher(out.text());
            if (!m.find()) {
                throw new IllegalStateException("milvus-cluster.sh printed no proxy address: " + out.text().trim());
            }
            int proxyPort = Integer.parseInt(m.group(1));
            ConnectionSpec address = options.connectionTo("127.0.0.1:" + proxyPort);
            connection = address.withToken(RootCredential.establish(dir, proxyPort, address.rpcDeadline()));
        } catch (RuntimeException e) {
            if (!running) {
                // whatever this start launched before it failed is stopped again
                try {
                    run(script, List.of("stop", "--dir", dir.toString(), "--kill"), Duration.ofSeconds(120), true);
                } catch (RuntimeException stopFailed) {
                    e.addSuppressed(stopFailed);
                }
            }
            if (owns) {
                deleteTree(dir);
            }
            throw e;
        }
        return new ClusterTarget(script, dir, owns, !running, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), connection,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Every process of the cluster as the script sees it now: name, role, ports, pid, health. */
    @Override
    public List<Component> components() {
        Result out = run(script, List.of("status", "--dir", dir.toString(), "--json"), Duration.ofSeconds(60), true);
        try {
            List<Component> list = new ArrayList<>();
            for (JsonNode n : JSON.readTree(out.text().trim())) {
                URI metrics = n.get("metricsPort").isNull() ? null : URI.create("http://127.0.0.1:" + n.get("metricsPort").asInt());
                list.add(new Component(n.get("name").asText(), n.get("role").asText(), n.get("port").asInt(), metrics,
                        n.get("pid").isNull() ? 0 : n.get("pid").asLong(), n.get("state").asText()));
            }
            return list;
        } catch (IOException e) {
            throw new IllegalStateException("milvus-cluster.sh status printed no JSON: " + out.text().trim(), e);
        }
    }

    /** Stops one process ({@code kill}: SIGKILL, as a crash; else SIGTERM); prints the script's line. */
    public String stopNode(String name, boolean kill) {
        List<String> args = new ArrayList<>(List.of("stop-node", "--dir", dir.toString(), name));
        if (kill) {
            args.add("--kill");
        }
        return run(script, args, Duration.ofSeconds(60), false).text().trim();
    }

    /** Starts one stopped process again and waits until it is healthy. */
    public String startNode(String name) {
        return run(script, List.of("start-node", "--dir", dir.toString(), name), START_TIMEOUT.plusSeconds(30), false).text().trim();
    }

    public Path dir() {
        return dir;
    }

    /** The proxy's pid (the process serving {@link #metricsUri()}), 0 when it is not running. */
    public long proxyPid() {
        return components().stream().filter(c -> c.name().equals("proxy")).mapToLong(Component::pid).findFirst().orElse(0);
    }

    /** Wall time from launching the script to every process healthy and the proxy answering its version. */
    public Duration startToHealthy() {
        return startToHealthy;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.CLUSTER;
    }

    @Override
    public ConnectionSpec connection() {
        return connection;
    }

    @Override
    public Optional<URI> metricsUri() {
        return Optional.of(URI.create("http://127.0.0.1:" + metricsPort));
    }

    @Override
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public String describe() {
        return kind().label() + " " + connection.redactedUri() + " (Milvus " + serverVersion + ", processes in " + dir + ")";
    }

    /** Stops the cluster when this target started it (SIGKILL for a throw-away folder, ordered SIGTERM otherwise). */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        try {
            List<String> args = new ArrayList<>(List.of("stop", "--dir", dir.toString()));
            if (ownsDir) {
                args.add("--kill");
            }
            run(script, args, Duration.ofSeconds(300), false);
        } finally {
            if (ownsDir) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless; the processes are stopped
        }
    }

    /** A block of {@link #PORT_BLOCK} consecutive loopback ports that are all free now. */
    static int freeBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(200, 500) * 100;
            if (blockFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of " + PORT_BLOCK + " free loopback ports found (give --cluster-ports)");
    }

    private static boolean blockFree(int base) {
        for (int p = base; p < base + PORT_BLOCK; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private record Result(int exit, String text) {
    }

    private static Result run(Path script, List<String> args, Duration timeout, boolean anyExit) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        Path output = null;
        try {
            output = Files.createTempFile("milvus-cluster-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("milvus-cluster.sh " + args.get(0) + " did not finish within " + timeout);
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (!anyExit && process.exitValue() == BadInputException.EXIT_CODE) {
                throw new BadInputException(out.trim().replace('\n', ' '));
            }
            if (!anyExit && process.exitValue() != 0) {
                throw new IllegalStateException("milvus-cluster.sh " + args.get(0) + " failed (exit " + process.exitValue() + "): " + out.trim());
            }
            return new Result(process.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
