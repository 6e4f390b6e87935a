package io.milvusbench.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a {@link BenchSelection} with JMH's {@link Runner}: the chosen benchmarks by exact name,
 * every parameter value, iteration overrides, JSON results to {@code resultFile}, and the
 * {@code -D} properties the forks need passed with {@code jvmArgsAppend} (the runner's business,
 * never {@code @Fork(jvmArgs=...)}). With zero forks the properties are set in this JVM instead.
 */
public final class BenchLauncher {

    /**
     * Iteration settings; null keeps the benchmark's own annotation.
     *
     * @param warmupTime      e.g. "1s"; ignored by single-shot benchmarks
     * @param measurementTime e.g. "10s"
     */
    public record Iterations(Integer warmupIterations, String warmupTime, Integer measurementIterations, String measurementTime,
                             Integer forks) {
        public static final Iterations DEFAULTS = new Iterations(null, null, null, null, null);
        /**
         * {@code --quick}: one 1 s warmup, two 2 s measurements, one fork: a search of the quick
         * data takes 1-2 ms on a quiet machine, so a series gets 2,000-4,000 samples — enough for p99 (1,000:
         * ten beyond it), not for p99.9, which the reports bracket.
         */
        public static final Iterations QUICK = new Iterations(1, "1s", 2, "2s", 1);
    }

    /**
     * A benchmark that failed in some iteration (or never produced a result), whatever score JMH kept.
     *
     * @param benchmark class.method with its parameters, e.g. {@code SearchBenchmark.search{dim=32, index=FLAT, ...}}
     * @param reason    one line: which iteration failed and the error's cause
     */
    public record FailedBenchmark(String benchmark, String reason) {
    }

    /** What JMH returned, and which benchmarks (with parameters) failed. */
    public record Outcome(Collection<RunResult> results, List<FailedBenchmark> failures) {
    }

    private BenchLauncher() {
    }

    /**
     * The JMH settings each benchmark actually ran with (annotations, overrides and defaults
     * resolved), for run.json {@code jmh}: JMH's version, and per benchmark its mode, threads, forks,
     * warmup and measurement ({@code iterations x time}, single-shot: {@code batch} calls), time
     * unit and fork JVM arguments.
     */
    public static Map<String, Object> settings(Collection<RunResult> results) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("version", org.openjdk.jmh.util.Version.getPlainVersion());
        Map<String, Object> byBenchmark = new java.util.TreeMap<>();
        for (RunResult r : results) {
            org.openjdk.jmh.infra.BenchmarkParams p = r.getParams();
            Map<String, Object> b = new java.util.LinkedHashMap<>();
            b.put("mode", p.getMode().shortLabel());
            b.put("threads", p.getThreads());
            b.put("forks", p.getForks());
            b.put("warmup", p.getWarmup().getCount() + " x " + p.getWarmup().getTime());
            b.put("measurement", p.getMeasurement().getCount() + " x " + p.getMeasurement().getTime());
            b.put("time_unit", p.getTimeUnit().toString());
            b.put("jvm_args", p.getJvmArgs());
            b.put("jdk", p.getJdkVersion() + " " + p.getVmName() + " " + p.getVmVersion());
            byBenchmark.putIfAbsent(p.getBenchmark(), b);
        }
        out.put("benchmarks", byBenchmark);
        return out;
    }

    public static Outcome run(BenchSelection selection, Iterations iterations, Map<String, String> properties, Path resultFile)
            throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .result(resultFile.toString())
                .resultFormat(ResultFormatType.JSON)
                .shouldFailOnError(false);
        for (BenchCatalog.Entry b : selection.benchmarks()) {
            o.include("^" + Pattern.quote(b.name()) + "$");
        }
        selection.given().forEach((k, v) -> o.param(k, v.toArray(String[]::new)));
        if (iterations.warmupIterations() != null) {
            o.warmupIterations(iterations.warmupIterations());
        }
        if (iterations.warmupTime() != null) {
            o.warmupTime(TimeValue.fromString(iterations.warmupTime()));
        }
        if (iterations.measurementIterations() != null) {
            o.measurementIterations(iterations.measurementIterations());
        }
        if (iterations.measurementTime() != null) {
            o.measurementTime(TimeValue.fromString(iterations.measurementTime()));
        }
        if (iterations.forks() != null) {
            o.forks(iterations.forks());
        }
        List<String> jvmArgs = new ArrayList<>();
        properties.forEach((k, v) -> jvmArgs.add("-D" + k + "=" + v));
        // forks mark the collections they create with this run, not with a run of their own
        jvmArgs.add("-D" + io.milvusbench.collection.SuiteCollections.RUN_PROPERTY + "=" + io.milvusbench.collection.SuiteCollections.runId());
        if (iterations.forks() != null && iterations.forks() == 0) {
            properties.forEach(System::setProperty);
        } else {
            o.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        }
        FailureTracker tracker = new FailureTracker(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL));
        Collection<RunResult> results = new Runner(o.build(), tracker).run();
        return new Outcome(results, tracker.failures());
    }
}
