package floe.engine.partiql;

import floe.api.AttributeValue;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.error.CancellationReason;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.DuplicateItemException;
import floe.api.error.FloeException;
import floe.api.error.TransactionCanceledException;
import floe.api.error.ValidationException;
import floe.api.model.BatchExecuteStatementRequest;
import floe.api.model.BatchExecuteStatementResponse;
import floe.api.model.BatchStatementError;
import floe.api.model.BatchStatementRequest;
import floe.api.model.BatchStatementResponse;
import floe.api.model.ConditionCheck;
import floe.api.model.ConsumedCapacity;
import floe.api.model.Delete;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteItemResponse;
import floe.api.model.ExecuteStatementRequest;
import floe.api.model.ExecuteStatementResponse;
import floe.api.model.ExecuteTransactionRequest;
import floe.api.model.ExecuteTransactionResponse;
import floe.api.model.Get;
import floe.api.model.GetItemRequest;
import floe.api.model.GetItemResponse;
import floe.api.model.ParameterizedStatement;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.PutItemResponse;
import floe.api.model.QueryRequest;
import floe.api.model.QueryResponse;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import floe.api.model.TransactGetItem;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactGetItemsResponse;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.TransactWriteItemsResponse;
import floe.api.model.Update;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateItemResponse;
import floe.engine.capacity.Capacity;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.validate.Constraints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: each statement is
 * parsed, compiled to the DynamoDB operation it amounts to, and run as that operation
 * through the database's own operations (the one read path, the one write path, the
 * one transaction path), so throttling, capacity, indexes, streams and TTL behave as
 * for the operation itself.
 */
public final class Partiql {
    static final int MAX_STATEMENT_LENGTH = 8192;
    static final int MAX_BATCH = 25;
    static final int MAX_TRANSACTION = 100;
    static final int MAX_NEXT_TOKEN = 32768;

    private static final List<String> ON_FAILURE = List.of("ALL_OLD", "NONE");
    /** In the NextToken of an IN's Queries, the partition to resume at. */
    private static final String PARTITION_AT = "";

    private final FloeDb db;
    private final TableCatalog catalog;

    /**
     * @param db the database whose operations run the compiled statements
     * @param catalog its tables
     */
    public Partiql(FloeDb db, TableCatalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    /** A statement parsed, its table looked up, compiled. */
    private record Compiled(Statement statement, TableDefinition table, Plan plan) {}

    private Compiled compile(String statement, List<AttributeValue> parameters) {
        Parser.Parsed parsed = Parser.parse(statement);
        List<AttributeValue> params = parameters == null ? List.of() : parameters;
        TableDefinition table = catalog.require(parsed.statement().table());
        if (params.size() != parsed.parameters()) {
            // DynamoDB's message as remembered, not confirmed
            throw Errors.invalid("Number of parameters in request and statement don't match.");
        }
        return new Compiled(parsed.statement(), table, Compiler.compile(parsed.statement(), params, table));
    }

    // ------------------------------------------------------------------ ExecuteStatement

    /** ExecuteStatement: one statement, run as the operation it compiles to. */
    public ExecuteStatementResponse execute(ExecuteStatementRequest r) {
        Constraints c = new Constraints();
        statementConstraints(c, r.statement(), r.parameters(), "");
        if (r.limit() != null) {
            c.atLeast(r.limit().longValue(), 1, "limit");
        }
        if (r.nextToken() != null) {
            c.length(r.nextToken(), r.nextToken().length(), 1, MAX_NEXT_TOKEN, "nextToken");
        }
        c.oneOf(r.returnConsumedCapacity(), Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        c.oneOf(r.returnValuesOnConditionCheckFailure(), ON_FAILURE, "returnValuesOnConditionCheckFailure");
        c.throwIfAny();
        Compiled compiled = compile(r.statement(), r.parameters());
        if (compiled.plan() instanceof Plan.Read read) {
            return read(read, compiled.table(), r);
        }
        Plan.Write write = (Plan.Write) compiled.plan();
        if (write.kind() == Plan.Kind.CHECK) {
            // a guess: DynamoDB's wording for EXISTS outside a transaction is not known
            throw Errors.invalid("EXISTS is only supported within ExecuteTransaction");
        }
        Written done = write(write, r.returnConsumedCapacity(), r.returnValuesOnConditionCheckFailure());
        return new ExecuteStatementResponse(done.items(), null, done.capacity(), null);
    }

    private static void statementConstraints(
            Constraints c, String statement, List<AttributeValue> parameters, String prefix) {
        c.notNull(statement, prefix + "statement");
        if (statement != null) {
            c.length(statement, statement.length(), 1, MAX_STATEMENT_LENGTH, prefix + "statement");
        }
        if (parameters != null) {
            c.length(parameters, parameters.size(), 1, Integer.MAX_VALUE, prefix + "parameters");
        }
    }

    private ExecuteStatementResponse read(Plan.Read read, TableDefinition table, ExecuteStatementRequest r) {
        boolean consistent = Boolean.TRUE.equals(r.consistentRead());
        if (read.index() != null && consistent) {
            IndexDefinition index = table.index(read.index());
            if (index.isGlobal()) {
                throw Errors.invalid("Strongly consistent read is not supported on Global Secondary Indexes");
            }
        }
        if (read.key() != null) {
            GetItemResponse got = db.getItem(get(read, r.consistentRead(), r.returnConsumedCapacity()));
            List<Map<String, AttributeValue>> items = got.item() == null ? List.of() : List.of(got.item());
            return new ExecuteStatementResponse(items, null, got.consumedCapacity(), null);
        }
        byte[] fingerprint = NextTokens.fingerprint(r.statement(), r.parameters());
        Map<String, AttributeValue> start =
                r.nextToken() == null ? null : NextTokens.decode(r.nextToken(), fingerprint);
        List<Map<String, AttributeValue>> items;
        Map<String, AttributeValue> last;
        ConsumedCapacity capacity;
        if (read.partitions() != null) {
            return partitions(read, r, start, fingerprint);
        }
        if (read.keyCondition() != null) {
            QueryResponse q = query(read, read.values(), r, start, r.limit());
            items = q.items();
            last = q.lastEvaluatedKey();
            capacity = q.consumedCapacity();
        } else {
            ScanResponse s = db.scan(ScanRequest.builder()
                    .tableName(read.table())
                    .indexName(read.index())
                    .filterExpression(read.filter())
                    .projectionExpression(read.projection())
                    .expressionAttributeNames(read.names())
                    .expressionAttributeValues(read.values())
                    .consistentRead(r.consistentRead())
                    .limit(r.limit())
                    .exclusiveStartKey(start)
                    .returnConsumedCapacity(r.returnConsumedCapacity())
                    .build());
            items = s.items();
            last = s.lastEvaluatedKey();
            capacity = s.consumedCapacity();
        }
        String next = last == null ? null : NextTokens.encode(last, fingerprint);
        return new ExecuteStatementResponse(items == null ? List.of() : items, next, capacity, last);
    }

    private QueryResponse query(
            Plan.Read read,
            Map<String, AttributeValue> values,
            ExecuteStatementRequest r,
            Map<String, AttributeValue> start,
            Integer limit) {
        return db.query(QueryRequest.builder()
                .tableName(read.table())
                .indexName(read.index())
                .keyConditionExpression(read.keyCondition())
                .filterExpression(read.filter())
                .projectionExpression(read.projection())
                .expressionAttributeNames(read.names())
                .expressionAttributeValues(values)
                .scanIndexForward(read.forward() ? null : false)
                .consistentRead(r.consistentRead())
                .limit(limit)
                .exclusiveStartKey(start)
                .returnConsumedCapacity(r.returnConsumedCapacity())
                .build());
    }

    /**
     * A SELECT with IN on the partition key: a Query of each partition in turn, in the
     * order the IN lists them, as one page until Limit items are evaluated or a Query
     * stops early; a NextToken resumes within the partition its key names.
     */
    private ExecuteStatementResponse partitions(
            Plan.Read read, ExecuteStatementRequest r, Map<String, AttributeValue> start, byte[] fingerprint) {
        int at = 0;
        if (start != null) {
            // the token holds the partition to resume at under the empty name, which no attribute can have
            Map<String, AttributeValue> key = new LinkedHashMap<>(start);
            try {
                at = ((AttributeValue.N) key.remove(PARTITION_AT)).value().intValueExact();
            } catch (ClassCastException | NullPointerException | ArithmeticException e) {
                throw Errors.invalid("Invalid NextToken");
            }
            if (at < 0 || at >= read.partitions().size()) {
                throw Errors.invalid("Invalid NextToken");
            }
            start = key.isEmpty() ? null : key;
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, ConsumedCapacity> capacity = new LinkedHashMap<>();
        Integer remaining = r.limit();
        Map<String, AttributeValue> last = null;
        Map<String, AttributeValue> resume = null;
        for (; at < read.partitions().size(); at++) {
            Map<String, AttributeValue> values = new LinkedHashMap<>(read.values() == null ? Map.of() : read.values());
            values.put(Plan.PARTITION, read.partitions().get(at));
            QueryResponse q = query(read, values, r, start, remaining);
            start = null;
            if (q.items() != null) {
                items.addAll(q.items());
            }
            add(capacity, q.consumedCapacity());
            if (q.lastEvaluatedKey() != null) {
                last = q.lastEvaluatedKey();
                resume = new LinkedHashMap<>(last);
                resume.put(PARTITION_AT, AttributeValue.n(at));
                break;
            }
            if (remaining != null) {
                remaining -= q.scannedCount() == null ? 0 : q.scannedCount();
                if (remaining <= 0 && at + 1 < read.partitions().size()) {
                    // the page ends where a partition does: the next page starts with the next partition
                    resume = Map.of(PARTITION_AT, AttributeValue.n(at + 1));
                    break;
                }
            }
        }
        String next = resume == null ? null : NextTokens.encode(resume, fingerprint);
        ConsumedCapacity total =
                capacity.isEmpty() ? null : capacity.values().iterator().next();
        return new ExecuteStatementResponse(items, next, total, last);
    }

    private static GetItemRequest get(Plan.Read read, Boolean consistentRead, String returnConsumedCapacity) {
        return GetItemRequest.builder()
                .tableName(read.table())
                .key(read.key())
                .projectionExpression(read.projection())
                .expressionAttributeNames(read.names())
                .consistentRead(consistentRead)
                .returnConsumedCapacity(returnConsumedCapacity)
                .build();
    }

    /** A write's outcome: what RETURNING asked for (null without RETURNING), and the capacity. */
    private record Written(List<Map<String, AttributeValue>> items, ConsumedCapacity capacity) {}

    private Written write(Plan.Write w, String returnConsumedCapacity, String onFailure) {
        switch (w.kind()) {
            case INSERT -> {
                try {
                    PutItemResponse put = db.putItem(PutItemRequest.builder()
                            .tableName(w.table())
                            .item(w.item())
                            .conditionExpression(w.condition())
                            .expressionAttributeNames(w.names())
                            .expressionAttributeValues(w.values())
                            .returnConsumedCapacity(returnConsumedCapacity)
                            .build());
                    return new Written(null, put.consumedCapacity());
                } catch (ConditionalCheckFailedException e) {
                    throw duplicate();
                }
            }
            case UPDATE -> {
                UpdateItemResponse u = db.updateItem(UpdateItemRequest.builder()
                        .tableName(w.table())
                        .key(w.item())
                        .updateExpression(w.update())
                        .conditionExpression(w.condition())
                        .expressionAttributeNames(w.names())
                        .expressionAttributeValues(w.values())
                        .returnValues(w.returnValues())
                        .returnValuesOnConditionCheckFailure(onFailure)
                        .returnConsumedCapacity(returnConsumedCapacity)
                        .build());
                return new Written(returned(w, u.attributes()), u.consumedCapacity());
            }
            default -> {
                DeleteItemResponse d = db.deleteItem(DeleteItemRequest.builder()
                        .tableName(w.table())
                        .key(w.item())
                        .conditionExpression(w.condition())
                        .expressionAttributeNames(w.names())
                        .expressionAttributeValues(w.values())
                        .returnValues(w.returnValues())
                        .returnValuesOnConditionCheckFailure(onFailure)
                        .returnConsumedCapacity(returnConsumedCapacity)
                        .build());
                return new Written(returned(w, d.attributes()), d.consumedCapacity());
            }
        }
    }

    private static List<Map<String, AttributeValue>> returned(Plan.Write w, Map<String, AttributeValue> attributes) {
        if (w.returnValues() == null) {
            return null;
        }
        return attributes == null || attributes.isEmpty() ? List.of() : List.of(attributes);
    }

    private static DuplicateItemException duplicate() {
        return new DuplicateItemException("Duplicate primary key exists in table");
    }

    // ------------------------------------------------------------------ BatchExecuteStatement

    /**
     * BatchExecuteStatement: reads by full key or writes, each run alone, each failure
     * reported as its statement's error in request order; a mixed batch, or one that names
     * an item twice, is refused whole.
     */
    public BatchExecuteStatementResponse batch(BatchExecuteStatementRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.statements(), "statements");
        if (r.statements() != null) {
            c.length(r.statements(), r.statements().size(), 1, MAX_BATCH, "statements");
            for (BatchStatementRequest s : r.statements()) {
                statementConstraints(
                        c, s == null ? null : s.statement(), s == null ? null : s.parameters(), "statements.member.");
                if (s != null) {
                    c.oneOf(
                            s.returnValuesOnConditionCheckFailure(),
                            ON_FAILURE,
                            "statements.member.returnValuesOnConditionCheckFailure");
                }
            }
        }
        c.oneOf(r.returnConsumedCapacity(), Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        c.throwIfAny();
        int n = r.statements().size();
        List<Compiled> compiled = new ArrayList<>();
        List<BatchStatementResponse> responses = new ArrayList<>();
        boolean reads = false;
        boolean writes = false;
        for (BatchStatementRequest s : r.statements()) {
            try {
                Compiled one = compile(s.statement(), s.parameters());
                compiled.add(one);
                responses.add(null);
                reads |= one.statement().isRead();
                writes |= !one.statement().isRead();
            } catch (FloeException e) {
                compiled.add(null);
                responses.add(new BatchStatementResponse(error(e, null), null, null));
            }
        }
        if (reads && writes) {
            throw Errors.invalid("Read and write requests together in the same batch is not supported.");
        }
        List<String> seen = new ArrayList<>();
        for (Compiled one : compiled) {
            if (one != null) {
                String key = one.table().id() + keyOf(one.plan(), one.table());
                if (seen.contains(key)) {
                    throw Errors.invalid("Provided list of item keys contains duplicates");
                }
                seen.add(key);
            }
        }
        Map<String, ConsumedCapacity> capacity = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Compiled one = compiled.get(i);
            if (one == null) {
                continue;
            }
            BatchStatementRequest s = r.statements().get(i);
            String table = one.table().name();
            try {
                if (one.plan() instanceof Plan.Read read) {
                    if (read.key() == null || one.statement() instanceof Statement.Exists) {
                        throw Errors.invalid(
                                "Select statements within BatchExecuteStatement must specify the primary key in the where clause.");
                    }
                    GetItemResponse got = db.getItem(get(read, s.consistentRead(), r.returnConsumedCapacity()));
                    add(capacity, got.consumedCapacity());
                    responses.set(i, new BatchStatementResponse(null, table, got.item()));
                } else {
                    Plan.Write write = (Plan.Write) one.plan();
                    if (write.kind() == Plan.Kind.CHECK) {
                        throw Errors.invalid("EXISTS is only supported within ExecuteTransaction");
                    }
                    Written done = write(write, r.returnConsumedCapacity(), s.returnValuesOnConditionCheckFailure());
                    add(capacity, done.capacity());
                    responses.set(i, new BatchStatementResponse(null, table, null));
                }
            } catch (FloeException e) {
                responses.set(
                        i,
                        new BatchStatementResponse(
                                error(e, table), e instanceof ValidationException ? null : table, null));
            }
        }
        return new BatchExecuteStatementResponse(
                responses, capacity.isEmpty() ? null : new ArrayList<>(capacity.values()));
    }

    /** The item a compiled statement names, for the duplicate check. */
    private static String keyOf(Plan plan, TableDefinition table) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        Map<String, AttributeValue> source = plan instanceof Plan.Read read ? read.key() : ((Plan.Write) plan).item();
        if (source == null) {
            // a Scan or Query in a batch fails on its own; it names no one item
            return "@" + System.identityHashCode(plan);
        }
        key.put(table.partitionKey().name(), source.get(table.partitionKey().name()));
        if (table.sortKey() != null) {
            key.put(table.sortKey().name(), source.get(table.sortKey().name()));
        }
        return key.toString();
    }

    /** The per-statement error DynamoDB reports for {@code e}. */
    private static BatchStatementError error(FloeException e, String table) {
        String name = e.errorName();
        String code =
                switch (name) {
                    case "ValidationException" -> "ValidationError";
                    case "ThrottlingException" -> "ThrottlingError";
                    case "InternalServerError" -> "InternalServerError";
                    default ->
                        name.endsWith("Exception") ? name.substring(0, name.length() - "Exception".length()) : name;
                };
        Map<String, AttributeValue> item = null;
        if (e instanceof ConditionalCheckFailedException ccf && ccf.item().isPresent()) {
            item = ccf.item().get().attributes();
        }
        return new BatchStatementError(code, e.getMessage(), item);
    }

    private static void add(Map<String, ConsumedCapacity> total, ConsumedCapacity c) {
        if (c == null) {
            return;
        }
        total.merge(c.tableName(), c, (a, b) -> ConsumedCapacity.builder()
                .tableName(a.tableName())
                .capacityUnits(sum(a.capacityUnits(), b.capacityUnits()))
                .readCapacityUnits(sum(a.readCapacityUnits(), b.readCapacityUnits()))
                .writeCapacityUnits(sum(a.writeCapacityUnits(), b.writeCapacityUnits()))
                .table(a.table() == null ? b.table() : a.table())
                .build());
    }

    private static Double sum(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(a + b);
    }

    // ------------------------------------------------------------------ ExecuteTransaction

    /**
     * ExecuteTransaction: writes (and EXISTS checks) as one TransactWriteItems, reads by
     * full key as one TransactGetItems; an INSERT whose item exists cancels with
     * DuplicateItem.
     */
    public ExecuteTransactionResponse transaction(ExecuteTransactionRequest r) {
        Constraints c = new Constraints();
        c.notNull(r.transactStatements(), "transactStatements");
        if (r.transactStatements() != null) {
            c.length(r.transactStatements(), r.transactStatements().size(), 1, MAX_TRANSACTION, "transactStatements");
            for (ParameterizedStatement s : r.transactStatements()) {
                statementConstraints(
                        c,
                        s == null ? null : s.statement(),
                        s == null ? null : s.parameters(),
                        "transactStatements.member.");
                if (s != null) {
                    c.oneOf(
                            s.returnValuesOnConditionCheckFailure(),
                            ON_FAILURE,
                            "transactStatements.member.returnValuesOnConditionCheckFailure");
                }
            }
        }
        if (r.clientRequestToken() != null) {
            c.length(r.clientRequestToken(), r.clientRequestToken().length(), 1, 36, "clientRequestToken");
        }
        c.oneOf(r.returnConsumedCapacity(), Capacity.RETURN_CONSUMED, "returnConsumedCapacity");
        c.throwIfAny();
        List<Compiled> compiled = new ArrayList<>();
        boolean reads = false;
        boolean writes = false;
        for (int i = 0; i < r.transactStatements().size(); i++) {
            ParameterizedStatement s = r.transactStatements().get(i);
            Compiled one;
            try {
                one = compile(s.statement(), s.parameters());
                if (one.statement() instanceof Statement.Update u && u.returning() != null
                        || one.statement() instanceof Statement.Delete d && d.returning() != null) {
                    throw Errors.invalid("RETURNING clause is not supported in ExecuteTransaction.");
                }
                if (one.statement() instanceof Statement.Select select) {
                    if (select.index() != null) {
                        throw Errors.invalid("Reads on indices are not supported within transactions.");
                    }
                    if (((Plan.Read) one.plan()).key() == null) {
                        // a guess: DynamoDB's wording is not known
                        throw Errors.invalid(
                                "Select statements within ExecuteTransaction must specify the primary key in the where clause.");
                    }
                }
            } catch (ValidationException e) {
                throw new ValidationException("Validation failed in TransactStatements[" + i + "]: " + e.getMessage());
            }
            compiled.add(one);
            if (one.statement() instanceof Statement.Select) {
                reads = true;
            } else if (!(one.statement() instanceof Statement.Exists)) {
                writes = true;
            }
        }
        if (reads && (writes || compiled.stream().anyMatch(x -> x.statement() instanceof Statement.Exists))) {
            throw Errors.invalid(
                    "ExecuteTransaction API does not support both read and write operations in the same request.");
        }
        if (reads) {
            List<TransactGetItem> gets = new ArrayList<>();
            for (Compiled one : compiled) {
                Plan.Read read = (Plan.Read) one.plan();
                gets.add(new TransactGetItem(new Get(read.key(), read.table(), read.projection(), read.names())));
            }
            TransactGetItemsResponse got =
                    db.transactGetItems(new TransactGetItemsRequest(gets, r.returnConsumedCapacity()));
            return new ExecuteTransactionResponse(got.responses(), got.consumedCapacity());
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < compiled.size(); i++) {
            actions.add(action(
                    (Plan.Write) compiled.get(i).plan(),
                    r.transactStatements().get(i).returnValuesOnConditionCheckFailure()));
        }
        TransactWriteItemsResponse done;
        try {
            done = db.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(actions)
                    .returnConsumedCapacity(r.returnConsumedCapacity())
                    .clientRequestToken(r.clientRequestToken())
                    .build());
        } catch (TransactionCanceledException e) {
            throw renamed(e, compiled);
        }
        return new ExecuteTransactionResponse(null, done.consumedCapacity());
    }

    private static TransactWriteItem action(Plan.Write w, String onFailure) {
        return switch (w.kind()) {
            case INSERT ->
                new TransactWriteItem(
                        null,
                        new Put(w.item(), w.table(), w.condition(), w.names(), w.values(), onFailure),
                        null,
                        null);
            case UPDATE ->
                new TransactWriteItem(
                        null,
                        null,
                        null,
                        new Update(w.item(), w.update(), w.table(), w.condition(), w.names(), w.values(), onFailure));
            case DELETE ->
                new TransactWriteItem(
                        null,
                        null,
                        new Delete(w.item(), w.table(), w.condition(), w.names(), w.values(), onFailure),
                        null);
            case CHECK ->
                new TransactWriteItem(
                        new ConditionCheck(w.item(), w.table(), w.condition(), w.names(), w.values(), onFailure),
                        null,
                        null,
                        null);
        };
    }

    /** An INSERT whose condition failed found its item already there: DuplicateItem, as DynamoDB says. */
    private static TransactionCanceledException renamed(TransactionCanceledException e, List<Compiled> compiled) {
        List<CancellationReason> reasons = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < e.reasons().size(); i++) {
            CancellationReason reason = e.reasons().get(i);
            if (i < compiled.size()
                    && compiled.get(i).statement() instanceof Statement.Insert
                    && "ConditionalCheckFailed".equals(reason.code())) {
                Item item = reason.item();
                reason = new CancellationReason("DuplicateItem", duplicate().getMessage(), item);
                changed = true;
            }
            reasons.add(reason);
        }
        return changed ? new TransactionCanceledException(reasons) : e;
    }
}
