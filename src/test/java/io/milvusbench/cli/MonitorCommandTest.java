package io.milvusbench.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad options are refused with exit 2 before any server is contacted. */
class MonitorCommandTest {

    @Test
    void badOptionsExitTwo() {
        assertEquals(2, Main.execute("monitor", "--target", "uri", "--uri", "127.0.0.1:1", "--duration", "soon"));
        assertEquals(2, Main.execute("monitor", "--target", "uri", "--uri", "127.0.0.1:1", "--interval", "0"));
        assertEquals(2, Main.execute("monitor", "--target", "uri", "--uri", "127.0.0.1:1", "--memory-warning", "95"));
        assertEquals(2, Main.execute("monitor", "--target", "uri", "--uri", "127.0.0.1:1", "--probe-index", "BTREE"));
        assertEquals(2, Main.execute("monitor", "--no-such-option"));
    }

    @Test
    void helpWorks() {
        assertEquals(0, Main.execute("monitor", "--help"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(90), MonitorDurations.parse("90"));
        assertEquals(Duration.ofSeconds(90), MonitorDurations.parse("90s"));
        assertEquals(Duration.ofMinutes(30), MonitorDurations.parse("30m"));
        assertEquals(Duration.ofHours(2), MonitorDurations.parse("2h"));
        assertEquals(Duration.ofMinutes(30), MonitorDurations.parse("PT30M"));
        assertEquals(Duration.ZERO, MonitorDurations.parse("0"));
        assertThrows(io.milvusbench.BadInputException.class, () -> MonitorDurations.parse("-5s"));
    }
}
