package io.milvusbench.milvus;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A port nobody listens on is told apart at once, without waiting for a connect timeout or an RPC deadline. */
class ServerWatchTest {

    @Test
    void aListeningPortIsThereAndAClosedOneIsRefused() throws Exception {
        URI uri;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            uri = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            assertTrue(ServerWatch.refused(uri).isEmpty(), "a listening port is not refused");
        }
        assertEquals("connection refused at 127.0.0.1:" + uri.getPort(), ServerWatch.refused(uri).orElseThrow());
    }

    @Test
    void aWatchReportsTheServerGoneAfterTwoRefusals() throws Exception {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        URI uri = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        try (ServerWatch watch = ServerWatch.start(uri, 50)) {
            Thread.sleep(300);
            assertTrue(watch.gone().isEmpty(), "still listening");
            socket.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (watch.gone().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("connection refused at 127.0.0.1:" + uri.getPort(), watch.gone().orElseThrow());
        }
    }

    @Test
    void aClientToARefusingPortFailsAtOnceNamingTheCause() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ConnectionSpec spec = ConnectionSpec.of("127.0.0.1:" + port).withDeadlines(Duration.ofSeconds(30), Duration.ofSeconds(30));
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> MilvusClients.v2(spec));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals("cannot reach Milvus at http://127.0.0.1:" + port + ": connection refused at 127.0.0.1:" + port
                + " (no server listens there)", e.getMessage());
        assertTrue(ms < 10_000, "refused at once, not after the 30 s connect timeout: " + ms + " ms");
    }
}
