package floe.engine.table;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.engine.table.TableDefinition.KeyAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A secondary index's stored definition, kept inside its table's definition.
 * Key attributes are lists: a global index may have up to four partition and four
 * sort attributes (DynamoDB's multi-attribute keys); a local one has one of each.
 *
 * @param name the index name
 * @param id the index's unique id, naming its keyspace (a recreated index gets a new one)
 * @param kind global or local
 * @param partitionKey the index partition key attributes
 * @param sortKey the index sort key attributes, possibly none
 * @param projectionType KEYS_ONLY, INCLUDE or ALL
 * @param nonKeyAttributes with INCLUDE, the projected non-key attributes, else empty
 * @param readCapacity provisioned read units of a GSI on a provisioned table, else 0
 * @param writeCapacity provisioned write units of a GSI on a provisioned table, else 0
 * @param status ACTIVE, or CREATING while a global index added to an existing table is backfilled
 */
public record IndexDefinition(
        String name,
        String id,
        Kind kind,
        List<KeyAttribute> partitionKey,
        List<KeyAttribute> sortKey,
        String projectionType,
        List<String> nonKeyAttributes,
        long readCapacity,
        long writeCapacity,
        String status) {

    /** Projection types. */
    public static final String KEYS_ONLY = "KEYS_ONLY";
    /** Projection types. */
    public static final String INCLUDE = "INCLUDE";
    /** Projection types. */
    public static final String ALL = "ALL";
    /** Index status. */
    public static final String ACTIVE = "ACTIVE";
    /** Index status: added to an existing table and being backfilled; writes keep it, reads are refused. */
    public static final String CREATING = "CREATING";

    /** Global or local. */
    public enum Kind {
        /** A global secondary index: any key, its own throughput, eventually consistent. */
        GLOBAL,
        /** A local secondary index: the table's partition key, another sort key. */
        LOCAL
    }

    /** Copies the lists. */
    public IndexDefinition {
        partitionKey = List.copyOf(partitionKey);
        sortKey = List.copyOf(sortKey);
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    /** The keyspace holding the index's entries. */
    public String keyspace() {
        return "i." + id;
    }

    /** Whether this is a global secondary index. */
    public boolean isGlobal() {
        return kind == Kind.GLOBAL;
    }

    /** The index key attributes: partition then sort. */
    public List<KeyAttribute> keyAttributes() {
        List<KeyAttribute> all = new ArrayList<>(partitionKey);
        all.addAll(sortKey);
        return all;
    }

    /** Whether {@code attribute} is one of the index's key attributes. */
    public boolean isKey(String attribute) {
        for (KeyAttribute k : partitionKey) {
            if (k.name().equals(attribute)) {
                return true;
            }
        }
        for (KeyAttribute k : sortKey) {
            if (k.name().equals(attribute)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the index holds {@code attribute} of its items (the table's and its own keys always). */
    public boolean projects(TableDefinition table, String attribute) {
        return ALL.equals(projectionType)
                || table.isKey(attribute)
                || isKey(attribute)
                || nonKeyAttributes.contains(attribute);
    }

    /** What the index holds of {@code item}: every attribute with ALL, else the projected ones present. */
    public Item project(TableDefinition table, Item item) {
        if (ALL.equals(projectionType)) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.attributes().entrySet()) {
            if (projects(table, e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return Item.of(out);
    }

    /** Whether the index is being backfilled. */
    public boolean isCreating() {
        return CREATING.equals(status);
    }

    /** The same index with another status. */
    public IndexDefinition withStatus(String newStatus) {
        return new IndexDefinition(
                name,
                id,
                kind,
                partitionKey,
                sortKey,
                projectionType,
                nonKeyAttributes,
                readCapacity,
                writeCapacity,
                newStatus);
    }

    /** The same index with other provisioned throughput. */
    public IndexDefinition withThroughput(long read, long write) {
        return new IndexDefinition(
                name, id, kind, partitionKey, sortKey, projectionType, nonKeyAttributes, read, write, status);
    }

    /** As an attribute value, for the catalog. */
    AttributeValue toValue() {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("name", AttributeValue.s(name));
        m.put("id", AttributeValue.s(id));
        m.put("kind", AttributeValue.s(kind.name()));
        m.put("pk", keys(partitionKey));
        m.put("sk", keys(sortKey));
        m.put("projection", AttributeValue.s(projectionType));
        List<AttributeValue> nonKey = new ArrayList<>();
        for (String a : nonKeyAttributes) {
            nonKey.add(AttributeValue.s(a));
        }
        m.put("nonKey", new AttributeValue.L(nonKey));
        m.put("rcu", AttributeValue.n(readCapacity));
        m.put("wcu", AttributeValue.n(writeCapacity));
        m.put("status", AttributeValue.s(status));
        return AttributeValue.m(m);
    }

    /** From a catalog value. */
    static IndexDefinition fromValue(AttributeValue v) {
        Map<String, AttributeValue> m = ((AttributeValue.M) v).values();
        List<String> nonKey = new ArrayList<>();
        for (AttributeValue a : ((AttributeValue.L) m.get("nonKey")).values()) {
            nonKey.add(TableDefinition.str(a));
        }
        return new IndexDefinition(
                TableDefinition.str(m.get("name")),
                TableDefinition.str(m.get("id")),
                Kind.valueOf(TableDefinition.str(m.get("kind"))),
                keys(m.get("pk")),
                keys(m.get("sk")),
                TableDefinition.str(m.get("projection")),
                nonKey,
                TableDefinition.num(m.get("rcu")),
                TableDefinition.num(m.get("wcu")),
                TableDefinition.str(m.get("status")));
    }

    private static AttributeValue keys(List<KeyAttribute> keys) {
        List<AttributeValue> out = new ArrayList<>();
        for (KeyAttribute k : keys) {
            out.add(TableDefinition.key(k));
        }
        return new AttributeValue.L(out);
    }

    private static List<KeyAttribute> keys(AttributeValue v) {
        List<KeyAttribute> out = new ArrayList<>();
        for (AttributeValue k : ((AttributeValue.L) v).values()) {
            out.add(TableDefinition.key(k));
        }
        return out;
    }
}
