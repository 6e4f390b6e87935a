package io.milvusbench.results;

import io.milvusbench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One run's output folder under {@code results/}: created as {@code NAME.partial}, filled, then
 * renamed to {@code NAME} by {@link #complete()}, so a folder without the suffix is always whole
 * and nothing earlier is overwritten. Layout (see docs/run-folder.md):
 * <pre>
 *   results/20261124-213000-bench/
 *     run.json          what ran: command, target, versions, parameters
 *     hlog/*.hlog       HdrHistogram interval logs, one per series, values in microseconds
 *     metrics.jsonl     scalar figures per series (recall@k, rows/s, error counts, ...)
 *     jmh-result.json   JMH's own JSON, when JMH ran
 *     monitor.jsonl     monitor snapshots, when the monitor ran
 *     report/           what the gate wrote
 * </pre>
 */
public final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    public static final String PARTIAL = ".partial";

    private final Path finalDir;
    private final Path workDir;
    private boolean completed;

    private RunFolder(Path finalDir, Path workDir) {
        this.finalDir = finalDir;
        this.workDir = workDir;
    }

    /** Creates {@code parent/STAMP-command.partial}; a clash within the same second gets a suffix. */
    public static RunFolder create(Path parent, String command) {
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new BadInputException("cannot create results folder " + parent + ": " + e.getMessage());
        }
        if (!Files.isWritable(parent)) {
            throw new BadInputException("results folder " + parent + " is not writable");
        }
        String base = LocalDateTime.now().format(STAMP) + "-" + command.replaceAll("[^A-Za-z0-9_-]", "_");
        for (int i = 0; i < 1000; i++) {
            String name = i == 0 ? base : base + "-" + i;
            Path finalDir = parent.resolve(name);
            Path work = parent.resolve(name + PARTIAL);
            if (Files.exists(finalDir)) {
                continue;
            }
            try {
                Files.createDirectory(work);
                Files.createDirectory(work.resolve("hlog"));
                return new RunFolder(finalDir, work);
            } catch (FileAlreadyExistsException e) {
                // taken by a concurrent run; try the next name
            } catch (IOException e) {
                throw new BadInputException("cannot create run folder " + work + ": " + e.getMessage());
            }
        }
        throw new BadInputException("no free run folder name under " + parent + " for " + base);
    }

    /** Where files are written while the run is going on. */
    public Path dir() {
        return completed ? finalDir : workDir;
    }

    /** The folder's name once complete. */
    public Path finalDir() {
        return finalDir;
    }

    public Path hlogDir() {
        return dir().resolve("hlog");
    }

    public Path hlogFile(SeriesId series) {
        return hlogDir().resolve(fileName(series) + ".hlog");
    }

    public Path metricsFile() {
        return dir().resolve("metrics.jsonl");
    }

    /** A file name for a series: its id with unsafe characters replaced. */
    public static String fileName(SeriesId series) {
        return series.toString().replaceAll("[^A-Za-z0-9_.=+-]", "_");
    }

    /** Renames NAME.partial to NAME; returns the final folder. */
    public Path complete() {
        if (!completed) {
            try {
                Files.move(workDir, finalDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException("results folder does not support atomic rename", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot complete run folder " + finalDir, e);
            }
            completed = true;
        }
        return finalDir;
    }

    /**
     * Deletes the unfinished folder and everything in it: for a run stopped by bad input before it
     * measured anything, which leaves nothing behind. Does nothing once the folder is complete.
     */
    public void discard() {
        if (completed || !Files.exists(workDir)) {
            return;
        }
        try (var paths = Files.walk(workDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover NAME.partial is what an interrupted run leaves anyway; readers refuse it
        }
    }

    /**
     * Deletes the unfinished folder when it holds nothing measured (no file with content): a run
     * stopped by a setting, a refused parameter or a lost connection before its first figure
     * leaves no empty {@code NAME.partial} behind. A folder with figures in it is kept.
     */
    public void discardUnlessMeasured() {
        if (completed || !Files.exists(workDir)) {
            return;
        }
        try (var paths = Files.walk(workDir)) {
            if (paths.anyMatch(p -> Files.isRegularFile(p) && p.toFile().length() > 0)) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        discard();
    }

    public boolean completed() {
        return completed;
    }

    /** Temporary files are created owner-only; a result file is for everyone who may read the folder. */
    private static void makeReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    /** Writes {@code content} to {@code file} atomically (temporary file + rename). */
    public static void writeAtomically(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, content);
                makeReadable(tmp);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
