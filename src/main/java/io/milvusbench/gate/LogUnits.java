package io.milvusbench.gate;

import io.milvusbench.BadInputException;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the gate learns the unit of each .hlog's values, first match wins:
 * <ol>
 *   <li>a per-file option {@code --unit GLOB=UNIT} (glob on the file name, or on the path when it holds '/');</li>
 *   <li>a run-wide option {@code --unit UNIT};</li>
 *   <li>the log's own comments: {@code values in microseconds} (every milvus-bench log), {@code unit=ns}
 *       or {@code unit: ms}, or jHiccup's signature (its logs hold nanoseconds);</li>
 *   <li>otherwise microseconds, reported as assumed.</li>
 * </ol>
 */
public final class LogUnits {
    private static final Pattern VALUES_IN = Pattern.compile("(?i)values (?:are )?in (nanoseconds|microseconds|milliseconds|seconds)\\b");
    /** A comment naming one unit word, e.g. milvus-bench's "JMH closed-loop service time, microseconds". */
    private static final Pattern UNIT_WORD = Pattern.compile("(?i)\\b(nanoseconds|microseconds|milliseconds)\\b");
    private static final Pattern DECLARED = Pattern.compile("(?i)\\bunits?\\s*[:=]\\s*(ns|us|µs|ms|s|nanoseconds|microseconds|milliseconds|seconds)\\b");
    private static final Pattern JHICCUP = Pattern.compile("(?i)jHiccup");

    private record PerFile(PathMatcher matcher, boolean onPath, String glob, LogUnit unit) {
    }

    private final LogUnit all;
    private final List<PerFile> perFile;
    private final java.util.Set<String> matched = new java.util.HashSet<>();

    private LogUnits(LogUnit all, List<PerFile> perFile) {
        this.all = all;
        this.perFile = List.copyOf(perFile);
    }

    /** Units from the logs themselves, microseconds when they do not say. */
    public static LogUnits fromLogs() {
        return new LogUnits(null, List.of());
    }

    /** @param specs {@code UNIT} (every log) or {@code GLOB=UNIT} (logs whose name or path matches) */
    public static LogUnits parse(List<String> specs) {
        LogUnit all = null;
        List<PerFile> perFile = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.lastIndexOf('=');
            if (eq < 0) {
                if (all != null) {
                    throw new BadInputException("--unit for every log given twice (" + all.symbol() + ", " + spec + ")");
                }
                all = LogUnit.parse(spec);
                continue;
            }
            String glob = spec.substring(0, eq).strip();
            if (glob.isEmpty()) {
                throw new BadInputException("--unit " + spec + ": no file pattern before '='");
            }
            boolean onPath = glob.contains("/");
            perFile.add(new PerFile(FileSystems.getDefault().getPathMatcher("glob:" + (onPath ? "**" + (glob.startsWith("/") ? "" : "/") + glob : glob)),
                    onPath, glob, LogUnit.parse(spec.substring(eq + 1))));
        }
        return new LogUnits(all, perFile);
    }

    /** The unit of {@code file}, whose comment lines are {@code comments}, and where that came from. */
    public Resolved resolve(Path file, List<String> comments) {
        Path abs = file.toAbsolutePath().normalize();
        for (PerFile p : perFile) {
            if (p.onPath ? p.matcher.matches(abs) : p.matcher.matches(file.getFileName())) {
                matched.add(p.glob);
                return new Resolved(p.unit, "--unit " + p.glob + "=" + p.unit.symbol());
            }
        }
        if (all != null) {
            return new Resolved(all, "--unit " + all.symbol());
        }
        for (String c : comments) {
            Matcher m = VALUES_IN.matcher(c);
            if (m.find()) {
                return new Resolved(LogUnit.parse(m.group(1)), "the log says so");
            }
            m = DECLARED.matcher(c);
            if (m.find()) {
                return new Resolved(LogUnit.parse(m.group(1)), "the log says so");
            }
            Matcher words = UNIT_WORD.matcher(c);
            if (words.find()) {
                String first = words.group(1).toLowerCase(java.util.Locale.ROOT);
                boolean single = true;
                while (words.find()) {
                    single &= words.group(1).toLowerCase(java.util.Locale.ROOT).equals(first);
                }
                if (single) {
                    return new Resolved(LogUnit.parse(first), "the log says so");
                }
            }
            if (JHICCUP.matcher(c).find()) {
                return new Resolved(LogUnit.NANOSECONDS, "jHiccup log (nanoseconds)");
            }
        }
        return new Resolved(LogUnit.MICROSECONDS, "assumed: the log does not say; use --unit");
    }

    /** The per-file patterns that matched no log read so far (a typo, or a log that is not there). */
    public List<String> unmatched() {
        return perFile.stream().map(PerFile::glob).filter(g -> !matched.contains(g)).toList();
    }

    public record Resolved(LogUnit unit, String source) {
    }
}
