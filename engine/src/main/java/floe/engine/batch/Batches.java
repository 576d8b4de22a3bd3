package floe.engine.batch;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ValidationException;
import floe.api.model.BatchGetItemRequest;
import floe.api.model.BatchGetItemResponse;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.BatchWriteItemResponse;
import floe.api.model.ConsumedCapacity;
import floe.api.model.KeysAndAttributes;
import floe.api.model.WriteRequest;
import floe.engine.capacity.Capacity;
import floe.engine.capacity.Throttle;
import floe.engine.expr.Expressions;
import floe.engine.item.ItemCollections;
import floe.engine.item.ItemKeys;
import floe.engine.item.ItemWrite;
import floe.engine.item.ItemWriter;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * BatchGetItem and BatchWriteItem: many keys over several tables. Every request is
 * validated whole before anything is read or written; a batch write is applied in
 * one write transaction (shared with other callers' writes by the group committer).
 * Reads past 16 MB of response come back as UnprocessedKeys; a batch write that
 * collided with a concurrent writer comes back whole as UnprocessedItems.
 */
public final class Batches {
    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITES = 25;
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ItemWriter writer;
    private final Throttle throttle;
    private final Expressions expressions = new Expressions();

    public Batches(
            StorageBackend backend, TableCatalog catalog, GroupCommit committer, ItemWriter writer, Throttle throttle) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.writer = writer;
        this.throttle = throttle;
    }

    /** BatchGetItem's declared constraints, the whole request's in one message, before any value is looked at. */
    public static void constraints(BatchGetItemRequest r) {
        // the whole request's constraints first, in one message, before any value is looked at
        Constraints c = new Constraints();
        c.notNull(r.requestItems(), "requestItems");
        if (r.requestItems() != null) {
            c.length(r.requestItems(), r.requestItems().size(), 1, 100, "requestItems");
        }
        c.oneOf(r.returnConsumedCapacity(), Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        if (r.requestItems() != null) {
            tableKeys(c, r.requestItems());
            for (Map.Entry<String, KeysAndAttributes> e : r.requestItems().entrySet()) {
                KeysAndAttributes ka = e.getValue();
                // the model's required member (dynalite's batchGetItem tests, written against DynamoDB)
                c.notNull(ka == null ? null : ka.keys(), "requestItems." + e.getKey() + ".member.keys");
                if (ka != null && ka.keys() != null) {
                    c.length(
                            ka.keys(),
                            ka.keys().size(),
                            1,
                            Integer.MAX_VALUE,
                            "requestItems." + e.getKey() + ".member.keys");
                }
            }
        }
        c.throwIfAny();
    }

    public BatchGetItemResponse get(BatchGetItemRequest r) {
        constraints(r);
        int total = 0;
        record Plan(
                TableDefinition table,
                String requested,
                KeysAndAttributes spec,
                Expressions.Projection projection,
                List<ItemKeys> keys) {}
        List<Plan> plans = new ArrayList<>();
        for (Map.Entry<String, KeysAndAttributes> e : r.requestItems().entrySet()) {
            String name = TableNames.resolve(e.getKey());
            KeysAndAttributes ka = e.getValue();
            total += ka.keys().size();
            if (total > MAX_GET_KEYS) {
                throw new ValidationException("Too many items requested for the BatchGetItem call");
            }
            for (Map<String, AttributeValue> key : ka.keys()) {
                ItemRules.checkAttributes(key);
            }
            Expressions.Projection projection = expressions.projection(
                    ka.projectionExpression(), ka.attributesToGet(), ka.expressionAttributeNames());
            plans.add(new Plan(null, name, ka, projection, null));
        }
        List<Plan> resolved = new ArrayList<>();
        for (Plan p : plans) {
            TableDefinition table = catalog.require(p.requested());
            List<ItemKeys> keys = new ArrayList<>();
            for (Map<String, AttributeValue> key : p.spec().keys()) {
                ItemKeys read = ItemKeys.ofKey(table, Item.of(key).attributes());
                for (ItemKeys earlier : keys) {
                    if (earlier.sameAs(read)) {
                        throw new ValidationException("Provided list of item keys contains duplicates");
                    }
                }
                keys.add(read);
            }
            resolved.add(new Plan(table, p.requested(), p.spec(), p.projection(), keys));
        }
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        List<ConsumedCapacity> capacity = new ArrayList<>();
        long bytes = 0;
        int processed = 0;
        List<Throttle.Refusal> refusals = new ArrayList<>();
        try (ReadTransaction t = backend.beginRead()) {
            for (Plan p : resolved) {
                List<Map<String, AttributeValue>> found = new ArrayList<>();
                List<Map<String, AttributeValue>> left = new ArrayList<>();
                double units = 0;
                boolean consistent = Boolean.TRUE.equals(p.spec().consistentRead());
                for (int i = 0; i < p.keys().size(); i++) {
                    ItemKeys key = p.keys().get(i);
                    if (bytes >= MAX_RESPONSE_BYTES) {
                        left.add(p.spec().keys().get(i));
                        continue;
                    }
                    // a throttled key is left unprocessed, to be asked again
                    Throttle.Refusal refusal = throttle.readRefusal(p.table(), null);
                    if (refusal != null) {
                        refusals.add(refusal);
                        left.add(p.spec().keys().get(i));
                        continue;
                    }
                    Item item = key.read(t, catalog.current(p.table()));
                    processed++;
                    double keyUnits = Capacity.readUnits(item == null ? 0 : item.size(), consistent);
                    Capacity.charge(throttle, p.table(), Throttle.Kind.READ, Capacity.Units.table(keyUnits));
                    units += keyUnits;
                    if (item != null) {
                        bytes += item.size();
                        found.add(p.projection().apply(item).attributes());
                    }
                }
                responses.put(p.table().name(), found);
                if (!left.isEmpty()) {
                    unprocessed.put(
                            p.table().name(), p.spec().toBuilder().keys(left).build());
                }
                ConsumedCapacity cc =
                        Capacity.consumed(r.returnConsumedCapacity(), p.table().name(), units, false);
                if (cc != null) {
                    capacity.add(cc);
                }
            }
        }
        if (processed == 0 && !refusals.isEmpty()) {
            // DynamoDB fails a batch only when every key was throttled
            throw Throttle.refused(refusals);
        }
        return new BatchGetItemResponse(responses, unprocessed, capacity.isEmpty() ? null : capacity);
    }

    /** BatchWriteItem's declared constraints, the whole request's in one message, before any value is looked at. */
    public static void constraints(BatchWriteItemRequest r) {
        // the whole request's constraints first, in one message, before any value is looked at
        // (dynalite's batchWriteItem tests, written against DynamoDB, get every violation at once)
        Constraints c = new Constraints();
        c.notNull(r.requestItems(), "requestItems");
        if (r.requestItems() != null) {
            c.length(r.requestItems(), r.requestItems().size(), 1, 25, "requestItems");
        }
        c.oneOf(r.returnConsumedCapacity(), Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        c.oneOf(r.returnItemCollectionMetrics(), ItemCollections.RETURN_METRICS, "returnItemCollectionMetrics");
        if (r.requestItems() != null) {
            tableKeys(c, r.requestItems());
            boolean badList = false;
            for (List<WriteRequest> writes : r.requestItems().values()) {
                badList |= writes == null || writes.isEmpty() || writes.size() > 25;
            }
            if (badList) {
                c.add(
                        shown(r.requestItems()),
                        "requestItems",
                        "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
                                + "Member must have length greater than or equal to 1]");
            }
            for (Map.Entry<String, List<WriteRequest>> e : r.requestItems().entrySet()) {
                List<WriteRequest> writes = e.getValue();
                if (writes == null) {
                    continue;
                }
                // a PutRequest's Item and a DeleteRequest's Key are required members: DynamoDB answers "Value null at
                // 'requestItems.T.member.1.member.putRequest.item' failed to satisfy constraint: Member must not be
                // null" (dynalite's batchWriteItem tests, written against DynamoDB)
                for (int i = 0; i < writes.size(); i++) {
                    WriteRequest w = writes.get(i);
                    if (w != null
                            && w.deleteRequest() != null
                            && w.deleteRequest().key() == null) {
                        c.notNull(null, member(e.getKey(), i) + "deleteRequest.key");
                    }
                    if (w != null && w.putRequest() != null && w.putRequest().item() == null) {
                        c.notNull(null, member(e.getKey(), i) + "putRequest.item");
                    }
                }
            }
        }
        c.throwIfAny();
    }

    public BatchWriteItemResponse write(BatchWriteItemRequest r) {
        PlannedBatch b = plan(r);
        // null when the batch collided with a concurrent writer
        List<WriteOutcome> done;
        try {
            done = committer.submit(b.bytes(), work(b.all()));
        } catch (ConflictException e) {
            // nothing was written: every request goes back, for the caller to retry
            done = null;
        } catch (StorageException e) {
            throw StorageErrors.map(e);
        }
        return finish(r, b, done);
    }

    /**
     * BatchWriteItem without waiting for its commit: the same checks on the caller's thread, the
     * same work committed by the committer's threads; the future fails with what {@link #write}
     * would throw.
     */
    public CompletableFuture<BatchWriteItemResponse> writeAsync(BatchWriteItemRequest r) {
        PlannedBatch b;
        try {
            b = plan(r);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return committer.submitAsync(b.bytes(), work(b.all())).handle((done, failure) -> {
            if (failure != null) {
                Throwable t = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (t instanceof ConflictException) {
                    return finish(r, b, null); // nothing was written: every request goes back
                }
                if (t instanceof StorageException e) {
                    throw StorageErrors.map(e);
                }
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException("write failed", t);
            }
            return finish(r, b, done);
        });
    }

    /**
     * A batch checked and admitted, ready to run: every write in request order, the admitted
     * ones with their capacity estimates, and the throttled ones left unprocessed.
     */
    private record PlannedBatch(
            List<ItemWrite> every,
            List<String> requestedAs,
            List<WriteRequest> requests,
            List<ItemWrite> all,
            List<Double> estimates,
            Map<String, List<WriteRequest>> throttled,
            long bytes) {}

    /** The committer's work of a batch: every check first, then every write, as a work must. */
    private GroupCommit.Work<List<WriteOutcome>> work(List<ItemWrite> all) {
        return w -> {
            List<WritePlan> plans = new ArrayList<>();
            for (ItemWrite write : all) {
                plans.add(writer.check(w, write).orThrow());
            }
            List<WriteOutcome> outcomes = new ArrayList<>();
            for (WritePlan plan : plans) {
                outcomes.add(writer.write(w, plan));
            }
            return outcomes;
        };
    }

    /** Checks a batch and admits its writes (charging an estimate for each); throws what DynamoDB answers. */
    private PlannedBatch plan(BatchWriteItemRequest r) {
        constraints(r);
        int total = 0;
        Map<String, List<WriteRequest>> byTable = new LinkedHashMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        for (Map.Entry<String, List<WriteRequest>> e : r.requestItems().entrySet()) {
            String name = TableNames.resolve(e.getKey());
            List<WriteRequest> writes = e.getValue();
            total += writes.size();
            if (total > MAX_WRITES) {
                throw new ValidationException("Too many items requested for the BatchWriteItem call");
            }
            for (WriteRequest w : writes) {
                if ((w.putRequest() == null) == (w.deleteRequest() == null)) {
                    throw new ValidationException(
                            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
                }
                if (w.putRequest() != null) {
                    ItemRules.checkItem(Item.of(w.putRequest().item()));
                } else {
                    ItemRules.checkAttributes(w.deleteRequest().key());
                }
            }
            byTable.put(name, writes);
            givenAs.put(name, e.getKey());
        }
        List<ItemWrite> every = new ArrayList<>();
        List<String> requestedAs = new ArrayList<>();
        List<WriteRequest> requests = new ArrayList<>();
        for (Map.Entry<String, List<WriteRequest>> e : byTable.entrySet()) {
            TableDefinition table = catalog.require(e.getKey());
            String given = givenAs.get(e.getKey());
            for (WriteRequest w : e.getValue()) {
                ItemWrite write = w.putRequest() != null
                        ? ItemWrite.put(table, Item.of(w.putRequest().item()), null)
                        : ItemWrite.delete(table, Item.of(w.deleteRequest().key()), null);
                for (ItemWrite earlier : every) {
                    if (earlier.sameItem(write)) {
                        throw new ValidationException("Provided list of item keys contains duplicates");
                    }
                }
                every.add(write);
                requestedAs.add(given);
                requests.add(w);
            }
        }
        // throttled writes are left unprocessed: each admitted one takes an estimate of its units until its real cost
        // is known
        List<ItemWrite> all = new ArrayList<>();
        List<Double> estimates = new ArrayList<>();
        Map<String, List<WriteRequest>> throttled = new LinkedHashMap<>();
        List<Throttle.Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < every.size(); i++) {
            ItemWrite write = every.get(i);
            Throttle.Refusal refusal = throttle.writeRefusal(write.table());
            if (refusal != null) {
                refusals.add(refusal);
                throttled
                        .computeIfAbsent(requestedAs.get(i), t -> new ArrayList<>())
                        .add(requests.get(i));
                continue;
            }
            double estimate = Capacity.writeUnits(0, write.requestSize());
            throttle.charge(write.table(), Throttle.Kind.WRITE, estimate, Map.of());
            all.add(write);
            estimates.add(estimate);
        }
        if (all.isEmpty()) {
            // DynamoDB fails a batch only when every request was throttled
            throw Throttle.refused(refusals);
        }
        long bytes = 0;
        for (ItemWrite write : all) {
            bytes += write.requestSize();
        }
        return new PlannedBatch(every, requestedAs, requests, all, estimates, throttled, bytes);
    }

    /** A run batch's answer: its capacity charged; {@code done} is null when it collided with a concurrent writer. */
    private BatchWriteItemResponse finish(BatchWriteItemRequest r, PlannedBatch b, List<WriteOutcome> done) {
        List<ItemWrite> all = b.all();
        List<Double> estimates = b.estimates();
        List<ItemWrite> every = b.every();
        List<String> requestedAs = b.requestedAs();
        List<WriteRequest> requests = b.requests();
        Map<String, List<WriteRequest>> throttled = b.throttled();
        boolean conflict = done == null;
        Map<String, Capacity.Units> units = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            // charged to the table each write ran against, which a concurrent UpdateTable may have changed
            TableDefinition table = conflict ? all.get(i).table() : done.get(i).table();
            Capacity.Units used = conflict ? Capacity.Units.NONE : done.get(i).units();
            throttle.charge(table, Throttle.Kind.WRITE, -estimates.get(i), Map.of());
            Capacity.charge(throttle, table, Throttle.Kind.WRITE, used);
            units.merge(table.name(), used, Capacity.Units::plus);
        }
        List<ConsumedCapacity> capacity = new ArrayList<>();
        units.forEach((table, u) -> {
            ConsumedCapacity cc = Capacity.consumed(r.returnConsumedCapacity(), table, u, true);
            if (cc != null) {
                capacity.add(cc);
            }
        });
        Map<String, List<WriteRequest>> unprocessed = throttled;
        if (conflict) {
            unprocessed = new LinkedHashMap<>();
            for (int i = 0; i < every.size(); i++) {
                unprocessed
                        .computeIfAbsent(requestedAs.get(i), t -> new ArrayList<>())
                        .add(requests.get(i));
            }
        }
        return new BatchWriteItemResponse(
                unprocessed,
                capacity.isEmpty() ? null : capacity,
                conflict ? null : ItemCollections.perTable(r.returnItemCollectionMetrics(), done));
    }

    /** The path of a batch's write request in DynamoDB's constraint messages; {@code i} counts from 0. */
    /**
     * The table names of a batch, the keys of its RequestItems: DynamoDB reports any
     * invalid one as a single violation of the map, listing every constraint on its
     * keys (dynalite's batch tests, written against DynamoDB).
     */
    private static void tableKeys(Constraints c, Map<String, ?> requestItems) {
        for (String key : requestItems.keySet()) {
            String name = key == null ? null : TableNames.resolve(key);
            if (!TableNames.isValid(name)) {
                // the constraint text is dynalite's (written against DynamoDB before table ARNs were accepted here);
                // whether today's DynamoDB lists other limits for an ARN-capable key is not known:
                // wording: best guess
                c.add(
                        shown(requestItems),
                        "requestItems",
                        "Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
                                + "Member must have length greater than or equal to 3, "
                                + "Member must satisfy regular expression pattern: " + TableNames.PATTERN_TEXT + "]");
                return;
            }
        }
    }

    /**
     * A batch's RequestItems as a constraint message shows them. DynamoDB prints its
     * own objects' text here, which is not reproducible; the table names are what a
     * reader needs, and they are shown.
     */
    private static String shown(Map<String, ?> requestItems) {
        // wording: best guess (the value DynamoDB prints here; tests match it loosely)
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, ?> e : requestItems.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            Object v = e.getValue();
            int n = v instanceof List<?> l
                    ? l.size()
                    : v instanceof KeysAndAttributes ka && ka.keys() != null
                            ? ka.keys().size()
                            : 0;
            b.append(e.getKey())
                    .append("=[")
                    .append(n)
                    .append(n == 1 ? " request" : " requests")
                    .append(']');
        }
        return b.append('}').toString();
    }

    private static String member(String table, int i) {
        return "requestItems." + table + ".member." + (i + 1) + ".member.";
    }
}
