package io.milvusbench.milvus;

import io.milvusbench.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad target input end to end through the CLI: one line on stderr naming the problem, exit 2. */
class TargetErrorsIT {

    private static String[] run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute(args);
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8).strip();
        String last = text.lines().reduce((a, b) -> b).orElse("");
        return new String[] {Integer.toString(code), last};
    }

    @Test
    void wrongPortIsOneLineExitTwo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[] r = run("info", "--target", "uri", "--uri", "127.0.0.1:" + port, "--connect-timeout-ms", "2000");
        assertEquals("2", r[0]);
        assertTrue(r[1].startsWith("milvus-bench: cannot reach Milvus at http://127.0.0.1:" + port), r[1]);
    }

    @Test
    void badTokenIsOneLineExitTwoAndNeverPrinted() {
        try (LocalProcessTarget server = LocalProcessTarget.start(TargetOptions.fromSystemProperties())) {
            String uri = server.connection().uri().toString();
            String[] ok = run("info", "--target", "uri", "--uri", uri, "--token", server.connection().token());
            assertEquals("0", ok[0], ok[1]);
            String[] bad = run("info", "--target", "uri", "--uri", uri, "--token", "root:not-the-password");
            assertEquals("2", bad[0]);
            assertTrue(bad[1].contains("rejected the credentials"), bad[1]);
            assertTrue(!bad[1].contains("not-the-password"), bad[1]);
            String[] wellKnown = run("info", "--target", "uri", "--uri", uri, "--user", "root", "--password", RootCredential.DEFAULT_PASSWORD);
            assertEquals("2", wellKnown[0], "the default root password no longer opens a server the suite started");
        }
    }

    @Test
    void missingWheelVersionIsOneLineExitTwo() {
        String[] r = run("info", "--target", "local", "--milvus-version", "0.0.1");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("cannot download wheel milvus==0.0.1"), r[1]);
    }

    @Test
    void unknownImageIsOneLineExitTwo() {
        Assumptions.assumeTrue(ContainerTarget.dockerAvailable(), "no Docker API");
        String[] r = run("info", "--target", "container", "--image", "localhost/milvus-bench-no-such-image:0");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("localhost/milvus-bench-no-such-image:0 is not in the local engine"), r[1]);
    }
}
