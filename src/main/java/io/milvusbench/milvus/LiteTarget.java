package io.milvusbench.milvus;

import io.milvus.v2.client.MilvusClientV2;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final LocalScript script;
    private final int port;
    private final String version;
    private final ConnectionSpec connection;
    private String serverVersion;

    private LiteTarget(LocalScript script, int port, String version, TargetOptions options) {
        this.script = script;
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
        LocalScript script = LocalScript.of(options, "milvus-lite.sh", "lite", "milvus-bench-lite-", "Milvus Lite");
        String version = options.version == null || options.version.equals(TargetOptions.DEFAULT_VERSION) ? DEFAULT_VERSION : options.version;
        int port = options.localPort > 0 ? options.localPort : LocalScript.freePort();
        LiteTarget target = new LiteTarget(script, port, version, options);
        try {
            target.startProcess();
        } catch (RuntimeException e) {
            script.deleteIfOwned();
            throw e;
        }
        return target;
    }

    private void startProcess() {
        script.start(List.of("--port", Integer.toString(port), "--version", version, "--timeout", Long.toString(START_TIMEOUT.toSeconds())),
                START_TIMEOUT.plusSeconds(120));
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

    /** The milvus-lite wheel version started. */
    public String liteVersion() {
        return version;
    }

    public long pid() {
        return script.pid();
    }

    public Path dataDir() {
        return script.dataDir();
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
        script.signal("STOP");
    }

    @Override
    public void resume() {
        script.signal("CONT");
    }

    @Override
    public void kill() {
        script.signal("KILL");
    }

    @Override
    public void restart(Duration timeout) {
        script.stop();
        startProcess();
    }

    @Override
    public void close() {
        script.close();
    }
}
