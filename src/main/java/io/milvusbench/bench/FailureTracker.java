package io.milvusbench.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * JMH's normal console output, plus a list of the benchmarks that ended without a result (JMH
 * prints their stack trace and moves on when it does not fail on errors), so the command can say
 * which failed and exit non-zero.
 */
final class FailureTracker implements OutputFormat {
    private final OutputFormat delegate;
    private final List<String> failures = new ArrayList<>();
    private BenchmarkParams current;

    FailureTracker(OutputFormat delegate) {
        this.delegate = delegate;
    }

    List<String> failures() {
        return failures;
    }

    static String describe(BenchmarkParams p) {
        String name = p.getBenchmark();
        String[] parts = name.split("\\.");
        StringBuilder sb = new StringBuilder(parts[parts.length - 2] + "." + parts[parts.length - 1]);
        TreeMap<String, String> params = new TreeMap<>();
        for (String k : p.getParamsKeys()) {
            params.put(k, p.getParam(k));
        }
        if (!params.isEmpty()) {
            sb.append(params);
        }
        return sb.toString();
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        current = params;
        delegate.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (current != null && (result == null || result.getIterationResults().isEmpty())) {
            failures.add(describe(current));
        }
        current = null;
        delegate.endBenchmark(result);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        delegate.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        delegate.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        delegate.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        delegate.endRun(result);
    }

    @Override
    public void print(String s) {
        delegate.print(s);
    }

    @Override
    public void println(String s) {
        delegate.println(s);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void verbosePrintln(String s) {
        delegate.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        delegate.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        delegate.write(b);
    }
}
