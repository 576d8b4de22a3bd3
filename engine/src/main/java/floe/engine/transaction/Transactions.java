package floe.engine.transaction;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.CancellationReason;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.IdempotentParameterMismatchException;
import floe.api.error.TransactionCanceledException;
import floe.api.error.TransactionInProgressException;
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
import floe.engine.capacity.Capacity;
import floe.engine.capacity.Throttle;
import floe.engine.expr.Expressions;
import floe.engine.item.ItemCollections;
import floe.engine.item.ItemKeys;
import floe.engine.item.ItemWrite;
import floe.engine.item.ItemWriter;
import floe.engine.item.Refusal;
import floe.engine.item.WriteCheck;
import floe.engine.item.WriteOutcome;
import floe.engine.item.WritePlan;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableNames;
import floe.engine.validate.Constraints;
import floe.engine.validate.ItemRules;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
public final class Transactions {
    static final int MAX_ACTIONS = 100;
    static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ItemWriter writer;
    private final Clock clock;
    private final Throttle throttle;
    private final Expressions expressions = new Expressions();
    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
    /** Tokens whose request is running now: a second request with one is TransactionInProgressException. */
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    /** A used client request token: the request it came with and when that completed. */
    private record Token(TransactWriteItemsRequest request, TransactWriteItemsResponse response, Instant completed) {}

    public Transactions(
            StorageBackend backend,
            TableCatalog catalog,
            GroupCommit committer,
            ItemWriter writer,
            Clock clock,
            Throttle throttle) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.writer = writer;
        this.clock = clock;
        this.throttle = throttle;
    }

    /** TransactWriteItems's own declared constraints, in one message; each action's follow, action by action. */
    private static void constraints(TransactWriteItemsRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.transactItems(), "transactItems");
        if (r.transactItems() != null) {
            c.length(r.transactItems(), r.transactItems().size(), 1, MAX_ACTIONS, "transactItems");
        }
        if (r.clientRequestToken() != null) {
            c.length(r.clientRequestToken(), r.clientRequestToken().length(), 1, 36, "clientRequestToken");
        }
        c.oneOf(r.returnConsumedCapacity(), Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        c.oneOf(r.returnItemCollectionMetrics(), ItemCollections.RETURN_METRICS, "returnItemCollectionMetrics");
        c.throwIfAny();
    }

    public TransactWriteItemsResponse write(TransactWriteItemsRequest r) {
        constraints(r);
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
            throw new TransactionInProgressException(
                    "The transaction with the given request token is already in progress.");
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
            bytes += a.bytes();
            actions.add(a);
        }
        if (bytes > MAX_REQUEST_BYTES) {
            throw new ValidationException("Transaction request size has exceeded the maximum allowed size of 4 MB");
        }
        List<ItemWrite> writes = new ArrayList<>();
        for (Action a : actions) {
            ItemWrite w = a.resolve(catalog.require(a.tableName()));
            for (ItemWrite earlier : writes) {
                if (earlier.sameItem(w)) {
                    throw new ValidationException("Transaction request cannot include multiple operations on one item");
                }
            }
            writes.add(w);
        }
        List<Throttle.Refusal> refusals = new ArrayList<>();
        for (ItemWrite write : writes) {
            refusals.add(
                    write.kind() != ItemWrite.Kind.CHECK
                            ? throttle.writeRefusal(write.table())
                            : throttle.readRefusal(write.table(), null));
        }
        admit(refusals);
        List<WriteOutcome> done;
        try {
            done = committer.submit(bytes, w -> {
                List<WritePlan> plans = plan(w, writes, actions);
                List<WriteOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < plans.size(); i++) {
                    try {
                        outcomes.add(writer.write(w, plans.get(i)));
                    } catch (ConflictException e) {
                        throw new ConflictAt(i, e);
                    }
                }
                return outcomes;
            });
        } catch (ConflictAt e) {
            throw conflict(writes.size(), e.action);
        } catch (ConflictException e) {
            throw conflict(writes.size(), -1);
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        for (WriteOutcome o : done) {
            Capacity.charge(
                    throttle,
                    o.table(),
                    o.write().kind() == ItemWrite.Kind.CHECK ? Throttle.Kind.READ : Throttle.Kind.WRITE,
                    o.units().times(2));
        }
        return new TransactWriteItemsResponse(
                capacity(r.returnConsumedCapacity(), done),
                ItemCollections.perTable(r.returnItemCollectionMetrics(), done));
    }

    /**
     * Checks every action: cancels with one reason per action when any condition is
     * false; else the first invalid new item cancels with a ValidationError for its
     * action, the first that would overfill its item collection with
     * ItemCollectionSizeLimitExceeded.
     */
    private List<WritePlan> plan(WriteTransaction w, List<ItemWrite> writes, List<Action> actions) {
        List<WriteCheck> checks = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            try {
                checks.add(writer.check(w, writes.get(i)));
            } catch (ConflictException e) {
                throw new ConflictAt(i, e);
            }
        }
        List<CancellationReason> reasons = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i) instanceof Refusal.ConditionFailed refused) {
                failed = true;
                Item old = "ALL_OLD".equals(actions.get(i).returnOnFailure()) ? refused.old() : null;
                reasons.add(
                        new CancellationReason("ConditionalCheckFailed", ConditionalCheckFailedException.MESSAGE, old));
            } else {
                reasons.add(CancellationReason.NONE);
            }
        }
        if (failed) {
            throw new TransactionCanceledException(reasons);
        }
        List<WritePlan> plans = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i) instanceof Refusal.Invalid invalid) {
                String code = invalid.problem() instanceof ValidationException
                        ? "ValidationError"
                        : "ItemCollectionSizeLimitExceeded";
                throw cancelled(checks.size(), i, code, invalid.problem().getMessage());
            }
            plans.add((WritePlan) checks.get(i));
        }
        return plans;
    }

    /**
     * A backend's collision at one action's read or write, carried out of the work to
     * name that action; not a FloeException, so the committer runs the work again alone.
     */
    private static final class ConflictAt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int action;

        ConflictAt(int action, ConflictException cause) {
            super(cause);
            this.action = action;
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

    /** TransactGetItems's own declared constraints, in one message; each action's follow, action by action. */
    private static void constraints(TransactGetItemsRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.transactItems(), "transactItems");
        if (r.transactItems() != null) {
            c.length(r.transactItems(), r.transactItems().size(), 1, MAX_ACTIONS, "transactItems");
        }
        c.oneOf(r.returnConsumedCapacity(), Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        c.throwIfAny();
    }

    /** One Get's declared constraints, in one message. */
    private static String constraints(TransactGetItem t) {
        Get g = t.get();
        if (g == null) {
            throw new ValidationException(
                    "1 validation error detected: Value null at 'transactItems.member.get' failed to satisfy constraint: Member must not be null");
        }
        Constraints c = new Constraints();
        String name = TableNames.check(g.tableName(), c);
        c.notNull(g.key(), "transactItems.member.get.key");
        c.throwIfAny();
        return name;
    }

    /** Every declared constraint of a TransactGetItems request, its own and then each Get's, without running it. */
    public static void allConstraints(TransactGetItemsRequest r) {
        constraints(r);
        for (TransactGetItem t : r.transactItems()) {
            constraints(t);
        }
    }

    public TransactGetItemsResponse get(TransactGetItemsRequest r) {
        constraints(r);
        record Read(String table, Get get, Expressions.Projection projection) {}
        List<Read> reads = new ArrayList<>();
        for (TransactGetItem t : r.transactItems()) {
            String name = constraints(t);
            Get g = t.get();
            ItemRules.checkAttributes(g.key());
            reads.add(new Read(
                    name, g, expressions.projection(g.projectionExpression(), null, g.expressionAttributeNames())));
        }
        List<TableDefinition> tables = new ArrayList<>();
        List<ItemKeys> keys = new ArrayList<>();
        for (Read read : reads) {
            TableDefinition table = catalog.require(read.table());
            ItemKeys key = ItemKeys.ofKey(table, Item.of(read.get().key()).attributes());
            for (int j = 0; j < keys.size(); j++) {
                if (tables.get(j).id().equals(table.id()) && keys.get(j).sameAs(key)) {
                    throw new ValidationException("Transaction request cannot include multiple operations on one item");
                }
            }
            tables.add(table);
            keys.add(key);
        }
        List<Throttle.Refusal> refusals = new ArrayList<>();
        for (TableDefinition table : tables) {
            refusals.add(throttle.readRefusal(table, null));
        }
        admit(refusals);
        List<Item> items = new ArrayList<>();
        List<ItemResponse> responses = new ArrayList<>();
        try (ReadTransaction t = backend.beginRead()) {
            for (int i = 0; i < keys.size(); i++) {
                tables.set(i, catalog.current(tables.get(i)));
                Item item = keys.get(i).read(t, tables.get(i));
                items.add(item);
                responses.add(new ItemResponse(
                        item == null
                                ? null
                                : reads.get(i).projection().apply(item).attributes()));
            }
        }
        // a read costs twice in a transaction
        Map<String, Double> units = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            double read =
                    Capacity.readUnits(items.get(i) == null ? 0 : items.get(i).size(), true) * 2;
            Capacity.charge(throttle, tables.get(i), Throttle.Kind.READ, Capacity.Units.table(read));
            units.merge(tables.get(i).name(), read, Double::sum);
        }
        List<ConsumedCapacity> capacity = new ArrayList<>();
        units.forEach((table, u) -> {
            ConsumedCapacity cc = Capacity.consumed(r.returnConsumedCapacity(), table, u, false);
            if (cc != null) {
                capacity.add(cc);
            }
        });
        return new TransactGetItemsResponse(capacity.isEmpty() ? null : capacity, responses);
    }

    /**
     * Cancels a transaction one of whose tables (or global indexes) is throttled: its
     * actions on throttled tables carry the reason, the others None. (The reasons'
     * messages are not known: the throttling error's own.)
     */
    private static void admit(List<Throttle.Refusal> refusals) {
        List<CancellationReason> reasons = new ArrayList<>();
        boolean throttled = false;
        for (Throttle.Refusal refusal : refusals) {
            if (refusal == null) {
                reasons.add(CancellationReason.NONE);
            } else {
                throttled = true;
                reasons.add(new CancellationReason(
                        refusal.onDemand() ? "ThrottlingError" : "ProvisionedThroughputExceeded",
                        Throttle.message(refusal),
                        null));
            }
        }
        if (throttled) {
            throw new TransactionCanceledException(reasons);
        }
    }

    /** One parsed action of a TransactWriteItems request, before its table is looked up. */
    private record Action(
            String tableName, String returnOnFailure, long bytes, Function<TableDefinition, ItemWrite> resolver) {
        ItemWrite resolve(TableDefinition table) {
            return resolver.apply(table);
        }
    }

    /**
     * An action's ReturnValuesOnConditionCheckFailure, a declared constraint: reported
     * with the action's other constraint violations, before its values are looked at.
     */
    private static void onFailure(Constraints c, String returnOnFailure) {
        c.oneOf(
                returnOnFailure,
                List.of("ALL_OLD", "NONE"),
                "transactItems.member.returnValuesOnConditionCheckFailure");
    }

    /**
     * One action's declared constraints, in one message, for an action that names
     * exactly one kind.
     *
     * @return its table's name
     */
    private static String constraints(TransactWriteItem t) {
        Constraints c = new Constraints();
        String tableName;
        if (t.put() != null) {
            var p = t.put();
            tableName = TableNames.check(p.tableName(), c);
            c.notNull(p.item(), "transactItems.member.put.item");
            onFailure(c, p.returnValuesOnConditionCheckFailure());
        } else if (t.delete() != null) {
            var d = t.delete();
            tableName = TableNames.check(d.tableName(), c);
            c.notNull(d.key(), "transactItems.member.delete.key");
            onFailure(c, d.returnValuesOnConditionCheckFailure());
        } else if (t.conditionCheck() != null) {
            var k = t.conditionCheck();
            tableName = TableNames.check(k.tableName(), c);
            c.notNull(k.key(), "transactItems.member.conditionCheck.key");
            c.notNull(k.conditionExpression(), "transactItems.member.conditionCheck.conditionExpression");
            onFailure(c, k.returnValuesOnConditionCheckFailure());
        } else {
            var u = t.update();
            tableName = TableNames.check(u.tableName(), c);
            c.notNull(u.key(), "transactItems.member.update.key");
            c.notNull(u.updateExpression(), "transactItems.member.update.updateExpression");
            onFailure(c, u.returnValuesOnConditionCheckFailure());
        }
        c.throwIfAny();
        return tableName;
    }

    /**
     * Every declared constraint of a TransactWriteItems request, its own and then each
     * action's, without running it: what the wire checks before it reports an invalid
     * attribute value it read.
     */
    public static void allConstraints(TransactWriteItemsRequest r) {
        constraints(r);
        for (TransactWriteItem t : r.transactItems()) {
            if (t != null && oneKind(t)) {
                constraints(t);
            }
        }
    }

    private static boolean oneKind(TransactWriteItem t) {
        return (t.conditionCheck() != null ? 1 : 0)
                        + (t.put() != null ? 1 : 0)
                        + (t.delete() != null ? 1 : 0)
                        + (t.update() != null ? 1 : 0)
                == 1;
    }

    private Action parse(TransactWriteItem t) {
        if (!oneKind(t)) {
            throw new ValidationException("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String tableName = constraints(t);
        String returnOnFailure;
        long bytes;
        Function<TableDefinition, ItemWrite> resolver;
        if (t.put() != null) {
            var p = t.put();
            Item item = Item.of(p.item());
            ItemRules.checkItem(item);
            bytes = item.size();
            Expressions.Condition cond = expressions.writeCondition(
                    p.conditionExpression(), null, null, p.expressionAttributeNames(), p.expressionAttributeValues());
            returnOnFailure = p.returnValuesOnConditionCheckFailure();
            resolver = table -> ItemWrite.put(table, item, cond);
        } else if (t.delete() != null) {
            var d = t.delete();
            Item key = key(d.key());
            bytes = key.size();
            Expressions.Condition cond = expressions.writeCondition(
                    d.conditionExpression(), null, null, d.expressionAttributeNames(), d.expressionAttributeValues());
            returnOnFailure = d.returnValuesOnConditionCheckFailure();
            resolver = table -> ItemWrite.delete(table, key, cond);
        } else if (t.conditionCheck() != null) {
            var k = t.conditionCheck();
            Item key = key(k.key());
            bytes = key.size();
            Expressions.Condition cond = expressions.writeCondition(
                    k.conditionExpression(), null, null, k.expressionAttributeNames(), k.expressionAttributeValues());
            returnOnFailure = k.returnValuesOnConditionCheckFailure();
            resolver = table -> ItemWrite.check(table, key, cond);
        } else {
            var u = t.update();
            Item key = key(u.key());
            bytes = key.size() + u.updateExpression().length();
            Expressions.Update update = expressions.update(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(u.key())
                    .updateExpression(u.updateExpression())
                    .conditionExpression(u.conditionExpression())
                    .expressionAttributeNames(u.expressionAttributeNames())
                    .expressionAttributeValues(u.expressionAttributeValues())
                    .build());
            returnOnFailure = u.returnValuesOnConditionCheckFailure();
            resolver = table -> ItemWrite.update(table, key, update);
        }
        return new Action(tableName, returnOnFailure, bytes, resolver);
    }

    private static Item key(Map<String, AttributeValue> key) {
        ItemRules.checkAttributes(key);
        return Item.of(key);
    }

    /** Transactional capacity: twice the units of the same operations outside a transaction. */
    private static List<ConsumedCapacity> capacity(String returnConsumedCapacity, List<WriteOutcome> writes) {
        Map<String, Capacity.Units> units = new LinkedHashMap<>();
        Map<String, Double> reads = new LinkedHashMap<>();
        for (WriteOutcome w : writes) {
            String table = w.table().name();
            if (w.write().kind() == ItemWrite.Kind.CHECK) {
                // a transaction's condition check, which DynamoDB charges as a strongly consistent read
                reads.merge(
                        table,
                        2 * Capacity.readUnits(w.old() == null ? 0 : w.old().size(), true),
                        Double::sum);
                units.merge(table, Capacity.Units.NONE, Capacity.Units::plus);
            } else {
                units.merge(table, w.units().times(2), Capacity.Units::plus);
                reads.merge(table, 0.0, Double::sum);
            }
        }
        List<ConsumedCapacity> out = new ArrayList<>();
        units.forEach((table, u) -> {
            ConsumedCapacity cc = Capacity.consumed(returnConsumedCapacity, table, u, reads.get(table));
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
