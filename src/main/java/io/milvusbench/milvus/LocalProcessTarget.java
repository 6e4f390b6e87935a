package io.milvusbench.milvus;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Milvus standalone as a plain local process, started and stopped through
 * {@code scripts/milvus-local.sh} (the same script users run by hand), on ports of its own and
 * keeping everything it writes in one data folder. A folder the suite created itself is deleted on
 * close; a folder the user named is kept. Milvus 2.3 binds its ports on every interface, so the
 * server runs with authentication on and a root password made for it ({@link RootCredential}).
 */
public final class LocalProcessTarget implements MilvusTarget, ServerControl {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final LocalScript script;
    private final int port;
    private final int metricsPort;
    private final String version;
    private final ConnectionSpec address;
    private ConnectionSpec connection;
    private String serverVersion;
    private Duration startToHealthy;

    private LocalProcessTarget(LocalScript script, int port, int metricsPort, String version, TargetOptions options) {
        this.script = script;
        this.port = port;
        this.metricsPort = metricsPort;
        this.version = version;
        this.address = options.connectionTo("127.0.0.1:" + port);
    }

    /** Starts a server and returns once it is healthy and answers a version request. */
    public static LocalProcessTarget start(TargetOptions options) {
        LocalScript script = LocalScript.of(options, "milvus-local.sh", "local", "milvus-bench-local-", "the local Milvus");
        int port = options.localPort > 0 ? options.localPort : LocalScript.freePort();
        LocalProcessTarget target = new LocalProcessTarget(script, port, LocalScript.freePort(), options.version, options);
        target.startProcess();
        return target;
    }

    private void startProcess() {
        long started = System.nanoTime();
        script.start(List.of("--port", Integer.toString(port), "--metrics-port", Integer.toString(metricsPort), "--version", version,
                "--timeout", Long.toString(START_TIMEOUT.toSeconds()), "--auth"), START_TIMEOUT.plusSeconds(120));
        try {
            connection = address.withToken(RootCredential.establish(script.dataDir(), port, address.rpcDeadline()));
        } catch (RuntimeException e) {
            script.stop();
            throw e;
        }
        startToHealthy = Duration.ofNanos(System.nanoTime() - started);
        serverVersion = MilvusClients.serverVersion(connection);
    }

    /** Wall time from launching the script to a healthy server answering its version. */
    public Duration startToHealthy() {
        return startToHealthy;
    }

    public long pid() {
        return script.pid();
    }

    public Path dataDir() {
        return script.dataDir();
    }

    @Override
    public TargetKind kind() {
        return TargetKind.LOCAL;
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
