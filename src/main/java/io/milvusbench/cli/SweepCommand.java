package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.dataset.DatasetOptions;
import io.milvusbench.index.Metric;
import io.milvusbench.report.Charts;
import io.milvusbench.results.RunManifest;
import io.milvusbench.Inputs;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.results.RunFolder;
import io.milvusbench.sweep.IndexSweep;
import io.milvusbench.sweep.Pareto;
import io.milvusbench.sweep.SweepPlan;
import io.milvusbench.sweep.SweepPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** The index sweep: build time, memory, recall, latency and QPS per index kind and knob value, and the Pareto table. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build each index kind of a sweep file on the file's dataset (or the one given here, with the options",
                "bench takes) and search it at each knob value. Per point: build seconds, the server's memory figures after",
                "load (milvus_querynode_entity_size of the collection, server RSS delta; 'unavailable' when the server gives",
                "none), recall@k against exact ground truth, p50/p95 of a one-thread closed loop (latency with nothing queued)",
                "and QPS with p50/p95/p99 at the file's concurrency (saturated). Prints the recall-vs-QPS Pareto table and",
                "writes a run folder: hlog/sweep[...].hlog and hlog/sweep-1thread[...].hlog, metrics.jsonl, pareto.md,",
                "recall-vs-qps.png, run.json."},
        footer = {"", "Examples:",
                "  milvus-bench sweep --target local",
                "  milvus-bench sweep --target local --dataset synthetic --rows 100000 --dim 384 --metric COSINE --spread 1",
                "  milvus-bench sweep --target uri --uri 127.0.0.1:19530 --file my-sweep.yaml --dataset data/glove-100-angular.hdf5"})
final class SweepCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Option(names = "--file", paramLabel = "YAML", description = "Sweep definition. Default: ${DEFAULT-VALUE}.")
    Path file = Path.of("benchmarks", "index-sweep.yaml");

    @Option(names = "--results", paramLabel = "DIR", description = "Parent folder of the run folder. Default: ${DEFAULT-VALUE}.")
    Path results = Path.of("results");

    @Option(names = "--dataset", paramLabel = "SPEC", description = "synthetic, wordnet-minilm, an ann-benchmarks .hdf5 file, or a "
            + ".fvecs/.bvecs base file (default: the sweep file's dataset.source).")
    String dataset;

    @Option(names = "--rows", paramLabel = "N", description = "Rows of the dataset (a file: its first N rows; default: the sweep file's).")
    Long rows;

    @Option(names = "--dim", paramLabel = "N", description = "Dimension of synthetic data (a file must have it).")
    Integer dim;

    @Option(names = "--metric", paramLabel = "M", description = "L2, IP or COSINE (default: the sweep file's, else the dataset's).")
    String metric;

    @Option(names = "--queries", paramLabel = "FILE", description = "fvecs/bvecs datasets: the query file (default: *_query.* next to the base file).")
    Path queries;

    @Option(names = "--neighbours", paramLabel = "FILE", description = "fvecs/bvecs datasets: exact neighbours (.ivecs; default: *_groundtruth.ivecs).")
    Path neighbours;

    @Option(names = "--query-pool", paramLabel = "N", description = "Queries for recall and the loops (default: the sweep file's dataset.queries).")
    Integer queryPool;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic data.")
    Long seed;

    @Option(names = "--clusters", paramLabel = "N", description = "Synthetic data: mixture components.")
    Integer clusters;

    @Option(names = "--spread", paramLabel = "S", description = "Synthetic data: spread around each centroid (0.2 = separated clusters, "
            + "every index exact; ~1 = overlapping, knobs matter).")
    Float spread;

    /** The sweep file's plan with the dataset options given on the command line in place of the file's. */
    SweepPlan withDatasetOptions(SweepPlan plan) {
        DatasetOptions f = plan.data();
        boolean newSource = dataset != null && !dataset.equals(f.source());
        String source = dataset != null ? dataset : f.source();
        boolean synthetic = new DatasetOptions(source, 0, 0, null, 0, null, null).isSynthetic();
        // a new file starts from all its rows and its own dimension; a new synthetic set from bench's defaults
        long r = rows != null ? rows : newSource ? (synthetic ? 20_000 : 0) : f.rows();
        int d = dim != null ? dim : newSource ? (synthetic ? 128 : 0) : f.dim();
        Metric m = metric != null ? Metric.parse(metric) : newSource ? null : f.metric();
        DatasetOptions o = new DatasetOptions(source, r, d, m, seed != null ? seed : f.seed(),
                queries != null ? queries : newSource ? null : f.queries(), neighbours != null ? neighbours : newSource ? null : f.neighbours(),
                clusters != null ? clusters : f.clusters(), spread != null ? spread : f.spread());
        int pool = queryPool != null ? queryPool : plan.dataset().queries();
        if (pool < 1 || pool > 10_000) {
            throw new BadInputException("--query-pool must be in 1..10000, got " + pool);
        }
        if (r < 0 || synthetic && (r < 1 || d < 1)) {
            throw new BadInputException("--rows and --dim must be positive for synthetic data");
        }
        return plan.withData(o, pool);
    }

    @Override
    public Integer call() {
        targetOptions.check();
        SweepPlan plan = withDatasetOptions(SweepPlan.read(file));
        Inputs.resultsFolder("--results", results);
        List<SweepPoint> points;
        RunFolder folder = null;
        try (MilvusTarget target = targetOptions.open()) {
            // index kinds the server is known not to build (Milvus Lite: FLAT, IVF_FLAT, AUTOINDEX only): refused before any work
            List<String> refused = plan.indexes().stream().map(e -> e.indexKind().name()).distinct()
                    .filter(k -> io.milvusbench.milvus.ServerFeatures.indexRefusal(target, k).isPresent()).toList();
            if (!refused.isEmpty()) {
                throw new io.milvusbench.BadInputException(file + " names " + String.join(", ", refused) + ": "
                        + io.milvusbench.milvus.ServerFeatures.indexRefusal(target, refused.get(0)).orElseThrow()
                        + " (give a sweep file with those kinds only)");
            }
            System.err.printf("sweep: %d points from %s%n", plan.points(), file);
            System.err.println("sweep: target " + target.describe());
            List<String> lacks = io.milvusbench.milvus.ServerFeatures.lacks(target);
            lacks.forEach(note -> System.err.println("sweep: " + note));
            folder = RunFolder.create(results, "sweep");
            RunManifest manifest = new RunManifest("sweep").parameter("file", file.toString()).parameter("dataset", plan.data().toString())
                    .parameter("queries", plan.dataset().queries()).parameter("top_k", plan.topK())
                    .parameter("concurrency", plan.loop().concurrency()).parameter("warmup_s", plan.loop().warmupSeconds())
                    .parameter("duration_s", plan.loop().durationSeconds()).parameter("indexes", plan.indexes());
            points = new IndexSweep(plan, System.err).run(target, folder);
            manifest.target(target).put("server_lacks", lacks).write(folder.dir());
        } catch (RuntimeException e) {
            if (folder != null) {
                folder.discardUnlessMeasured();
            }
            throw e;
        }
        List<String> table = Pareto.document(points, plan.topK(), plan.loop().concurrency(), plan.data().source());
        RunFolder out = folder;
        RunFolder.writeAtomically(out.dir().resolve("pareto.md"),
                (String.join("\n", table) + "\n").getBytes(StandardCharsets.UTF_8));
        Charts.recallVsQps("recall@" + plan.topK(), points.stream()
                .map(p -> new Charts.SweepDot(p.kind().name(), p.recall(), p.load().qps())).toList()).ifPresent(chart -> RunFolder.writeAtomically(out.dir().resolve("recall-vs-qps.png"), chart.png()));
        Path done = out.complete();
        table.forEach(System.out::println);
        System.out.println("run folder: " + done);
        return 0;
    }
}
