package io.milvusbench.bench;

import io.milvusbench.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        // each case: the arguments, then the words its one line must hold (proof that its own check refused it)
        String[][] cases = {
                {"Search", "-p", "index=ANNOY:trees=4", "ANNOY"},
                {"Search", "-p", "index=IVF_FLAT:nprobe=0", "nprobe must be in"},
                {"Search", "-p", "index=HNSW:nprobe=8", "nprobe"},
                {"Search", "-p", "index=FLAT:ef=64", "ef"},
                {"Search", "--dataset", missing.toString(), "does not exist"},
                {"Search", "--dataset", notVectors.toString(), "junk_base.fvecs"},
                {"Search", "--dataset", fixture(), "--dim", "64", "dimension mismatch"},
                {"Search", "-p", "topk=10", "topk"},
                {"-i", "0", "--iterations must be in 1..1000, got 0"},
                {"--forks", "-1", "--forks must be in 0..100, got -1"},
                {"-r", "ten seconds", "bad time 'ten seconds'"},
                {"-r", "5", "time '5' has no unit"},
                {"--dim", "0", "--dim must be in 1..32768, got 0"},
                {"--spread", "NaN", "'NaN' is not a finite number"},
        };
        for (String[] c0 : cases) {
            String[] args = java.util.Arrays.copyOf(c0, c0.length - 1);
            String message = c0[c0.length - 1];
            String[] full = new String[args.length + 7];
            System.arraycopy(args, 0, full, 1, args.length);
            full[0] = "bench";
            System.arraycopy(new String[] {"--target", "uri", "--uri", "127.0.0.1:1", "--results", dir.resolve("results").toString()},
                    0, full, args.length + 1, 6);
            CliRun c = run(full);
            assertEquals(2, c.exit(), String.join(" ", args) + " -> " + c.err());
            assertEquals(1, c.err().strip().lines().count(), c.err());
            assertTrue(c.err().startsWith("milvus-bench: "), c.err());
            assertTrue(c.err().contains(message), String.join(" ", args) + " -> " + c.err());
            assertFalse(Files.exists(dir.resolve("results")), "no run folder for " + String.join(" ", args));
        }
    }

    @Test
    void anUnreachableTargetIsBadInputToo() throws Exception {
        CliRun c = run("bench", "Connect", "--target", "uri", "--uri", "127.0.0.1:1", "--connect-timeout-ms", "500",
                "--results", dir.resolve("results").toString());
        assertEquals(2, c.exit(), c.err());
        assertTrue(c.err().contains("cannot reach Milvus at http://127.0.0.1:1"), c.err());
        assertFalse(Files.exists(dir.resolve("results")));
    }

    static String fixture() throws Exception {
        return Path.of(BenchCommandInputTest.class.getResource("/datasets/tiny-3-euclidean.hdf5").toURI()).toString();
    }

    static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
