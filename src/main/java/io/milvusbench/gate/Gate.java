package io.milvusbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusbench.BadInputException;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.SeriesId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a run folder (plus folders to merge and baselines), collects the run's own failures,
 * applies the thresholds and compares with the baseline. Every problem with the inputs surfaces
 * here, before any output is written. Folders are told apart by their real path, so a symbolic
 * link to the run is still the run. The shards of one sharded load run ({@code load --shard i/N})
 * are merged as one run ({@link ShardMerge}); other merged folders simply add their figures.
 */
public final class Gate {
    private Gate() {
    }

    public static GateResult run(Path runDir, Path thresholds, Path baseline, List<Path> merge, GatePolicy policy) {
        return run(runDir, thresholds, baseline == null ? List.of() : List.of(baseline), merge, policy, LogUnits.fromLogs());
    }

    /**
     * @param thresholds the rules file, or null to apply no rules
     * @param baselines  baseline run folders, or folders of run folders (a history); empty for none
     * @param merge      more run folders whose figures join the run's (e.g. other load generator hosts)
     * @param units      how each .hlog's value unit is found
     */
    public static GateResult run(Path runDir, Path thresholds, List<Path> baselines, List<Path> merge, GatePolicy policy,
                                 LogUnits units) {
        return run(runDir, thresholds, baselines, merge, policy, units, null);
    }

    /**
     * @param noiseProfile the machine's run-to-run band for a one-baseline comparison; null: the
     *                     {@code noise-profile.json} beside the baseline, else {@link NoiseProfile#FLOOR}
     */
    public static GateResult run(Path runDir, Path thresholds, List<Path> baselines, List<Path> merge, GatePolicy policy,
                                 LogUnits units, Path noiseProfile) {
        NoiseProfile given = noiseProfile == null ? null : NoiseProfile.read(noiseProfile);
        if (!(policy.regressionPct() >= 0) || Double.isInfinite(policy.regressionPct())) {
            throw new BadInputException("regression percentage must be a number >= 0, got " + policy.regressionPct());
        }
        if (!(policy.alpha() > 0 && policy.alpha() < 1)) {
            throw new BadInputException("alpha must be a number between 0 and 1 (exclusive), got " + policy.alpha());
        }
        Thresholds rules = thresholds == null ? null : Thresholds.load(thresholds);
        Map<Path, String> seen = new HashMap<>();
        claim(seen, runDir, "the run folder");
        Measurements m = RunReader.read(runDir, "run folder", units);
        JsonNode info = RunReader.runInfo(runDir);
        List<String> failures = new ArrayList<>(RunReader.failures(runDir, info));
        List<Path> dirs = new ArrayList<>(List.of(runDir));
        List<JsonNode> infos = new ArrayList<>(List.of(info));
        List<Measurements> figures = new ArrayList<>(List.of(m));
        for (Path other : merge) {
            claim(seen, other, "merge folder " + other);
            Measurements more = RunReader.read(other, "merge folder", units);
            JsonNode otherInfo = RunReader.runInfo(other);
            m = m.plus(more);
            dirs.add(other);
            infos.add(otherInfo);
            figures.add(more);
            RunReader.failures(other, otherInfo).forEach(f -> failures.add("[" + other.getFileName() + "] " + f));
        }
        List<ShardMerge.Shard> shards = ShardMerge.of(dirs, infos);
        if (!shards.isEmpty()) {
            List<Measurements> inShardOrder = shards.stream().map(s -> figures.get(dirs.indexOf(s.dir()))).toList();
            m = ShardMerge.merge(shards, inShardOrder);
            info = ShardMerge.label(shards);
        }
        for (SeriesId empty : m.emptySeries()) {
            failures.add(empty + ": no sample recorded");
        }
        List<Path> history = new ArrayList<>();
        List<Measurements> bases = new ArrayList<>();
        for (Path b : baselines) {
            List<Path> runs = expand(b);
            boolean folderOfRuns = runs.size() != 1 || !runs.get(0).equals(b);
            int before = history.size();
            for (Path run : runs) {
                if (folderOfRuns && seen.containsKey(realPath(run))) {
                    continue;   // the run itself, or a merged folder, inside the history folder
                }
                claim(seen, run, "baseline " + run);
                Measurements base = RunReader.read(run, "baseline", units);
                List<String> baseFailures = RunReader.failures(run, RunReader.runInfo(run));
                if (!baseFailures.isEmpty()) {
                    if (folderOfRuns) {
                        System.err.println("milvus-bench: baseline " + run + " skipped: it recorded " + baseFailures.size()
                                + " failure(s)");
                        continue;
                    }
                    throw new BadInputException("baseline " + run + " recorded " + baseFailures.size() + " failure(s) ("
                            + baseFailures.get(0) + "): a failed run is no baseline");
                }
                if (!BaselineComparison.overlap(m, base)) {
                    if (folderOfRuns) {
                        continue;   // another kind of run in the same history folder
                    }
                    throw new BadInputException("baseline " + run + " has no series in common with " + runDir);
                }
                history.add(run);
                bases.add(base);
            }
            if (history.size() == before) {
                throw new BadInputException("baseline folder " + b + " holds no finished run sharing a series with " + runDir);
            }
        }
        if (!units.unmatched().isEmpty()) {
            throw new BadInputException("--unit " + String.join(", ", units.unmatched()) + ": no .hlog of the run, merged folders "
                    + "or baselines matches");
        }
        NoiseProfile noise = null;
        List<History.Series> series = List.of();
        if (bases.size() == 1) {
            Path beside = NoiseProfile.besideBaseline(history.get(0));
            noise = given != null ? given : beside != null ? NoiseProfile.read(beside) : NoiseProfile.FLOOR;
        } else if (bases.size() > 1) {
            List<Measurements> runs = new ArrayList<>(bases);
            runs.add(m);
            List<String> labels = new ArrayList<>(history.stream().map(p -> p.getFileName().toString()).toList());
            labels.add(runDir.toAbsolutePath().normalize().getFileName() + " (this run)");
            series = History.of(runs, labels, ChangePoints.DEFAULT_P);
        }
        List<Comparison> comparisons = bases.isEmpty() ? List.of()
                : BaselineComparison.compare(m, bases, policy.regressionPct(), policy.alpha(),
                noise == null ? NoiseProfile.NONE : noise);
        List<RuleResult> results = rules == null ? List.of() : rules.evaluate(m);
        return new GateResult(runDir, info, merge, thresholds, history, failures, m, results, comparisons, policy)
                .withHistory(noise, series);
    }

    /** A baseline run folder as itself; a folder of run folders (a history) as its finished runs, oldest first. */
    static List<Path> expand(Path baseline) {
        if (!Files.isDirectory(baseline) || isRunFolder(baseline)) {
            return List.of(baseline);
        }
        List<Path> runs;
        try (Stream<Path> s = Files.list(baseline)) {
            runs = s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().endsWith(RunFolder.PARTIAL))
                    .filter(Gate::isRunFolder).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list baseline folder " + baseline + ": " + e.getMessage());
        }
        if (runs.isEmpty()) {
            throw new BadInputException("baseline " + baseline + " is neither a run folder nor a folder of finished run folders "
                    + "(see docs/run-folder.md)");
        }
        return runs;
    }

    private static boolean isRunFolder(Path dir) {
        return Files.isDirectory(dir.resolve("hlog")) || Files.isRegularFile(dir.resolve("metrics.jsonl"))
                || Files.isRegularFile(dir.resolve("jmh-result.json"));
    }

    private static Path realPath(Path dir) {
        try {
            return Files.exists(dir) ? dir.toRealPath() : dir.toAbsolutePath().normalize();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static void claim(Map<Path, String> seen, Path dir, String role) {
        Path real = realPath(dir);
        String before = seen.putIfAbsent(real, role);
        if (before != null) {
            throw new BadInputException(before.equals(role) ? role + " is given twice" : role + " is " + before
                    + (real.equals(dir.toAbsolutePath().normalize()) ? "" : " (" + real + ")"));
        }
    }
}
