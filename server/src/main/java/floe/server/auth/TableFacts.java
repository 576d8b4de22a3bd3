package floe.server.auth;

import floe.api.FloeDb;
import floe.api.error.FloeException;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GetResourcePolicyRequest;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.KeySchemaElement;
import floe.api.model.LocalSecondaryIndexDescription;
import floe.api.model.TableDescription;
import floe.server.auth.policy.MalformedPolicyException;
import floe.server.auth.policy.Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * What authorization needs to know of a table: the partition key of the table and of each
 * index (for {@code dynamodb:LeadingKeys}), and the resource-based policies of the table and
 * its stream, compiled. Asked of the namespace (account and Region) the table lives in, and
 * kept for a second: DynamoDB itself applies a put resource policy eventually, and a key
 * schema never changes while a table lives.
 */
public final class TableFacts {
    private static final long KEEP_NANOS = 1_000_000_000L;
    /** Tables kept at most: a bound against requests naming many tables that do not exist. */
    private static final int MAX_TABLES = 10_000;

    /**
     * A table's facts.
     *
     * @param partitionKeys the partition key of the table (under the name "") and of each index, by index name
     * @param keyNames the table's key attribute names
     * @param policy the table's resource-based policy, or null
     * @param fetched when these were asked, {@link System#nanoTime()}
     */
    record Table(Map<String, String> partitionKeys, List<String> keyNames, Policy policy, long fetched) {}

    private static final Table MISSING = new Table(Map.of(), List.of(), null, 0);

    private final BiFunction<String, String, FloeDb> namespaces;
    private final LongSupplier nanos;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, Object[]> streamPolicies = new ConcurrentHashMap<>();
    private final Map<String, Policy> compiled = new ConcurrentHashMap<>();

    /** The table a thread asked of last, and where. */
    private record Last(String account, String region, String name, Table table) {}

    private final ThreadLocal<Last> lastTable = new ThreadLocal<>();

    /**
     * @param namespaces the database of an account's Region, by account and Region
     * @param nanos the clock a second is measured by ({@link System#nanoTime} in a server)
     */
    public TableFacts(BiFunction<String, String, FloeDb> namespaces, LongSupplier nanos) {
        this.namespaces = namespaces;
        this.nanos = nanos;
    }

    /**
     * The facts of a table of an account's Region; for a table that does not exist, none (no
     * keys, no policy), and nothing kept.
     */
    Table table(String account, String region, String name) {
        long now = nanos.getAsLong();
        Last last = lastTable.get();
        // a connection's requests mostly name one table: found without making a key
        if (last != null
                && now - last.table.fetched < KEEP_NANOS
                && last.name.equals(name)
                && last.account.equals(account)
                && last.region.equals(region)) {
            return last.table;
        }
        String key = account + ":" + region + ":" + name;
        Table t = tables.get(key);
        if (t == null || now - t.fetched >= KEEP_NANOS) {
            t = fetch(account, region, name, now);
            if (t == null) {
                // Not kept: a table about to be created must be known as soon as it is.
                tables.remove(key);
                return MISSING;
            }
            if (tables.size() >= MAX_TABLES) {
                tables.clear();
            }
            tables.put(key, t);
        }
        lastTable.set(new Last(account, region, name, t));
        return t;
    }

    /**
     * The table's facts asked anew: for a request whose items lack the partition key kept
     * (the table was deleted and created again with another key within the second).
     */
    Table fresh(String account, String region, String name) {
        tables.remove(account + ":" + region + ":" + name);
        lastTable.remove();
        return table(account, region, name);
    }

    /** The resource-based policy of a stream (its ARN names its account and Region), or null. */
    Policy streamPolicy(String streamArn) {
        long now = nanos.getAsLong();
        Object[] kept = streamPolicies.get(streamArn);
        if (kept != null && now - (Long) kept[1] < KEEP_NANOS) {
            return (Policy) kept[0];
        }
        Policy p = streamArnPolicy(streamArn);
        if (streamPolicies.size() >= MAX_TABLES) {
            streamPolicies.clear();
        }
        streamPolicies.put(streamArn, new Object[] {p, now});
        return p;
    }

    /** The policy of a stream, read in the namespace its ARN names; null if none, or no such namespace. */
    private Policy streamArnPolicy(String streamArn) {
        String[] p = streamArn.split(":", 6);
        if (p.length < 6) {
            return null;
        }
        FloeDb db;
        try {
            db = namespaces.apply(p[4], p[3]);
        } catch (FloeException e) {
            return null; // no namespace by that name, or none may open: no policy allows anything there
        }
        return policy(db, streamArn);
    }

    private Table fetch(String account, String region, String name, long now) {
        FloeDb db;
        TableDescription d;
        try {
            db = namespaces.apply(account, region);
            d = db.describeTable(new DescribeTableRequest(name)).table();
        } catch (FloeException e) {
            return null;
        }
        Map<String, String> partitionKeys = new HashMap<>();
        List<String> keyNames = new java.util.ArrayList<>();
        for (KeySchemaElement k : d.keySchema()) {
            keyNames.add(k.attributeName());
            if ("HASH".equals(k.keyType())) {
                partitionKeys.put("", k.attributeName());
            }
        }
        if (d.globalSecondaryIndexes() != null) {
            for (GlobalSecondaryIndexDescription g : d.globalSecondaryIndexes()) {
                partitionKeys.put(g.indexName(), hash(g.keySchema()));
            }
        }
        if (d.localSecondaryIndexes() != null) {
            for (LocalSecondaryIndexDescription l : d.localSecondaryIndexes()) {
                partitionKeys.put(l.indexName(), hash(l.keySchema()));
            }
        }
        return new Table(Map.copyOf(partitionKeys), List.copyOf(keyNames), policy(db, d.tableArn()), now);
    }

    private static String hash(List<KeySchemaElement> schema) {
        for (KeySchemaElement k : schema) {
            if ("HASH".equals(k.keyType())) {
                return k.attributeName();
            }
        }
        return null;
    }

    /** The policy stored on a table or stream, compiled once per document; null if none (or none that parses). */
    private Policy policy(FloeDb db, String arn) {
        String document;
        try {
            document = db.getResourcePolicy(new GetResourcePolicyRequest(arn)).policy();
        } catch (FloeException e) {
            return null; // no policy, or no such resource
        }
        if (document == null) {
            return null;
        }
        Policy p = compiled.get(document);
        if (p == null) {
            try {
                p = Policy.parse(arn, document);
            } catch (MalformedPolicyException e) {
                // PutResourcePolicy keeps any JSON object; one that is no policy grants nothing.
                return null;
            }
            if (compiled.size() >= MAX_TABLES) {
                compiled.clear();
            }
            compiled.put(document, p);
        }
        return p;
    }
}
