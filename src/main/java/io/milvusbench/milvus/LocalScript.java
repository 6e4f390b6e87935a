package io.milvusbench.milvus;

import io.milvusbench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server process that a start script of {@code scripts/} ({@code milvus-local.sh},
 * {@code milvus-lite.sh}) runs in a data folder: the script's commands, the process id it prints,
 * the signals of {@link ServerControl}, and the folder, deleted on close when the suite created it.
 */
final class LocalScript {
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private final Path script;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private long pid;

    private LocalScript(Path script, Path dataDir, boolean ownsDataDir) {
        this.script = script;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /**
     * The script {@code name} of the scripts folder, on the folder the user named or on a new
     * temporary one (prefix {@code tempPrefix}); {@code target} names the target in the refusal.
     */
    static LocalScript of(TargetOptions options, String name, String target, String tempPrefix, String what) {
        Path script = options.scriptsDir.resolve(name).toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new BadInputException(target + " target needs " + script + " (run from the project folder or set -Dmilvus.scripts / --scripts)");
        }
        boolean owns = options.localData == null;
        try {
            return new LocalScript(script, owns ? Files.createTempDirectory(tempPrefix) : options.localData.toAbsolutePath(), owns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder for " + what, e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return pid;
    }

    /** Runs {@code start ARGS...} and keeps the pid it prints; returns what it printed. */
    String start(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("start", "--data", dataDir.toString()));
        command.addAll(args);
        String out = run(command, timeout);
        Matcher m = PID.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException(script.getFileName() + " printed no pid: " + out.trim());
        }
        pid = Long.parseLong(m.group(1));
        return out;
    }

    void stop() {
        run(List.of("stop", "--data", dataDir.toString()), Duration.ofSeconds(60));
    }

    /** Stops the server and deletes the data folder when the suite created it. */
    void close() {
        try {
            stop();
        } finally {
            deleteIfOwned();
        }
    }

    /** Deletes the data folder when the suite created it (a start that failed). */
    void deleteIfOwned() {
        if (ownsDataDir) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary folder is harmless; the server is already stopped.
            }
        }
    }

    /** Sends the signal {@code name} (STOP, CONT, KILL) to the server process. */
    void signal(String name) {
        try {
            Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String run(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        String name = script.getFileName().toString();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " " + args.get(0) + " did not finish within " + timeout);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() == BadInputException.EXIT_CODE) {
                throw new BadInputException(out.trim().replace('\n', ' '));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " " + args.get(0) + " failed (exit " + process.exitValue() + "): " + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
