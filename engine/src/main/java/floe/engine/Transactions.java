package floe.engine;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.CancellationReason;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.IdempotentParameterMismatchException;
import floe.api.error.TransactionCanceledException;
import floe.api.error.TransactionInProgressException;
import floe.api.error.ItemCollectionSizeLimitExceededException;
import floe.api.error.ValidationException;
import floe.api.model.ConsumedCapacity;
import floe.api.model.Get;
import floe.api.model.ItemResponse;
import floe.api.model.TransactGetItem;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactGetItemsResponse;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.TransactWriteItemsResponse;
import floe.api.model.UpdateItemRequest;
import floe.engine.capacity.Throttle;
import floe.engine.change.ChangeRecorder;
import floe.engine.item.ItemRules;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableNames;
import floe.engine.validate.Constraints;
import floe.engine.write.GroupCommit;
import floe.engine.write.StorageErrors;
import floe.spi.storage.ConflictException;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.WriteTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TransactWriteItems and TransactGetItems. A write transaction reads every item and
 * tests every condition first, then writes all or, if any condition fails, nothing,
 * reporting one cancellation reason per action in request order. Both run in one
 * backend transaction (a write's shared with other callers' writes by the group
 * committer), so they are serializable with every single-item operation and with
 * each other. A collision with a concurrent writer, which only a backend with
 * concurrent writers reports, cancels with {@code TransactionConflict}. Client
 * request tokens make writes idempotent for 10 minutes.
 */
final class Transactions {
    static final int MAX_ACTIONS = 100;
    static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ChangeRecorder changes;
    private final Clock clock;
    private final Throttle throttle;
    private final Expressions expressions = new Expressions();
    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    /** Tokens whose request is running now: a second request with one is TransactionInProgressException. */
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    /** A used client request token: the request it came with and when that completed. */
    private record Token(TransactWriteItemsRequest request, TransactWriteItemsResponse response, Instant completed) {}

    Transactions(StorageBackend backend, TableCatalog catalog, GroupCommit committer, ChangeRecorder changes, Clock clock,
            Throttle throttle) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.changes = changes;
        this.clock = clock;
        this.throttle = throttle;
    }

    TransactWriteItemsResponse write(TransactWriteItemsRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.transactItems(), "transactItems");
        if (r.transactItems() != null) {
            c.length(r.transactItems(), r.transactItems().size(), 1, MAX_ACTIONS, "transactItems");
        }
        if (r.clientRequestToken() != null) {
            c.length(r.clientRequestToken(), r.clientRequestToken().length(), 1, 36, "clientRequestToken");
        }
        c.oneOf(r.returnConsumedCapacity(), ItemOperations.RETURN_CONSUMED, "returnConsumedCapacity");
        c.oneOf(r.returnItemCollectionMetrics(), ItemOperations.RETURN_METRICS, "returnItemCollectionMetrics");
        c.throwIfAny();
        String token = r.clientRequestToken();
        if (token == null) {
            return run(r);
        }
        expireTokens();
        TransactWriteItemsResponse done = previous(r);
        if (done != null) {
            return done;
        }
        if (!inProgress.add(token)) {
            throw new TransactionInProgressException("The transaction with the given request token is already in progress.");
        }
        try {
            // again: the first user of the token may have finished between the look and the claim
            done = previous(r);
            if (done != null) {
                return done;
            }
            TransactWriteItemsResponse response = run(r);
            tokens.put(token, new Token(r, response, clock.instant()));
            return response;
        } finally {
            inProgress.remove(token);
        }
    }

    /** The response of the completed request that used {@code r}'s token, or null; a different request is a mismatch. */
    private TransactWriteItemsResponse previous(TransactWriteItemsRequest r) {
        Token previous = tokens.get(r.clientRequestToken());
        if (previous == null) {
            return null;
        }
        if (!previous.request().equals(r)) {
            throw new IdempotentParameterMismatchException(
                    "Request parameters do not match the request that originally used the client request token");
        }
        return previous.response();
    }

    /** Runs a validated request: all of its actions or none. */
    private TransactWriteItemsResponse run(TransactWriteItemsRequest r) {
        List<Action> actions = new ArrayList<>();
        long bytes = 0;
        for (TransactWriteItem t : r.transactItems()) {
            Action a = parse(t);
            bytes += a.bytes;
            actions.add(a);
        }
        if (bytes > MAX_REQUEST_BYTES) {
            throw new ValidationException("Transaction request size has exceeded the maximum allowed size of 4 MB");
        }
        List<ItemWrite> writes = new ArrayList<>();
        for (Action a : actions) {
            ItemWrite w = a.resolve(catalog.require(a.tableName));
            for (ItemWrite earlier : writes) {
                if (earlier.sameItem(w)) {
                    throw new ValidationException("Transaction request cannot include multiple operations on one item");
                }
            }
            writes.add(w);
        }
        admit(writes, true);
        // which action's storage call collided, or -1 for the commit; set by the last run of the work
        int[] conflictAt = {-1};
        try {
            committer.submit(bytes, w -> {
                conflictAt[0] = -1;
                checkAll(w, writes, actions, conflictAt);
                prepareAll(writes);
                for (int i = 0; i < writes.size(); i++) {
                    try {
                        writes.get(i).write(w, catalog, changes);
                    } catch (ConflictException e) {
                        conflictAt[0] = i;
                        throw e;
                    }
                }
                return null;
            });
        } catch (ConflictException e) {
            throw conflict(writes.size(), conflictAt[0]);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        for (ItemWrite w : writes) {
            Capacity.charge(throttle, w.table, w.kind == ItemWrite.Kind.CHECK ? Throttle.Kind.READ : Throttle.Kind.WRITE,
                    w.units().times(2));
        }
        return new TransactWriteItemsResponse(capacity(r.returnConsumedCapacity(), writes, true),
                ItemCollections.perTable(r.returnItemCollectionMetrics(), writes));
    }

    /**
     * Reads every item and tests every condition; cancels with one reason per action
     * when any is false.
     */
    private void checkAll(WriteTransaction w, List<ItemWrite> writes, List<Action> actions, int[] conflictAt) {
        List<CancellationReason> reasons = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < writes.size(); i++) {
            ItemWrite write = writes.get(i);
            boolean holds;
            try {
                holds = write.check(w, catalog);
            } catch (ConflictException e) {
                conflictAt[0] = i;
                throw e;
            }
            if (holds) {
                reasons.add(CancellationReason.NONE);
            } else {
                failed = true;
                Item old = "ALL_OLD".equals(actions.get(i).returnOnFailure) ? write.old : null;
                reasons.add(new CancellationReason("ConditionalCheckFailed", ConditionalCheckFailedException.MESSAGE, old));
            }
        }
        if (failed) {
            throw new TransactionCanceledException(reasons);
        }
    }

    /**
     * Computes every new item; the first invalid one cancels with a ValidationError for
     * its action, the first that would overfill its item collection with
     * ItemCollectionSizeLimitExceeded.
     */
    private static void prepareAll(List<ItemWrite> writes) {
        for (int i = 0; i < writes.size(); i++) {
            try {
                writes.get(i).prepare();
            } catch (ValidationException e) {
                throw cancelled(writes.size(), i, "ValidationError", e.getMessage());
            } catch (ItemCollectionSizeLimitExceededException e) {
                throw cancelled(writes.size(), i, "ItemCollectionSizeLimitExceeded", e.getMessage());
            }
        }
    }

    private static TransactionCanceledException cancelled(int actions, int at, String code, String message) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (int j = 0; j < actions; j++) {
            reasons.add(j == at ? new CancellationReason(code, message, null) : CancellationReason.NONE);
        }
        return new TransactionCanceledException(reasons);
    }

    /**
     * A collision with a concurrent writer: {@code TransactionConflict} for the action
     * whose read or write collided, or for every action when the commit did.
     */
    private static TransactionCanceledException conflict(int actions, int at) {
        CancellationReason conflict = new CancellationReason("TransactionConflict", StorageErrors.CONFLICT, null);
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < actions; i++) {
            reasons.add(at < 0 || at == i ? conflict : CancellationReason.NONE);
        }
        return new TransactionCanceledException(reasons);
    }

    TransactGetItemsResponse get(TransactGetItemsRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.transactItems(), "transactItems");
        if (r.transactItems() != null) {
            c.length(r.transactItems(), r.transactItems().size(), 1, MAX_ACTIONS, "transactItems");
        }
        c.oneOf(r.returnConsumedCapacity(), ItemOperations.RETURN_CONSUMED, "returnConsumedCapacity");
        c.throwIfAny();
        record Read(String table, Get get, Expressions.Projection projection) {}
        List<Read> reads = new ArrayList<>();
        for (TransactGetItem t : r.transactItems()) {
            Get g = t.get();
            if (g == null) {
                throw new ValidationException("1 validation error detected: Value null at 'transactItems.member.get' failed to satisfy constraint: Member must not be null");
            }
            Constraints tc = new Constraints();
            String name = TableNames.check(g.tableName(), tc);
            tc.notNull(g.key(), "transactItems.member.get.key");
            tc.throwIfAny();
            ItemRules.checkAttributes(g.key());
            reads.add(new Read(name, g, expressions.projection(g.projectionExpression(), null, g.expressionAttributeNames())));
        }
        List<ItemWrite> checks = new ArrayList<>();
        for (Read read : reads) {
            ItemWrite check = ItemWrite.check(catalog.require(read.table()), Item.of(read.get().key()), null);
            for (ItemWrite earlier : checks) {
                if (earlier.sameItem(check)) {
                    throw new ValidationException("Transaction request cannot include multiple operations on one item");
                }
            }
            checks.add(check);
        }
        admit(checks, false);
        List<ItemResponse> responses = new ArrayList<>();
        try (ReadTransaction t = backend.beginRead()) {
            for (int i = 0; i < checks.size(); i++) {
                ItemWrite check = checks.get(i);
                check.check(t, catalog);
                responses.add(new ItemResponse(check.old == null ? null : reads.get(i).projection().apply(check.old).attributes()));
            }
        }
        for (ItemWrite check : checks) {
            Capacity.charge(throttle, check.table, Throttle.Kind.READ,
                    Capacity.Units.table(Capacity.readUnits(check.old == null ? 0 : check.old.size(), true) * 2));
        }
        return new TransactGetItemsResponse(capacity(r.returnConsumedCapacity(), checks, false), responses);
    }

    /**
     * Cancels a transaction one of whose tables (or global indexes) is throttled: its
     * actions on throttled tables carry the reason, the others None. (The reasons'
     * messages are not known: the throttling error's own.)
     */
    private void admit(List<ItemWrite> actions, boolean write) {
        List<CancellationReason> reasons = new ArrayList<>();
        boolean throttled = false;
        for (ItemWrite a : actions) {
            Throttle.Refusal refusal = write && a.kind != ItemWrite.Kind.CHECK ? throttle.writeRefusal(a.table)
                    : throttle.readRefusal(a.table, null);
            if (refusal == null) {
                reasons.add(CancellationReason.NONE);
            } else {
                throttled = true;
                reasons.add(new CancellationReason(refusal.onDemand() ? "ThrottlingError" : "ProvisionedThroughputExceeded",
                        Throttle.message(refusal), null));
            }
        }
        if (throttled) {
            throw new TransactionCanceledException(reasons);
        }
    }

    /** One parsed action of a TransactWriteItems request, before its table is looked up. */
    private final class Action {
        String tableName;
        String returnOnFailure;
        long bytes;
        java.util.function.Function<TableDefinition, ItemWrite> resolver;

        ItemWrite resolve(TableDefinition table) {
            return resolver.apply(table);
        }
    }

    private Action parse(TransactWriteItem t) {
        int given = (t.conditionCheck() != null ? 1 : 0) + (t.put() != null ? 1 : 0) + (t.delete() != null ? 1 : 0)
                + (t.update() != null ? 1 : 0);
        if (given != 1) {
            throw new ValidationException("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        Action a = new Action();
        Constraints c = new Constraints();
        if (t.put() != null) {
            var p = t.put();
            a.tableName = TableNames.check(p.tableName(), c);
            c.notNull(p.item(), "transactItems.member.put.item");
            c.throwIfAny();
            Item item = Item.of(p.item());
            ItemRules.checkItem(item);
            a.bytes = item.size();
            Expressions.Condition cond = expressions.writeCondition(p.conditionExpression(), null, null,
                    p.expressionAttributeNames(), p.expressionAttributeValues());
            a.returnOnFailure = p.returnValuesOnConditionCheckFailure();
            a.resolver = table -> ItemWrite.put(table, item, cond);
        } else if (t.delete() != null) {
            var d = t.delete();
            a.tableName = TableNames.check(d.tableName(), c);
            c.notNull(d.key(), "transactItems.member.delete.key");
            c.throwIfAny();
            Item key = key(d.key());
            a.bytes = key.size();
            Expressions.Condition cond = expressions.writeCondition(d.conditionExpression(), null, null,
                    d.expressionAttributeNames(), d.expressionAttributeValues());
            a.returnOnFailure = d.returnValuesOnConditionCheckFailure();
            a.resolver = table -> ItemWrite.delete(table, key, cond);
        } else if (t.conditionCheck() != null) {
            var k = t.conditionCheck();
            a.tableName = TableNames.check(k.tableName(), c);
            c.notNull(k.key(), "transactItems.member.conditionCheck.key");
            c.notNull(k.conditionExpression(), "transactItems.member.conditionCheck.conditionExpression");
            c.throwIfAny();
            Item key = key(k.key());
            a.bytes = key.size();
            Expressions.Condition cond = expressions.writeCondition(k.conditionExpression(), null, null,
                    k.expressionAttributeNames(), k.expressionAttributeValues());
            a.returnOnFailure = k.returnValuesOnConditionCheckFailure();
            a.resolver = table -> ItemWrite.check(table, key, cond);
        } else {
            var u = t.update();
            a.tableName = TableNames.check(u.tableName(), c);
            c.notNull(u.key(), "transactItems.member.update.key");
            c.notNull(u.updateExpression(), "transactItems.member.update.updateExpression");
            c.throwIfAny();
            Item key = key(u.key());
            a.bytes = key.size() + u.updateExpression().length();
            Expressions.Update update = expressions.update(UpdateItemRequest.builder().tableName(a.tableName).key(u.key())
                    .updateExpression(u.updateExpression()).conditionExpression(u.conditionExpression())
                    .expressionAttributeNames(u.expressionAttributeNames()).expressionAttributeValues(u.expressionAttributeValues())
                    .build());
            a.returnOnFailure = u.returnValuesOnConditionCheckFailure();
            a.resolver = table -> ItemWrite.update(table, key, update);
        }
        if (a.returnOnFailure != null && !"ALL_OLD".equals(a.returnOnFailure) && !"NONE".equals(a.returnOnFailure)) {
            throw new ValidationException("1 validation error detected: Value '" + a.returnOnFailure
                    + "' at 'transactItems.member.returnValuesOnConditionCheckFailure' failed to satisfy constraint:"
                    + " Member must satisfy enum value set: [ALL_OLD, NONE]");
        }
        return a;
    }

    private static Item key(Map<String, AttributeValue> key) {
        ItemRules.checkAttributes(key);
        return Item.of(key);
    }


    /** Transactional capacity: twice the units of the same operations outside a transaction. */
    private static List<ConsumedCapacity> capacity(String returnConsumedCapacity, List<ItemWrite> writes, boolean write) {
        Map<String, Capacity.Units> units = new LinkedHashMap<>();
        Map<String, Double> reads = new LinkedHashMap<>();
        for (ItemWrite w : writes) {
            if (!write || w.kind == ItemWrite.Kind.CHECK) {
                // a read, or a transaction's condition check, which DynamoDB charges as a strongly consistent read
                reads.merge(w.table.name(), 2 * Capacity.readUnits(w.old == null ? 0 : w.old.size(), true), Double::sum);
                units.merge(w.table.name(), Capacity.Units.NONE, Capacity.Units::plus);
            } else {
                units.merge(w.table.name(), w.units().times(2), Capacity.Units::plus);
                reads.merge(w.table.name(), 0.0, Double::sum);
            }
        }
        List<ConsumedCapacity> out = new ArrayList<>();
        units.forEach((table, u) -> {
            ConsumedCapacity cc = write ? Capacity.consumed(returnConsumedCapacity, table, u, reads.get(table))
                    : Capacity.consumed(returnConsumedCapacity, table, reads.get(table), false);
            if (cc != null) {
                out.add(cc);
            }
        });
        return out.isEmpty() ? null : out;
    }

    private void expireTokens() {
        Instant horizon = clock.instant().minus(TOKEN_LIFETIME);
        tokens.values().removeIf(t -> t.completed().isBefore(horizon));
    }
}
