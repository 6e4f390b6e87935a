package io.milvusbench.milvus;

import org.testcontainers.utility.ResourceReaper;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Optional;

/**
 * The two Testcontainers settings the container target depends on, read the way a user configures
 * Testcontainers: the environment first, then {@code ~/.testcontainers.properties}.
 *
 * <p>Testcontainers 2.0 reads {@code TESTCONTAINERS_RYUK_DISABLED} and
 * {@code TESTCONTAINERS_HOST_OVERRIDE} from the environment only, although the properties file is
 * where it reads every other setting and where {@code scripts/setup.sh} writes
 * {@code ryuk.disabled=true} and {@code host.override=localhost} on machines that cannot pull the
 * Ryuk image or that run inside a container. The suite honours the file as well:
 * <ul>
 *   <li>Ryuk off: {@link #prepare()} installs Testcontainers' own JVM shutdown-hook reaper before
 *       its first use, which is exactly what the environment variable would have chosen (the suite
 *       stops its containers itself; the hook removes any that remain when the JVM exits);</li>
 *   <li>host override: required inside a container, where Testcontainers would otherwise use the
 *       engine's gateway address; the container target itself always addresses Milvus (its health
 *       wait included) at 127.0.0.1, the only address its ports are published on.</li>
 * </ul>
 */
public final class TestcontainersSettings {
    static final String RYUK_DISABLED = "ryuk.disabled";
    static final String HOST_OVERRIDE = "host.override";
    private static final String HOOK_REAPER = "org.testcontainers.utility.JVMHookResourceReaper";

    private TestcontainersSettings() {
    }

    /** True when {@code TESTCONTAINERS_RYUK_DISABLED} or {@code ryuk.disabled} in the user's properties turns Ryuk off. */
    public static boolean ryukDisabled() {
        return Boolean.parseBoolean(setting(RYUK_DISABLED).orElse("false"));
    }

    /** {@code TESTCONTAINERS_HOST_OVERRIDE}, else {@code host.override} from the user's properties. */
    public static Optional<String> hostOverride() {
        return setting(HOST_OVERRIDE);
    }

    private static Optional<String> setting(String key) {
        String value = TestcontainersConfiguration.getInstance().getEnvVarOrUserProperty(key, null);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * Called before Testcontainers starts anything: when Ryuk is turned off in the properties file
     * only, installs the shutdown-hook reaper Testcontainers would have used. Idempotent; fails
     * with a message naming the cause when the pinned Testcontainers no longer has that shape.
     */
    public static synchronized void prepare() {
        if (!ryukDisabled() || Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            return;
        }
        try {
            Field instance = ResourceReaper.class.getDeclaredField("instance");
            instance.setAccessible(true);
            if (instance.get(null) != null) {
                return;
            }
            Constructor<?> hook = Class.forName(HOOK_REAPER).getDeclaredConstructor();
            hook.setAccessible(true);
            instance.set(null, hook.newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot honour " + RYUK_DISABLED + "=true from ~/.testcontainers.properties with this "
                    + "Testcontainers version (" + e + "): export TESTCONTAINERS_RYUK_DISABLED=true", e);
        }
    }

    /** The reaper Testcontainers uses, by class name (for tests and diagnostics). */
    static String reaper() {
        return ResourceReaper.instance().getClass().getName();
    }
}
