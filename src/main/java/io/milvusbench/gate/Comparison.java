package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;

/**
 * One statistic of one series in a run and in its baseline.
 *
 * @param changePct (current - baseline) / |baseline| in percent
 * @param noise     the sum of both runs' noise half-widths (NaN when neither is known)
 */
public record Comparison(SeriesId series, String component, String statistic, String unit, double baseline,
                         double current, double changePct, double noise, Outcome outcome) {

    public enum Outcome {
        /** Worse by more than the allowed percentage and by more than the noise. */
        REGRESSION,
        /** Better by more than the allowed percentage and by more than the noise. */
        IMPROVEMENT,
        /** Past the percentage but inside the run-to-run noise: not flagged. */
        WITHIN_NOISE,
        /** Past both, for a statistic with no better direction (counts, unknown figures). */
        CHANGED,
        UNCHANGED;

        public String label() {
            return name().toLowerCase().replace('_', ' ');
        }
    }
}
