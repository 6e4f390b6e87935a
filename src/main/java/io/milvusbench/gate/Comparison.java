package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;

/**
 * One statistic of one series in a run and in its baseline (one run, or the mean of several).
 *
 * @param changePct (current - baseline) / |baseline| in percent
 * @param margin    half-width of the change's confidence interval at the gate's level (1 - alpha),
 *                  in the figure's unit; NaN when the figure was not compared
 * @param pValue    two-sided p-value of "no change" (Welch's t on the two figures' standard errors;
 *                  with several baselines, the baseline runs' own spread); NaN when not compared
 * @param basis     where the uncertainty came from, e.g. "batch means of 30 blocks / order statistics of 9000 samples"
 * @param baselines how many baseline runs had this figure
 * @param note      why the figure was not compared, or why it is inconclusive; else empty
 */
public record Comparison(SeriesId series, String component, String statistic, String unit, double baseline,
                         double current, double changePct, double margin, double pValue, String basis,
                         int baselines, Outcome outcome, String note) {

    public enum Outcome {
        /** Worse by more than the tolerance, and significant at the gate's alpha. */
        REGRESSION,
        /** Better by more than the tolerance, and significant. */
        IMPROVEMENT,
        /** Past the tolerance but not significant: inside what the runs' own variation explains. */
        WITHIN_NOISE,
        /** Past both, for a statistic with no better direction (counts, resource use, unknown figures). */
        CHANGED,
        /**
         * Against one baseline: significant and past the tolerance, but no larger than the machine's own
         * run-to-run spread ({@link NoiseProfile}); one baseline cannot tell it from drift. Passes the gate.
         */
        INCONCLUSIVE,
        /** Inside the tolerance. */
        UNCHANGED,
        /** No uncertainty can be given (a maximum, a percentile beyond the samples, a single figure). */
        NOT_COMPARED;

        public String label() {
            if (this == INCONCLUSIVE) {
                return "inconclusive against one baseline";
            }
            return name().toLowerCase().replace('_', ' ');
        }
    }

    /** The margin in percent of the baseline. */
    public double marginPct() {
        return baseline == 0 ? Double.NaN : 100.0 * margin / Math.abs(baseline);
    }
}
