package floe.engine.item;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.engine.codec.ItemCodec;
import floe.engine.codec.KeyCodec;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableDefinition.KeyAttribute;
import floe.spi.storage.ReadTransaction;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns an item's or a request key's key attributes into the backend's two-part
 * key, checking them against the table's key schema with DynamoDB's messages.
 *
 * @param partition the encoded partition key value
 * @param sort the encoded sort key value, empty for tables without a sort key
 */
public record ItemKeys(byte[] partition, byte[] sort) {
    /** DynamoDB's largest partition key value. */
    public static final int MAX_PARTITION_KEY = 2048;
    /** DynamoDB's largest sort key value. */
    public static final int MAX_SORT_KEY = 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final String INVALID = "One or more parameter values were invalid: ";

    /**
     * The key of an item being written: every key attribute must be present, of its
     * declared type, non-empty and within DynamoDB's size limits.
     */
    public static ItemKeys ofItem(TableDefinition table, Item item) {
        byte[] p = itemKey(table.partitionKey(), item.get(table.partitionKey().name()), MAX_PARTITION_KEY);
        byte[] s = table.sortKey() == null
                ? EMPTY
                : itemKey(table.sortKey(), item.get(table.sortKey().name()), MAX_SORT_KEY);
        return new ItemKeys(p, s);
    }

    /**
     * The key given as a request's {@code Key}: exactly the key attributes, of their
     * declared types, else "The provided key element does not match the schema".
     */
    public static ItemKeys ofKey(TableDefinition table, Map<String, AttributeValue> key) {
        int expected = table.sortKey() == null ? 1 : 2;
        AttributeValue pv = key.get(table.partitionKey().name());
        AttributeValue sv =
                table.sortKey() == null ? null : key.get(table.sortKey().name());
        if (key.size() != expected
                || pv == null
                || (table.sortKey() != null && sv == null)
                || pv.type() != table.partitionKey().type()
                || (sv != null && sv.type() != table.sortKey().type())) {
            throw new ValidationException("The provided key element does not match the schema");
        }
        checkNotEmpty(table.partitionKey(), pv);
        byte[] p = sized(table.partitionKey(), pv, MAX_PARTITION_KEY);
        byte[] s = EMPTY;
        if (sv != null) {
            checkNotEmpty(table.sortKey(), sv);
            s = sized(table.sortKey(), sv, MAX_SORT_KEY);
        }
        return new ItemKeys(p, s);
    }

    /** The item stored under these keys in {@code table}, or null. */
    public Item read(ReadTransaction t, TableDefinition table) {
        byte[] v = t.get(table.keyspace(), partition, sort);
        return v == null ? null : ItemCodec.decode(v);
    }

    /** Whether both address the same item of a table (a record compares arrays by identity). */
    public boolean sameAs(ItemKeys other) {
        return Arrays.equals(partition, other.partition) && Arrays.equals(sort, other.sort);
    }

    /** The table key attributes of {@code item}, as a key map. */
    public static Map<String, AttributeValue> keyOf(TableDefinition table, Item item) {
        if (table.sortKey() == null) {
            return Map.of(
                    table.partitionKey().name(), item.get(table.partitionKey().name()));
        }
        return Map.of(
                table.partitionKey().name(),
                item.get(table.partitionKey().name()),
                table.sortKey().name(),
                item.get(table.sortKey().name()));
    }

    /** The key attributes these encoded keys of {@code table} stand for, as a key map. */
    public Map<String, AttributeValue> keyMap(TableDefinition table) {
        AttributeValue pv = KeyCodec.decode(table.partitionKey().type(), partition);
        if (table.sortKey() == null) {
            return Map.of(table.partitionKey().name(), pv);
        }
        return Map.of(
                table.partitionKey().name(),
                pv,
                table.sortKey().name(),
                KeyCodec.decode(table.sortKey().type(), sort));
    }

    private static byte[] itemKey(KeyAttribute key, AttributeValue v, int max) {
        if (v == null) {
            throw new ValidationException(INVALID + "Missing the key " + key.name() + " in the item");
        }
        if (v.type() != key.type()) {
            throw new ValidationException(INVALID + "Type mismatch for key " + key.name() + " expected: " + key.type()
                    + " actual: " + v.type());
        }
        checkNotEmpty(key, v);
        return sized(key, v, max);
    }

    private static void checkNotEmpty(KeyAttribute key, AttributeValue v) {
        if ((v instanceof AttributeValue.S s && s.value().isEmpty())
                || (v instanceof AttributeValue.B b && b.value().size() == 0)) {
            throw new ValidationException("One or more parameter values are not valid. The AttributeValue for a key"
                    + " attribute cannot contain an empty " + (v instanceof AttributeValue.S ? "string" : "binary")
                    + " value. Key: " + key.name());
        }
    }

    private static byte[] sized(KeyAttribute key, AttributeValue v, int max) {
        if (v.size() > max) {
            throw new ValidationException(
                    max == MAX_PARTITION_KEY
                            ? INVALID + "Size of hashkey has exceeded the maximum size limit of2048 bytes"
                            : INVALID + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
        return KeyCodec.encode(v);
    }
}
