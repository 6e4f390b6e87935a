package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.gate.ChangePoints;
import io.milvusbench.gate.NoiseProfile;
import io.milvusbench.gate.DetectorEvaluation;
import io.milvusbench.gate.DetectorEvaluation.Result;
import io.milvusbench.gate.DetectorEvaluation.Shape;
import io.milvusbench.gate.DetectorEvaluation.Shift;
import io.milvusbench.gate.Figures;
import io.milvusbench.gate.GatePolicy;
import io.milvusbench.gate.HlogFiles;
import io.milvusbench.gate.LogUnits;
import io.milvusbench.gate.Rule;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Measures the gate's baseline comparison on a real recording: false alarms on A/A pairs, detection of injected shifts. */
@Command(name = "gate-eval", mixinStandardHelpOptions = true,
        description = {"Measure the regression gate on a real latency recording: cut a long .hlog (one interval per second) "
                + "into runs of the lengths CI uses, compare pairs of runs unchanged (A/A: false alarms) and with +5/+10/+20%% "
                + "shifts of p50 and p99 injected (A/B: detections), with the same statistics and defaults as 'check'.",
                "--interleaved: the same for compare's interleaved A/B trials, on a recording or on saved compare runs.",
                "Prints a Markdown table; exit 0, or 2 on bad input."},
        footer = {"", "Examples:",
                "  milvus-bench gate-eval src/test/resources/gate-eval/openloop-300.hlog",
                "  milvus-bench gate-eval rec.hlog --history 5          (each run against the 5 runs before it)",
                "  milvus-bench gate-eval results/<load-run>/hlog/closedloop_concurrency=1_mix=search_.hlog --shape quick,default",
                "  milvus-bench gate-eval rec.hlog --regression-pct 3 --alpha 0.01 --pairs 2000",
                "  milvus-bench gate-eval --interleaved src/test/resources/gate-eval/openloop-300.hlog   (compare's trials laid over it)",
                "  milvus-bench gate-eval --interleaved results/*-compare/ --rounds 30                    (saved compare runs)",
                "", "See docs/gate.md, 'How well the gate detects a regression' and 'Interleaved comparison'."})
final class GateEvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LOG", arity = "1..*", description = {"A long .hlog recording, one interval per second;",
            "with --interleaved also one or more compare run folders (their trials.json, in the order given)."})
    List<Path> inputs;

    Path log;

    @Spec
    CommandSpec spec;

    @Option(names = "--interleaved", description = "Evaluate the interleaved comparison (compare) instead of check's baseline comparison.")
    boolean interleaved;

    @Option(names = "--rounds", paramLabel = "N", description = "--interleaved: rounds per replayed run. Default: compare's, ${DEFAULT-VALUE}.")
    int rounds = CompareCommand.DEFAULT_ROUNDS;

    @Option(names = "--trial", paramLabel = "SECONDS", description = "--interleaved, .hlog: seconds per trial. Default: compare's, ${DEFAULT-VALUE}.")
    int trialSeconds = (int) CompareCommand.DEFAULT_TRIAL_S;

    @Option(names = "--trial-warmup", paramLabel = "SECONDS", description = "--interleaved, .hlog: unmeasured seconds per trial. Default: compare's, ${DEFAULT-VALUE}.")
    int trialWarmup = (int) CompareCommand.DEFAULT_TRIAL_WARMUP_S;

    @Option(names = "--series", paramLabel = "TAG", description = "Series (tag) of the log to replay. Default: the one with the most intervals.")
    String series;

    @Option(names = "--shape", paramLabel = "SHAPE", split = ",", defaultValue = "quick,open60,default",
            description = "Run shapes: quick (2 x 1 s), open60 (60 x 1 s), default (5 x 10 s), or ITERATIONSxSECONDS. Default: ${DEFAULT-VALUE}.")
    List<String> shapes;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "1000",
            description = "Most run pairs compared per shape (drawn at random from every pair when there are more). Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the pair draw (--pairing all). Default: ${DEFAULT-VALUE}.")
    long seed;

    enum Pairing { back_to_back, all }

    @Option(names = "--pairing", paramLabel = "HOW", defaultValue = "back_to_back",
            description = {"back_to_back: a run and the run right after it, as CI compares a build with the one before it "
                    + "(a new pair every --step seconds); all: any two disjoint runs of the recording, far apart in time too. "
                    + "Default: ${DEFAULT-VALUE}."})
    Pairing pairing;

    @Option(names = "--history", paramLabel = "K", defaultValue = "1",
            description = "back_to_back: baselines per pair, the K runs right before the current one (1: a single baseline). Default: ${DEFAULT-VALUE}.")
    int history;

    @Option(names = "--step", paramLabel = "SECONDS", defaultValue = "5",
            description = "back_to_back: seconds between the starts of consecutive pairs. Default: ${DEFAULT-VALUE}.")
    int step;

    @Option(names = "--regression-pct", paramLabel = "N", description = "As for check (and compare). Default: 5.")
    Double regressionPctOption;

    @Option(names = "--alpha", paramLabel = "P", description = "As for check: default 0.001; --interleaved: as for compare, default "
            + CompareCommand.DEFAULT_ALPHA + ".")
    Double alphaOption;

    double regressionPct;
    double alpha;

    @Option(names = "--unit", paramLabel = "UNIT", description = "Unit of the log's values (ns, us, ms, s). Default: what the log says, else us.")
    String unit;

    @Option(names = "--noise-profile", paramLabel = "FILE|floor|none", defaultValue = "floor",
            description = {"One baseline only: the run-to-run band a significant change must pass to count, as check uses it: "
                    + "a profile file, 'floor' (the conservative floor check uses when no profile is found) or 'none' "
                    + "(every significant change past the tolerance counts). Default: ${DEFAULT-VALUE}."})
    String noiseProfile;

    @Option(names = "--write-noise-profile", paramLabel = "FILE",
            description = {"Measure this machine's run-to-run band on the recording instead (every back-to-back pair of unchanged "
                    + "runs of --profile-shapes, a new pair every --step seconds) and write it as JSON for 'check --noise-profile' "
                    + "(or as noise-profile.json beside a baseline). An existing file is never overwritten."})
    Path writeNoiseProfile;

    @Option(names = "--profile-shapes", paramLabel = "SHAPE", split = ",", defaultValue = "35x1,60x1",
            description = "Run shapes the noise profile is measured on. Default: ${DEFAULT-VALUE} (35 s and 60 s load phases).")
    List<String> profileShapes;

    @Option(names = "--change-points", paramLabel = "RUNS",
            description = {"Measure change-point detection over histories instead: histories of RUNS consecutive runs of each "
                    + "--shape (a new history every --step seconds), unchanged (any change point is false) and with a +10 % p50 "
                    + "step from run RUNS/2 on (found when named at that run, ±1). As check --baseline DIR does it."})
    Integer changePoints;

    @Option(names = "--show-false-alarms", description = "Print every A/A false alarm (statistic, change, margin, p) on stderr.")
    boolean showFalseAlarms;

    @Override
    public Integer call() {
        DetectorEvaluation.falseAlarmLog = showFalseAlarms ? m -> System.err.println("  false alarm: " + m) : null;
        regressionPct = regressionPctOption != null ? regressionPctOption : interleaved ? CompareCommand.DEFAULT_REGRESSION_PCT : 5;
        alpha = alphaOption != null ? alphaOption : interleaved ? CompareCommand.DEFAULT_ALPHA : 0.001;
        io.milvusbench.Inputs.onlyWhen(spec, !interleaved, "without --interleaved", "--shape", "--pairing", "--history", "--seed", "--series", "--unit");
        io.milvusbench.Inputs.onlyWhen(spec, interleaved, "with --interleaved", "--rounds", "--trial", "--trial-warmup");
        if (interleaved) {
            return interleaved();
        }
        if (inputs.size() != 1) {
            throw new BadInputException("gate-eval takes one .hlog recording (several inputs only with --interleaved), got " + inputs.size());
        }
        log = inputs.get(0);
        if (history < 1 || history > 100) {
            throw new BadInputException("--history must be between 1 and 100, got " + history);
        }
        if (step < 1 || step > 86_400) {
            throw new BadInputException("--step must be between 1 and 86400 seconds, got " + step);
        }
        if (pairs < 1 || pairs > 1_000_000) {
            throw new BadInputException("--pairs must be between 1 and 1000000, got " + pairs);
        }
        if (!(regressionPct >= 0) || Double.isInfinite(regressionPct)) {
            throw new BadInputException("--regression-pct must be a number >= 0, got " + regressionPct);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new BadInputException("--alpha must be between 0 and 1 (exclusive), got " + alpha);
        }
        List<Shape> parsed = shapes.stream().map(Shape::parse).toList();
        LogUnits units = unit == null ? LogUnits.fromLogs() : LogUnits.parse(List.of(unit));
        HlogFiles.FileRead read = HlogFiles.read(log, units);
        Map<SeriesId, List<Histogram>> all = read.series();
        List<Histogram> recording;
        SeriesId chosen;
        if (series != null) {
            chosen = SeriesId.parse(series);
            recording = all.get(chosen);
            if (recording == null) {
                throw new BadInputException("log " + log + " has no series " + series + " (it has: "
                        + String.join(", ", all.keySet().stream().map(SeriesId::toString).toList()) + ")");
            }
        } else {
            Map.Entry<SeriesId, List<Histogram>> most = all.entrySet().stream()
                    .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size())).orElseThrow();
            chosen = most.getKey();
            recording = most.getValue();
        }
        recording = recording.stream().map(h -> HlogFiles.convert(h, read.log().unit(), io.milvusbench.gate.LogUnit.MICROSECONDS)).toList();
        if (recording.stream().allMatch(h -> h.getTotalCount() == 0)) {
            throw new BadInputException("log " + log + " series " + chosen + " holds no sample: nothing to replay");
        }
        for (Shape shape : parsed) {
            int needed = shape.seconds() * (pairing == Pairing.all ? 2 : 1 + history);
            if (recording.size() < needed) {
                throw new BadInputException("log " + log + " holds " + recording.size() + " intervals, too few for shape "
                        + shape.name() + " (" + needed + " intervals needed)");
            }
        }
        if (writeNoiseProfile != null) {
            return writeProfile(recording);
        }
        if (changePoints != null) {
            return changePoints(parsed, recording, chosen);
        }
        NoiseProfile noise = switch (noiseProfile) {
            case "floor" -> NoiseProfile.FLOOR;
            case "none" -> NoiseProfile.NONE;
            default -> NoiseProfile.read(Path.of(noiseProfile));
        };
        GatePolicy policy = new GatePolicy(Rule.Level.CRITICAL, false, regressionPct, alpha, Rule.Level.CRITICAL);
        System.out.println("gate-eval: " + log + ", series " + chosen + ", " + recording.size() + " intervals ("
                + read.log().unit().symbol() + ", " + read.log().unitSource() + "); tolerance " + Figures.format(regressionPct)
                + " %, alpha " + Figures.format(alpha) + (pairing == Pairing.all ? "; any two disjoint runs"
                : history == 1 ? "; back-to-back runs" : "; each run against the " + history + " runs before it")
                + (history == 1 ? "; run-to-run band: " + noise.describe() : ""));
        System.out.println();
        List<String> header = new ArrayList<>(List.of("run shape", "disjoint runs", "samples/run", "pairs", "A/A false alarms"));
        DetectorEvaluation.SHIFTS.forEach(s -> header.add(s.label()));
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.size()));
        for (Shape shape : parsed) {
            System.err.println("gate-eval: " + shape.description() + " ...");
            Result r = DetectorEvaluation.evaluate(recording, shape, DetectorEvaluation.SHIFTS, policy, pairs, seed,
                    pairing == Pairing.all ? 0 : step, history, noise);
            List<String> row = new ArrayList<>(List.of(shape.name() + " (" + shape.description() + ")",
                    String.valueOf(r.runs()), String.valueOf(r.samplesPerRun()), String.valueOf(r.pairs()),
                    rate(r.falseAlarms(), r.pairs())));
            for (Shift s : DetectorEvaluation.SHIFTS) {
                row.add(rate(r.detected().get(s), r.pairs()));
            }
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.out.println();
        System.out.println("Rates with their 95 % Wilson interval. " + (pairing == Pairing.all
                ? "Pairs are drawn from every pair of disjoint runs of the recording."
                : "Pairs are back-to-back runs, a new pair every " + step + " s (overlapping pairs are not independent)."));
        return 0;
    }

    /** The interleaved comparison replayed on a recording or on saved compare runs. */
    private int interleaved() {
        if (step < 1 || step > 86_400) {
            throw new BadInputException("--step must be between 1 and 86400 seconds, got " + step);
        }
        if (pairs < 1 || pairs > 1_000_000) {
            throw new BadInputException("--pairs must be between 1 and 1000000, got " + pairs);
        }
        if (!(regressionPct >= 0) || Double.isInfinite(regressionPct)) {
            throw new BadInputException("--regression-pct must be a number >= 0, got " + regressionPct);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new BadInputException("--alpha must be between 0 and 1 (exclusive), got " + alpha);
        }
        boolean folders = inputs.stream().allMatch(java.nio.file.Files::isDirectory);
        boolean oneLog = inputs.size() == 1 && java.nio.file.Files.isRegularFile(inputs.get(0));
        if (!folders && !oneLog) {
            throw new BadInputException("--interleaved takes one .hlog recording or compare run folders, got " + inputs);
        }
        io.milvusbench.gate.InterleavedEvaluation.Result r;
        String source;
        String shape;
        if (oneLog) {
            io.milvusbench.gate.InterleavedEvaluation.Shape s = new io.milvusbench.gate.InterleavedEvaluation.Shape(rounds, trialSeconds, trialWarmup);
            HlogFiles.FileRead read = HlogFiles.read(inputs.get(0), LogUnits.fromLogs());
            Map.Entry<SeriesId, List<Histogram>> most = read.series().entrySet().stream()
                    .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size())).orElseThrow();
            List<Histogram> recording = most.getValue().stream()
                    .map(h -> HlogFiles.convert(h, read.log().unit(), io.milvusbench.gate.LogUnit.MICROSECONDS)).toList();
            source = inputs.get(0) + ", series " + most.getKey() + ", " + recording.size() + " intervals, A and B in ABBA order";
            shape = s.describe() + ", a new run every " + step + " s";
            r = io.milvusbench.gate.InterleavedEvaluation.replayRecording(recording, s, DetectorEvaluation.SHIFTS, regressionPct, alpha, step, pairs);
        } else {
            List<List<io.milvusbench.gate.PairedTrials.Trial>> runs = inputs.stream().map(io.milvusbench.gate.TrialsFile::read).toList();
            source = inputs.size() + " compare run folder(s), " + runs.stream().mapToInt(t -> io.milvusbench.gate.PairedTrials.rounds(t).size()).sum()
                    + " rounds";
            shape = rounds + " consecutive rounds, a new window every round";
            r = io.milvusbench.gate.InterleavedEvaluation.replayTrials(runs, rounds, DetectorEvaluation.SHIFTS, regressionPct, alpha, pairs);
        }
        System.out.println("gate-eval --interleaved: " + source + "; tolerance " + Figures.format(regressionPct) + " %, alpha "
                + Figures.format(alpha));
        System.out.println();
        List<String> header = new ArrayList<>(List.of("replayed run", "runs", "samples/trial", "alarms unchanged"));
        DetectorEvaluation.SHIFTS.forEach(x -> header.add(x.label()));
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.size()));
        List<String> row = new ArrayList<>(List.of(shape, String.valueOf(r.windows()), String.valueOf(r.samplesPerTrial()),
                rate(r.alarms(), r.windows())));
        for (Shift x : DetectorEvaluation.SHIFTS) {
            row.add(rate(r.detected().get(x), r.windows()));
        }
        System.out.println("| " + String.join(" | ", row) + " |");
        System.out.println();
        System.out.println("Rates with their 95 % Wilson interval. Alarms of an unchanged (A/A) recording are false alarms; of a real A/B "
                + "recording, detections. Shifts are injected into B's trials. Overlapping windows are not independent.");
        return 0;
    }

    private int writeProfile(List<Histogram> recording) {
        if (Files.exists(writeNoiseProfile)) {
            throw new BadInputException("--write-noise-profile " + writeNoiseProfile + " already exists: it is never overwritten");
        }
        Path parent = writeNoiseProfile.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException("--write-noise-profile " + writeNoiseProfile + ": folder " + parent + " does not exist");
        }
        List<Shape> shapes = profileShapes.stream().map(Shape::parse).toList();
        NoiseProfile p = DetectorEvaluation.measureNoise(recording, shapes, step, "recording " + log);
        byte[] json = p.toJson(log.toString(), String.join(",", profileShapes), step);
        try {
            Files.write(writeNoiseProfile, json, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new BadInputException("cannot write noise profile " + writeNoiseProfile + ": " + e.getMessage());
        }
        System.out.print(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        System.out.println();
        System.out.println("noise profile: " + writeNoiseProfile + " (" + p.describe() + ")");
        return 0;
    }

    private int changePoints(List<Shape> parsed, List<Histogram> recording, SeriesId chosen) {
        if (changePoints < 4 || changePoints > 1000) {
            throw new BadInputException("--change-points must be between 4 and 1000 runs, got " + changePoints);
        }
        Shift stepShift = new Shift("p50", 0.10);
        System.out.println("gate-eval change points: " + log + ", series " + chosen + ", " + recording.size()
                + " intervals; histories of " + changePoints + " runs, a new history every " + step + " s; p < "
                + Figures.format(ChangePoints.DEFAULT_P));
        System.out.println();
        System.out.println("| run shape | runs per history | histories | unchanged: any false change point | "
                + stepShift.label() + " step named at run " + (changePoints / 2 + 1) + " (±1) | step found anywhere |");
        System.out.println("|---|---:|---:|---|---|---|");
        for (Shape shape : parsed) {
            DetectorEvaluation.ChangePointResult r = DetectorEvaluation.changePoints(recording, shape, changePoints, step, stepShift,
                    ChangePoints.DEFAULT_P);
            System.out.println("| " + shape.name() + " (" + shape.description() + ") | " + r.runs() + " | " + r.histories() + " | "
                    + rate(r.falseHistories(), r.histories()) + " | " + rate(r.stepped(), r.histories()) + " | "
                    + rate(r.steppedAny(), r.histories()) + " |");
        }
        System.out.println();
        System.out.println("Rates with their 95 % Wilson interval; overlapping histories are not independent.");
        return 0;
    }

    private static String rate(int hits, int n) {
        double[] ci = DetectorEvaluation.wilson(hits, n);
        return String.format(Locale.ROOT, "%.1f %% (%d; %.1f–%.1f)", 100.0 * hits / n, hits, 100 * ci[0], 100 * ci[1]);
    }
}
