package io.milvusbench.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad options are refused with exit 2 before any server is contacted. */
class MonitorCommandTest {

    @Test
    void badOptionsAreRefusedInOneLineBeforeTheServerIsReached() {
        String[][] cases = {
                {"--continuous", "--duration", "soon", "bad duration 'soon'"},
                {"--continuous", "--interval", "0", "--interval must be in (0, 86400] seconds, got 0.0"},
                {"--memory-warning", "95", "must not exceed critical"},
                {"--probe-index", "BTREE", "BTREE"},
                {"--top-k", "0", "--top-k must be in 1..16384, got 0"},
                {"--collection", "x", "--no-write-probe", "--probe-rows", "5", "--probe-rows applies only when the write probe may run"},
                {"--prometheus-port", "70000", "--prometheus-port must be in 0..65535, got 70000"},
        };
        for (String[] c : cases) {
            String[] args = concat(java.util.Arrays.copyOf(c, c.length - 1), "monitor", "--target", "uri", "--uri", "127.0.0.1:1");
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exit(), String.join(" ", args) + " -> " + run.err());
            assertEquals(1, run.errLines(), run.err());
            org.junit.jupiter.api.Assertions.assertTrue(run.err().contains(c[c.length - 1]), String.join(" ", args) + " -> " + run.err());
        }
        assertEquals(2, CliRun.of("monitor", "--no-such-option").exit());
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
