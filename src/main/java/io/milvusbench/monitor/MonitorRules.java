package io.milvusbench.monitor;

import io.milvusbench.BadInputException;
import io.milvusbench.gate.Thresholds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the alert rules the monitor judges its snapshots with, wherever the command runs:
 * <ol>
 * <li>{@code --thresholds FILE} when given (a missing file is bad input);</li>
 * <li>{@code benchmarks/thresholds.yaml} under the current folder;</li>
 * <li>{@code benchmarks/thresholds.yaml} next to the jar (or one folder up: {@code target/..});</li>
 * <li>the copy of the shipped file bundled in the jar at build time.</li>
 * </ol>
 * The source is always named, so every report says which rules it used.
 */
public final class MonitorRules {
    static final String RESOURCE = "thresholds.yaml";
    /** The shipped rules file, relative to the suite's folder (the current one, or the jar's). */
    public static final Path DEFAULT = Path.of("benchmarks", RESOURCE);

    /**
     * The rules, where they came from (a path, or the bundled copy) and the file they were read from.
     */
    public record Found(Thresholds thresholds, String source, Path file) {
        public boolean isBundled() {
            return source.startsWith("bundled");
        }
    }

    private MonitorRules() {
    }

    public static Found resolve(Path explicit) {
        if (explicit != null) {
            io.milvusbench.Inputs.file("--thresholds", explicit);
            return new Found(Thresholds.load(explicit), explicit.toAbsolutePath().normalize().toString(), explicit);
        }
        for (Path candidate : candidates()) {
            if (Files.isRegularFile(candidate)) {
                return new Found(Thresholds.load(candidate), candidate.toAbsolutePath().normalize().toString(), candidate);
            }
        }
        return bundled();
    }

    /** The shipped rules as bundled in the jar (what {@link #resolve} falls back to); {@code file} is a temporary copy. */
    public static Found bundled() {
        try (InputStream in = MonitorRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled rules file " + RESOURCE + " is missing from the build");
            }
            Path copy = Files.createTempFile("milvus-bench-thresholds", ".yaml");
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return new Found(Thresholds.load(copy), "bundled copy of benchmarks/thresholds.yaml (inside " + jarName() + ")", copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled rules file", e);
        }
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        out.add(DEFAULT);
        Path jar = jarPath();
        if (jar != null && jar.getParent() != null) {
            out.add(jar.getParent().resolve(DEFAULT));
            if (jar.getParent().getParent() != null) {
                out.add(jar.getParent().getParent().resolve(DEFAULT));
            }
        }
        return out;
    }

    private static Path jarPath() {
        try {
            var source = MonitorRules.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String jarName() {
        Path jar = jarPath();
        return jar == null ? "the program" : jar.getFileName().toString();
    }
}
