package io.milvusbench.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerSettleTest {
    @Test
    void waitsUntilTheDataNodeReleasedTheFlowGraphs() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", ex -> {
            int graphs = scrapes.incrementAndGet() < 3 ? 3 : 1; // released after two scrapes
            byte[] body = ("# TYPE milvus_datanode_flowgraph_num gauge\nmilvus_datanode_flowgraph_num{node_id=\"1\"} " + graphs + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String old = System.getProperty("milvus.metrics.uri");
        try {
            System.setProperty("milvus.metrics.uri", "http://127.0.0.1:" + server.getAddress().getPort());
            ServerSettle settle = ServerSettle.fromSystemProperties();
            assertEquals(3.0, settle.flowGraphs().orElseThrow());
            assertTrue(settle.awaitFlowGraphs(1, Duration.ofSeconds(5)));
            assertTrue(scrapes.get() >= 3);
            assertFalse(settle.awaitFlowGraphs(0, Duration.ofMillis(200)), "never back to 0: gives up after the limit");
        } finally {
            server.stop(0);
            if (old == null) {
                System.clearProperty("milvus.metrics.uri");
            } else {
                System.setProperty("milvus.metrics.uri", old);
            }
        }
    }

    @Test
    void withoutAMetricsEndpointNothingIsAwaited() {
        String old = System.getProperty("milvus.metrics.uri");
        System.clearProperty("milvus.metrics.uri");
        try {
            ServerSettle settle = ServerSettle.fromSystemProperties();
            assertTrue(settle.flowGraphs().isEmpty());
            assertTrue(settle.awaitFlowGraphs(0, Duration.ofSeconds(1)));
        } finally {
            if (old != null) {
                System.setProperty("milvus.metrics.uri", old);
            }
        }
    }
}
