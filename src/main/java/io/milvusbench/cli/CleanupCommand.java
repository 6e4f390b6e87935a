package io.milvusbench.cli;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** Drops the suite's own collections (prefix mbench_) and nothing else. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Drop every collection the suite created (names starting with " + SuiteCollections.PREFIX + "); others are never touched.",
        footer = {"", "Example:", "  milvus-bench cleanup --target uri --uri 127.0.0.1:19530 --dry-run"})
final class CleanupCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Option(names = "--dry-run", description = "List what would be dropped, drop nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        try (MilvusTarget target = targetOptions.open()) {
            MilvusClientV2 client = MilvusClients.v2(target.connection());
            try {
                List<String> names = dryRun ? SuiteCollections.listOwned(client) : SuiteCollections.dropAllOwned(client);
                System.out.println((dryRun ? "would drop " : "dropped ") + names.size() + " collection(s): " + names);
            } finally {
                client.close();
            }
        }
        return 0;
    }
}
