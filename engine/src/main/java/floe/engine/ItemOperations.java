package floe.engine;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.ValidationException;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteItemResponse;
import floe.api.model.GetItemRequest;
import floe.api.model.GetItemResponse;
import floe.api.model.PutItemRequest;
import floe.api.model.PutItemResponse;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateItemResponse;
import floe.engine.capacity.Throttle;
import floe.engine.change.ChangeRecorder;
import floe.engine.codec.ItemCodec;
import floe.engine.expr.UpdateResult;
import floe.engine.item.ItemKeys;
import floe.engine.item.ItemRules;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableNames;
import floe.engine.validate.Constraints;
import floe.engine.write.GroupCommit;
import floe.engine.write.StorageErrors;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import java.util.List;
import java.util.Map;

/**
 * The single-item operations. Each validates its request completely before it looks
 * the table up (so an invalid request against a missing table is a
 * ValidationException, as in DynamoDB), then reads the old item, evaluates the
 * condition and writes inside one write transaction (shared with other callers'
 * writes by the group committer), so a failed request writes nothing.
 */
final class ItemOperations {
    static final List<String> RETURN_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
    static final List<String> RETURN_CONSUMED = List.of("INDEXES", "TOTAL", "NONE");
    static final List<String> RETURN_METRICS = List.of("SIZE", "NONE");
    static final List<String> RETURN_ON_FAILURE = List.of("ALL_OLD", "NONE");

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ChangeRecorder changes;
    private final Throttle throttle;
    private final Expressions expressions = new Expressions();

    ItemOperations(StorageBackend backend, TableCatalog catalog, GroupCommit committer, ChangeRecorder changes, Throttle throttle) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.changes = changes;
        this.throttle = throttle;
    }

    PutItemResponse put(PutItemRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        c.notNull(r.item(), "item");
        checkWrite(c, r.returnValues(), r.returnConsumedCapacity(), r.returnItemCollectionMetrics(),
                r.returnValuesOnConditionCheckFailure(), false);
        Item item = Item.of(r.item());
        ItemRules.checkItem(item);
        Expressions.Condition condition = expressions.writeCondition(r.conditionExpression(), r.expected(),
                r.conditionalOperator(), r.expressionAttributeNames(), r.expressionAttributeValues());
        ItemWrite write = ItemWrite.put(catalog.require(name), item, condition);
        run(write, r.returnValuesOnConditionCheckFailure(), item.size());
        return new PutItemResponse("ALL_OLD".equals(r.returnValues()) && write.old != null ? write.old.attributes() : null,
                Capacity.consumed(r.returnConsumedCapacity(), write.table.name(), write.units(), true),
                ItemCollections.of(r.returnItemCollectionMetrics(), write));
    }

    GetItemResponse get(GetItemRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        c.notNull(r.key(), "key");
        c.oneOf(r.returnConsumedCapacity(), RETURN_CONSUMED, "returnConsumedCapacity");
        if (r.attributesToGet() != null) {
            c.length(r.attributesToGet(), r.attributesToGet().size(), 1, Integer.MAX_VALUE, "attributesToGet");
        }
        c.throwIfAny();
        ItemRules.checkAttributes(r.key());
        Expressions.Projection projection = expressions.projection(r.projectionExpression(), r.attributesToGet(),
                r.expressionAttributeNames());
        TableDefinition table = catalog.require(name);
        ItemKeys keys = ItemKeys.ofKey(table, r.key());
        throttle.admitRead(table, null);
        Item item;
        try (ReadTransaction t = backend.beginRead()) {
            item = read(t, table, keys);
        }
        boolean consistent = Boolean.TRUE.equals(r.consistentRead());
        double units = Capacity.readUnits(item == null ? 0 : item.size(), consistent);
        Capacity.charge(throttle, table, Throttle.Kind.READ, Capacity.Units.table(units));
        Map<String, AttributeValue> out = item == null ? null : projection.apply(item).attributes();
        return new GetItemResponse(out, Capacity.consumed(r.returnConsumedCapacity(), table.name(), units, false));
    }

    DeleteItemResponse delete(DeleteItemRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        c.notNull(r.key(), "key");
        checkWrite(c, r.returnValues(), r.returnConsumedCapacity(), r.returnItemCollectionMetrics(),
                r.returnValuesOnConditionCheckFailure(), false);
        ItemRules.checkAttributes(r.key());
        Expressions.Condition condition = expressions.writeCondition(r.conditionExpression(), r.expected(),
                r.conditionalOperator(), r.expressionAttributeNames(), r.expressionAttributeValues());
        Item key = Item.of(r.key());
        ItemWrite write = ItemWrite.delete(catalog.require(name), key, condition);
        run(write, r.returnValuesOnConditionCheckFailure(), key.size());
        return new DeleteItemResponse("ALL_OLD".equals(r.returnValues()) && write.old != null ? write.old.attributes() : null,
                Capacity.consumed(r.returnConsumedCapacity(), write.table.name(), write.units(), true),
                ItemCollections.of(r.returnItemCollectionMetrics(), write));
    }

    UpdateItemResponse update(UpdateItemRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        c.notNull(r.key(), "key");
        checkWrite(c, r.returnValues(), r.returnConsumedCapacity(), r.returnItemCollectionMetrics(),
                r.returnValuesOnConditionCheckFailure(), true);
        ItemRules.checkAttributes(r.key());
        Expressions.Update update = expressions.update(r);
        Item key = Item.of(r.key());
        ItemWrite write = ItemWrite.update(catalog.require(name), key, update);
        // the new item is unknown until the update runs; the key is the estimate
        run(write, r.returnValuesOnConditionCheckFailure(), key.size());
        return new UpdateItemResponse(Expressions.Update.returnValues(r.returnValues(), write.result),
                Capacity.consumed(r.returnConsumedCapacity(), write.table.name(), write.units(), true),
                ItemCollections.of(r.returnItemCollectionMetrics(), write));
    }

    /**
     * Runs one write through the group committer; a false condition or an invalid new
     * item fails it before it has written anything.
     *
     * @param bytes what the request brings, to bound the group it joins
     */
    private void run(ItemWrite write, String returnOnFailure, long bytes) {
        throttle.admitWrite(write.table);
        try {
            committer.submit(bytes, w -> {
                if (!write.check(w, catalog)) {
                    throw new ConditionalCheckFailedException("ALL_OLD".equals(returnOnFailure) ? write.old : null);
                }
                write.prepare();
                write.write(w, catalog, changes);
                return null;
            });
        } catch (ConditionalCheckFailedException e) {
            // a failed condition still consumes write capacity
            Capacity.charge(throttle, write.table, Throttle.Kind.WRITE, write.failedUnits());
            throw e;
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        Capacity.charge(throttle, write.table, Throttle.Kind.WRITE, write.units());
    }

    /**
     * The declared constraints of a write's Return* parameters, reported with the
     * request's other constraint violations; then the rule that only UpdateItem
     * returns more than the old item.
     */
    private static void checkWrite(Constraints c, String returnValues, String consumed, String metrics, String onFailure,
            boolean update) {
        c.oneOf(returnValues, RETURN_VALUES, "returnValues");
        c.oneOf(consumed, RETURN_CONSUMED, "returnConsumedCapacity");
        c.oneOf(metrics, RETURN_METRICS, "returnItemCollectionMetrics");
        c.oneOf(onFailure, RETURN_ON_FAILURE, "returnValuesOnConditionCheckFailure");
        c.throwIfAny();
        if (!update && returnValues != null && !"NONE".equals(returnValues) && !"ALL_OLD".equals(returnValues)) {
            throw new ValidationException("ReturnValues can only be ALL_OLD or NONE");
        }
    }


    private static Item read(ReadTransaction t, TableDefinition table, ItemKeys keys) {
        byte[] v = t.get(table.keyspace(), keys.partition(), keys.sort());
        return v == null ? null : ItemCodec.decode(v);
    }
}
