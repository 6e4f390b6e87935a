package io.milvusbench.bench;

import io.milvusbench.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to {@code milvus-bench bench} is one line on stderr and exit 2, found before any
 * server is started or reached (the target here is an address where nothing listens, and no run
 * folder may appear).
 */
class BenchCommandInputTest {
    @TempDir
    Path dir;

    @Test
    void badInputIsOneLineAndExit2BeforeAnythingIsTouched() throws Exception {
        Path missing = dir.resolve("missing.hdf5");
        Path notVectors = Files.writeString(dir.resolve("junk_base.fvecs"), "not vectors");
        String[][] cases = {
                {"Search", "-p", "index=ANNOY:trees=4"},
                {"Search", "-p", "index=IVF_FLAT:nprobe=0"},
                {"Search", "-p", "index=HNSW:nprobe=8"},
                {"Search", "-p", "index=FLAT:ef=64"},
                {"Search", "--dataset", missing.toString()},
                {"Search", "--dataset", notVectors.toString()},
                {"Search", "--dataset", fixture(), "--dim", "64"},
                {"Search", "-p", "topk=10"},
                {"-i", "0"},
                {"--forks", "-1"},
                {"-r", "ten seconds"},
        };
        for (String[] args : cases) {
            String[] full = new String[args.length + 7];
            System.arraycopy(args, 0, full, 1, args.length);
            full[0] = "bench";
            System.arraycopy(new String[] {"--target", "uri", "--uri", "127.0.0.1:1", "--results", dir.resolve("results").toString()},
                    0, full, args.length + 1, 6);
            Captured c = run(full);
            assertEquals(2, c.exit, String.join(" ", args) + " -> " + c.err);
            assertEquals(1, c.err.strip().lines().count(), c.err);
            assertTrue(c.err.startsWith("milvus-bench: "), c.err);
            assertFalse(Files.exists(dir.resolve("results")), "no run folder for " + String.join(" ", args));
        }
    }

    @Test
    void anUnreachableTargetIsBadInputToo() throws Exception {
        Captured c = run("bench", "Connect", "--target", "uri", "--uri", "127.0.0.1:1", "--connect-timeout-ms", "500",
                "--results", dir.resolve("results").toString());
        assertEquals(2, c.exit, c.err);
        assertTrue(c.err.contains("cannot reach Milvus at http://127.0.0.1:1"), c.err);
        assertFalse(Files.exists(dir.resolve("results")));
    }

    static String fixture() throws Exception {
        return Path.of(BenchCommandInputTest.class.getResource("/datasets/tiny-3-euclidean.hdf5").toURI()).toString();
    }

    record Captured(int exit, String err) {
    }

    static synchronized Captured run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute(args);
            return new Captured(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }
}
