package floe.engine.item;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.engine.expr.Expressions;
import floe.engine.expr.Operand;
import floe.engine.expr.UpdateExpression;
import floe.engine.index.IndexEntry;
import floe.engine.seal.Presealed;
import floe.engine.table.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * One validated write of one item, as a request asks for it, resolved against its
 * table when the request came: the one shape every write path (PutItem, UpdateItem,
 * DeleteItem, BatchWriteItem, TransactWriteItems, the TTL sweep) hands to
 * {@link ItemWriter}, which turns it into a {@link WritePlan} and applies that.
 *
 * @param kind what the write does
 * @param table the table as resolved for the request; the writer re-reads the latest
 * @param keys the item's encoded key
 * @param item the item a put stores, else null
 * @param key the key of the item otherwise addressed, else null
 * @param update the update of an UpdateItem, else null
 * @param condition the condition the old item must meet, or null
 * @param byService whether the engine makes this write on its own (a TTL deletion), not a caller
 * @param sealed the item of a put, encoded and sealed ahead of the write transaction (see
 *     {@link ItemWriter#sealAhead}), else null
 */
public record ItemWrite(
        Kind kind,
        TableDefinition table,
        ItemKeys keys,
        Item item,
        Item key,
        Expressions.Update update,
        Expressions.Condition condition,
        boolean byService,
        Presealed sealed) {
    /** What the write does. */
    public enum Kind {
        PUT,
        UPDATE,
        DELETE,
        CHECK
    }

    /** A put of a checked item; its index key attributes are checked now, before any condition, as DynamoDB does. */
    public static ItemWrite put(TableDefinition table, Item item, Expressions.Condition condition) {
        ItemKeys keys = ItemKeys.ofItem(table, item);
        IndexEntry.checkAll(table, item);
        return new ItemWrite(Kind.PUT, table, keys, item, null, null, condition, false, null);
    }

    /** A delete of the item with {@code key}. */
    public static ItemWrite delete(TableDefinition table, Item key, Expressions.Condition condition) {
        return new ItemWrite(
                Kind.DELETE, table, ItemKeys.ofKey(table, key.attributes()), null, key, null, condition, false, null);
    }

    /** An update of the item with {@code key}; its condition is the update's. */
    public static ItemWrite update(TableDefinition table, Item key, Expressions.Update update) {
        ItemKeys keys = ItemKeys.ofKey(table, key.attributes());
        checkKeysUntouched(update, table);
        checkIndexKeys(update, table);
        return new ItemWrite(Kind.UPDATE, table, keys, null, key, update, update.condition(), false, null);
    }

    /** A condition on the item with {@code key}, writing nothing. */
    public static ItemWrite check(TableDefinition table, Item key, Expressions.Condition condition) {
        return new ItemWrite(
                Kind.CHECK, table, ItemKeys.ofKey(table, key.attributes()), null, key, null, condition, false, null);
    }

    /** The same write, made by the engine on its own (as a TTL deletion is), for the change it records. */
    public ItemWrite asService() {
        return new ItemWrite(kind, table, keys, item, key, update, condition, true, sealed);
    }

    /** The same write, its put's item encoded and sealed ahead as {@code value}. */
    ItemWrite sealedAhead(Presealed value) {
        return new ItemWrite(kind, table, keys, item, key, update, condition, byService, value);
    }

    /**
     * The same write against {@code current}, a later definition of its table: the
     * new indexes' key attributes are checked before the condition, as at the
     * request's start.
     */
    ItemWrite against(TableDefinition current) {
        if (current == table) {
            return this;
        }
        if (kind == Kind.PUT) {
            IndexEntry.checkAll(current, item);
        } else if (kind == Kind.UPDATE) {
            checkIndexKeys(update, current);
        }
        // a later definition of the same table: its items' keyspace, and so what sealed the item, is the same
        return new ItemWrite(kind, current, keys, item, key, update, condition, byService, sealed);
    }

    /** The value of the table's partition key this write addresses. */
    public AttributeValue partitionValue() {
        return (item != null ? item : key).get(table.partitionKey().name());
    }

    /** What the request brings (the item of a put, else the key): an estimate of what it writes. */
    public long requestSize() {
        return item != null ? item.size() : key.size();
    }

    /** Whether two writes address the same item. */
    public boolean sameItem(ItemWrite other) {
        return table.id().equals(other.table.id()) && keys.sameAs(other.keys);
    }

    private static void checkKeysUntouched(Expressions.Update update, TableDefinition table) {
        List<String> keys = new ArrayList<>();
        keys.add(table.partitionKey().name());
        if (table.sortKey() != null) {
            keys.add(table.sortKey().name());
        }
        if (update.expression() != null) {
            update.expression().rejectKeyUpdates(keys);
        }
    }

    /** Rejects a literal written to an index key attribute that does not fit that key, before anything is read. */
    private static void checkIndexKeys(Expressions.Update update, TableDefinition table) {
        if (update.expression() == null || table.indexes().isEmpty()) {
            return;
        }
        for (UpdateExpression.Action a : update.expression().actions()) {
            if (a instanceof UpdateExpression.SetAction set
                    && set.path().isTopLevel()
                    && set.value() instanceof Operand.Literal literal) {
                IndexEntry.checkAttribute(table, set.path().attribute(), literal.value());
            }
        }
    }
}
