package io.milvusbench.cli;

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

/** The index sweep: build time, memory, recall and QPS per index kind and knob value, and the Pareto table. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build each index kind of a sweep file on the same seeded data and search it at each knob value.",
                "Per point: build seconds, query-node memory after load (GetMetrics), recall@k against exact ground truth,",
                "QPS and p50/p95/p99 from a short closed loop (service time). Prints the recall-vs-QPS Pareto table and writes",
                "a run folder: hlog/sweep[index=..;ef=..].hlog, metrics.jsonl (recall@k, qps, build_seconds, memory_bytes,",
                "memory_percent, ...), pareto.md, run.json."},
        footer = {"", "Examples:",
                "  milvus-bench sweep --target local",
                "  milvus-bench sweep --target local --file benchmarks/index-sweep.yaml --results results",
                "  milvus-bench sweep --target uri --uri 127.0.0.1:19530 --file my-sweep.yaml"})
final class SweepCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Option(names = "--file", paramLabel = "YAML", description = "Sweep definition. Default: ${DEFAULT-VALUE}.")
    Path file = Path.of("benchmarks", "index-sweep.yaml");

    @Option(names = "--results", paramLabel = "DIR", description = "Parent folder of the run folder. Default: ${DEFAULT-VALUE}.")
    Path results = Path.of("results");

    @Override
    public Integer call() {
        targetOptions.check();
        SweepPlan plan = SweepPlan.read(file);
        Inputs.resultsFolder("--results", results);
        List<SweepPoint> points;
        RunFolder folder = null;
        try (MilvusTarget target = targetOptions.open()) {
            System.err.printf("sweep: %d points from %s%n", plan.points(), file);
            System.err.println("sweep: target " + target.describe());
            folder = RunFolder.create(results, "sweep");
            RunManifest manifest = new RunManifest("sweep").parameter("file", file.toString()).parameter("dataset", plan.data().toString())
                    .parameter("queries", plan.dataset().queries()).parameter("top_k", plan.topK())
                    .parameter("concurrency", plan.loop().concurrency()).parameter("warmup_s", plan.loop().warmupSeconds())
                    .parameter("duration_s", plan.loop().durationSeconds()).parameter("indexes", plan.indexes());
            points = new IndexSweep(plan, System.err).run(target, folder);
            manifest.target(target).write(folder.dir());
        } catch (RuntimeException e) {
            if (folder != null) {
                folder.discardUnlessMeasured();
            }
            throw e;
        }
        List<String> table = Pareto.document(points, plan.topK(), plan.loop().concurrency());
        RunFolder.writeAtomically(folder.dir().resolve("pareto.md"),
                (String.join("\n", table) + "\n").getBytes(StandardCharsets.UTF_8));
        Path done = folder.complete();
        table.forEach(System.out::println);
        System.out.println("run folder: " + done);
        return 0;
    }
}
