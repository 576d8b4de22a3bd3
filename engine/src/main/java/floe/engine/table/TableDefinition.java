package floe.engine.table;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.model.AttributeDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's stored definition. Persisted as an {@link Item} through the one item
 * codec, so that the catalog needs no format of its own and new fields are simply
 * new attributes.
 *
 * @param name the table name
 * @param id the table's unique id, also naming its keyspace
 * @param created creation time
 * @param partitionKey the partition key attribute
 * @param sortKey the sort key attribute, or null
 * @param attributeDefinitions the attribute definitions as given
 * @param billingMode PROVISIONED or PAY_PER_REQUEST
 * @param readCapacity provisioned read units (0 on demand)
 * @param writeCapacity provisioned write units (0 on demand)
 * @param lastIncrease last throughput increase, or null
 * @param lastDecrease last throughput decrease, or null
 * @param decreasesToday throughput decreases in the current UTC day
 * @param lastSwitchToPayPerRequest last switch to on-demand, or null
 * @param indexes the secondary indexes: global ones first, each kind in the order created
 * @param settings the table's other settings, one attribute per setting, each owned
 *     (named, read and written) by the engine package of its feature (streams, TTL,
 *     tags, table options ...), so that a feature adds settings without touching this
 *     record or the catalog; see {@link #setting} and {@link #withSetting}
 */
public record TableDefinition(
        String name,
        String id,
        Instant created,
        KeyAttribute partitionKey,
        KeyAttribute sortKey,
        List<AttributeDefinition> attributeDefinitions,
        String billingMode,
        long readCapacity,
        long writeCapacity,
        Instant lastIncrease,
        Instant lastDecrease,
        long decreasesToday,
        Instant lastSwitchToPayPerRequest,
        List<IndexDefinition> indexes,
        Item settings) {

    /** Billing mode names. */
    public static final String PROVISIONED = "PROVISIONED";
    /** Billing mode names. */
    public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

    /** Copies the lists. */
    public TableDefinition {
        attributeDefinitions = List.copyOf(attributeDefinitions);
        indexes = List.copyOf(indexes);
        settings = settings == null ? Item.empty() : settings;
    }

    /**
     * A key attribute.
     *
     * @param name attribute name
     * @param type S, N or B
     */
    public record KeyAttribute(String name, AttributeValue.Type type) {}

    /** The keyspace holding the table's items. */
    public String keyspace() {
        return "t." + id;
    }

    /**
     * The keyspace holding each item's hidden replication stamp (see
     * {@code floe.engine.stamp.Stamps}), under the item's own key: beside the item, so it
     * is never part of an answer or of the item's size.
     */
    public String stampsKeyspace() {
        return "s." + id;
    }

    /**
     * The keyspace holding the size of each item collection (the items of one partition
     * key value with their local index entries), kept only for a table with local indexes.
     */
    public String collectionsKeyspace() {
        return "c." + id;
    }

    /** Whether the table has local secondary indexes (and so item collections with a size limit). */
    public boolean hasLocalIndexes() {
        for (IndexDefinition i : indexes) {
            if (!i.isGlobal()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code attribute} is one of the table's key attributes. */
    public boolean isKey(String attribute) {
        return partitionKey.name().equals(attribute)
                || (sortKey != null && sortKey.name().equals(attribute));
    }

    /** The index named {@code indexName}, or null. */
    public IndexDefinition index(String indexName) {
        for (IndexDefinition i : indexes) {
            if (i.name().equals(indexName)) {
                return i;
            }
        }
        return null;
    }

    /** The index whose id is {@code indexId}, or null. */
    public IndexDefinition indexById(String indexId) {
        for (IndexDefinition i : indexes) {
            if (i.id().equals(indexId)) {
                return i;
            }
        }
        return null;
    }

    /** The same table with other attribute definitions and indexes. */
    public TableDefinition withIndexes(List<AttributeDefinition> definitions, List<IndexDefinition> newIndexes) {
        return new TableDefinition(
                name,
                id,
                created,
                partitionKey,
                sortKey,
                definitions,
                billingMode,
                readCapacity,
                writeCapacity,
                lastIncrease,
                lastDecrease,
                decreasesToday,
                lastSwitchToPayPerRequest,
                newIndexes,
                settings);
    }

    /** The same table with {@code index} in place of the index of the same id. */
    public TableDefinition withIndex(IndexDefinition index) {
        List<IndexDefinition> out = new ArrayList<>();
        for (IndexDefinition i : indexes) {
            out.add(i.id().equals(index.id()) ? index : i);
        }
        return withIndexes(attributeDefinitions, out);
    }

    /** The same table with other billing and throughput (and its indexes as given). */
    public TableDefinition withBilling(
            String mode,
            long read,
            long write,
            Instant increase,
            Instant decrease,
            long decreases,
            Instant switchToPayPerRequest,
            List<IndexDefinition> newIndexes) {
        return new TableDefinition(
                name,
                id,
                created,
                partitionKey,
                sortKey,
                attributeDefinitions,
                mode,
                read,
                write,
                increase,
                decrease,
                decreases,
                switchToPayPerRequest,
                newIndexes,
                settings);
    }

    /** The setting named {@code setting}, or null if the table has none. */
    public AttributeValue setting(String setting) {
        return settings.get(setting);
    }

    /** The same table with {@code setting} set to {@code value}, or removed if {@code value} is null. */
    public TableDefinition withSetting(String setting, AttributeValue value) {
        Item next = value == null
                ? settings.toBuilder().remove(setting).build()
                : settings.toBuilder().put(setting, value).build();
        return new TableDefinition(
                name,
                id,
                created,
                partitionKey,
                sortKey,
                attributeDefinitions,
                billingMode,
                readCapacity,
                writeCapacity,
                lastIncrease,
                lastDecrease,
                decreasesToday,
                lastSwitchToPayPerRequest,
                indexes,
                next);
    }

    /** As an item, for the catalog. */
    public Item toItem() {
        Item.Builder b = Item.builder()
                .put("name", name)
                .put("id", id)
                .put("created", created.toEpochMilli())
                .put("pk", key(partitionKey))
                .put("billingMode", billingMode)
                .put("rcu", readCapacity)
                .put("wcu", writeCapacity)
                .put("decreasesToday", decreasesToday);
        if (sortKey != null) {
            b.put("sk", key(sortKey));
        }
        List<AttributeValue> defs = new ArrayList<>();
        for (AttributeDefinition d : attributeDefinitions) {
            defs.add(AttributeValue.l(AttributeValue.s(d.attributeName()), AttributeValue.s(d.attributeType())));
        }
        b.put("attributeDefinitions", new AttributeValue.L(defs));
        time(b, "lastIncrease", lastIncrease);
        time(b, "lastDecrease", lastDecrease);
        time(b, "lastSwitchToPayPerRequest", lastSwitchToPayPerRequest);
        if (!indexes.isEmpty()) {
            List<AttributeValue> idx = new ArrayList<>();
            for (IndexDefinition i : indexes) {
                idx.add(i.toValue());
            }
            b.put("indexes", new AttributeValue.L(idx));
        }
        if (!settings.isEmpty()) {
            b.put("settings", AttributeValue.m(settings.attributes()));
        }
        return b.build();
    }

    /** From a catalog item (one written before indexes or settings existed has none). */
    public static TableDefinition fromItem(Item item) {
        List<AttributeDefinition> defs = new ArrayList<>();
        for (AttributeValue v : ((AttributeValue.L) item.get("attributeDefinitions")).values()) {
            List<AttributeValue> pair = ((AttributeValue.L) v).values();
            defs.add(new AttributeDefinition(str(pair.get(0)), str(pair.get(1))));
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        if (item.has("indexes")) {
            for (AttributeValue v : ((AttributeValue.L) item.get("indexes")).values()) {
                indexes.add(IndexDefinition.fromValue(v));
            }
        }
        return new TableDefinition(
                str(item.get("name")),
                str(item.get("id")),
                Instant.ofEpochMilli(num(item.get("created"))),
                key(item.get("pk")),
                item.has("sk") ? key(item.get("sk")) : null,
                defs,
                str(item.get("billingMode")),
                num(item.get("rcu")),
                num(item.get("wcu")),
                time(item, "lastIncrease"),
                time(item, "lastDecrease"),
                num(item.get("decreasesToday")),
                time(item, "lastSwitchToPayPerRequest"),
                indexes,
                item.has("settings") ? Item.of(((AttributeValue.M) item.get("settings")).values()) : Item.empty());
    }

    static AttributeValue key(KeyAttribute k) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("name", AttributeValue.s(k.name()));
        m.put("type", AttributeValue.s(k.type().name()));
        return AttributeValue.m(m);
    }

    static KeyAttribute key(AttributeValue v) {
        Map<String, AttributeValue> m = ((AttributeValue.M) v).values();
        return new KeyAttribute(str(m.get("name")), AttributeValue.Type.valueOf(str(m.get("type"))));
    }

    private static void time(Item.Builder b, String name, Instant t) {
        if (t != null) {
            b.put(name, t.toEpochMilli());
        }
    }

    private static Instant time(Item item, String name) {
        return item.has(name) ? Instant.ofEpochMilli(num(item.get(name))) : null;
    }

    static String str(AttributeValue v) {
        return ((AttributeValue.S) v).value();
    }

    static long num(AttributeValue v) {
        BigDecimal d = ((AttributeValue.N) v).value();
        return d.longValueExact();
    }
}
