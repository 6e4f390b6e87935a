package io.milvusbench.gate;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of one rule: its status (the worst of its series) and every judged figure.
 * A rule with no matching figure has status {@link Status#NO_DATA} and no judged figures.
 */
public record RuleResult(Rule rule, Status status, List<Judged> judged) {

    public record Judged(MeasuredFigure observation, Status status) {
    }

    public RuleResult {
        judged = List.copyOf(judged);
    }

    /** The figure closest to breaching (or furthest past the bound). */
    public Optional<Judged> worst() {
        Comparator<Judged> byValue = Comparator.comparingDouble(j -> j.observation().value());
        if (rule.bound() == Rule.Bound.MIN) {
            byValue = byValue.reversed();
        }
        return judged.stream().max(Comparator.comparing((Judged j) -> j.status()).thenComparing(byValue));
    }

    /** One line for a CI log or a JUnit failure message. */
    public String message() {
        if (status == Status.NO_DATA) {
            return "no data: no series matches " + rule.selector() + " with statistic " + rule.statistic();
        }
        Judged w = worst().orElseThrow();
        MeasuredFigure o = w.observation();
        String verb = status == Status.PASS ? "within" : "breaches";
        long breaches = judged.stream().filter(j -> j.status() != Status.PASS).count();
        String more = breaches > 1 ? " (" + breaches + " of " + judged.size() + " series breach)" : "";
        return rule.statistic() + " of " + o.series() + componentText(o) + " = " + Figures.distinct(o.value(), rule.limit())
                + (o.unit() == null || o.unit().isEmpty() || "ratio".equals(o.unit()) ? "" : " " + o.unit())
                + ", " + verb + " " + rule.boundText() + more;
    }

    private static String componentText(MeasuredFigure o) {
        return Measurements.CLIENT.equals(o.component()) ? "" : " @" + o.component();
    }
}
