package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.gate.DetectorEvaluation.Shift;
import io.milvusbench.gate.PairedTrials.Trial;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the interleaved comparison ({@code compare}) on real recordings. Two sources:
 * <ul>
 * <li>a long .hlog of one series, one interval per second, recorded on an unchanged server: cut into
 *     consecutive trial slots of the compare shape, given to A and B in ABBA order, exactly as a
 *     compare run lays them out in time; a window of {@code rounds} rounds is one replayed run, a new
 *     one every {@code step} seconds;</li>
 * <li>the trials of saved compare runs, in the order they ran: a window of {@code rounds}
 *     consecutive rounds is one replayed run, a new one every round.</li>
 * </ul>
 * Each window is judged unchanged (its alarms are false alarms when the recording is A/A, detections
 * when it is a real A/B) and with each shift injected into B's trials.
 */
public final class InterleavedEvaluation {
    private InterleavedEvaluation() {
    }

    /** A compare run's layout: rounds, trial length and its unmeasured start, in seconds. */
    public record Shape(int rounds, int trialSeconds, int warmupSeconds) {
        public Shape {
            if (rounds < PairedTrials.MIN_ROUNDS || rounds > SignedRank.MAX_N) {
                throw new BadInputException("--rounds must be between " + PairedTrials.MIN_ROUNDS + " and " + SignedRank.MAX_N + ", got " + rounds);
            }
            if (trialSeconds < 1 || warmupSeconds < 0 || warmupSeconds >= trialSeconds) {
                throw new BadInputException("a trial of " + trialSeconds + " s with " + warmupSeconds + " s warm-up measures nothing");
            }
        }

        public int seconds() {
            return 2 * rounds * trialSeconds;
        }

        public String describe() {
            return rounds + " rounds x 2 trials of " + trialSeconds + " s (" + warmupSeconds + " s warm-up)";
        }
    }

    /** What the replay gave: windows judged, alarms unchanged, alarms per injected shift. */
    public record Result(int windows, int alarms, Map<Shift, Integer> detected, long samplesPerTrial) {
    }

    /** Replays a continuous one-second recording (microseconds) as interleaved runs of {@code shape}. */
    public static Result replayRecording(List<Histogram> recording, Shape shape, List<Shift> shifts, double tolerancePct,
                                         double alpha, int step, int maxWindows) {
        if (recording.size() < shape.seconds()) {
            throw new BadInputException("the recording holds " + recording.size() + " intervals, too few for one interleaved run of "
                    + shape.describe() + " (" + shape.seconds() + " s)");
        }
        List<List<Trial>> windows = new ArrayList<>();
        for (int start = 0; start + shape.seconds() <= recording.size() && windows.size() < maxWindows; start += step) {
            windows.add(trialsAt(recording, start, shape));
        }
        return judge(windows, shifts, tolerancePct, alpha);
    }

    /** The trials of one interleaved run laid over the recording from second {@code start} (ABBA order). */
    static List<Trial> trialsAt(List<Histogram> recording, int start, Shape shape) {
        boolean[] bFirst = PairedTrials.order(shape.rounds(), false, 0);
        List<Trial> trials = new ArrayList<>();
        int measured = shape.trialSeconds() - shape.warmupSeconds();
        for (int r = 0; r < shape.rounds(); r++) {
            for (int slot = 0; slot < 2; slot++) {
                int from = start + (2 * r + slot) * shape.trialSeconds() + shape.warmupSeconds();
                Histogram h = new Histogram(3);
                h.setAutoResize(true);
                for (int s = from; s < from + measured; s++) {
                    h.add(recording.get(s));
                }
                boolean isB = bFirst[r] == (slot == 0);
                trials.add(Trial.of(isB ? "B" : "A", r, slot, h, h.getTotalCount() / (double) measured, 0));
            }
        }
        return trials;
    }

    /** Replays saved compare trials (several runs in the order they ran): every window of {@code rounds} consecutive rounds. */
    public static Result replayTrials(List<List<Trial>> runs, int rounds, List<Shift> shifts, double tolerancePct, double alpha,
                                      int maxWindows) {
        List<Trial[]> all = new ArrayList<>();
        runs.forEach(run -> all.addAll(PairedTrials.rounds(run)));
        if (all.size() < rounds) {
            throw new BadInputException("the runs hold " + all.size() + " complete rounds, fewer than one window of " + rounds);
        }
        List<List<Trial>> windows = new ArrayList<>();
        for (int start = 0; start + rounds <= all.size() && windows.size() < maxWindows; start++) {
            List<Trial> w = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Trial[] pair = all.get(start + r);
                w.add(renumber(pair[0], r));
                w.add(renumber(pair[1], r));
            }
            windows.add(w);
        }
        return judge(windows, shifts, tolerancePct, alpha);
    }

    private static Trial renumber(Trial t, int round) {
        return new Trial(t.variant(), round, t.order(), t.count(), t.p50(), t.p95(), t.p99(), t.qps(), t.errors());
    }

    static Result judge(List<List<Trial>> windows, List<Shift> shifts, double tolerancePct, double alpha) {
        int alarms = 0;
        Map<Shift, Integer> detected = new LinkedHashMap<>();
        shifts.forEach(s -> detected.put(s, 0));
        long samples = 0;
        long trials = 0;
        for (List<Trial> w : windows) {
            for (Trial t : w) {
                samples += t.count();
                trials++;
            }
            List<PairedTrials.Figure> plain = PairedTrials.judge(w, tolerancePct, alpha);
            if (PairedTrials.regressed(plain)) {
                alarms++;
                if (DetectorEvaluation.falseAlarmLog != null) {
                    plain.stream().filter(f -> f.outcome() == Comparison.Outcome.REGRESSION)
                            .forEach(f -> DetectorEvaluation.falseAlarmLog.accept("window " + windows.indexOf(w) + ": " + f.describe()));
                }
            }
            for (Shift s : shifts) {
                List<Trial> shifted = w.stream().map(t -> t.variant().equals("B") ? t.shifted(s.statistic(), s.fraction()) : t).toList();
                if (PairedTrials.regressed(PairedTrials.judge(shifted, tolerancePct, alpha))) {
                    detected.merge(s, 1, Integer::sum);
                }
            }
        }
        return new Result(windows.size(), alarms, detected, trials == 0 ? 0 : samples / trials);
    }
}
