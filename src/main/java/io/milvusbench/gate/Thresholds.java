package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A set of threshold rules (see docs/gate.md and benchmarks/thresholds.yaml) and their evaluation.
 * <pre>{@code
 * Thresholds t = Thresholds.load(Path.of("benchmarks/thresholds.yaml"));
 * List<RuleResult> verdicts = t.evaluate(Measurements.read(runDir));   // check: strict
 * List<RuleResult> live = t.evaluate(liveFigures, false);               // monitor alerts: lenient
 * }</pre>
 * Strict evaluation treats a rule whose selector matches no figure as bad input unless the rule is
 * {@code optional}; lenient evaluation reports it as {@link Status#NO_DATA}.
 */
public final class Thresholds {
    private final Path source;
    private final List<Rule> rules;

    private Thresholds(Path source, List<Rule> rules) {
        this.source = source;
        this.rules = List.copyOf(rules);
    }

    public static Thresholds load(Path file) {
        return new Thresholds(file, new ThresholdsParser(file).parse());
    }

    public static Thresholds of(List<Rule> rules) {
        return new Thresholds(null, rules);
    }

    /** The file the rules came from, or null when built in memory. */
    public Path source() {
        return source;
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<RuleResult> evaluate(Measurements m) {
        return evaluate(m, true);
    }

    public List<RuleResult> evaluate(Measurements m, boolean strict) {
        List<RuleResult> out = new ArrayList<>();
        for (Rule rule : rules) {
            out.add(evaluate(rule, m, strict));
        }
        return out;
    }

    private RuleResult evaluate(Rule rule, Measurements m, boolean strict) {
        if (strict && !Statistic.isKnown(rule.statistic()) && !m.has(rule.statistic())) {
            throw error(rule, "unknown statistic '" + rule.statistic() + "' (known: p50 p90 p95 p99 p99.9 pNN max min mean "
                    + "count, recall@K rows/s qps error_rate errors requests build_seconds flush_seconds memory_percent "
                    + "score, or any statistic of metrics.jsonl)");
        }
        List<MeasuredFigure> matched = m.judged(rule.statistic()).stream()
                .filter(o -> rule.selector().matches(o.series(), o.component()))
                .toList();
        if (matched.isEmpty()) {
            if (strict && !rule.optional()) {
                throw missing(rule, m);
            }
            return new RuleResult(rule, Status.NO_DATA, List.of());
        }
        List<RuleResult.Judged> judged = new ArrayList<>();
        Status status = Status.PASS;
        for (MeasuredFigure o : matched) {
            Status s = rule.bound().breachedBy(o.value(), rule.limit()) ? rule.level().status() : Status.PASS;
            judged.add(new RuleResult.Judged(o, s));
            status = status.worse(s);
        }
        return new RuleResult(rule, status, judged);
    }

    private static BadInputException missing(Rule rule, Measurements m) {
        Set<SeriesId> all = m.seriesIds();
        boolean seriesExists = all.stream().anyMatch(id -> rule.selector().matchesSeries(id));
        if (!seriesExists) {
            String present = all.stream().limit(8).map(SeriesId::toString).collect(Collectors.joining(", "));
            return error(rule, "unknown series: nothing in the run matches '" + rule.selector() + "' (run has: "
                    + (present.isEmpty() ? "none" : present) + (all.size() > 8 ? ", ..." : "")
                    + "); mark the rule 'optional: true' to allow this");
        }
        return error(rule, "no '" + rule.statistic() + "' figure for series matching '" + rule.selector()
                + "'; mark the rule 'optional: true' to allow this");
    }

    private static BadInputException error(Rule rule, String problem) {
        return new BadInputException("rule '" + rule.name() + "': " + problem);
    }
}
