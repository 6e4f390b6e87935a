package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import io.milvusbench.bench.BenchCatalog;
import io.milvusbench.bench.BenchErrors;
import io.milvusbench.bench.BenchLauncher;
import io.milvusbench.bench.BenchPreflight;
import io.milvusbench.bench.BenchProperties;
import io.milvusbench.bench.BenchSelection;
import io.milvusbench.results.RunManifest;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.results.Failure;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.ScalarMetric;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code milvus-bench bench}: runs the suite's JMH benchmarks against one Milvus that it starts or
 * reaches once, and writes one run folder. Everything the user gave is checked before the target
 * is touched ({@link BenchPreflight}); forks get the target's address as {@code -D} flags.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the JMH benchmarks (connection, round trip, search, insert, insert+flush, index build, ground truth)",
                "against one Milvus, and write hlog/, metrics.jsonl, jmh-result.json and run.json into a new run folder.",
                "Exit codes: 0 all benchmarks ran without error; 1 a benchmark failed in some iteration or a request failed",
                "(run.json 'failures' names it; the run folder is still completed); 2 bad input or unreachable server; 3 an unexpected error."},
        footer = {"", "Examples:",
                "  milvus-bench bench --quick",
                "  milvus-bench bench Search -p index=IVF_FLAT:nprobe=8,HNSW:ef=128 --rows 100000",
                "  milvus-bench bench IndexBuild -p build=IVF_FLAT,HNSW:M=32 --target uri --uri 10.0.0.5:19530",
                "  milvus-bench bench Search --dataset data/sift-128-euclidean.hdf5 -p index=HNSW:ef=64",
                "  milvus-bench bench --list",
                "", "Index specs: FLAT | IVF_FLAT|IVF_SQ8|IVF_PQ[:nlist=N][:m=N][:nbits=N]:nprobe=N | HNSW[:M=N][:efConstruction=N]:ef=N",
                "             | DISKANN:search_list=N (search: -p index=...; index build: -p build=..., no knob)"})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REGEX", arity = "0..*",
            description = "Benchmarks to run: regular expressions matched against package.Class.method, as JMH does. Default: all.")
    List<String> patterns = new ArrayList<>();

    @Option(names = "-p", paramLabel = "KEY=V1,V2", description = "Benchmark parameter values (index, build, topK, nq, batch, call, rows, dim, metric).")
    List<String> params = new ArrayList<>();

    @Option(names = "--quick", description = "Smoke settings: 2,000 rows x 32 dims, three indexes, 1 s warmup, 2 x 2 s measured (enough samples for p99 at 1-2 ms a call), one fork; about 2-3 minutes.")
    boolean quick;

    @Option(names = "--rows", paramLabel = "N", description = "Rows of the dataset (a file: its first N rows). Same as -p rows=N.")
    Long rows;

    @Option(names = "--dim", paramLabel = "N", description = "Dimension of synthetic data (a file must have it). Same as -p dim=N.")
    Integer dim;

    @Option(names = "--metric", paramLabel = "M", description = "L2, IP or COSINE (default: the dataset's). Same as -p metric=M.")
    String metric;

    @Option(names = "--dataset", paramLabel = "SPEC", description = "synthetic (default), an ann-benchmarks .hdf5 file, or a .fvecs/.bvecs base file.")
    String dataset = "synthetic";

    @Option(names = "--queries", paramLabel = "FILE", description = "fvecs/bvecs datasets: the query file (default: *_query.* next to the base file).")
    Path queries;

    @Option(names = "--neighbours", paramLabel = "FILE", description = "fvecs/bvecs datasets: exact neighbours (.ivecs; default: *_groundtruth.ivecs).")
    Path neighbours;

    @Option(names = "--query-pool", paramLabel = "N", description = "Queries searches cycle through (and ground truth is computed for). Default: ${DEFAULT-VALUE}.")
    int queryPool = 100;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic data. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--clusters", paramLabel = "N", description = "Synthetic data: mixture components. Default: ${DEFAULT-VALUE}.")
    int clusters = io.milvusbench.dataset.DatasetOptions.DEFAULT_CLUSTERS;

    @Option(names = "--spread", paramLabel = "S", description = "Synthetic data: spread around each centroid (centroids in [-1,1]^dim; "
            + "0.2 = separated clusters, every index exact; ~1 = overlapping, knobs matter). Default: ${DEFAULT-VALUE}.")
    float spread = io.milvusbench.dataset.DatasetOptions.DEFAULT_SPREAD;

    @Option(names = {"-wi", "--warmup-iterations"}, paramLabel = "N", description = "Warmup iterations.")
    Integer warmupIterations;

    @Option(names = {"-w", "--warmup-time"}, paramLabel = "TIME", description = "Warmup iteration time, e.g. 5s.")
    String warmupTime;

    @Option(names = {"-i", "--iterations"}, paramLabel = "N", description = "Measurement iterations.")
    Integer measurementIterations;

    @Option(names = {"-r", "--time"}, paramLabel = "TIME", description = "Measurement iteration time, e.g. 10s.")
    String measurementTime;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", description = "Forks per benchmark (0 = run in this JVM).")
    Integer forks;

    @Option(names = "--timeout-s", paramLabel = "S", description = "Limit of each flush, index build and load. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = 1800;

    @Option(names = "--results", paramLabel = "DIR", description = "Where the run folder is created. Default: ${DEFAULT-VALUE}.")
    Path results = Path.of("results");

    @Option(names = "--list", description = "List the chosen benchmarks and their parameter values, run nothing.")
    boolean list;

    @Mixin
    TargetMixin targetOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws RunnerException {
        targetOptions.check();
        Inputs.resultsFolder("--results", results);
        Inputs.range("--clusters", clusters, 1, 100_000);
        Inputs.onlyWhen(spec, !isSynthetic(), "with a .fvecs/.bvecs --dataset", "--queries", "--neighbours");
        Inputs.onlyWhen(spec, isSynthetic(), "with synthetic data", "--clusters", "--spread", "--seed");
        BenchPreflight preflight = new BenchPreflight(BenchCatalog.select(patterns), givenParams(), quick, datasetOptions(), queryPool);
        BenchSelection selection = preflight.checkInput();
        BenchLauncher.Iterations iterations = iterations();
        if (list) {
            selection.benchmarks().forEach(b -> System.out.println(b.name()));
            selection.given().forEach((k, v) -> System.out.println("  -p " + k + "=" + String.join(",", v)));
            return 0;
        }
        MilvusTarget target = selection.anyNeedsMilvus() ? targetOptions.open() : null;
        Path credentials = null;
        try {
            if (target != null) {
                System.out.println("milvus-bench: target " + target.describe());
                selection = preflight.checkServer(target, selection);
                if (selection.benchmarks().isEmpty()) {
                    throw new BadInputException("nothing left to run: " + String.join("; ", preflight.skipped()));
                }
            }
            RunFolder folder = RunFolder.create(results, "bench");
            Map<String, String> props = BenchProperties.forForks(target, folder.dir().toAbsolutePath(), datasetOptions(), queryPool,
                    timeoutSeconds, preflight.probed());
            if (target != null && target.connection().token() != null) {
                credentials = writeCredentials(target.connection().token());
                props.put(BenchProperties.CREDENTIALS, credentials.toString());
            }
            RunManifest manifest = new RunManifest("bench", manifestParameters(selection, iterations));
            if (target != null) {
                manifest.target(target);
            }
            System.out.println("milvus-bench: running " + String.join(", ", selection.names()) + " into " + folder.finalDir()
                    + " (named " + folder.finalDir().getFileName() + RunFolder.PARTIAL + " until complete)");
            BenchLauncher.Outcome outcome = BenchLauncher.run(selection, iterations, props, folder.dir().resolve("jmh-result.json"));
            BenchErrors.Totals totals = BenchErrors.read(folder.dir());
            List<Failure> failures = BenchErrors.failures(outcome.failures(), totals);
            List<ScalarMetric> counts = BenchErrors.metrics(totals);
            if (!counts.isEmpty()) {
                ScalarMetric.append(folder.metricsFile(), counts);
            }
            manifest.put("skipped", preflight.skipped());
            manifest.put("machine", io.milvusbench.results.MachineInfo.read());
            manifest.put("jmh", BenchLauncher.settings(outcome.results()));
            manifest.failures(failures).errors(totals.bySeries());
            manifest.write(folder.dir());
            Path done = folder.complete();
            preflight.skipped().forEach(s -> System.out.println("milvus-bench: skipped " + s));
            failures.forEach(f -> System.out.println("milvus-bench: FAILED " + f.describe()));
            System.out.println("milvus-bench: run folder " + done);
            if (!failures.isEmpty()) {
                System.err.println("milvus-bench: " + failures.size() + " benchmark(s) failed: "
                        + String.join("; ", failures.stream().map(Failure::describe).toList()));
                return 1;
            }
            return 0;
        } finally {
            if (credentials != null) {
                try {
                    Files.deleteIfExists(credentials);
                } catch (IOException ignored) {
                    // a temporary file of mode 600; the OS cleans its temp folder
                }
            }
            if (target != null) {
                target.close();
            }
        }
    }

    private Map<String, List<String>> givenParams() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("bad -p '" + p + "': expected KEY=V1,V2");
            }
            out.put(p.substring(0, eq).trim(), Arrays.stream(p.substring(eq + 1).split(",")).map(String::trim).toList());
        }
        if (rows != null) {
            out.put("rows", List.of(Long.toString(Inputs.rows("--rows", rows))));
        }
        if (dim != null) {
            out.put("dim", List.of(Integer.toString(Inputs.dim("--dim", dim))));
        }
        if (metric != null) {
            out.put("metric", List.of(metric));
        }
        return out;
    }

    private io.milvusbench.dataset.DatasetOptions datasetOptions() {
        return new io.milvusbench.dataset.DatasetOptions(dataset, 0, 0, null, seed, queries, neighbours, clusters, spread);
    }

    private BenchLauncher.Iterations iterations() {
        Inputs.range("--timeout-s", timeoutSeconds, 1, (long) Inputs.MAX_SECONDS);
        BenchLauncher.Iterations base = quick ? BenchLauncher.Iterations.QUICK : BenchLauncher.Iterations.DEFAULTS;
        if (forks != null) {
            Inputs.range("--forks", forks, 0, 100);
        }
        if (warmupIterations != null) {
            Inputs.range("--warmup-iterations", warmupIterations, 0, 1000);
        }
        if (measurementIterations != null) {
            Inputs.range("--iterations", measurementIterations, 1, 1000);
        }
        return new BenchLauncher.Iterations(
                warmupIterations != null ? warmupIterations : base.warmupIterations(),
                checkTime(warmupTime != null ? warmupTime : base.warmupTime()),
                measurementIterations != null ? measurementIterations : base.measurementIterations(),
                checkTime(measurementTime != null ? measurementTime : base.measurementTime()),
                forks != null ? forks : base.forks());
    }

    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("(\\d{1,12})(ns|us|ms|s|min|m|hr|h)?");

    /** A JMH iteration time: a whole number with a unit, more than 0 and at most a day. */
    private static String checkTime(String t) {
        if (t == null) {
            return null;
        }
        java.util.regex.Matcher m = TIME.matcher(t.trim());
        if (!m.matches()) {
            throw new BadInputException("bad time '" + t + "' (expected a whole number and a unit, e.g. 500ms, 5s, 1min)");
        }
        if (m.group(2) == null) {
            throw new BadInputException("time '" + t + "' has no unit (ns, us, ms, s, min, hr): write e.g. " + t + "s");
        }
        double seconds = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "min", "m" -> 60;
            case "hr", "h" -> 3600;
            default -> 1;
        };
        if (seconds <= 0 || seconds > 86_400) {
            throw new BadInputException("iteration time '" + t + "' must be more than 0 and at most a day");
        }
        return t.trim();
    }

    private boolean isSynthetic() {
        return dataset == null || dataset.isBlank() || "synthetic".equalsIgnoreCase(dataset.trim());
    }

    private Map<String, Object> manifestParameters(BenchSelection selection, BenchLauncher.Iterations it) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmarks", selection.names());
        m.put("params", selection.given());
        m.put("dataset", isSynthetic() ? "synthetic" : Path.of(dataset).toAbsolutePath().toString());
        m.put("seed", seed);
        m.put("clusters", clusters);
        m.put("spread", spread);
        m.put("query_pool", queryPool);
        m.put("quick", quick);
        m.put("warmup_iterations", it.warmupIterations());
        m.put("warmup_time", it.warmupTime());
        m.put("measurement_iterations", it.measurementIterations());
        m.put("measurement_time", it.measurementTime());
        m.put("forks", it.forks());
        return m;
    }

    private static Path writeCredentials(String token) {
        try {
            Path file = Files.createTempFile("milvus-bench-credentials-", ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials file for the benchmark forks", e);
        }
    }
}
