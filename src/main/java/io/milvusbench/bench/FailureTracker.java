package io.milvusbench.bench;

import io.milvusbench.milvus.ErrorCause;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * JMH's normal console output, plus the benchmarks that failed in any iteration. With
 * {@code shouldFailOnError(false)} JMH prints {@code <failure>} and the stack trace of an
 * iteration that threw, skips the benchmark's remaining iterations and still reports the score
 * of the iterations that finished before; a forked VM that dies prints
 * {@code <forked VM failed with exit code N>} and gives no result. Any of these, fewer measured
 * iterations than planned, or a benchmark that never ended, makes the benchmark a failure here,
 * whatever score JMH kept. The forks' output reaches this class through JMH's binary link, so
 * the same checks hold for forked and in-process runs.
 */
final class FailureTracker implements OutputFormat {
    private final OutputFormat delegate;
    private final List<BenchLauncher.FailedBenchmark> failures = new ArrayList<>();
    private BenchmarkParams current;
    private String reason;
    private boolean traceNext;
    private String lastIteration = "set-up";
    private int measured;

    FailureTracker(OutputFormat delegate) {
        this.delegate = delegate;
    }

    List<BenchLauncher.FailedBenchmark> failures() {
        return failures;
    }

    /** {@code SearchBenchmark.search{dim=32, index=FLAT, ...}}: class and method with the parameters, sorted. */
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

    /** Measured iterations JMH should report for {@code p}: per fork (warmup forks too), or once in process. */
    static int expectedMeasured(BenchmarkParams p) {
        int forks = Math.max(1, p.getForks() + p.getWarmupForks());
        return p.getMeasurement().getCount() * forks;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        if (current != null) {
            finish(null);
        }
        current = params;
        reason = null;
        traceNext = false;
        lastIteration = "set-up";
        measured = 0;
        delegate.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        finish(result);
        delegate.endBenchmark(result);
    }

    private void finish(BenchmarkResult result) {
        if (current == null) {
            return;
        }
        String why = reason;
        if (why == null && (result == null || result.getIterationResults().isEmpty())) {
            why = "no result (the benchmark or its forked VM failed before any measured iteration)";
        }
        int expected = expectedMeasured(current);
        if (why == null && measured < expected) {
            why = "only " + measured + " of " + expected + " measured iterations finished";
        }
        if (why != null) {
            failures.add(new BenchLauncher.FailedBenchmark(describe(current), why));
        }
        current = null;
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        lastIteration = (params.getType() == IterationType.MEASUREMENT ? "measurement" : "warmup") + " iteration " + iteration;
        delegate.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        if (params.getType() == IterationType.MEASUREMENT) {
            measured++;
        }
        delegate.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        delegate.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        if (current != null) {
            finish(null);
        }
        delegate.endRun(result);
    }

    @Override
    public void print(String s) {
        delegate.print(s);
    }

    @Override
    public void println(String s) {
        watch(s);
        delegate.println(s);
    }

    /** Reads JMH's failure markers: "<failure>" then a line with the stack trace; "<forked VM failed with exit code N>". */
    void watch(String s) {
        if (current == null || s == null) {
            return;
        }
        String line = s.strip();
        if (line.equals("<failure>")) {
            traceNext = true;
            if (reason == null) {
                reason = lastIteration + " failed";
            }
        } else if (line.startsWith("<forked VM failed")) {
            if (reason == null) {
                reason = line.substring(1, line.length() - (line.endsWith(">") ? 1 : 0));
            }
        } else if (traceNext && !line.isEmpty()) {
            traceNext = false;
            if (reason != null && reason.endsWith(" failed")) {
                reason = reason + ": " + ErrorCause.parse(firstLine(line)).key();
            }
        }
    }

    /** The exception line of a stack trace: everything before its first "at" frame. */
    static String firstLine(String trace) {
        int at = trace.indexOf("\tat ");
        return (at >= 0 ? trace.substring(0, at) : trace).strip();
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
