package io.milvusbench.collection;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvusbench.BadInputException;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * The suite's own namespace on a server: every collection it creates is named
 * {@value #PREFIX}..., and nothing outside that prefix is ever written or dropped.
 */
public final class SuiteCollections {
    public static final String PREFIX = "mbench_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SuiteCollections() {
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

    public static boolean owned(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** Throws unless {@code name} is one of the suite's; guards every write and drop. */
    public static String requireOwned(String name) {
        if (!owned(name)) {
            throw new BadInputException("refusing to write to or drop collection '" + name
                    + "': the suite only touches collections named " + PREFIX + "*");
        }
        return name;
    }

    /** The suite's collections on the server; others are not listed. */
    public static List<String> listOwned(MilvusClientV2 client) {
        return client.listCollections().getCollectionNames().stream().filter(SuiteCollections::owned).sorted().toList();
    }

    /** Drops one of the suite's collections; a name outside the prefix is refused. */
    public static void drop(MilvusClientV2 client, String name) {
        requireOwned(name);
        client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
    }

    /** Drops every collection under the prefix; returns the names dropped. */
    public static List<String> dropAllOwned(MilvusClientV2 client) {
        List<String> names = listOwned(client);
        names.forEach(name -> drop(client, name));
        return names;
    }
}
