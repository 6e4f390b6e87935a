package io.milvusbench.report;

import io.milvusbench.BadInputException;
import io.milvusbench.gate.GateResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes {@code summary.md}, {@code report.html}, {@code verdict.json} and {@code junit.xml}. Every
 * file is rendered in memory first, written into a hidden staging folder inside the report
 * folder, then moved into place with an atomic rename: an error leaves neither a half-written
 * file nor a new report folder behind. Other files in the report folder are never touched.
 */
public final class ReportWriter {
    public static final String SUMMARY = "summary.md";
    public static final String HTML = "report.html";
    public static final String VERDICT = "verdict.json";
    public static final String JUNIT = "junit.xml";

    private ReportWriter() {
    }

    /** Fails early (before any work) when {@code dir} cannot become a report folder. */
    public static void checkWritable(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new BadInputException("cannot write report: " + dir + " exists and is not a folder");
        }
        for (String name : new String[]{SUMMARY, HTML, VERDICT, JUNIT}) {
            if (Files.isDirectory(abs.resolve(name))) {
                throw new BadInputException("cannot write report: " + dir.resolve(name) + " is a folder");
            }
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new BadInputException("cannot write report to " + dir + ": " + existing + " is not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new BadInputException("cannot write report to " + dir + ": " + existing + " is not writable");
        }
    }

    /** Renders every file, then writes them all into {@code dir}; returns the files written. */
    public static Map<String, Path> write(GateResult r, Path dir) {
        checkWritable(dir);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(SUMMARY, TextReports.markdown(r).getBytes(StandardCharsets.UTF_8));
        Charts.Plots plots = Charts.render(r.measurements(), r.history());
        if (plots.problem() != null) {
            System.err.println("milvus-bench: warning: " + plots.problem());
        }
        files.put(HTML, HtmlReport.render(r, plots).getBytes(StandardCharsets.UTF_8));
        files.put(VERDICT, VerdictJson.render(r));
        files.put(JUNIT, JUnitReport.render(r));
        boolean created = !Files.exists(dir);
        Path staging = null;
        try {
            Files.createDirectories(dir);
            staging = Files.createTempDirectory(dir, ".report-staging-");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(staging.resolve(f.getKey()), f.getValue());
            }
            Map<String, Path> out = new LinkedHashMap<>();
            for (String name : files.keySet()) {
                Path target = dir.resolve(name);
                Files.move(staging.resolve(name), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                out.put(name, target);
            }
            return out;
        } catch (IOException e) {
            if (created) {
                deleteTree(dir);
            }
            throw new BadInputException("cannot write report to " + dir + ": " + e.getMessage(), e);
        } finally {
            if (staging != null && Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the error that brought us here is what the user needs to see
        }
    }
}
