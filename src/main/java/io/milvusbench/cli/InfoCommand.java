package io.milvusbench.cli;

import io.milvus.client.MilvusServiceClient;
import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.ServerFeatures;
import io.milvusbench.milvus.Component;
import io.milvusbench.monitor.ClusterSection;
import io.milvusbench.monitor.ClusterWatch;
import io.milvusbench.monitor.NodeInfo;
import io.milvusbench.monitor.SystemInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Connects to (or starts) the target once and prints what it is: a smoke test of the set-up. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Start or reach the Milvus target, print its version, nodes and the suite's collections (and look-alikes). Read-only.",
        footer = {"", "Examples:", "  milvus-bench info --target local",
                "  milvus-bench info --target cluster --cluster-dir /tmp/mbc   # every process: role, pid, ports, health, RSS", "  milvus-bench info --target uri --uri 127.0.0.1:19530"})
final class InfoCommand implements Callable<Integer> {
    @Mixin
    TargetMixin targetOptions;

    @Override
    public Integer call() {
        try (MilvusTarget target = targetOptions.open()) {
            System.out.println("target:   " + target.describe());
            System.out.println("metrics:  " + target.metricsUri().map(Object::toString).orElse("(none)"));
            if (target.metricsUri().isEmpty()) {
                System.out.println("note:     " + ServerFeatures.NO_METRICS_ENDPOINT + " (no health or Prometheus figures)");
            }
            MilvusClientV2 client = MilvusClients.v2(target.connection());
            MilvusServiceClient v1 = MilvusClients.v1(target.connection());
            try {
                if (ServerFeatures.answersGetMetrics(target.connection())) {
                    for (NodeInfo node : SystemInfo.fetch(v1)) {
                        System.out.printf("node:     %-12s %-11s mem %6.1f%% of %,d MiB, %d cores%n", node.name(), node.type(),
                                node.memoryPercent(), node.memoryBytes() >> 20, node.cpuCores());
                    }
                } else {
                    System.out.println("note:     " + ServerFeatures.NO_GET_METRICS + " (no node list)");
                }
                processes(target);
                List<SuiteCollections.Ownership> survey = SuiteCollections.survey(client);
                System.out.println("suite collections (" + SuiteCollections.PREFIX + "* with the milvus-bench marker): "
                        + survey.stream().filter(SuiteCollections.Ownership::marked).map(SuiteCollections.Ownership::name).toList());
                survey.stream().filter(o -> !o.marked()).forEach(o ->
                        System.out.println("look-alike (never touched): " + o.name() + " - " + o.reason()));
            } finally {
                v1.close();
                client.close();
            }
        }
        return 0;
    }

    /** Every process of a cluster target: role, pid, ports, health, resident memory from its /metrics and /proc. */
    private static void processes(MilvusTarget target) {
        List<Component> components = target.components();
        if (components.isEmpty()) {
            return;
        }
        Map<String, Component> byName = new LinkedHashMap<>();
        components.forEach(c -> byName.put(c.name(), c));
        ClusterSection section = new ClusterWatch(() -> components).observe(List.of(), new ArrayList<>());
        for (ClusterSection.ProcessFigures p : section.processes()) {
            Component c = byName.get(p.name());
            System.out.printf(Locale.ROOT, "process:  %-11s %-10s pid %-7s %-9s port %-5s metrics %-24s RSS %s MiB (/metrics), %s MiB (/proc VmRSS)%n",
                    p.name(), p.role(), p.pid() == null ? "-" : p.pid(), p.up() ? "healthy" : "DOWN", c.port() > 0 ? c.port() : "-",
                    c.metricsUri() == null ? "-" : c.metricsUri(), mib(p.rssBytes()), mib(p.procVmRssBytes()));
        }
    }

    private static String mib(Long bytes) {
        return bytes == null ? "-" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
