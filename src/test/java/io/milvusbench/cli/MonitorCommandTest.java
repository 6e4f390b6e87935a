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
    void writeProbeSpellingsCannotBeMisread() {
        String[] uri = {"--target", "uri", "--uri", "127.0.0.1:1"};
        assertEquals(2, Main.execute(concat(uri, "monitor", "--write-probe=false")), "plain flag: takes no value");
        assertEquals(2, Main.execute(concat(uri, "monitor", "--no-write-probe=true")), "plain flag: takes no value");
        assertEquals(2, Main.execute(concat(uri, "monitor", "--write-probe", "--no-write-probe")), "contradiction");
        MonitorCommand c = new MonitorCommand();
        assertEquals(false, c.writeProbeWanted(io.milvusbench.milvus.TargetKind.URI), "default on a server the suite did not start");
        assertEquals(true, c.writeProbeWanted(io.milvusbench.milvus.TargetKind.LOCAL), "default on a server this command started");
        new picocli.CommandLine(c).parseArgs("--no-write-probe");
        assertEquals(false, c.writeProbeWanted(io.milvusbench.milvus.TargetKind.LOCAL), "--no-write-probe means no write probe");
        MonitorCommand asked = new MonitorCommand();
        new picocli.CommandLine(asked).parseArgs("--write-probe");
        assertEquals(true, asked.writeProbeWanted(io.milvusbench.milvus.TargetKind.URI), "--write-probe means a write probe");
    }

    private static String[] concat(String[] tail, String... head) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
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
