package io.milvusbench.milvus;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Milvus Lite (the server of the PyPI wheel {@code milvus-lite}) as a plain local process on a
 * loopback TCP port, started and stopped through {@code scripts/milvus-lite.sh}. It answers the SDK
 * but has no metrics endpoint, no GetMetrics, GetVersion or CheckHealth, and builds FLAT, IVF_FLAT
 * and AUTOINDEX only ({@link ServerFeatures}). Its data is one file in a folder; a folder the suite
 * created is deleted on close, one the user named is kept.
 */
public final class LiteTarget implements MilvusTarget, ServerControl {
    /** The wheel version started when none is asked for. */
    public static final String DEFAULT_VERSION = "2.5.1";
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path script;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int port;
    private final String version;
    private final ConnectionSpec connection;
    private long pid;
    private String serverVersion;

    private LiteTarget(Path script, Path dataDir, boolean ownsDataDir, int port, String version, TargetOptions options) {
        this.script = script;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.port = port;
        this.version = version;
        this.connection = options.connectionTo("127.0.0.1:" + port);
    }

    /**
     * Starts Milvus Lite and returns once it answers a gRPC call. {@code options.version} names the
     * wheel version; the suite's default server version (2.3.5, a Milvus version) means
     * {@link #DEFAULT_VERSION}.
     */
    public static LiteTarget start(TargetOptions options) {
        Path script = options.scriptsDir.resolve("milvus-lite.sh").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new BadInputException("lite target needs " + script + " (run from the project folder or set -Dmilvus.scripts / --scripts)");
        }
        boolean owns = options.localData == null;
        Path data;
        try {
            data = owns ? Files.createTempDirectory("milvus-bench-lite-") : options.localData.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder for Milvus Lite", e);
        }
        String version = options.version == null || options.version.equals(TargetOptions.DEFAULT_VERSION) ? DEFAULT_VERSION : options.version;
        int port = options.localPort > 0 ? options.localPort : freePort();
        LiteTarget target = new LiteTarget(script, data, owns, port, version, options);
        try {
            target.startProcess();
        } catch (RuntimeException e) {
            if (owns) {
                deleteTree(data);
            }
            throw e;
        }
        return target;
    }

    private void startProcess() {
        String out = run(List.of("start", "--data", dataDir.toString(), "--port", Integer.toString(port), "--version", version,
                "--timeout", Long.toString(START_TIMEOUT.toSeconds())), START_TIMEOUT.plusSeconds(120));
        Matcher m = PID.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("milvus-lite.sh printed no pid: " + out.trim());
        }
        pid = Long.parseLong(m.group(1));
        awaitGrpc();
        serverVersion = MilvusClients.serverVersion(connection);
    }

    /** The port is open once the script returns; this waits until the gRPC service answers ListCollections. */
    private void awaitGrpc() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            MilvusClientV2 client = null;
            try {
                client = MilvusClients.v2(connection);
                client.listCollections();
                return;
            } catch (RuntimeException e) {
                last = e;
            } finally {
                if (client != null) {
                    client.close();
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Milvus Lite on port " + port + " did not answer ListCollections within "
                + START_TIMEOUT.toSeconds() + " s: " + (last == null ? "interrupted" : MilvusClients.rootMessage(last)));
    }

    private String run(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("milvus-lite.sh " + args.get(0) + " did not finish within " + timeout);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() == BadInputException.EXIT_CODE) {
                throw new BadInputException(out.trim().replace('\n', ' '));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("milvus-lite.sh " + args.get(0) + " failed (exit " + process.exitValue() + "): " + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /** The milvus-lite wheel version started. */
    public String liteVersion() {
        return version;
    }

    public long pid() {
        return pid;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.LITE;
    }

    @Override
    public ConnectionSpec connection() {
        return connection;
    }

    /** None: Milvus Lite serves no HTTP at all. */
    @Override
    public Optional<URI> metricsUri() {
        return Optional.empty();
    }

    /** What GetVersion answers: {@link ServerFeatures#UNKNOWN_VERSION} on Milvus Lite, which does not implement it. */
    @Override
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public String describe() {
        return kind().label() + " " + connection().redactedUri() + " (Milvus Lite " + version + " from the milvus-lite wheel; server version "
                + serverVersion + ")";
    }

    @Override
    public Optional<ServerControl> control() {
        return Optional.of(this);
    }

    @Override
    public void pause() {
        signal("STOP");
    }

    @Override
    public void resume() {
        signal("CONT");
    }

    @Override
    public void kill() {
        signal("KILL");
    }

    private void signal(String name) {
        try {
            Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void restart(Duration timeout) {
        run(List.of("stop", "--data", dataDir.toString()), Duration.ofSeconds(60));
        startProcess();
    }

    @Override
    public void close() {
        try {
            run(List.of("stop", "--data", dataDir.toString()), Duration.ofSeconds(60));
        } finally {
            if (ownsDataDir) {
                deleteTree(dataDir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the server is already stopped.
        }
    }
}
