package io.milvusbench.gate;

/**
 * What fails the gate: a run's own failures always; critical breaches always; warnings with
 * {@code failOn == WARNING}; rules without data with {@code failOnMissing}; baseline regressions at
 * {@code regressionLevel}.
 *
 * @param regressionPct smallest change against the baseline, in percent, that can count as a regression (the tolerance)
 * @param alpha         significance level of the baseline test: a change must also have a p-value below it
 */
public record GatePolicy(Rule.Level failOn, boolean failOnMissing, double regressionPct, double alpha,
                         Rule.Level regressionLevel) {
    public static final double DEFAULT_REGRESSION_PCT = 5.0;
    public static final double DEFAULT_ALPHA = 0.001;

    public GatePolicy(Rule.Level failOn, boolean failOnMissing, double regressionPct, Rule.Level regressionLevel) {
        this(failOn, failOnMissing, regressionPct, DEFAULT_ALPHA, regressionLevel);
    }

    public static GatePolicy defaults() {
        return new GatePolicy(Rule.Level.CRITICAL, false, DEFAULT_REGRESSION_PCT, DEFAULT_ALPHA, Rule.Level.CRITICAL);
    }

    public boolean fails(Status status) {
        return switch (status) {
            case CRITICAL -> true;
            case WARNING -> failOn == Rule.Level.WARNING;
            case NO_DATA -> failOnMissing;
            case PASS -> false;
        };
    }

    /** The status a flagged regression counts as. */
    public Status regressionStatus() {
        return regressionLevel.status();
    }
}
