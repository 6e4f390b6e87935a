package io.milvusbench.monitor;

import io.milvusbench.milvus.Component;
import io.milvusbench.milvus.MetricsEndpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Measures each process of a cluster in every snapshot and remembers, across snapshots, how many
 * nodes of each type the cluster had, so a node that disappears (killed, crashed, partitioned) is
 * reported missing until it is back. Only a drop counts: no role is expected by name, so a Milvus 2.6
 * cluster (MixCoord, StreamingNode, no IndexNode) is healthy as it first shows itself, and a role the
 * monitor does not know ({@link NodeRoles#known}) is listed but never reported missing. CPU is the movement of a process's CPU seconds between two
 * snapshots of the same pid; a restarted process starts a new window.
 */
public final class ClusterWatch {
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat on Linux. */
    private static final double CLOCK_TICKS = 100.0;

    private final Supplier<List<Component>> components;
    private final Map<String, Integer> expected = new TreeMap<>();
    private final Map<String, Set<String>> lastNames = new HashMap<>();
    private final Map<String, Reading> previous = new HashMap<>();

    public ClusterWatch(Supplier<List<Component>> components) {
        this.components = components;
    }

    /** The cluster section of a snapshot; null when the target knows no processes and GetMetrics listed no nodes. */
    public ClusterSection observe(List<NodeInfo> nodes, List<ProbeError> errors) {
        List<Component> known;
        try {
            known = components.get();
        } catch (RuntimeException e) {
            errors.add(new ProbeError("Cluster", "list processes", e.getMessage()));
            known = List.of();
        }
        if (known.isEmpty() && (nodes == null || nodes.isEmpty()) && expected.isEmpty()) {
            return null;
        }
        List<ClusterSection.ProcessFigures> figures = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Component c : known) {
            ClusterSection.ProcessFigures f = measure(c);
            figures.add(f);
            if (!f.up()) {
                missing.add(c.name() + " (" + (f.error() == null ? "not answering" : f.error()) + ")");
            }
        }
        Map<String, Integer> now = new TreeMap<>();
        Map<String, Set<String>> names = new HashMap<>();
        if (nodes != null && !nodes.isEmpty()) {
            for (NodeInfo n : nodes) {
                now.merge(n.type(), 1, Integer::sum);
                names.computeIfAbsent(n.type(), t -> new LinkedHashSet<>()).add(n.name());
            }
            for (Map.Entry<String, Integer> e : now.entrySet()) {
                // a role the monitor does not know is listed (nodesByType), never expected, so never "missing"
                if (NodeRoles.known(e.getKey())) {
                    expected.merge(e.getKey(), e.getValue(), Math::max);
                }
            }
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                int present = now.getOrDefault(e.getKey(), 0);
                if (present < e.getValue()) {
                    Set<String> gone = new LinkedHashSet<>(lastNames.getOrDefault(e.getKey(), Set.of()));
                    gone.removeAll(names.getOrDefault(e.getKey(), Set.of()));
                    missing.add(e.getKey() + ": " + present + " of " + e.getValue() + " in GetMetrics"
                            + (gone.isEmpty() ? "" : " (" + String.join(", ", gone) + " gone)"));
                }
            }
            // remember the names of a complete set, so a later shortfall can name who left
            for (Map.Entry<String, Set<String>> e : names.entrySet()) {
                if (e.getValue().size() >= expected.getOrDefault(e.getKey(), 0)) {
                    lastNames.put(e.getKey(), e.getValue());
                }
            }
        }
        return new ClusterSection(figures, now.isEmpty() ? null : now, expected.isEmpty() ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(expected)),
                List.copyOf(missing));
    }

    private ClusterSection.ProcessFigures measure(Component c) {
        long pid = c.pid();
        String error = null;
        boolean up;
        PrometheusText text = null;
        if (c.metricsUri() != null) {
            up = c.milvus() ? MetricsEndpoint.healthy(c.metricsUri()) : etcdHealthy(c.metricsUri());
            if (up) {
                try {
                    text = PrometheusText.parse(MetricsEndpoint.scrape(c.metricsUri(), SCRAPE_TIMEOUT));
                } catch (RuntimeException e) {
                    error = "scrape: " + e.getMessage();
                }
            } else {
                error = "health endpoint " + c.metricsUri() + " did not answer OK within 2 s";
            }
        } else {
            up = pid > 0 && Files.exists(Path.of("/proc", Long.toString(pid)));
            if (!up) {
                error = "process not running";
            }
        }
        double at = System.currentTimeMillis() / 1000.0;
        Long vmRss = pid > 0 ? ServerProcess.vmRss(pid) : null;
        Long rss = value(text, ServerProcess.RSS) == null ? null : Math.round(value(text, ServerProcess.RSS));
        Double cpu = value(text, ServerProcess.CPU);
        String source = "metrics";
        if (cpu == null && pid > 0) {
            cpu = procCpuSeconds(pid);
            source = "/proc";
        }
        Double started = value(text, ServerProcess.START);
        if (started == null && "/proc".equals(source) && cpu != null) {
            started = procStartSeconds(pid);
        }
        Double cores = null;
        String window = null;
        String key = c.name();
        Reading before = previous.get(key);
        if (cpu != null && before != null && before.pid() == pid && at > before.at() && cpu >= before.cpu()) {
            cores = round3((cpu - before.cpu()) / (at - before.at()));
            window = "between snapshots";
        } else if (cpu != null && started != null && at > started) {
            cores = round3(cpu / (at - started));
            window = "since process start";
        }
        if (cpu != null) {
            previous.put(key, new Reading(pid, at, cpu));
        } else {
            previous.remove(key);
        }
        return new ClusterSection.ProcessFigures(c.name(), c.role(), pid > 0 ? pid : null, nodeId(text), up,
                c.metricsUri() == null ? null : c.metricsUri().toString(), rss, vmRss, cpu == null ? null : round3(cpu), cores, window,
                cpu == null ? null : source, error);
    }

    /** The commonest {@code node_id} label value of a Milvus process's own series (its node id), or null. */
    static Long nodeId(PrometheusText text) {
        if (text == null) {
            return null;
        }
        Map<String, Long> counts = new HashMap<>();
        for (PrometheusText.Sample s : text.withPrefix("milvus_")) {
            String id = s.label("node_id");
            if (id != null && id.matches("\\d+")) {
                counts.merge(id, 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> Long.parseLong(e.getKey())).orElse(null);
    }

    private record Reading(long pid, double at, double cpu) {
    }

    /** etcd answers {@code {"health":"true"}} on /health. */
    private static boolean etcdHealthy(URI base) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** utime + stime of /proc/<pid>/stat in seconds, or null. */
    static Double procCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) ... utime(11) stime(12)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Epoch seconds the process started: boot time ({@code btime} of /proc/stat) + its {@code starttime} ticks, or null. */
    static Double procStartSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[19]);
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim()) + ticks / CLOCK_TICKS;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Double value(PrometheusText text, String name) {
        if (text == null || text.series(name).isEmpty()) {
            return null;
        }
        return text.sum(name, s -> true);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
