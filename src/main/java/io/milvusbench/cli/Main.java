package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code milvus-bench}: benchmarks, load generator, component monitor and regression gate for Milvus.
 * Exit codes: 0 success, 1 a threshold breach (check) or a failed figure (bench, load: run.json
 * {@code failures}), 2 bad input (one line on stderr), 3 an unexpected error.
 */
@Command(name = "milvus-bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Benchmarks, load tests, monitors and gates a Milvus vector database.",
        subcommands = {
                InfoCommand.class,
                CleanupCommand.class,
                BenchCommand.class,
                DatasetCommand.class,
                LoadCommand.class,
                CompareCommand.class,
                SweepCommand.class,
                MonitorCommand.class,
                CheckCommand.class,
                GateEvalCommand.class,
                ReportCommand.class,
                CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 ok, 1 threshold breach (check) or a failed figure (bench, load), 2 bad input or unreachable server,",
                "3 unexpected error.",
                "Add --stacktrace to any command to see the full error."})
public final class Main implements Runnable {

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error, not just its one-line summary.")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cli = Inputs.register(new CommandLine(new Main()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean trace = parseResult.hasMatchedOption("--stacktrace")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--stacktrace"));
            if (trace) {
                e.printStackTrace(commandLine.getErr());
            }
            if (e instanceof BadInputException) {
                commandLine.getErr().println("milvus-bench: " + e.getMessage());
                return BadInputException.EXIT_CODE;
            }
            commandLine.getErr().println("milvus-bench: error: " + oneLine(e));
            return 3;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("milvus-bench: " + oneLine(e) + " (see "
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return BadInputException.EXIT_CODE;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
