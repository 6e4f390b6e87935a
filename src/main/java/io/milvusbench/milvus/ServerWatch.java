package io.milvusbench.milvus;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells a dead server from a slow one without waiting for an RPC deadline: a TCP connection to its
 * gRPC port that is <em>refused</em> means no process listens there any more (a stopped or stalled
 * server still accepts connections, so it is never taken for gone). {@link #refused} checks once;
 * an instance checks every {@code period} on a daemon thread until closed, and reports the server
 * gone after two refusals in a row.
 */
public final class ServerWatch implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final URI uri;
    private final ScheduledExecutorService timer;
    private volatile String gone;
    private int refusals;

    private ServerWatch(URI uri, long periodMs) {
        this.uri = uri;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "server-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Starts watching the server at {@code uri} every {@code periodMs}. */
    public static ServerWatch start(URI uri, long periodMs) {
        return new ServerWatch(uri, periodMs);
    }

    /** Why the server is gone ("connection refused at HOST:PORT"), or empty while it is (or may be) there. */
    public Optional<String> gone() {
        return Optional.ofNullable(gone);
    }

    private void check() {
        Optional<String> r = refused(uri);
        if (r.isPresent()) {
            if (++refusals >= 2) {
                gone = r.get();
            }
        } else {
            refusals = 0;
        }
    }

    /** "connection refused at HOST:PORT" when nothing listens at the URI's port; empty otherwise (also on a timeout). */
    public static Optional<String> refused(URI uri) {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, uri.getPort()), CONNECT_TIMEOUT_MS);
            return Optional.empty();
        } catch (ConnectException e) {
            return Optional.of("connection refused at " + uri.getHost() + ":" + uri.getPort());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
