package io.milvusbench.cli;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.BadInputException;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Console;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Drops the suite's own collections — those carrying its ownership marker — and nothing else. Lists
 * what it will drop and the look-alikes it skips (named {@code mbench_*} but unmarked) with the
 * reason, then asks; without a terminal it needs {@code --yes}.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"Drop the collections the suite created: named " + SuiteCollections.PREFIX + "* AND carrying its marker "
                + "(collection property " + SuiteCollections.OWNER_KEY + "=" + SuiteCollections.OWNER_VALUE + "). "
                + "Look-alikes (the prefix without the marker) are listed with the reason and never touched. "
                + "Asks before dropping; --yes when there is no terminal."},
        footer = {"", "Examples:", "  milvus-bench cleanup --target uri --uri 127.0.0.1:19530 --dry-run",
                "  milvus-bench cleanup --target uri --uri 127.0.0.1:19530 --yes",
                "", "Exit codes: 0 done (or nothing to do, or declined), 2 bad input, unreachable server, or no terminal and no --yes."})
final class CleanupCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Option(names = "--dry-run", description = "List what would be dropped and what is skipped; drop nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Drop without asking (needed when standard input is not a terminal).")
    boolean yes;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        io.milvusbench.Inputs.onlyWhen(spec, !dryRun, "when dropping (not with --dry-run, which drops nothing)", "--yes");
        try (MilvusTarget target = targetOptions.open()) {
            MilvusClientV2 client = MilvusClients.v2(target.connection());
            try {
                return run(client);
            } finally {
                client.close();
            }
        }
    }

    private int run(MilvusClientV2 client) {
        List<SuiteCollections.Ownership> survey = SuiteCollections.survey(client);
        List<SuiteCollections.Ownership> mine = survey.stream().filter(SuiteCollections.Ownership::marked).toList();
        List<SuiteCollections.Ownership> skipped = survey.stream().filter(o -> !o.marked()).toList();
        for (SuiteCollections.Ownership o : mine) {
            System.out.println((dryRun ? "would drop  " : "will drop   ") + o.name() + "  (marked: run " + o.run() + ", created " + o.created() + ")");
        }
        for (SuiteCollections.Ownership o : skipped) {
            System.out.println("skip        " + o.name() + "  (look-alike: " + o.reason() + ")");
        }
        if (mine.isEmpty()) {
            System.out.println("nothing to drop: no collection carries the milvus-bench marker" + (skipped.isEmpty() ? ""
                    : String.format(Locale.ROOT, " (%d look-alike(s) skipped)", skipped.size())));
            return 0;
        }
        if (dryRun) {
            System.out.printf(Locale.ROOT, "dry run: would drop %d collection(s), skip %d look-alike(s)%n", mine.size(), skipped.size());
            return 0;
        }
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                throw new BadInputException("standard input is not a terminal; add --yes to drop the " + mine.size()
                        + " collection(s) listed above (or --dry-run)");
            }
            System.out.flush();
            String answer = console.readLine("drop these %d collection(s)? [y/N] ", mine.size());
            if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                System.out.println("nothing dropped");
                return 0;
            }
        }
        int dropped = 0;
        for (SuiteCollections.Ownership o : mine) {
            SuiteCollections.drop(client, o.name());   // reads the marker again just before the drop
            System.out.println("dropped     " + o.name());
            dropped++;
        }
        System.out.printf(Locale.ROOT, "dropped %d collection(s), skipped %d look-alike(s)%n", dropped, skipped.size());
        return 0;
    }
}
