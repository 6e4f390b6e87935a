package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to {@code load} and {@code sweep} is refused with one line and exit code 2, before any
 * server is started or reached (the target given is a closed loopback port, so reaching it would
 * fail differently) and before any run folder is made.
 */
class LoadCommandBadInputTest {
    @TempDir
    Path results;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero rate            | --rate 0                       | rate must be a positive",
            "negative rate        | --rate -5                      | rate must be a positive",
            "one bad rate of two  | --rate 100,0                   | rate must be a positive",
            "no time after warmup | --duration 2 --warmup 2        | too short for warmup",
            "short after warmup   | --duration 5.5 --warmup 5      | too short for warmup",
            "negative warm-up     | --client-warmup -1             | --client-warmup must be 0 or more",
            "unknown mix          | --mix upsert                   | unknown mix 'upsert'",
            "unparsable SLO       | --mode capacity --slo fast     | cannot parse SLO 'fast'",
            "SLO without unit op  | --mode capacity --slo p95>50ms | cannot parse SLO",
            "unknown mode         | --mode sideways                | unknown mode 'sideways'",
            "zero concurrency     | --mode closed --concurrency 0  | concurrency must be in",
            "ef below top-k       | --index HNSW --knob 5          | must be at least topK",
            "knob out of range    | --index IVF_FLAT --knob 100000 | nprobe must be in",
            "unknown index        | --index BTREE                  | unknown index type",
            "bad consistency      | --consistency SOMETIMES        | unknown consistency level",
            "unknown client       | --client carrier-pigeon        | unknown client 'carrier-pigeon' (expected sdk, grpc or async)",
            "shard beyond count   | --shard 3/2 --start-at 2999-01-01T00:00:00Z | --shard must be i/N",
            "shard zero           | --shard 0/2 --start-at 2999-01-01T00:00:00Z | --shard must be i/N",
            "shard not a fraction | --shard 2 --start-at 2999-01-01T00:00:00Z   | --shard must be i/N",
            "shard without start  | --shard 1/2                    | --shard needs --start-at",
            "start in the past    | --start-at 2020-01-01T00:00:00Z | has passed already",
            "start unparsable     | --start-at soon                | --start-at must be an ISO-8601 instant",
            "shard in closed mode | --mode closed --shard 1/2 --start-at 2999-01-01T00:00:00Z | are for --mode open",
            "start in ceiling     | --mode ceiling --start-at 2999-01-01T00:00:00Z | are for --mode open",
            "shard of streaming   | --mix streaming --shard 1/2 --start-at 2999-01-01T00:00:00Z | streaming mix's inserts cannot be split",
            "pool size as queries | --queries 50                   | for the number of distinct queries use --query-pool 50",
            "zero query pool      | --query-pool 0                 | --query-pool must be in 1..1000000, got 0",
            "negative recall      | --recall-queries -1            | --recall-queries must be 0 or more",
            "missing dataset file | --dataset /nonexistent/x_base.fvecs | /nonexistent/x_base.fvecs",
            "unknown dataset      | --dataset data.csv             | unknown dataset 'data.csv'",
            "field without coll.  | --vector-field emb             | --vector-field applies to --collection only",
            "streaming on coll.   | --collection docs --mix streaming | the streaming mix writes (inserts), and --collection docs is only read",
            "query mix no filter  | --collection docs --mix query  | the query mix on --collection docs needs --filter",
            "index on coll.       | --collection docs --index HNSW | --index does not apply to --collection docs",
            "rows on coll.        | --collection docs --rows 10    | --rows does not apply to --collection docs",
            "dataset on coll.     | --collection docs --dataset synthetic | --dataset does not apply to --collection docs",
            "fresh on coll.       | --collection docs --fresh      | --fresh does not apply to --collection docs",
            "inserts on coll.     | --collection docs --insert-rate 5 | --insert-rate applies only with --mix streaming",
    })
    void loadRefusesWithOneLineAndExitTwo(String name, String options, String message) {
        String[] args = ("load --target uri --uri 127.0.0.1:1 --results " + results + " " + options.trim()).split("\\s+");
        String err = runAndCaptureErr(args, BadInputException.EXIT_CODE);
        assertTrue(err.contains(message), name + ": " + err);
        assertEquals(1, err.strip().lines().count(), name + ": " + err);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing file   | /nonexistent/sweep.yaml              | does not exist",
            "unknown key    | dataset: {rows: 10, dim: 8, seed: 1, metric: L2, queries: 5, colour: red} | cannot read sweep file",
            "knob for FLAT  | indexes: [{kind: FLAT, knob: [8]}]   | FLAT has no search knob",
            "ef below top-k | indexes: [{kind: HNSW, knob: [4]}]   | must be at least topK",
            "unknown index  | indexes: [{kind: BTREE}]             | unknown index type",
    })
    void sweepRefusesWithOneLineAndExitTwo(String name, String yaml, String message) throws Exception {
        Path file;
        if (yaml.startsWith("/")) {
            file = Path.of(yaml);
        } else {
            String base = "top_k: 10\nclosed_loop: {concurrency: 1, warmup_seconds: 0, duration_seconds: 1}\n";
            String text = yaml.startsWith("dataset") ? base + yaml + "\nindexes: [{kind: FLAT}]\n"
                    : base + "dataset: {rows: 100, dim: 8, seed: 1, metric: L2, queries: 5}\n" + yaml + "\n";
            file = results.resolve("sweep.yaml");
            Files.writeString(file, text);
        }
        String err = runAndCaptureErr(new String[] {"sweep", "--target", "uri", "--uri", "127.0.0.1:1",
                "--results", results.toString(), "--file", file.toString()}, BadInputException.EXIT_CODE);
        assertTrue(err.contains(message), name + ": " + err);
        assertEquals(1, err.strip().lines().count(), name + ": " + err);
    }

    private String runAndCaptureErr(String[] args, int expectedExit) {
        CliRun run = CliRun.of(args);
        assertEquals(expectedExit, run.exit(), String.join(" ", args) + " -> " + run.err());
        try (var entries = Files.list(results)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().contains("-load") || p.getFileName().toString().contains("-sweep")),
                    "no run folder for refused input");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return run.err();
    }
}
