package io.milvusbench.milvus;

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
 * Milvus standalone as a plain local process, started and stopped through
 * {@code scripts/milvus-local.sh} (the same script users run by hand), on ports of its own and
 * keeping everything it writes in one data folder. A folder the suite created itself is deleted on
 * close; a folder the user named is kept. Milvus 2.3 binds its ports on every interface, so the
 * server runs with authentication on and a root password made for it ({@link RootCredential}).
 */
public final class LocalProcessTarget implements MilvusTarget, ServerControl {
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path script;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int port;
    private final int metricsPort;
    private final String version;
    private final ConnectionSpec address;
    private ConnectionSpec connection;
    private long pid;
    private String serverVersion;
    private Duration startToHealthy;

    private LocalProcessTarget(Path script, Path dataDir, boolean ownsDataDir, int port, int metricsPort,
                               String version, TargetOptions options) {
        this.script = script;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.port = port;
        this.metricsPort = metricsPort;
        this.version = version;
        this.address = options.connectionTo("127.0.0.1:" + port);
    }

    /** Starts a server and returns once it is healthy and answers a version request. */
    public static LocalProcessTarget start(TargetOptions options) {
        Path script = options.scriptsDir.resolve("milvus-local.sh").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new BadInputException("local target needs " + script
                    + " (run from the project folder or set -Dmilvus.scripts / --scripts)");
        }
        boolean owns = options.localData == null;
        Path data;
        try {
            data = owns ? Files.createTempDirectory("milvus-bench-local-") : options.localData.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder for the local Milvus", e);
        }
        int port = options.localPort > 0 ? options.localPort : freePort();
        LocalProcessTarget target = new LocalProcessTarget(script, data, owns, port, freePort(), options.version, options);
        target.startProcess();
        return target;
    }

    private void startProcess() {
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("start", "--data", dataDir.toString(), "--port", Integer.toString(port),
                "--metrics-port", Integer.toString(metricsPort), "--version", version,
                "--timeout", Long.toString(START_TIMEOUT.toSeconds()), "--auth"));
        String out = run(args, START_TIMEOUT.plusSeconds(120));
        Matcher m = PID.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("milvus-local.sh printed no pid: " + out.trim());
        }
        pid = Long.parseLong(m.group(1));
        try {
            connection = address.withToken(RootCredential.establish(dataDir, port, address.rpcDeadline()));
        } catch (RuntimeException e) {
            run(List.of("stop", "--data", dataDir.toString()), Duration.ofSeconds(60));
            throw e;
        }
        startToHealthy = Duration.ofNanos(System.nanoTime() - started);
        serverVersion = MilvusClients.serverVersion(connection);
    }

    private String run(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("milvus-local.sh " + args.get(0) + " did not finish within " + timeout);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() == BadInputException.EXIT_CODE) {
                throw new BadInputException(out.trim().replace('\n', ' '));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("milvus-local.sh " + args.get(0) + " failed (exit "
                        + process.exitValue() + "): " + out.trim());
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
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /** Wall time from launching the script to a healthy server answering its version. */
    public Duration startToHealthy() {
        return startToHealthy;
    }

    public long pid() {
        return pid;
    }

    public Path dataDir() {
        return dataDir;
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
