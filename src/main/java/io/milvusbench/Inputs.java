package io.milvusbench;

import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks every command applies to what the user gave, before any work starts: numbers must be
 * finite and within what this machine and Milvus can do, files and folders must be what they are
 * said to be, and options that do not apply to the chosen mode are refused rather than ignored.
 * Each failed check is a {@link BadInputException} whose message names the option and the value.
 *
 * <p>Non-finite numbers are refused while parsing: {@link #register} installs converters for
 * {@code double} and {@code float} options that reject {@code NaN} and {@code Infinity}.
 */
public final class Inputs {
    /** Milvus 2.3's largest vector dimension. */
    public static final int MAX_DIM = 32_768;
    /** Most rows of a dataset the suite generates or reads. */
    public static final long MAX_ROWS = 1_000_000_000L;
    /** Longest phase, interval or run length in seconds a person would mean: one week. */
    public static final double MAX_SECONDS = 7 * 86_400;

    private Inputs() {
    }

    /** Installs the finite-number converters on {@code cli} and every subcommand added so far. */
    public static CommandLine register(CommandLine cli) {
        cli.registerConverter(Double.class, Inputs::finiteDouble);
        cli.registerConverter(Double.TYPE, Inputs::finiteDouble);
        cli.registerConverter(Float.class, Inputs::finiteFloat);
        cli.registerConverter(Float.TYPE, Inputs::finiteFloat);
        return cli;
    }

    static Double finiteDouble(String text) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a finite number");
        }
        return v;
    }

    static Float finiteFloat(String text) {
        double v = finiteDouble(text);
        if (Math.abs(v) > Float.MAX_VALUE) {
            throw new CommandLine.TypeConversionException("'" + text + "' is too large");
        }
        return (float) v;
    }

    /** {@code value} must be finite; returns it. */
    public static double finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new BadInputException(what + " must be a finite number, got " + value);
        }
        return value;
    }

    /** A whole number in {@code min..max}; returns it. */
    public static long range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new BadInputException(String.format(Locale.ROOT, "%s must be in %d..%d, got %d", what, min, max, value));
        }
        return value;
    }

    /** A number in {@code [min, max]}, finite; returns it. */
    public static double range(String what, double value, double min, double max) {
        finite(what, value);
        if (value < min || value > max) {
            throw new BadInputException(what + " must be in " + trim(min) + ".." + trim(max) + ", got " + trim(value));
        }
        return value;
    }

    /** A length in seconds: positive (or zero when {@code zeroAllowed}) and at most {@link #MAX_SECONDS}. */
    public static double seconds(String what, double value, boolean zeroAllowed) {
        finite(what, value);
        if (value < 0 || value == 0 && !zeroAllowed || value > MAX_SECONDS) {
            throw new BadInputException(what + " must be " + (zeroAllowed ? "0 or more" : "more than 0") + " and at most "
                    + (long) MAX_SECONDS + " s (one week), got " + trim(value));
        }
        return value;
    }

    /** A vector dimension: 1..{@link #MAX_DIM}. */
    public static int dim(String what, long dim) {
        return (int) range(what, dim, 1, MAX_DIM);
    }

    /** A row count: 1..{@link #MAX_ROWS}. */
    public static long rows(String what, long rows) {
        return range(what, rows, 1, MAX_ROWS);
    }

    /**
     * {@code vectors} float vectors of {@code dim} (and {@code k} long ids each, for ground truth)
     * must fit in half of this JVM's largest heap, so what is held in memory cannot end in an
     * OutOfMemoryError after work began.
     */
    public static void fitsInMemory(String what, long vectors, int dim, int k) {
        double bytes = (double) vectors * ((double) dim * Float.BYTES + (double) k * Long.BYTES + 16);
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (bytes > budget) {
            throw new BadInputException(String.format(Locale.ROOT, "%s needs %.1f MiB in memory, more than half of the "
                    + "%d MiB this JVM may use (-Xmx): lower it", what, bytes / 1048576, Runtime.getRuntime().maxMemory() / 1048576));
        }
    }

    /** An existing folder; a file there, or nothing, is named as such. */
    public static Path folder(String what, Path dir) {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        throw new BadInputException(what + " " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
    }

    /** An existing regular file; a folder there, or nothing, is named as such. */
    public static Path file(String what, Path file) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        throw new BadInputException(what + " " + file + (Files.isDirectory(file) ? " is a folder, not a file" : " does not exist"));
    }

    /** A file to write: its folder must exist (nothing is created elsewhere), and it must not be a folder. */
    public static Path outputFile(String what, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new BadInputException(what + " " + file + " is a folder; name a file");
        }
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException(what + " " + file + ": folder " + (parent == null ? "/" : parent)
                    + (parent != null && Files.exists(parent) ? " is not a folder" : " does not exist"));
        }
        return file;
    }

    /** The parent of new run folders: a folder, or a path whose closest existing ancestor is a writable folder. */
    public static Path resultsFolder(String what, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path p = abs;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new BadInputException(what + " " + dir + ": " + (p == null ? "no existing folder above it" : p + " is not a folder"));
        }
        try {
            Files.delete(Files.createTempDirectory(p, ".milvus-bench-"));
        } catch (java.io.IOException | RuntimeException e) {
            throw new BadInputException(what + " " + dir + ": cannot create folders in " + p + " (" + e.getMessage() + ")");
        }
        return dir;
    }

    /**
     * Refuses options the user gave that do nothing in the chosen mode: {@code applies} false and
     * any of {@code options} given on the command line.
     */
    public static void onlyWhen(CommandLine.Model.CommandSpec spec, boolean applies, String when, String... options) {
        if (applies) {
            return;
        }
        List<String> given = new ArrayList<>();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : options) {
            if (parsed != null && parsed.hasMatchedOption(option)) {
                given.add(option);
            }
        }
        if (!given.isEmpty()) {
            throw new BadInputException(String.join(", ", given) + (given.size() == 1 ? " applies" : " apply")
                    + " only " + when + ": remove " + (given.size() == 1 ? "it" : "them"));
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
