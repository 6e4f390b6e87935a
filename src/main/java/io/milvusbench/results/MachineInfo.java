package io.milvusbench.results;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What decides a CPU-bound figure, for run.json: the CPU model, its clock now, its flags (the
 * vector ones picked out), the cores this process may use, and the JVM with its vector settings
 * ({@code UseAVX}, {@code MaxVectorSize}, {@code UseSuperWord}: the ground-truth kernel's speed
 * depends on them). Also a single-precision FMA peak <b>per FMA pipe</b> derived from the clock
 * and the JVM's vector width: {@code MHz × 2 FLOP × MaxVectorSize / 4 bytes}; multiply by the
 * core's FMA pipes (two on recent x86 cores) for the core's peak. Read from {@code /proc/cpuinfo};
 * a machine without it gets what the JVM knows.
 */
public final class MachineInfo {
    static final Set<String> VECTOR_FLAGS = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512dq", "avx512bw", "avx512vl",
            "avx512_vnni", "avx512_bf16", "avx512fp16", "amx_tile", "asimd", "sve", "sve2");

    private MachineInfo() {
    }

    public static Map<String, Object> read() {
        return describe(readCpuinfo(), vmOptions());
    }

    static String readCpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static Map<String, String> vmOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            for (String o : List.of("UseAVX", "MaxVectorSize", "UseSuperWord", "UseFMA")) {
                try {
                    out.put(o, hs.getVMOption(o).getValue());
                } catch (IllegalArgumentException absent) {
                    // not this JVM's option (e.g. UseAVX on aarch64)
                }
            }
        } catch (RuntimeException e) {
            // not HotSpot
        }
        return out;
    }

    /** The run.json {@code machine} object from a /proc/cpuinfo text and the JVM's vector options. */
    static Map<String, Object> describe(String cpuinfo, Map<String, String> vm) {
        Map<String, Object> m = new LinkedHashMap<>();
        String model = field(cpuinfo, "model name");
        String mhz = field(cpuinfo, "cpu MHz");
        String flags = field(cpuinfo, "flags");
        if (flags == null) {
            flags = field(cpuinfo, "Features");
        }
        m.put("cpu_model", model);
        m.put("cpu_mhz", mhz == null ? null : Double.parseDouble(mhz));
        m.put("logical_cpus", cpuinfo.isEmpty() ? null : (int) cpuinfo.lines().filter(l -> l.startsWith("processor")).count());
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        List<String> all = flags == null ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
        List<String> vector = new ArrayList<>(all.stream().filter(VECTOR_FLAGS::contains).sorted().toList());
        m.put("cpu_vector_flags", vector);
        m.put("cpu_flags", flags == null ? null : flags.trim());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put("jvm_vector_options", vm);
        m.put("jvm_input_arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        Double peak = null;
        if (mhz != null && vm.get("MaxVectorSize") != null) {
            try {
                peak = Double.parseDouble(mhz) / 1000 * 2 * (Long.parseLong(vm.get("MaxVectorSize")) / 4.0);
            } catch (NumberFormatException ignored) {
                // leave it out
            }
        }
        m.put("fp32_fma_peak_gflops_per_pipe", peak);
        return m;
    }

    /** The value of the first {@code key : value} line of /proc/cpuinfo, or null. */
    static String field(String cpuinfo, String key) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
