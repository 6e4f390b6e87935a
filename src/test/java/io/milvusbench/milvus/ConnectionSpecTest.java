package io.milvusbench.milvus;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionSpecTest {
    @Test
    void acceptsHostPortAndUris() {
        assertEquals("http://127.0.0.1:19530", ConnectionSpec.of("127.0.0.1:19530").uri().toString());
        assertEquals("http://localhost:19530", ConnectionSpec.of("http://localhost:19530").uri().toString());
        assertEquals("http://[::1]:19530", ConnectionSpec.of("[::1]:19530").uri().toString());
        ConnectionSpec tls = ConnectionSpec.of("https://localhost:443");
        assertTrue(tls.secure());
        assertFalse(ConnectionSpec.of("localhost:1").secure());
    }

    @Test
    void rejectsBadAddressesWithOneLine() {
        for (String bad : new String[] {"", "localhost", "http//x", "ftp://h:1", "h:0", "h:70000", "http://:19530", "a b:1"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> ConnectionSpec.of(bad), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void neverShowsCredentials() {
        ConnectionSpec spec = ConnectionSpec.of("localhost:19530").withUserPassword("root", "s3cret").withDatabase("db1");
        assertEquals("root:s3cret", spec.token());
        assertFalse(spec.toString().contains("s3cret"));
        assertFalse(spec.toString().contains("root"));
        assertTrue(spec.redactedUri().contains("db1"));
    }

    @Test
    void deadlinesMustBePositive() {
        ConnectionSpec spec = ConnectionSpec.of("localhost:19530");
        assertThrows(BadInputException.class, () -> spec.withDeadlines(Duration.ZERO, Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(1500), spec.withDeadlines(Duration.ofSeconds(1), Duration.ofMillis(1500)).rpcDeadline());
    }
}
