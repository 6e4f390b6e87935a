package io.milvusbench.collection;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvusbench.BadInputException;
import io.milvusbench.milvus.MilvusClients;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suite's own namespace on a server. Every collection it creates is named {@value #PREFIX}...
 * <em>and</em> carries the ownership marker: the collection properties {@value #OWNER_KEY}
 * = {@value #OWNER_VALUE}, {@value #RUN_KEY} (the run that made it) and {@value #CREATED_KEY} (UTC).
 * A name alone proves nothing (anyone can call a collection {@code mbench_x}); only marked
 * collections are ever written to after creation or dropped. Unmarked collections under the prefix
 * are "look-alikes": listed, never touched.
 *
 * <p>Milvus 2.3.5 keeps arbitrary collection properties given at creation and returns them from
 * DescribeCollection (verified with milvus-sdk-java 2.6.22). Milvus Lite 2.5.1 drops them (and has
 * no AlterCollection) but keeps the description: there the marker is written at the end of the
 * description instead ({@link #withMarker}), and read back from there when the properties lack it.
 */
public final class SuiteCollections {
    public static final String PREFIX = "mbench_";
    public static final String OWNER_KEY = "milvus-bench.owner";
    public static final String OWNER_VALUE = "milvus-bench";
    public static final String RUN_KEY = "milvus-bench.run";
    public static final String CREATED_KEY = "milvus-bench.created";
    /** System property naming the run written into the marker (default: start time and pid of this JVM). */
    public static final String RUN_PROPERTY = "milvusbench.run";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RUN = System.getProperty(RUN_PROPERTY,
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(Instant.now())
                    + "-pid" + ProcessHandle.current().pid());

    private SuiteCollections() {
    }

    /** The run id this process writes into the marker of every collection it creates. */
    public static String runId() {
        return RUN;
    }

    /** The marker properties of a collection created now. */
    public static Map<String, String> markerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(OWNER_KEY, OWNER_VALUE);
        p.put(RUN_KEY, RUN);
        p.put(CREATED_KEY, Instant.now().toString());
        return p;
    }

    /** Opens the marker at the end of a description, on servers that drop collection properties. */
    private static final String MARK_OPEN = " [milvus-bench marker: ";

    /** {@code description} with {@code marker} appended, for servers that drop collection properties. */
    public static String withMarker(String description, Map<String, String> marker) {
        StringBuilder sb = new StringBuilder(withoutMarker(description)).append(MARK_OPEN);
        marker.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
        return sb.append(']').toString();
    }

    /** The description as the suite gave it, without a marker appended by {@link #withMarker}. */
    public static String withoutMarker(String description) {
        if (description == null) {
            return "";
        }
        int at = description.lastIndexOf(MARK_OPEN);
        return at < 0 || !description.endsWith("]") ? description : description.substring(0, at);
    }

    /** The marker appended to {@code description} by {@link #withMarker}, empty when there is none. */
    static Map<String, String> markerIn(String description) {
        Map<String, String> out = new LinkedHashMap<>();
        if (description == null || !description.endsWith("]") || description.lastIndexOf(MARK_OPEN) < 0) {
            return out;
        }
        String body = description.substring(description.lastIndexOf(MARK_OPEN) + MARK_OPEN.length(), description.length() - 1);
        for (String kv : body.trim().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    /** A fresh name under the prefix, e.g. {@code mbench_search_3f9a1c}. */
    public static String newName(String purpose) {
        String clean = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return PREFIX + clean + "_" + Long.toHexString(RANDOM.nextLong() & 0xffffffL);
    }

    /** A stable name under the prefix for a reusable collection, e.g. one per dataset and index. */
    public static String stableName(String key) {
        String clean = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = PREFIX + clean;
        if (name.length() > 255) {
            throw new BadInputException("collection name too long: " + name);
        }
        return name;
    }

    /** True when the name is under the suite's prefix (necessary, not sufficient, for ownership). */
    public static boolean owned(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** Throws unless {@code name} is under the suite's prefix; guards every create. */
    public static String requireOwned(String name) {
        if (!owned(name)) {
            throw new BadInputException("refusing to write to or drop collection '" + name
                    + "': the suite only touches collections named " + PREFIX + "* that carry its marker");
        }
        return name;
    }

    /**
     * What the server says about one collection's ownership.
     *
     * @param marked  the collection carries the suite's marker
     * @param run     the run recorded in the marker (null when unmarked)
     * @param created when the marker says it was created (null when unmarked)
     * @param reason  why it is not the suite's (null when marked)
     */
    public record Ownership(String name, boolean marked, String run, String created, String reason) {
    }

    /** Reads the marker of {@code name} (one DescribeCollection). */
    public static Ownership ownership(MilvusClientV2 client, String name) {
        if (!owned(name)) {
            return new Ownership(name, false, null, null, "name outside the " + PREFIX + " prefix");
        }
        DescribeCollectionResp d = client.describeCollection(DescribeCollectionReq.builder().collectionName(name).build());
        Map<String, String> p = d.getProperties() == null ? Map.of() : d.getProperties();
        if (!p.containsKey(OWNER_KEY)) {
            p = markerIn(d.getDescription());
        }
        if (!OWNER_VALUE.equals(p.get(OWNER_KEY))) {
            return new Ownership(name, false, null, null, p.containsKey(OWNER_KEY)
                    ? "property " + OWNER_KEY + " is '" + p.get(OWNER_KEY) + "', not '" + OWNER_VALUE + "'"
                    : "no " + OWNER_KEY + " property: made by hand, by another tool, or by a milvus-bench without markers");
        }
        return new Ownership(name, true, p.get(RUN_KEY), p.get(CREATED_KEY), null);
    }

    /** Throws unless {@code name} carries the suite's marker; guards every write to and drop of an existing collection. */
    public static Ownership requireMarked(MilvusClientV2 client, String name) {
        requireOwned(name);
        Ownership o = ownership(client, name);
        if (!o.marked()) {
            throw new BadInputException("refusing to write to or drop collection '" + name + "': it is named like the suite's but "
                    + o.reason() + "; drop or rename it yourself");
        }
        return o;
    }

    /** Every collection under the prefix with its ownership, sorted by name; collections outside the prefix are not listed. */
    public static List<Ownership> survey(MilvusClientV2 client) {
        List<Ownership> out = new ArrayList<>();
        for (String name : client.listCollections().getCollectionNames().stream().filter(SuiteCollections::owned).sorted().toList()) {
            try {
                out.add(ownership(client, name));
            } catch (RuntimeException e) {
                out.add(new Ownership(name, false, null, null, "cannot read its marker: " + MilvusClients.rootMessage(e)));
            }
        }
        return out;
    }

    /** The suite's (marked) collections on the server. */
    public static List<String> listOwned(MilvusClientV2 client) {
        return survey(client).stream().filter(Ownership::marked).map(Ownership::name).toList();
    }

    /** Drops one of the suite's collections; an unmarked one, or a name outside the prefix, is refused. */
    public static void drop(MilvusClientV2 client, String name) {
        requireMarked(client, name);
        client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
    }

    /**
     * Drops a marked collection and returns once the server no longer lists it (polled every
     * 10 ms, at most {@code limit}); the data node's release of the collection's flow graph is
     * awaited by the benchmarks that need it ({@code io.milvusbench.bench.ServerSettle}).
     */
    public static void dropAndWait(MilvusClientV2 client, String name, java.time.Duration limit) {
        drop(client, name);
        long deadline = System.nanoTime() + limit.toNanos();
        while (Boolean.TRUE.equals(client.hasCollection(io.milvus.v2.service.collection.request.HasCollectionReq.builder()
                .collectionName(name).build()))) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("collection " + name + " still listed " + limit + " after its drop");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the drop of " + name, e);
            }
        }
    }

    /** Drops every marked collection; returns the names dropped. Look-alikes are left alone. */
    public static List<String> dropAllOwned(MilvusClientV2 client) {
        List<String> names = listOwned(client);
        names.forEach(name -> drop(client, name));
        return names;
    }
}
