package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One case per class of bad input, across the commands: each must be refused with exactly one
 * line on stderr that names the problem, exit code 2, and nothing left under the results folder.
 * The target given is a closed loopback port: were a check missing, the command would go on to
 * fail with "cannot reach Milvus" instead, so each expected message proves its check ran first.
 */
class BadInputClassesTest {
    static final String DEAD = "--target uri --uri 127.0.0.1:1 --connect-timeout-ms 200";

    @TempDir
    static Path tmp;

    @BeforeAll
    static void files() throws Exception {
        Files.writeString(tmp.resolve("rules-inf.yaml"), "rules:\n  - name: r\n    statistic: p99\n    max: 1e999\n");
        Files.writeString(tmp.resolve("sweep-dup.yaml"), "top_k: 10\nclosed_loop: {concurrency: 1, warmup_seconds: 0, duration_seconds: 2}\n"
                + "dataset: {rows: 100, dim: 8, seed: 1, metric: L2, queries: 5}\nindexes: [{kind: FLAT}]\ntop_k: 20\n");
        Files.writeString(tmp.resolve("sweep-pq.yaml"), "top_k: 10\nclosed_loop: {concurrency: 1, warmup_seconds: 0, duration_seconds: 2}\n"
                + "dataset: {rows: 100, dim: 30, seed: 1, metric: L2, queries: 5}\nindexes: [{kind: IVF_PQ, build: {m: 7}, knob: [8]}]\n");
        Files.writeString(tmp.resolve("sweep-nan.yaml"), "top_k: 10\nclosed_loop: {concurrency: 1, warmup_seconds: 0, duration_seconds: 1e999}\n"
                + "dataset: {rows: 100, dim: 8, seed: 1, metric: L2, queries: 5}\nindexes: [{kind: FLAT}]\n");
        Files.createDirectories(tmp.resolve("afolder"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // non-finite numbers, refused while parsing
            "NaN rate              | load DEAD --rate NaN                         | 'NaN' is not a finite number",
            "Infinite duration     | load DEAD --duration Infinity                | 'Infinity' is not a finite number",
            "NaN spread            | dataset synthetic --spread NaN               | 'NaN' is not a finite number",
            "NaN interval          | monitor DEAD --continuous --interval NaN     | 'NaN' is not a finite number",
            "infinite sweep phase  | sweep DEAD --file TMP/sweep-nan.yaml         | duration_seconds must be a finite number",
            // upper bounds, checked before any work
            "year-long phase       | load DEAD --duration 99999999                | --duration must be more than 0 and at most 604800",
            "huge row count        | load DEAD --rows 99999999999                 | --rows must be in 1..1000000000",
            "query pool too big    | bench DEAD Search --query-pool 900000 --dim 32768 | needs",
            "huge iterations       | bench DEAD -i 1000000                        | --iterations must be in 1..1000",
            "iteration time no unit| bench DEAD -r 5                              | has no unit",
            "day-long iteration    | bench DEAD -r 100000h                        | at most a day",
            "too many clusters     | dataset synthetic --clusters 2000000000      | clusters must be in 1..100000",
            "huge query pool       | dataset synthetic --query-pool 2000000000    | --query-pool must be in 1..1000000",
            "month-long monitor    | monitor DEAD --continuous --duration 1000000h | longer than a week",
            // parameters the server would reject late
            "IVF_PQ m vs dim       | load DEAD --index IVF_PQ --dim 30            | IVF_PQ m (16) must divide the dimension (30)",
            "sweep IVF_PQ m vs dim | sweep DEAD --file TMP/sweep-pq.yaml          | IVF_PQ m (7) must divide the dimension (30)",
            "unknown filter field  | load DEAD --mix filtered --filter 'colour > 3' | names field 'colour'",
            // silent surprises
            "option of another mode| load DEAD --mode closed --rate 50            | --rate applies only with --mode open",
            "option of another mix | load DEAD --insert-rate 5                    | --insert-rate applies only with --mix streaming",
            "interval not continuous| monitor DEAD --interval 5                   | --interval applies only with --continuous",
            "image for a uri target| info DEAD --image foo:bar                    | --image applies only with --target container or auto",
            "uri without target uri| info --uri 127.0.0.1:1                       | --uri applies only with --target uri",
            "URI path dropped      | info --target uri --uri http://127.0.0.1:1/some/path | a path, query or fragment",
            "URI query dropped     | info --target uri --uri http://127.0.0.1:1?db=x | a path, query or fragment",
            "credentials in URI    | info --target uri --uri http://u:secret@127.0.0.1:1 | not in the URI",
            "user without password | info DEAD --user root                        | --user needs --password",
            "duplicate sweep key   | sweep DEAD --file TMP/sweep-dup.yaml         | Duplicate field 'top_k'",
            "zero dimension        | dataset synthetic --dim 0                    | --dim must be in 1..32768, got 0",
            "json to missing folder| monitor DEAD --json TMP/no/such/dir/s.json   | does not exist",
            // one line, no picocli hint
            "unknown option        | info DEAD --no-such-option                   | Unknown option: '--no-such-option' (see milvus-bench info --help)",
            // wrong words
            "folder given as file  | sweep DEAD --file TMP/afolder                | is a folder, not a file",
            "zero rows             | load DEAD --rows 0                           | --rows must be in 1..1000000000, got 0",
            "unknown target        | info --target spaceship                      | expected one of: auto, container, local, cluster, lite, uri",
            "knob for FLAT         | load DEAD --index FLAT --knob 8              | FLAT has no search knob: remove --knob",
            "capacity steps bound  | load DEAD --mode capacity --max-steps 100000 | --max-steps must be in 1..100",
            "yes with dry run      | cleanup DEAD --dry-run --yes                 | --yes applies only when dropping",
            "queries for synthetic | bench DEAD Search --queries TMP/q.fvecs      | --queries applies only with a .fvecs/.bvecs --dataset",
            "1 ms deadline         | info DEAD --rpc-deadline-ms 1                | --rpc-deadline-ms must be in 100..3600000, got 1",
    })
    void refusedInOneLineNamingTheProblem(String name, String commandLine, String message) {
        String[] args = commandLine.trim().replace("DEAD", DEAD).replace("TMP", tmp.toString()).split("\\s+");
        args = unquote(args);
        Path results = tmp.resolve("results-" + name.strip().replace(' ', '-'));
        String[] full = append(args, "--results", results.toString());
        if (!takesResults(args[0])) {
            full = args;
        }
        CliRun run = CliRun.of(full);
        assertEquals(BadInputException.EXIT_CODE, run.exit(), name + ": " + run.err());
        assertTrue(run.err().contains(message), name + ": " + run.err());
        assertEquals(1, run.errLines(), name + ": " + run.err());
        assertFalse(Files.exists(results) && results.toFile().list().length > 0, name + ": a run folder was left behind");
    }

    @Test
    void anOutOfRangeRuleBoundIsRefusedNotInfinite() {
        Path file = tmp.resolve("rules-inf.yaml");
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> io.milvusbench.gate.Thresholds.load(file));
        assertEquals(file + ": rule 'r': bound 'max' must be a finite number (at most 1.7e308 in size), got Infinity", e.getMessage());
    }

    @Test
    void heldProgressIsDroppedOnBadInputAndPrintedOtherwise() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        HeldProgress refused = HeldProgress.over(err, 60_000);
        refused.println("load: target uri http://127.0.0.1:19530");
        refused.discard();
        assertEquals("", bytes.toString(java.nio.charset.StandardCharsets.UTF_8), "held lines are dropped on bad input");
        HeldProgress accepted = HeldProgress.over(err, 60_000);
        accepted.println("load: reusing mbench_load_x");
        assertEquals("", bytes.toString(java.nio.charset.StandardCharsets.UTF_8), "held until released");
        accepted.release();
        accepted.println("load: phase 1");
        assertEquals("load: reusing mbench_load_x\nload: phase 1\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theHintIsPartOfTheOneLine() {
        CliRun run = CliRun.of("load", "--rate", "abc");
        assertEquals(2, run.exit());
        assertEquals(1, run.errLines(), run.err());
        assertFalse(run.err().contains("Try '"), run.err());
    }

    private static boolean takesResults(String command) {
        return command.equals("load") || command.equals("bench") || command.equals("sweep") || command.equals("monitor");
    }

    private static String[] unquote(String[] args) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder quoted = null;
        for (String a : args) {
            if (quoted == null && a.startsWith("'")) {
                quoted = new StringBuilder(a.substring(1));
                if (a.length() > 1 && a.endsWith("'")) {
                    out.add(quoted.substring(0, quoted.length() - 1));
                    quoted = null;
                }
            } else if (quoted != null) {
                quoted.append(' ').append(a);
                if (a.endsWith("'")) {
                    out.add(quoted.substring(0, quoted.length() - 1));
                    quoted = null;
                }
            } else {
                out.add(a);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String[] append(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
