package floe.engine.index;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.engine.codec.ByteSink;
import floe.engine.codec.ItemCodec;
import floe.engine.codec.KeyCodec;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableDefinition.KeyAttribute;
import floe.spi.storage.StorageLimits;
import java.util.Map;

/**
 * One item's entry in one secondary index: where it lives in the index's keyspace and
 * what it holds. The partition part is the index partition key value; the sort part
 * is the index sort key value followed by the table key attributes that are not
 * index key attributes, each in the one key encoding, so that entries with equal
 * index keys stay distinct and ordered by table key. (Those table key attributes
 * that are index key attributes are already in the index key; leaving them out
 * keeps the composed key short without losing uniqueness.)
 *
 * @param partition the encoded index partition key
 * @param sort the encoded index sort key and table key
 * @param projected what the index holds of the item
 * @param value {@code projected}, encoded
 */
public record IndexEntry(byte[] partition, byte[] sort, Item projected, byte[] value) {
    /** DynamoDB's largest index partition key value. */
    static final int MAX_PARTITION_KEY = 2048;
    /** DynamoDB's largest index sort key value. */
    static final int MAX_SORT_KEY = 1024;

    private static final String INVALID = "One or more parameter values were invalid: ";

    /** The entry's size as DynamoDB counts it (the projected item's). */
    public long size() {
        return projected.size();
    }

    /** Whether the entry lies where {@code other} does. */
    boolean sameKey(IndexEntry other) {
        return java.util.Arrays.equals(partition, other.partition) && java.util.Arrays.equals(sort, other.sort);
    }

    /**
     * The entry of {@code item} (whose table key is valid) in {@code index}, or null
     * when the item lacks an index key attribute: indexes are sparse.
     *
     * @throws ValidationException if an index key attribute is present with the wrong
     *     type, empty, or too large, as DynamoDB refuses such an item
     */
    public static IndexEntry of(TableDefinition table, IndexDefinition index, Item item) {
        boolean complete = true;
        for (KeyAttribute k : index.partitionKey()) {
            complete &= check(index, k, item.get(k.name()), MAX_PARTITION_KEY);
        }
        for (KeyAttribute k : index.sortKey()) {
            complete &= check(index, k, item.get(k.name()), MAX_SORT_KEY);
        }
        if (!complete) {
            return null;
        }
        byte[][] key = key(table, index, item.attributes());
        Item projected = index.project(table, item);
        return new IndexEntry(key[0], key[1], projected, ItemCodec.encode(projected));
    }

    /**
     * Checks every index key attribute {@code item} has against every index of its
     * table, as a put does before anything else.
     *
     * @throws ValidationException as {@link #of}
     */
    public static void checkAll(TableDefinition table, Item item) {
        for (IndexDefinition index : table.indexes()) {
            for (KeyAttribute k : index.partitionKey()) {
                check(index, k, item.get(k.name()), MAX_PARTITION_KEY);
            }
            for (KeyAttribute k : index.sortKey()) {
                check(index, k, item.get(k.name()), MAX_SORT_KEY);
            }
        }
    }

    /**
     * Checks a value about to be written to the top-level attribute {@code attribute}
     * (an update's literal) against every index key that attribute is, as an update
     * does before it reads the item.
     *
     * @throws ValidationException as {@link #of}
     */
    public static void checkAttribute(TableDefinition table, String attribute, AttributeValue value) {
        for (IndexDefinition index : table.indexes()) {
            for (KeyAttribute k : index.partitionKey()) {
                if (k.name().equals(attribute)) {
                    check(index, k, value, MAX_PARTITION_KEY);
                }
            }
            for (KeyAttribute k : index.sortKey()) {
                if (k.name().equals(attribute)) {
                    check(index, k, value, MAX_SORT_KEY);
                }
            }
        }
    }

    /**
     * The two key parts of the entry of the item whose table and index key attributes
     * {@code key} holds, all present and of their declared types: {partition, sort}.
     */
    public static byte[][] key(TableDefinition table, IndexDefinition index, Map<String, AttributeValue> key) {
        ByteSink partition = new ByteSink(64);
        for (KeyAttribute k : index.partitionKey()) {
            KeyCodec.encode(key.get(k.name()), partition);
        }
        ByteSink sort = new ByteSink(64);
        for (KeyAttribute k : index.sortKey()) {
            KeyCodec.encode(key.get(k.name()), sort);
        }
        if (!index.isKey(table.partitionKey().name())) {
            KeyCodec.encode(key.get(table.partitionKey().name()), sort);
        }
        if (table.sortKey() != null && !index.isKey(table.sortKey().name())) {
            KeyCodec.encode(key.get(table.sortKey().name()), sort);
        }
        byte[] p = partition.toByteArray();
        if (p.length > StorageLimits.MAX_PARTITION_BYTES) {
            // only four long partition attributes made mostly of zero bytes get here
            throw new ValidationException(
                    INVALID + "Index partition key attributes together exceed " + StorageLimits.MAX_PARTITION_BYTES
                            + " bytes in FloeDB's key encoding. IndexName: " + index.name());
        }
        byte[] s = sort.toByteArray();
        if (s.length > StorageLimits.MAX_SORT_BYTES) {
            // only keys made mostly of zero bytes, which the encoding escapes, get here
            throw new ValidationException(INVALID + "Index key and table key together exceed "
                    + StorageLimits.MAX_SORT_BYTES + " bytes in FloeDB's key encoding. IndexName: " + index.name());
        }
        return new byte[][] {p, s};
    }

    /**
     * The entry {@code item}, a stored item, has in {@code index}: null when it lacks an
     * index key attribute, and also when one has the wrong type, is empty or too large.
     * Such an item can only have been written before the index existed; DynamoDB leaves
     * it out of the index (reporting it only to its violation detector), and a write
     * that corrects it or deletes it succeeds.
     */
    public static IndexEntry existing(TableDefinition table, IndexDefinition index, Item item) {
        for (KeyAttribute k : index.partitionKey()) {
            AttributeValue v = item.get(k.name());
            if (v == null || problem(index, k, v, MAX_PARTITION_KEY) != null) {
                return null;
            }
        }
        for (KeyAttribute k : index.sortKey()) {
            AttributeValue v = item.get(k.name());
            if (v == null || problem(index, k, v, MAX_SORT_KEY) != null) {
                return null;
            }
        }
        try {
            return of(table, index, item);
        } catch (ValidationException e) {
            return null; // keys too long together for FloeDB's encoding: left out as well
        }
    }

    /** Checks one index key attribute's value if present; whether it is present. */
    private static boolean check(IndexDefinition index, KeyAttribute key, AttributeValue v, int max) {
        if (v == null) {
            return false;
        }
        String problem = problem(index, key, v, max);
        if (problem != null) {
            throw new ValidationException(problem);
        }
        return true;
    }

    /** What is wrong with a present index key value, as DynamoDB words it, or null. */
    private static String problem(IndexDefinition index, KeyAttribute key, AttributeValue v, int max) {
        String problem = null;
        if (v.type() != key.type()) {
            problem = INVALID + "Type mismatch for Index Key " + key.name() + " Expected: " + key.type() + " Actual: "
                    + v.type() + " IndexName: " + index.name();
        } else if ((v instanceof AttributeValue.S s && s.value().isEmpty())
                || (v instanceof AttributeValue.B b && b.value().size() == 0)) {
            problem = "One or more parameter values are not valid. A value specified for a secondary index key"
                    + " is not supported. The AttributeValue for a key attribute cannot contain an empty "
                    + (v instanceof AttributeValue.S ? "string" : "binary") + " value. IndexName: " + index.name()
                    + ", IndexKey: " + key.name();
        } else if (v.size() > max) {
            problem = INVALID + "Size limit exceeded for Index Key " + key.name() + " Actual Size: " + v.size()
                    + " bytes Max Size: " + max + " bytes IndexName: " + index.name();
        }
        if (problem != null && index.isCreating()) {
            // guessed: one third-party report quotes this for a write refused by an index being backfilled
            return INVALID + "Schema violation against backfilling index";
        }
        return problem;
    }
}
