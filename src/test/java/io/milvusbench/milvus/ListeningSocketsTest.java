package io.milvusbench.milvus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses in /proc/net/tcp(6) notation, as saved from this machine's kernel. */
class ListeningSocketsTest {
    @Test
    void addressesDecodeWordByWordInHostOrder() {
        assertEquals("127.0.0.1", ListeningSockets.address("0100007F").getHostAddress());
        assertEquals("192.0.2.2", ListeningSockets.address("020200C0").getHostAddress());
        assertTrue(ListeningSockets.address("00000000").isAnyLocalAddress());
        assertTrue(ListeningSockets.address("00000000000000000000000000000000").isAnyLocalAddress());
        assertTrue(ListeningSockets.address("00000000000000000000000001000000").isLoopbackAddress(), "::1");
        assertEquals("127.0.0.1", ListeningSockets.address("0000000000000000FFFF00000100007F").getHostAddress(), "::ffff:127.0.0.1");
    }

    @Test
    void loopbackOnlyForLoopbackAddresses() {
        List<String> hex = List.of("0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F");
        hex.forEach(h -> assertTrue(new ListeningSockets.Listener(ListeningSockets.address(h), 1, 1, 0).loopback(), h));
        for (String h : List.of("00000000", "00000000000000000000000000000000", "020200C0")) {
            assertFalse(new ListeningSockets.Listener(ListeningSockets.address(h), 1, 1, 0).loopback(), h);
        }
    }

    @Test
    void thisJvmsOwnListenerIsFoundByItsPid() throws Exception {
        try (var server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<ListeningSockets.Listener> mine = ListeningSockets.of(List.of(ProcessHandle.current().pid()));
            assertTrue(mine.stream().anyMatch(l -> l.port() == server.getLocalPort() && l.loopback()), mine.toString());
        }
    }
}
