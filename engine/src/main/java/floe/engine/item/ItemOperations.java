package floe.engine.item;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteItemResponse;
import floe.api.model.GetItemRequest;
import floe.api.model.GetItemResponse;
import floe.api.model.PutItemRequest;
import floe.api.model.PutItemResponse;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateItemResponse;
import floe.engine.capacity.Capacity;
import floe.engine.capacity.Throttle;
import floe.engine.expr.Expressions;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableNames;
import floe.engine.validate.Constraints;
import floe.engine.validate.ItemRules;
import floe.engine.write.GroupCommit;
import floe.engine.write.StorageErrors;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The single-item operations. Each validates its request completely before it looks
 * the table up (so an invalid request against a missing table is a
 * ValidationException, as in DynamoDB), then reads the old item, evaluates the
 * condition and writes inside one write transaction (shared with other callers'
 * writes by the group committer), so a failed request writes nothing.
 *
 * <p>Each write also has an asynchronous form ({@code putAsync} ...) for a caller that must
 * not block: the same validation and the same work, run on the caller's thread up to the
 * write, which the committer's threads then commit; its future completes with the same
 * response or the same exception.
 */
public final class ItemOperations {
    static final List<String> RETURN_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
    static final List<String> RETURN_ON_FAILURE = List.of("ALL_OLD", "NONE");

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ItemWriter writer;
    private final Throttle throttle;
    private final Expressions expressions = new Expressions();

    public ItemOperations(
            StorageBackend backend, TableCatalog catalog, GroupCommit committer, ItemWriter writer, Throttle throttle) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.writer = writer;
        this.throttle = throttle;
    }

    /**
     * PutItem's declared constraints, all reported in one message, before anything else
     * is looked at.
     *
     * @return the table's name
     */
    public static String constraints(PutItemRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        c.notNull(r.item(), "item");
        writeConstraints(
                c,
                r.returnValues(),
                r.returnConsumedCapacity(),
                r.returnItemCollectionMetrics(),
                r.returnValuesOnConditionCheckFailure());
        return name;
    }

    public PutItemResponse put(PutItemRequest r) {
        return put(r, this::run);
    }

    /** PutItem without waiting for its commit; the future fails with what {@link #put} would throw. */
    public CompletableFuture<Written<PutItemResponse>> putAsync(PutItemRequest r) {
        return async(() -> put(r, this::runAsync));
    }

    private <O> O put(PutItemRequest r, Runner<PutItemResponse, O> runner) {
        String name = constraints(r);
        returnsOldOnly(r.returnValues());
        Item item = Item.of(r.item());
        ItemRules.checkItem(item);
        Expressions.Condition condition = expressions.writeCondition(
                r.conditionExpression(),
                r.expected(),
                r.conditionalOperator(),
                r.expressionAttributeNames(),
                r.expressionAttributeValues());
        // sealed here, on the request's thread, not by the one thread that commits writes
        ItemWrite write = writer.sealAhead(ItemWrite.put(catalog.require(name), item, condition));
        return runner.run(
                write,
                r.returnValuesOnConditionCheckFailure(),
                item.size(),
                done -> new PutItemResponse(
                        "ALL_OLD".equals(r.returnValues()) && done.old() != null
                                ? done.old().attributes()
                                : null,
                        Capacity.consumed(
                                r.returnConsumedCapacity(), done.table().name(), done.units(), true),
                        ItemCollections.of(r.returnItemCollectionMetrics(), done)));
    }

    /**
     * GetItem's declared constraints, all reported in one message.
     *
     * @return the table's name
     */
    public static String constraints(GetItemRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        c.notNull(r.key(), "key");
        c.oneOf(r.returnConsumedCapacity(), Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        if (r.attributesToGet() != null) {
            c.length(r.attributesToGet(), r.attributesToGet().size(), 1, Integer.MAX_VALUE, "attributesToGet");
        }
        c.throwIfAny();
        return name;
    }

    public GetItemResponse get(GetItemRequest r) {
        String name = constraints(r);
        ItemRules.checkAttributes(r.key());
        Expressions.Projection projection =
                expressions.projection(r.projectionExpression(), r.attributesToGet(), r.expressionAttributeNames());
        TableDefinition table = catalog.require(name);
        ItemKeys keys = ItemKeys.ofKey(table, r.key());
        throttle.admitRead(table, null);
        Item item;
        try (ReadTransaction t = backend.beginRead()) {
            item = keys.read(t, table);
        }
        boolean consistent = Boolean.TRUE.equals(r.consistentRead());
        double units = Capacity.readUnits(item == null ? 0 : item.size(), consistent);
        Capacity.charge(throttle, table, Throttle.Kind.READ, Capacity.Units.table(units));
        Map<String, AttributeValue> out =
                item == null ? null : projection.apply(item).attributes();
        return new GetItemResponse(out, Capacity.consumed(r.returnConsumedCapacity(), table.name(), units, false));
    }

    /**
     * DeleteItem's declared constraints, all reported in one message.
     *
     * @return the table's name
     */
    public static String constraints(DeleteItemRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        c.notNull(r.key(), "key");
        writeConstraints(
                c,
                r.returnValues(),
                r.returnConsumedCapacity(),
                r.returnItemCollectionMetrics(),
                r.returnValuesOnConditionCheckFailure());
        return name;
    }

    public DeleteItemResponse delete(DeleteItemRequest r) {
        return delete(r, this::run);
    }

    /** DeleteItem without waiting for its commit; the future fails with what {@link #delete} would throw. */
    public CompletableFuture<Written<DeleteItemResponse>> deleteAsync(DeleteItemRequest r) {
        return async(() -> delete(r, this::runAsync));
    }

    private <O> O delete(DeleteItemRequest r, Runner<DeleteItemResponse, O> runner) {
        String name = constraints(r);
        returnsOldOnly(r.returnValues());
        ItemRules.checkAttributes(r.key());
        Expressions.Condition condition = expressions.writeCondition(
                r.conditionExpression(),
                r.expected(),
                r.conditionalOperator(),
                r.expressionAttributeNames(),
                r.expressionAttributeValues());
        Item key = Item.of(r.key());
        ItemWrite write = ItemWrite.delete(catalog.require(name), key, condition);
        return runner.run(
                write,
                r.returnValuesOnConditionCheckFailure(),
                key.size(),
                done -> new DeleteItemResponse(
                        "ALL_OLD".equals(r.returnValues()) && done.old() != null
                                ? done.old().attributes()
                                : null,
                        Capacity.consumed(
                                r.returnConsumedCapacity(), done.table().name(), done.units(), true),
                        ItemCollections.of(r.returnItemCollectionMetrics(), done)));
    }

    /**
     * UpdateItem's declared constraints, all reported in one message.
     *
     * @return the table's name
     */
    public static String constraints(UpdateItemRequest r) {
        Constraints c = new Constraints();
        String name = TableNames.check(r.tableName(), c);
        c.notNull(r.key(), "key");
        writeConstraints(
                c,
                r.returnValues(),
                r.returnConsumedCapacity(),
                r.returnItemCollectionMetrics(),
                r.returnValuesOnConditionCheckFailure());
        return name;
    }

    public UpdateItemResponse update(UpdateItemRequest r) {
        return update(r, this::run);
    }

    /** UpdateItem without waiting for its commit; the future fails with what {@link #update} would throw. */
    public CompletableFuture<Written<UpdateItemResponse>> updateAsync(UpdateItemRequest r) {
        return async(() -> update(r, this::runAsync));
    }

    private <O> O update(UpdateItemRequest r, Runner<UpdateItemResponse, O> runner) {
        String name = constraints(r);
        ItemRules.checkAttributes(r.key());
        Expressions.Update update = expressions.update(r);
        Item key = Item.of(r.key());
        ItemWrite write = ItemWrite.update(catalog.require(name), key, update);
        // the new item is unknown until the update runs; the key is the estimate
        return runner.run(
                write,
                r.returnValuesOnConditionCheckFailure(),
                key.size(),
                done -> new UpdateItemResponse(
                        Expressions.Update.returnValues(r.returnValues(), done.update()),
                        Capacity.consumed(
                                r.returnConsumedCapacity(), done.table().name(), done.units(), true),
                        ItemCollections.of(r.returnItemCollectionMetrics(), done)));
    }

    /**
     * Runs one write through the group committer; a false condition or an invalid new
     * item fails it before it has written anything.
     *
     * @param bytes what the request brings, to bound the group it joins
     */
    private <R> R run(ItemWrite write, String returnOnFailure, long bytes, Function<WriteOutcome, R> response) {
        throttle.admitWrite(write.table());
        WriteResult result;
        try {
            // a refusal is returned, not thrown: it wrote nothing, and its caller still needs what it found
            result = committer.submit(bytes, w -> writer.apply(w, write));
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        return response.apply(settle(result, returnOnFailure));
    }

    /** {@link #run} without waiting: the same work, submitted to the committer's threads. */
    private <R> CompletableFuture<Written<R>> runAsync(
            ItemWrite write, String returnOnFailure, long bytes, Function<WriteOutcome, R> response) {
        throttle.admitWrite(write.table());
        return committer
                .<WriteResult>submitAsync(bytes, w -> writer.apply(w, write))
                .handle((result, failure) -> {
                    if (failure != null) {
                        throw mapped(failure);
                    }
                    WriteOutcome done = settle(result, returnOnFailure);
                    return new Written<>(response.apply(done), done.stamp());
                });
    }

    /**
     * What a failed asynchronous write throws from its future's stage: the backend's error as
     * DynamoDB's, anything else as it was.
     */
    static RuntimeException mapped(Throwable failure) {
        Throwable t =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof StorageException e) {
            return StorageErrors.map(e);
        }
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("write failed", t);
    }

    /** Runs {@code start}; what it throws before it has a future fails the future instead. */
    static <R> CompletableFuture<R> async(java.util.function.Supplier<CompletableFuture<R>> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One way of running a planned write: waiting for it ({@link #run}) or not ({@link #runAsync}). */
    @FunctionalInterface
    private interface Runner<R, O> {
        O run(ItemWrite write, String returnOnFailure, long bytes, Function<WriteOutcome, R> response);
    }

    /** A write's result: its outcome, its capacity charged; a refusal thrown as DynamoDB's error. */
    private WriteOutcome settle(WriteResult result, String returnOnFailure) {
        if (result instanceof Refusal.ConditionFailed failed) {
            // a failed condition still consumes write capacity
            Capacity.charge(throttle, failed.write().table(), Throttle.Kind.WRITE, failed.units());
        }
        if (result instanceof Refusal refusal) {
            throw refusal.error("ALL_OLD".equals(returnOnFailure));
        }
        WriteOutcome done = (WriteOutcome) result;
        Capacity.charge(throttle, done.table(), Throttle.Kind.WRITE, done.units());
        return done;
    }

    /** The declared constraints of a write's Return* parameters, reported with the request's other violations. */
    private static void writeConstraints(
            Constraints c, String returnValues, String consumed, String metrics, String onFailure) {
        c.oneOf(returnValues, RETURN_VALUES, "returnValues");
        c.oneOf(consumed, Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        c.oneOf(metrics, ItemCollections.RETURN_METRICS, "returnItemCollectionMetrics");
        c.oneOf(onFailure, RETURN_ON_FAILURE, "returnValuesOnConditionCheckFailure");
        c.throwIfAny();
    }

    /** The rule, after the constraints, that only UpdateItem returns more than the old item. */
    private static void returnsOldOnly(String returnValues) {
        if (returnValues != null && !"NONE".equals(returnValues) && !"ALL_OLD".equals(returnValues)) {
            throw new ValidationException("ReturnValues can only be ALL_OLD or NONE");
        }
    }
}
