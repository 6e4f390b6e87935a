package io.milvusbench.milvus;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.milvusbench.BadInputException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.milvus.MilvusContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Milvus started by Testcontainers' {@link MilvusContainer}. The image is {@code milvus.image}
 * when given; otherwise the locally built {@code localhost/milvus:VERSION}
 * (scripts/build-milvus-image.sh) when the engine has it, else the pinned official image. The
 * suite never pulls unless asked ({@code --pull}): an image the engine lacks is a clear error.
 * The container's output is written to a log file from the first line on and kept, so a failed
 * start or run can be read afterwards; the file is named in every start error. The engine publishes
 * the container's ports on 127.0.0.1 only, and the suite (its health wait included) reaches them there.
 */
public final class ContainerTarget implements MilvusTarget, ServerControl {
    public static final String OFFICIAL_IMAGE = "milvusdb/milvus";
    /** The reaper image Testcontainers starts unless Ryuk is turned off (see {@link TestcontainersSettings}). */
    public static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** The only host address the container's ports are published on. */
    public static final String LOOPBACK = "127.0.0.1";

    private final MilvusContainer container;
    private final ConnectionSpec connection;
    private final Path logFile;
    private final String version;
    private final Duration startToHealthy;

    private ContainerTarget(MilvusContainer container, ConnectionSpec connection, Path logFile, String version,
                            Duration startToHealthy) {
        this.container = container;
        this.connection = connection;
        this.logFile = logFile;
        this.version = version;
        this.startToHealthy = startToHealthy;
    }

    /** True when a local Docker-compatible API (Docker or podman's socket) answers. */
    public static boolean dockerAvailable() {
        return DockerEngine.local().isPresent();
    }

    /** The image a container target starts when none is named. */
    public static String defaultImage(String version) {
        String local = "localhost/milvus:" + version;
        return DockerEngine.local().filter(engine -> engine.hasImage(local)).isPresent() ? local : OFFICIAL_IMAGE + ":v" + version;
    }

    /**
     * Why a container target cannot start here without leaving loopback or contacting a registry,
     * or empty when it can. Checked before Testcontainers is touched, because its first use starts
     * the Ryuk reaper (pulling its image) and may address the container through a gateway IP.
     */
    public static Optional<String> problem(TargetOptions options) {
        Optional<DockerEngine> engine = DockerEngine.local();
        if (engine.isEmpty()) {
            return Optional.of("no Docker API for the container target: run scripts/setup.sh (podman) or start Docker, or use --target local");
        }
        if (!TestcontainersSettings.ryukDisabled() && !engine.get().hasImage(RYUK_IMAGE)) {
            return Optional.of("Testcontainers would pull its " + RYUK_IMAGE + " image: run scripts/setup.sh (it writes "
                    + "ryuk.disabled=true to ~/.testcontainers.properties), export TESTCONTAINERS_RYUK_DISABLED=true, "
                    + "or pull that image first");
        }
        boolean insideContainer = Files.exists(Path.of("/.dockerenv")) || Files.exists(Path.of("/run/.containerenv"));
        if (insideContainer && TestcontainersSettings.hostOverride().isEmpty()) {
            return Optional.of("running inside a container, Testcontainers would reach Milvus through the engine's gateway "
                    + "address: run scripts/setup.sh (it writes host.override=localhost to ~/.testcontainers.properties) "
                    + "or export TESTCONTAINERS_HOST_OVERRIDE=localhost");
        }
        String image = imageOf(options);
        if (!options.pullImage && !engine.get().hasImage(image)) {
            return Optional.of("image " + image + " is not in the local engine: build it with scripts/build-milvus-image.sh, "
                    + "pull it first, or allow pulling with --pull");
        }
        return Optional.empty();
    }

    private static String imageOf(TargetOptions options) {
        return options.image != null && !options.image.isBlank() ? options.image : defaultImage(options.version);
    }

    public static ContainerTarget start(TargetOptions options) {
        problem(options).ifPresent(reason -> {
            throw new BadInputException(reason);
        });
        TestcontainersSettings.prepare();
        String image = imageOf(options);
        DockerImageName name;
        try {
            name = DockerImageName.parse(image).asCompatibleSubstituteFor(OFFICIAL_IMAGE);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("bad image name '" + image + "': " + e.getMessage());
        }
        Path logFile = logFileFor(image);
        Writer log = openLog(logFile);
        MilvusContainer container = new SuiteMilvusContainer(name)
                .withCreateContainerCmdModifier(ContainerTarget::publishOnLoopback)
                .withStartupTimeout(START_TIMEOUT)
                .withLogConsumer(writeTo(log));
        long started = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new IllegalStateException("Milvus container " + image + " did not become healthy: "
                    + MilvusClients.rootMessage(e) + "; container log: " + logFile, e);
        }
        Duration healthy = Duration.ofNanos(System.nanoTime() - started);
        ConnectionSpec spec = options.connectionTo(container.getHost() + ":" + container.getMappedPort(19530));
        try {
            String version = MilvusClients.serverVersion(spec);
            return new ContainerTarget(container, spec, logFile, version, healthy);
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    /**
     * Publishes every exposed port on {@link #LOOPBACK} only, each on a host port the engine picks
     * (Testcontainers' own bindings, which this replaces, use every interface).
     */
    static void publishOnLoopback(CreateContainerCmd cmd) {
        List<PortBinding> bindings = new ArrayList<>();
        for (ExposedPort port : cmd.getExposedPorts()) {
            bindings.add(new PortBinding(Ports.Binding.bindIp(LOOPBACK), port));
        }
        HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
        cmd.withHostConfig(host.withPortBindings(bindings));
    }

    private static Path logFileFor(String image) {
        Path dir = Path.of(System.getProperty("milvus.container.logs", "target/container-logs"));
        String safe = image.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(safe + "-" + System.currentTimeMillis() + ".log");
    }

    private static Writer openLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write container log " + file, e);
        }
    }

    private static Consumer<OutputFrame> writeTo(Writer log) {
        return frame -> {
            try {
                if (frame.getType() == OutputFrame.OutputType.END) {
                    log.close();
                } else {
                    log.write(frame.getUtf8String());
                    log.flush();
                }
            } catch (IOException e) {
                // The log is a diagnostic; losing a line must not fail the run.
            }
        };
    }

    public Duration startToHealthy() {
        return startToHealthy;
    }

    public Path logFile() {
        return logFile;
    }

    public String containerId() {
        return container.getContainerId();
    }

    @Override
    public TargetKind kind() {
        return TargetKind.CONTAINER;
    }

    @Override
    public ConnectionSpec connection() {
        return connection;
    }

    @Override
    public Optional<URI> metricsUri() {
        return Optional.of(URI.create("http://" + container.getHost() + ":" + container.getMappedPort(9091)));
    }

    @Override
    public String serverVersion() {
        return version;
    }

    @Override
    public Optional<ServerControl> control() {
        return Optional.of(this);
    }

    @Override
    public void pause() {
        DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void resume() {
        DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void kill() {
        DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void restart(Duration timeout) {
        DockerClientFactory.instance().client().restartContainerCmd(container.getContainerId()).exec();
        if (!MetricsEndpoint.awaitHealthy(metricsUri().orElseThrow(), timeout)) {
            throw new IllegalStateException("Milvus container not healthy " + timeout + " after restart; log: " + logFile);
        }
    }

    @Override
    public void close() {
        container.stop();
    }

    /**
     * Testcontainers' Milvus container addressed at {@link #LOOPBACK}, where its ports are
     * published, for the health wait and for every connection alike (never the engine's gateway
     * address, whatever the host override says).
     */
    private static final class SuiteMilvusContainer extends MilvusContainer {
        SuiteMilvusContainer(DockerImageName image) {
            super(image);
        }

        @Override
        public String getHost() {
            return LOOPBACK;
        }
    }
}
