package floe.engine.query;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.engine.expr.KeySchema;
import floe.engine.index.IndexEntry;
import floe.engine.item.ItemKeys;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableDefinition.KeyAttribute;
import floe.spi.storage.EntryKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Query or Scan reads: a table, or one of its secondary indexes, whose entries
 * hold projected items keyed by (index key, table key).
 *
 * @param table the table
 * @param index the index read, or null for the table itself
 */
record ReadSource(TableDefinition table, IndexDefinition index) {
    private static final String INVALID_START = "The provided starting key is invalid";

    /**
     * The table, or its index named {@code indexName}, for a read with
     * {@code consistentRead}.
     *
     * @throws ValidationException if there is no such index, it is still being
     *     backfilled, or a strongly consistent read asks a global index
     */
    static ReadSource of(TableDefinition table, String indexName, Boolean consistentRead) {
        if (indexName == null) {
            return new ReadSource(table, null);
        }
        IndexDefinition index = table.index(indexName);
        if (index == null) {
            throw new ValidationException("The table does not have the specified index: " + indexName);
        }
        if (index.isCreating()) {
            throw new ValidationException("Cannot read from backfilling global secondary index: " + indexName);
        }
        if (index.isGlobal() && Boolean.TRUE.equals(consistentRead)) {
            throw new ValidationException("Consistent reads are not supported on global secondary indexes");
        }
        return new ReadSource(table, index);
    }

    /** The keyspace read. */
    String keyspace() {
        return index == null ? table.keyspace() : index.keyspace();
    }

    /** The key schema a key condition is checked against. */
    KeySchema schema() {
        List<KeyAttribute> partition = index == null ? List.of(table.partitionKey()) : index.partitionKey();
        List<KeyAttribute> sort =
                index == null ? (table.sortKey() == null ? List.of() : List.of(table.sortKey())) : index.sortKey();
        return new KeySchema(
                partition.stream()
                        .map(k -> new KeySchema.KeyAttribute(k.name(), k.type()))
                        .toList(),
                sort.stream()
                        .map(k -> new KeySchema.KeyAttribute(k.name(), k.type()))
                        .toList());
    }

    /** Whether {@code attribute} is a key attribute of what is read (which a Query's filter may not name). */
    boolean isKey(String attribute) {
        return index == null ? table.isKey(attribute) : index.isKey(attribute);
    }

    /** Whether every attribute named is held by the entries read. */
    boolean holdsAll(Set<String> attributes) {
        if (index == null) {
            return true;
        }
        for (String a : attributes) {
            if (!index.projects(table, a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether reading needs each item fetched from the table: only a local index does
     * that, when asked for ALL_ATTRIBUTES or for attributes it does not hold.
     */
    boolean fetches(String select, Set<String> named) {
        return index != null
                && !index.isGlobal()
                && !IndexDefinition.ALL.equals(index.projectionType())
                && ("ALL_ATTRIBUTES".equals(select) || !holdsAll(named));
    }

    /** Refuses ALL_ATTRIBUTES from a global index that does not hold them. */
    void checkSelect(String select) {
        if ("ALL_ATTRIBUTES".equals(select)
                && index != null
                && index.isGlobal()
                && !IndexDefinition.ALL.equals(index.projectionType())) {
            throw new ValidationException(
                    "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported"
                            + " for global secondary index " + index.name()
                            + " because its projection type is not ALL");
        }
    }

    /** The key of the entry holding {@code entry}: the table key, plus the index key when reading an index. */
    Map<String, AttributeValue> lastKey(Item entry) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : keyNames()) {
            key.put(name, entry.get(name));
        }
        return key;
    }

    /** The table's key attribute names, then the index's not among them. */
    private Set<String> keyNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(table.partitionKey().name());
        if (table.sortKey() != null) {
            names.add(table.sortKey().name());
        }
        if (index != null) {
            for (KeyAttribute k : index.keyAttributes()) {
                names.add(k.name());
            }
        }
        return names;
    }

    /**
     * Where a read continues after ExclusiveStartKey. For an index the key must hold
     * exactly the table and index key attributes: DynamoDB checks their number, then
     * the index key attributes, then {@code select}, then the table key.
     */
    EntryKey start(Map<String, AttributeValue> key, String select) {
        if (index == null) {
            ItemKeys keys = tableKey(key);
            return new EntryKey(keys.partition(), keys.sort());
        }
        if (key.size() != keyNames().size()) {
            throw new ValidationException(INVALID_START);
        }
        for (KeyAttribute k : index.keyAttributes()) {
            AttributeValue v = key.get(k.name());
            if (v == null) {
                throw new ValidationException(INVALID_START);
            }
            if (v.type() != k.type()) {
                throw new ValidationException("The provided key element does not match the schema");
            }
        }
        checkSelect(select);
        Map<String, AttributeValue> tableKey = new LinkedHashMap<>();
        List<String> tableNames = new ArrayList<>();
        tableNames.add(table.partitionKey().name());
        if (table.sortKey() != null) {
            tableNames.add(table.sortKey().name());
        }
        for (String name : tableNames) {
            if (key.containsKey(name)) {
                tableKey.put(name, key.get(name));
            }
        }
        tableKey(tableKey);
        byte[][] parts = IndexEntry.key(table, index, key);
        return new EntryKey(parts[0], parts[1]);
    }

    private ItemKeys tableKey(Map<String, AttributeValue> key) {
        try {
            return ItemKeys.ofKey(table, key);
        } catch (ValidationException e) {
            throw new ValidationException(INVALID_START + ": " + e.getMessage());
        }
    }
}
