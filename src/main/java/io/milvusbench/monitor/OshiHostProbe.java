package io.milvusbench.monitor;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Host figures through OSHI when Milvus runs on this machine: CPU busy between two readings, memory
 * in use (total minus available), the file store holding the server's data folder as {@code df} shows it (used = total − free,
 * available = what a non-root process may still write, use = used / (used + available)), and — for a local
 * process whose pid is known — the Milvus process's resident memory and CPU. The first reading waits
 * 500 ms to have two CPU tick counts to compare; later readings compare with the previous one.
 */
final class OshiHostProbe implements HostProbe {
    private static final long FIRST_WINDOW_MS = 500;
    private final LongSupplier pid;
    private final Path dataPath;
    private final SystemInfo system = new SystemInfo();
    private long[] previousTicks;
    private OSProcess previousProcess;

    OshiHostProbe(LongSupplier pid, Path dataPath) {
        this.pid = pid;
        this.dataPath = dataPath.toAbsolutePath();
    }

    @Override
    public synchronized HostSection sample() {
        CentralProcessor cpu = system.getHardware().getProcessor();
        long processId = pid.getAsLong();
        if (previousTicks == null) {
            previousTicks = cpu.getSystemCpuLoadTicks();
            previousProcess = processId > 0 ? system.getOperatingSystem().getProcess((int) processId) : null;
            sleep(FIRST_WINDOW_MS);
        }
        double load = cpu.getSystemCpuLoadBetweenTicks(previousTicks);
        previousTicks = cpu.getSystemCpuLoadTicks();
        GlobalMemory memory = system.getHardware().getMemory();
        long total = memory.getTotal();
        long used = total - memory.getAvailable();
        OSFileStore store = storeOf(system.getOperatingSystem());
        Long diskTotal = store == null ? null : store.getTotalSpace();
        // used = total - free, as df counts it (total - usable would count the blocks reserved for root as used);
        // df's Use% is used / (used + available): the blocks reserved for root are neither, and available is what runs out
        Long diskUsed = store == null ? null : store.getTotalSpace() - store.getFreeSpace();
        Long diskAvailable = store == null ? null : store.getUsableSpace();
        Long rss = null;
        Double processCores = null;
        if (processId > 0) {
            OSProcess process = system.getOperatingSystem().getProcess((int) processId);
            if (process != null) {
                rss = process.getResidentSetSize();
                if (previousProcess != null && previousProcess.getProcessID() == process.getProcessID()) {
                    processCores = round(process.getProcessCpuLoadBetweenTicks(previousProcess));
                }
                previousProcess = process;
            }
        }
        return new HostSection("oshi", Math.round(load * 1000) / 10.0, cpu.getLogicalProcessorCount(), total, used,
                HostSection.percent(used, total), store == null ? null : store.getMount(), diskTotal, diskUsed, diskAvailable,
                diskUsed == null ? null : HostSection.percent(diskUsed, diskUsed + diskAvailable), processId > 0 ? processId : null, rss, processCores, null, null,
                processId > 0 && rss == null ? "Milvus process " + processId + " not found" : null);
    }

    /** The mounted file store with the longest mount point that contains the data path. */
    private OSFileStore storeOf(OperatingSystem os) {
        OSFileStore best = null;
        for (OSFileStore fs : os.getFileSystem().getFileStores()) {
            String mount = fs.getMount();
            if (mount != null && dataPath.startsWith(Path.of(mount)) && fs.getTotalSpace() > 0
                    && (best == null || mount.length() > best.getMount().length())) {
                best = fs;
            }
        }
        return best;
    }

    private static Double round(double cores) {
        return Math.round(cores * 1000) / 1000.0;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
