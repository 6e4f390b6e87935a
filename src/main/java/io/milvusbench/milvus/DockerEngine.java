package io.milvusbench.milvus;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A look at the local container engine's API socket without initialising Testcontainers (whose
 * first use would start its Ryuk reaper and may try to pull an image). Used to decide whether the
 * container target can run here, and to check which images the engine already has.
 */
public final class DockerEngine {
    private static final List<Path> WELL_KNOWN = List.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock"));
    private static final long TIMEOUT_MS = 3000;

    private final Path socket;

    private DockerEngine(Path socket) {
        this.socket = socket;
    }

    /**
     * The engine Testcontainers would talk to, where it is a local unix socket that answers
     * {@code /_ping}: DOCKER_HOST, else docker.host in ~/.testcontainers.properties, else the
     * well-known sockets of Docker and podman.
     */
    public static Optional<DockerEngine> local() {
        String configured = System.getenv("DOCKER_HOST");
        if (configured == null || configured.isBlank()) {
            configured = userProperty("docker.host");
        }
        if (configured != null && !configured.isBlank()) {
            if (!configured.startsWith("unix://")) {
                return Optional.empty();
            }
            DockerEngine engine = new DockerEngine(Path.of(configured.substring("unix://".length())));
            return engine.ping() ? Optional.of(engine) : Optional.empty();
        }
        return WELL_KNOWN.stream().map(DockerEngine::new).filter(DockerEngine::ping).findFirst();
    }

    /** The unix:// URI of the socket. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    static String userProperty(String key) {
        Path file = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            return null;
        }
        return props.getProperty(key);
    }

    public boolean ping() {
        return get("/_ping").map(r -> r.startsWith("HTTP/1.1 200") || r.startsWith("HTTP/1.0 200")).orElse(false);
    }

    /** True when the engine holds {@code image} (e.g. localhost/milvus:2.3.5) without pulling. */
    public boolean hasImage(String image) {
        return get("/images/" + image + "/json").map(r -> r.startsWith("HTTP/1.1 200") || r.startsWith("HTTP/1.0 200")).orElse(false);
    }

    /** One HTTP/1.0 GET over the socket; the status line and body, or empty on any failure or timeout. */
    private Optional<String> get(String path) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return Optional.ofNullable(call.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            call.cancel(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }
}
