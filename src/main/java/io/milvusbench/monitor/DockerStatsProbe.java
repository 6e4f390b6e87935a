package io.milvusbench.monitor;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BlkioStatEntry;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import org.testcontainers.DockerClientFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The container's own figures through the Docker API ({@code stats}, one reading, no stream): CPU
 * as {@code docker stats} computes it (container CPU delta over system CPU delta times online
 * CPUs), memory usage against the container's limit, block I/O totals. Five-second deadline.
 */
final class DockerStatsProbe implements HostProbe {
    private final String containerId;
    private CpuStatsConfig previousCpu;

    DockerStatsProbe(String containerId) {
        this.containerId = containerId;
    }

    @Override
    public synchronized HostSection sample() {
        Statistics stats = read();
        // Docker fills precpu_stats; podman's one-shot stats leave it empty, so compare with our own
        // previous reading, and on the first one take a second reading half a second later.
        Double cpuPercent = cpuPercent(stats.getCpuStats(), stats.getPreCpuStats());
        if (cpuPercent == null && previousCpu == null) {
            previousCpu = stats.getCpuStats();
            sleep(500);
            stats = read();
        }
        if (cpuPercent == null) {
            cpuPercent = cpuPercent(stats.getCpuStats(), previousCpu);
        }
        previousCpu = stats.getCpuStats();
        Long memUsed = stats.getMemoryStats() == null ? null : stats.getMemoryStats().getUsage();
        Long memLimit = stats.getMemoryStats() == null ? null : stats.getMemoryStats().getLimit();
        Integer cores = stats.getCpuStats() == null || stats.getCpuStats().getOnlineCpus() == null ? null
                : stats.getCpuStats().getOnlineCpus().intValue();
        List<BlkioStatEntry> io = stats.getBlkioStats() == null ? null : stats.getBlkioStats().getIoServiceBytesRecursive();
        return new HostSection("docker-stats", cpuPercent, cores, memLimit, memUsed, HostSection.percent(memUsed, memLimit),
                null, null, null, null, null, null, null, null, sum(io, "read"), sum(io, "write"),
                "container " + containerId.substring(0, Math.min(12, containerId.length())));
    }

    private Statistics read() {
        CompletableFuture<Statistics> first = new CompletableFuture<>();
        ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics s) {
                first.complete(s);
            }

            @Override
            public void onError(Throwable t) {
                first.completeExceptionally(t);
            }
        };
        try (ResultCallback.Adapter<Statistics> cb = DockerClientFactory.instance().client().statsCmd(containerId)
                .withNoStream(true).exec(callback)) {
            return first.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Docker stats of container " + containerId + " gave no reading within 5 s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("Docker stats failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading Docker stats", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Docker stats failed: " + e.getMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Double cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null
                || now.getSystemCpuUsage() == null || before.getSystemCpuUsage() == null) {
            return null;
        }
        long cpuDelta = now.getCpuUsage().getTotalUsage() - before.getCpuUsage().getTotalUsage();
        long systemDelta = now.getSystemCpuUsage() - before.getSystemCpuUsage();
        if (systemDelta <= 0 || cpuDelta < 0) {
            return null;
        }
        return Math.round(1000.0 * cpuDelta / systemDelta) / 10.0;
    }

    private static Long sum(List<BlkioStatEntry> entries, String op) {
        if (entries == null) {
            return null;
        }
        return entries.stream().filter(e -> op.equalsIgnoreCase(e.getOp()) && e.getValue() != null)
                .mapToLong(BlkioStatEntry::getValue).sum();
    }
}
