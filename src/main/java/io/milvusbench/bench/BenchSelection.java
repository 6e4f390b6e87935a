package io.milvusbench.bench;

import io.milvusbench.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmarks chosen for a run and the values of their {@code @Param}s: values given for a
 * parameter (from {@code -p}, {@code --rows} or {@code --quick}) apply to every chosen benchmark
 * that has it, as with JMH; the others keep their annotated defaults. Every given parameter must
 * belong to at least one chosen benchmark.
 */
public final class BenchSelection {
    private final List<BenchCatalog.Entry> benchmarks;
    private final Map<String, List<String>> given;

    public BenchSelection(List<BenchCatalog.Entry> benchmarks, Map<String, List<String>> given) {
        this.benchmarks = List.copyOf(benchmarks);
        this.given = new LinkedHashMap<>(given);
        for (String key : this.given.keySet()) {
            if (benchmarks.stream().noneMatch(b -> b.defaults().containsKey(key))) {
                throw new BadInputException("unknown parameter '" + key + "' for " + names() + " (they take: "
                        + String.join(", ", allParams()) + ")");
            }
            if (this.given.get(key).isEmpty() || this.given.get(key).stream().anyMatch(String::isBlank)) {
                throw new BadInputException("parameter '" + key + "' has an empty value");
            }
        }
    }

    public List<BenchCatalog.Entry> benchmarks() {
        return benchmarks;
    }

    /** Parameters given explicitly, with their values. */
    public Map<String, List<String>> given() {
        return given;
    }

    public boolean selected(String simpleClassName) {
        return benchmarks.stream().anyMatch(b -> b.name().contains("." + simpleClassName + "."));
    }

    public boolean anyNeedsMilvus() {
        return benchmarks.stream().anyMatch(BenchCatalog.Entry::needsMilvus);
    }

    /** Every value parameter {@code key} takes in this run, over every chosen benchmark that has it. */
    public List<String> values(String key) {
        if (given.containsKey(key)) {
            return given.get(key);
        }
        Set<String> out = new LinkedHashSet<>();
        for (BenchCatalog.Entry b : benchmarks) {
            List<String> d = b.defaults().get(key);
            if (d != null) {
                out.addAll(d);
            }
        }
        return new ArrayList<>(out);
    }

    /** The values of {@code key} for benchmark class {@code simpleClassName} (given or default). */
    public List<String> values(String simpleClassName, String key) {
        if (given.containsKey(key)) {
            return given.get(key);
        }
        for (BenchCatalog.Entry b : benchmarks) {
            if (b.name().contains("." + simpleClassName + ".") && b.defaults().containsKey(key)) {
                return b.defaults().get(key);
            }
        }
        return List.of();
    }

    /** A copy with {@code key} set to {@code values} (which must not be empty). */
    public BenchSelection with(String key, List<String> values) {
        Map<String, List<String>> g = new LinkedHashMap<>(given);
        g.put(key, List.copyOf(values));
        return new BenchSelection(benchmarks, g);
    }

    /** A copy without the benchmarks of class {@code simpleClassName}, and without parameters only they had. */
    public BenchSelection without(String simpleClassName) {
        List<BenchCatalog.Entry> kept = benchmarks.stream().filter(b -> !b.name().contains("." + simpleClassName + ".")).toList();
        Map<String, List<String>> g = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (kept.stream().anyMatch(b -> b.defaults().containsKey(k))) {
                g.put(k, v);
            }
        });
        return new BenchSelection(kept, g);
    }

    public List<String> names() {
        return benchmarks.stream().map(BenchCatalog.Entry::shortName).toList();
    }

    private Set<String> allParams() {
        Set<String> out = new LinkedHashSet<>();
        benchmarks.forEach(b -> out.addAll(b.defaults().keySet()));
        return out;
    }
}
