package io.milvusbench.bench;

import io.milvusbench.BadInputException;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The suite's JMH benchmarks, read from the {@code META-INF/BenchmarkList} that JMH's annotation
 * processor generates, selected by regular expressions the way JMH selects them (a match anywhere
 * in {@code package.Class.method}).
 */
public final class BenchCatalog {
    private static final String PACKAGE = "io.milvusbench.bench.";

    private BenchCatalog() {
    }

    /**
     * One benchmark method.
     *
     * @param name     {@code io.milvusbench.bench.latency.SearchBenchmark.search}
     * @param defaults its {@code @Param} fields and their annotated values, in declaration order
     */
    public record Entry(String name, Map<String, List<String>> defaults) {
        /** {@code SearchBenchmark.search}. */
        public String shortName() {
            String[] p = name.split("\\.");
            return p[p.length - 2] + "." + p[p.length - 1];
        }

        /** Everything but the CPU baselines talks to a Milvus. */
        public boolean needsMilvus() {
            return !name.startsWith(PACKAGE + "cpu.");
        }
    }

    public static List<Entry> all() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<Entry> out = new ArrayList<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(OutputFormatFactory.createFormatInstance(quiet, VerboseMode.SILENT),
                List.of(Pattern.quote(PACKAGE)), List.of())) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            if (e.getParams().hasValue()) {
                e.getParams().get().forEach((k, v) -> params.put(k, Arrays.asList(v)));
            }
            out.add(new Entry(e.getUsername(), params));
        }
        return out;
    }

    /** Benchmarks whose name matches any of {@code regexes} (all of them when none is given). */
    public static List<Entry> select(List<String> regexes) {
        List<Entry> all = all();
        if (regexes == null || regexes.isEmpty()) {
            return all;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String r : regexes) {
            try {
                patterns.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                throw new BadInputException("bad benchmark pattern '" + r + "': " + e.getDescription());
            }
        }
        List<Entry> out = all.stream().filter(e -> patterns.stream().anyMatch(p -> p.matcher(e.name()).find())).toList();
        if (out.isEmpty()) {
            throw new BadInputException("no benchmark matches " + regexes + " (benchmarks: "
                    + String.join(", ", all.stream().map(Entry::shortName).toList()) + ")");
        }
        return out;
    }
}
