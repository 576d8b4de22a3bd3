package floe.server.auth;

import floe.api.AttributeValue;
import floe.api.error.AccessDeniedException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.BatchExecuteStatementRequest;
import floe.api.model.BatchGetItemRequest;
import floe.api.model.BatchStatementRequest;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.ConditionCheck;
import floe.api.model.CreateBackupRequest;
import floe.api.model.CreateTableRequest;
import floe.api.model.Delete;
import floe.api.model.DeleteBackupRequest;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteResourcePolicyRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeBackupRequest;
import floe.api.model.DescribeContinuousBackupsRequest;
import floe.api.model.DescribeExportRequest;
import floe.api.model.DescribeImportRequest;
import floe.api.model.DescribeStreamRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.DescribeTimeToLiveRequest;
import floe.api.model.ExecuteStatementRequest;
import floe.api.model.ExecuteTransactionRequest;
import floe.api.model.ExportTableToPointInTimeRequest;
import floe.api.model.Get;
import floe.api.model.GetItemRequest;
import floe.api.model.GetRecordsRequest;
import floe.api.model.GetResourcePolicyRequest;
import floe.api.model.GetShardIteratorRequest;
import floe.api.model.ImportTableRequest;
import floe.api.model.KeysAndAttributes;
import floe.api.model.ListTagsOfResourceRequest;
import floe.api.model.ParameterizedStatement;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.PutResourcePolicyRequest;
import floe.api.model.QueryRequest;
import floe.api.model.RestoreTableFromBackupRequest;
import floe.api.model.RestoreTableToPointInTimeRequest;
import floe.api.model.ScanRequest;
import floe.api.model.TagResourceRequest;
import floe.api.model.TransactGetItem;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UntagResourceRequest;
import floe.api.model.Update;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateTableRequest;
import floe.api.model.UpdateTimeToLiveRequest;
import floe.api.model.WriteRequest;
import floe.engine.partiql.StatementShape;
import floe.server.auth.policy.Decision;
import floe.server.auth.policy.Policy;
import floe.server.auth.policy.RequestContext;
import floe.spi.extension.WireAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authorizes a verified request as DynamoDB does: each operation becomes one or more
 * (action, resource) questions, as the service authorization reference maps them
 * ({@link DynamoActions}), each asked with the request's condition keys: the global ones
 * ({@code aws:SourceIp}, {@code aws:CurrentTime}, {@code aws:PrincipalArn} ...) and DynamoDB's
 * fine-grained ones ({@code dynamodb:LeadingKeys}, {@code dynamodb:Attributes},
 * {@code dynamodb:Select}, {@code dynamodb:ReturnValues}, {@code dynamodb:ReturnConsumedCapacity}).
 * Every item of a batch or a transaction is asked about.
 *
 * <p>Accounts: each account's Region is a namespace of its own, so a table named by its
 * name is the caller's own, in the Region the request is signed for; a table named by an
 * ARN is the table of the account and Region the ARN names. An ARN naming another account
 * makes the request cross-account: both the caller's policies and the table's resource-based
 * policy must allow it, and only the operations DynamoDB lets cross accounts may
 * ({@link #CROSS_ACCOUNT}); the request then runs in the owner's namespace ({@link #authorize}
 * answers which).
 */
public final class RequestAuthorizer {
    /**
     * The operations a resource-based policy may open to another account, as DynamoDB's
     * developer guide lists them ("DynamoDB API operations supported by resource-based
     * policies"): the item operations, DescribeTable, UpdateTable, DeleteTable, the tag
     * operations and the stream reads. Every other one refuses another account's resource.
     */
    static final Set<String> CROSS_ACCOUNT = Set.of(
            "GetItem",
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "Query",
            "Scan",
            "BatchGetItem",
            "BatchWriteItem",
            "TransactGetItems",
            "TransactWriteItems",
            "DescribeTable",
            "UpdateTable",
            "DeleteTable",
            "TagResource",
            "UntagResource",
            "ListTagsOfResource",
            "DescribeStream",
            "GetShardIterator",
            "GetRecords");

    /**
     * The operations whose ARN the database itself checks against its Region (with DynamoDB's
     * messages); every other one names a table that the namespace would find by its name alone.
     */
    private static final Set<String> ARN_CHECKED = Set.of(
            "TagResource",
            "UntagResource",
            "ListTagsOfResource",
            "PutResourcePolicy",
            "GetResourcePolicy",
            "DeleteResourcePolicy",
            "DescribeStream",
            "GetShardIterator",
            "GetRecords",
            "ExportTableToPointInTime",
            "DescribeExport",
            "DescribeBackup",
            "DeleteBackup",
            "RestoreTableFromBackup",
            "RestoreTableToPointInTime");

    private final TableFacts tables;
    private final String pluginAccount;
    private final Clock clock;

    /**
     * @param tables what the tables' keys and resource-based policies are, in each account's Region
     * @param pluginAccount the account the plugins' services (KMS's) name in the ARNs they hand out,
     *     which a caller reads as its own
     * @param clock for {@code aws:CurrentTime}
     */
    public RequestAuthorizer(TableFacts tables, String pluginAccount, Clock clock) {
        this.tables = tables;
        this.pluginAccount = pluginAccount;
        this.clock = clock;
    }

    /**
     * Where a request came from, for the global condition keys.
     *
     * @param sourceIp the client's address
     * @param secureTransport whether the request came over TLS
     */
    public record Origin(String sourceIp, boolean secureTransport) {}

    /**
     * A resource an action is asked on.
     *
     * @param arn its ARN, as messages and Resource elements see it
     * @param account the account that owns it
     * @param region the Region it is in
     * @param table the table it is or belongs to, or null
     * @param stream whether it is a stream (whose own resource-based policy applies)
     */
    record Resource(String arn, String account, String region, String table, boolean stream) {}

    /**
     * One question: may the caller perform {@code action} on {@code resource}, with these
     * DynamoDB condition keys.
     */
    record Check(String action, Resource resource, Map<String, List<String>> keys) {}

    /**
     * Authorizes an operation's request.
     *
     * @param principal who signed it
     * @param operation the operation's {@code X-Amz-Target}, such as {@code DynamoDB_20120810.GetItem}
     * @param request the request, as read
     * @param origin where it came from
     * @return the account whose namespace (in the signed Region) the request runs in: the caller's,
     *     or, for a cross-account request both sides allow, the account that owns its tables
     * @throws AccessDeniedException with AWS's message, for the first question the policies refuse
     * @throws ResourceNotFoundException if it names a table by an ARN of another Region
     * @throws ValidationException if it names tables of more than one account
     */
    public String authorize(Principal principal, String operation, Object request, Origin origin) {
        Identity id = principal.identity();
        List<Check> checks = checks(id.account(), principal.region(), operation, request);
        RequestContext base = null;
        String owner = null;
        for (Check c : checks) {
            if (base == null) {
                base = context(principal, origin, id);
            }
            RequestContext ctx = base.withAll(c.keys);
            boolean foreign = !c.resource.account().equals(id.account());
            // another account's resource-based policy opens only the operations DynamoDB lets cross accounts
            Policy resourcePolicy =
                    foreign && !CROSS_ACCOUNT.contains(name(operation)) ? null : resourcePolicy(c.resource);
            Decision d = Decision.decide(
                    id.policies(), resourcePolicy, c.resource.account(), c.action, c.resource.arn(), ctx);
            if (!d.allowed()) {
                throw new AccessDeniedException(d.message(id.arn(), c.action, c.resource.arn()));
            }
            if (c.resource.table() != null) {
                if (!c.resource.region().equals(principal.region()) && !ARN_CHECKED.contains(name(operation))) {
                    // The table is in another Region than the endpoint's: it is not found there.
                    // wording: best guess (DynamoDB's data-plane answer for a table it does not hold)
                    throw new ResourceNotFoundException("Requested resource not found");
                }
                if (owner == null) {
                    owner = c.resource.account();
                } else if (!owner.equals(c.resource.account())) {
                    // FloeDB runs a request in one account's namespace. wording: FloeDB's own (DynamoDB
                    // accepts a batch across accounts; no message to follow)
                    throw new ValidationException("One or more parameter values were invalid: the tables of a"
                            + " batch or transaction must belong to one account");
                }
            }
        }
        return owner == null ? id.account() : owner;
    }

    /** An operation's name, from its target ({@code DynamoDB_20120810.GetItem}): asked only of the rarer requests. */
    private static String name(String operation) {
        return operation.substring(operation.indexOf('.') + 1);
    }

    /**
     * Authorizes a request to a plugin's service (KMS's, say): each action on each resource
     * the service named, asked with the global condition keys. A resource in the database's
     * account is the caller's own, as a table is.
     *
     * @param principal who signed it
     * @param asked the service's questions ({@link WireAccess})
     * @param origin where it came from
     * @throws AccessDeniedException with AWS's message, for the first question the policies refuse
     */
    public void authorize(Principal principal, List<WireAccess> asked, Origin origin) {
        Identity id = principal.identity();
        RequestContext ctx = context(principal, origin, id);
        for (WireAccess w : asked) {
            String account = id.account();
            String arn = w.resource();
            String[] p = arn.split(":", 6);
            if (p.length == 6 && !p[4].isEmpty() && !p[4].equals(pluginAccount)) {
                account = p[4];
            } else if (p.length == 6) {
                arn = p[0] + ":" + p[1] + ":" + p[2] + ":" + p[3] + ":" + account + ":" + p[5];
            }
            Decision d = Decision.decide(id.policies(), null, account, w.action(), arn, ctx);
            if (!d.allowed()) {
                throw new AccessDeniedException(d.message(id.arn(), w.action(), arn));
            }
        }
    }

    private Policy resourcePolicy(Resource r) {
        if (r.stream) {
            return tables.streamPolicy(r.arn);
        }
        if (r.table == null) {
            return null;
        }
        return tables.table(r.account, r.region, r.table).policy();
    }

    /** The current second and its ISO 8601 text, formatted once a second rather than once a request. */
    private record Second(long epochSecond, String text) {}

    private volatile Second second = new Second(Long.MIN_VALUE, "");

    /** A thread's last request context, and what it was made of: a connection's requests mostly share it. */
    private record LastContext(Identity id, String region, Origin origin, long second, RequestContext context) {}

    private final ThreadLocal<LastContext> lastContext = new ThreadLocal<>();

    /** The global condition keys of a request: made once per caller, origin and second on a thread. */
    private RequestContext context(Principal principal, Origin origin, Identity id) {
        Instant now = clock.instant();
        Second s = second;
        if (s.epochSecond != now.getEpochSecond()) {
            s = new Second(
                    now.getEpochSecond(),
                    Instant.ofEpochSecond(now.getEpochSecond()).toString());
            second = s;
        }
        LastContext last = lastContext.get();
        // The identity is the same object while the identities stay loaded (a reload makes new ones).
        if (last != null
                && last.id == id
                && last.second == s.epochSecond
                && last.region.equals(principal.region())
                && last.origin.equals(origin)) {
            return last.context;
        }
        RequestContext made = RequestContext.builder(id.caller())
                .put("aws:username", id.username())
                .put("aws:userid", id.userId())
                .put("aws:PrincipalArn", id.principalArn())
                .put("aws:PrincipalAccount", id.account())
                .put("aws:PrincipalType", id.type())
                .put("aws:RequestedRegion", principal.region())
                .put("aws:SourceIp", origin.sourceIp())
                .put("aws:SecureTransport", Boolean.toString(origin.secureTransport()))
                .put("aws:CurrentTime", s.text)
                .put("aws:EpochTime", Long.toString(s.epochSecond))
                .build();
        lastContext.set(new LastContext(id, principal.region(), origin, s.epochSecond, made));
        return made;
    }

    // ------------------------------------------------------------------ operations to questions

    /** The questions an operation's request asks, in the order they are asked. */
    List<Check> checks(String callerAccount, String region, String operation, Object request) {
        Asker a = new Asker(callerAccount, region);
        String action = DynamoActions.action(operation);
        if (request instanceof GetItemRequest r) {
            Map<String, List<String>> keys = a.itemKeys(r.tableName(), null, List.of(r.key()));
            a.read(keys, r.projectionExpression(), r.expressionAttributeNames(), r.attributesToGet(), null, r.key());
            a.returns(keys, null, r.returnConsumedCapacity());
            a.add(action, a.table(r.tableName()), keys);
        } else if (request instanceof PutItemRequest r) {
            Map<String, List<String>> keys = a.itemKeys(r.tableName(), null, List.of(r.item()));
            keys.put("dynamodb:Attributes", List.copyOf(r.item().keySet()));
            a.returns(keys, r.returnValues(), r.returnConsumedCapacity());
            a.add(action, a.table(r.tableName()), keys);
        } else if (request instanceof UpdateItemRequest r) {
            Map<String, List<String>> keys = a.itemKeys(r.tableName(), null, List.of(r.key()));
            Set<String> names = new LinkedHashSet<>(r.key().keySet());
            ExpressionNames.topNames(r.updateExpression(), r.expressionAttributeNames(), names);
            if (r.attributeUpdates() != null) {
                names.addAll(r.attributeUpdates().keySet());
            }
            keys.put("dynamodb:Attributes", List.copyOf(names));
            a.returns(keys, r.returnValues(), r.returnConsumedCapacity());
            a.add(action, a.table(r.tableName()), keys);
        } else if (request instanceof DeleteItemRequest r) {
            Map<String, List<String>> keys = a.itemKeys(r.tableName(), null, List.of(r.key()));
            keys.put("dynamodb:Attributes", List.copyOf(r.key().keySet()));
            a.returns(keys, r.returnValues(), r.returnConsumedCapacity());
            a.add(action, a.table(r.tableName()), keys);
        } else if (request instanceof QueryRequest r) {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            String pk = a.partitionKey(r.tableName(), r.indexName());
            AttributeValue v = ExpressionNames.partitionValue(
                    r.keyConditionExpression(), r.expressionAttributeNames(), r.expressionAttributeValues(), pk);
            if (v == null && r.keyConditions() != null && pk != null) {
                var c = r.keyConditions().get(pk);
                if (c != null
                        && "EQ".equals(c.comparisonOperator())
                        && c.attributeValueList() != null
                        && c.attributeValueList().size() == 1) {
                    v = c.attributeValueList().get(0);
                }
            }
            if (v != null) {
                keys.put("dynamodb:LeadingKeys", List.of(text(v)));
            }
            a.read(keys, r.projectionExpression(), r.expressionAttributeNames(), r.attributesToGet(), r.select(), null);
            keys.put("dynamodb:ReturnConsumedCapacity", one(r.returnConsumedCapacity()));
            a.add(action, a.tableOrIndex(r.tableName(), r.indexName()), keys);
        } else if (request instanceof ScanRequest r) {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            a.read(keys, r.projectionExpression(), r.expressionAttributeNames(), r.attributesToGet(), r.select(), null);
            keys.put("dynamodb:ReturnConsumedCapacity", one(r.returnConsumedCapacity()));
            a.add(action, a.tableOrIndex(r.tableName(), r.indexName()), keys);
        } else if (request instanceof BatchGetItemRequest r) {
            if (r.requestItems() != null) {
                for (var e : r.requestItems().entrySet()) {
                    KeysAndAttributes k = e.getValue();
                    List<Map<String, AttributeValue>> items = k == null || k.keys() == null ? List.of() : k.keys();
                    Map<String, List<String>> keys = a.itemKeys(e.getKey(), null, items);
                    Set<String> keyNames = new LinkedHashSet<>();
                    items.forEach(i -> keyNames.addAll(i.keySet()));
                    a.read(
                            keys,
                            k == null ? null : k.projectionExpression(),
                            k == null ? null : k.expressionAttributeNames(),
                            k == null ? null : k.attributesToGet(),
                            null,
                            Map.of());
                    if (keys.containsKey("dynamodb:Attributes")) {
                        Set<String> all = new LinkedHashSet<>(keyNames);
                        all.addAll(keys.get("dynamodb:Attributes"));
                        keys.put("dynamodb:Attributes", List.copyOf(all));
                    }
                    keys.put("dynamodb:ReturnConsumedCapacity", one(r.returnConsumedCapacity()));
                    a.add(action, a.table(e.getKey()), keys);
                }
            }
        } else if (request instanceof BatchWriteItemRequest r) {
            if (r.requestItems() != null) {
                for (var e : r.requestItems().entrySet()) {
                    List<Map<String, AttributeValue>> items = new ArrayList<>();
                    Set<String> names = new LinkedHashSet<>();
                    for (WriteRequest w : e.getValue() == null ? List.<WriteRequest>of() : e.getValue()) {
                        Map<String, AttributeValue> item = w.putRequest() != null
                                ? w.putRequest().item()
                                : w.deleteRequest() != null ? w.deleteRequest().key() : null;
                        if (item != null) {
                            items.add(item);
                            names.addAll(item.keySet());
                        }
                    }
                    Map<String, List<String>> keys = a.itemKeys(e.getKey(), null, items);
                    keys.put("dynamodb:Attributes", List.copyOf(names));
                    keys.put("dynamodb:ReturnConsumedCapacity", one(r.returnConsumedCapacity()));
                    a.add(action, a.table(e.getKey()), keys);
                }
            }
        } else if (request instanceof TransactGetItemsRequest r) {
            for (TransactGetItem t : r.transactItems() == null ? List.<TransactGetItem>of() : r.transactItems()) {
                Get g = t.get();
                if (g != null) {
                    Map<String, List<String>> keys = a.itemKeys(g.tableName(), null, List.of(g.key()));
                    a.read(keys, g.projectionExpression(), g.expressionAttributeNames(), null, null, g.key());
                    keys.put("dynamodb:ReturnConsumedCapacity", one(r.returnConsumedCapacity()));
                    a.add("dynamodb:GetItem", a.table(g.tableName()), keys);
                }
            }
        } else if (request instanceof TransactWriteItemsRequest r) {
            for (TransactWriteItem t : r.transactItems() == null ? List.<TransactWriteItem>of() : r.transactItems()) {
                transactWrite(a, t, r.returnConsumedCapacity());
            }
        } else if (request instanceof ExecuteStatementRequest r) {
            statement(a, r.statement(), r.parameters(), r.returnConsumedCapacity());
        } else if (request instanceof BatchExecuteStatementRequest r) {
            for (BatchStatementRequest s : r.statements() == null ? List.<BatchStatementRequest>of() : r.statements()) {
                statement(a, s.statement(), s.parameters(), r.returnConsumedCapacity());
            }
        } else if (request instanceof ExecuteTransactionRequest r) {
            for (ParameterizedStatement s :
                    r.transactStatements() == null ? List.<ParameterizedStatement>of() : r.transactStatements()) {
                statement(a, s.statement(), s.parameters(), r.returnConsumedCapacity());
            }
        } else if (request instanceof CreateTableRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof DescribeTableRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof DeleteTableRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof UpdateTableRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof UpdateTimeToLiveRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof DescribeTimeToLiveRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof DescribeContinuousBackupsRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof UpdateContinuousBackupsRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof TagResourceRequest r) {
            a.add(action, a.arn(r.resourceArn()), Map.of());
        } else if (request instanceof UntagResourceRequest r) {
            a.add(action, a.arn(r.resourceArn()), Map.of());
        } else if (request instanceof ListTagsOfResourceRequest r) {
            a.add(action, a.arn(r.resourceArn()), Map.of());
        } else if (request instanceof PutResourcePolicyRequest r) {
            a.add(action, a.arn(r.resourceArn()), Map.of());
        } else if (request instanceof GetResourcePolicyRequest r) {
            a.add(action, a.arn(r.resourceArn()), Map.of());
        } else if (request instanceof DeleteResourcePolicyRequest r) {
            a.add(action, a.arn(r.resourceArn()), Map.of());
        } else if (request instanceof DescribeStreamRequest r) {
            a.add(action, a.arn(r.streamArn()), Map.of());
        } else if (request instanceof GetShardIteratorRequest r) {
            a.add(action, a.arn(r.streamArn()), Map.of());
        } else if (request instanceof GetRecordsRequest r) {
            // The iterator starts with its stream's ARN (the engine checks the rest of it).
            String it = r.shardIterator() == null ? "" : r.shardIterator();
            int at = it.lastIndexOf("|1|");
            a.add(action, a.arn(at < 0 ? it : it.substring(0, at)), Map.of());
        } else if (request instanceof CreateBackupRequest r) {
            a.add(action, a.table(r.tableName()), Map.of());
        } else if (request instanceof DescribeBackupRequest r) {
            a.add(action, a.arn(r.backupArn()), Map.of());
        } else if (request instanceof DeleteBackupRequest r) {
            a.add(action, a.arn(r.backupArn()), Map.of());
        } else if (request instanceof RestoreTableFromBackupRequest r) {
            a.add(action, a.arn(r.backupArn()), Map.of());
            restoreTarget(a, action, r.targetTableName());
        } else if (request instanceof RestoreTableToPointInTimeRequest r) {
            a.add(
                    action,
                    r.sourceTableArn() != null ? a.arn(r.sourceTableArn()) : a.table(r.sourceTableName()),
                    Map.of());
            restoreTarget(a, action, r.targetTableName());
        } else if (request instanceof ExportTableToPointInTimeRequest r) {
            a.add(action, a.arn(r.tableArn()), Map.of());
        } else if (request instanceof DescribeExportRequest r) {
            a.add(action, a.arn(r.exportArn()), Map.of());
        } else if (request instanceof ImportTableRequest r) {
            a.add(
                    action,
                    a.table(
                            r.tableCreationParameters() == null
                                    ? null
                                    : r.tableCreationParameters().tableName()),
                    Map.of());
        } else if (request instanceof DescribeImportRequest r) {
            a.add(action, a.arn(r.importArn()), Map.of());
        } else {
            // ListTables, ListStreams, ListBackups, ListExports, ListImports, DescribeLimits,
            // DescribeEndpoints, FloeDB's admin actions
            a.add(
                    action,
                    action.startsWith("floe:") ? new Resource("*", callerAccount, region, null, false) : a.any(),
                    Map.of());
        }
        return a.checks;
    }

    /** A restore writes the new table's items: DynamoDB asks for the item actions on it too. */
    private static void restoreTarget(Asker a, String action, String target) {
        Resource t = a.table(target);
        a.add(action, t, Map.of());
        for (String item : List.of(
                "dynamodb:BatchWriteItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
                "dynamodb:Scan",
                "dynamodb:UpdateItem")) {
            a.add(item, t, Map.of());
        }
    }

    private static void transactWrite(Asker a, TransactWriteItem t, String capacity) {
        if (t.put() != null) {
            Put p = t.put();
            Map<String, List<String>> keys = a.itemKeys(p.tableName(), null, List.of(p.item()));
            keys.put("dynamodb:Attributes", List.copyOf(p.item().keySet()));
            keys.put("dynamodb:ReturnConsumedCapacity", one(capacity));
            a.add("dynamodb:PutItem", a.table(p.tableName()), keys);
        } else if (t.update() != null) {
            Update u = t.update();
            Map<String, List<String>> keys = a.itemKeys(u.tableName(), null, List.of(u.key()));
            Set<String> names = new LinkedHashSet<>(u.key().keySet());
            ExpressionNames.topNames(u.updateExpression(), u.expressionAttributeNames(), names);
            keys.put("dynamodb:Attributes", List.copyOf(names));
            keys.put("dynamodb:ReturnConsumedCapacity", one(capacity));
            a.add("dynamodb:UpdateItem", a.table(u.tableName()), keys);
        } else if (t.delete() != null) {
            Delete d = t.delete();
            Map<String, List<String>> keys = a.itemKeys(d.tableName(), null, List.of(d.key()));
            keys.put("dynamodb:Attributes", List.copyOf(d.key().keySet()));
            keys.put("dynamodb:ReturnConsumedCapacity", one(capacity));
            a.add("dynamodb:DeleteItem", a.table(d.tableName()), keys);
        } else if (t.conditionCheck() != null) {
            ConditionCheck c = t.conditionCheck();
            Map<String, List<String>> keys = a.itemKeys(c.tableName(), null, List.of(c.key()));
            keys.put("dynamodb:Attributes", List.copyOf(c.key().keySet()));
            keys.put("dynamodb:ReturnConsumedCapacity", one(capacity));
            a.add("dynamodb:ConditionCheckItem", a.table(c.tableName()), keys);
        }
    }

    /**
     * A PartiQL statement: {@code dynamodb:PartiQLSelect}, {@code PartiQLInsert}, {@code PartiQLUpdate}
     * or {@code PartiQLDelete} on its table (or index), with the items it pins as leading keys.
     */
    private void statement(Asker a, String statement, List<AttributeValue> parameters, String capacity) {
        StatementShape s = StatementShape.of(statement, parameters);
        if (s == null) {
            return; // it does not parse: running it answers DynamoDB's error, and nothing runs
        }
        String action =
                switch (s.kind()) {
                    case "INSERT" -> "dynamodb:PartiQLInsert";
                    case "UPDATE" -> "dynamodb:PartiQLUpdate";
                    case "DELETE" -> "dynamodb:PartiQLDelete";
                    default -> "dynamodb:PartiQLSelect";
                };
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String pk = a.partitionKey(s.table(), s.index());
        List<AttributeValue> leading = pk == null ? null : s.pinned().get(pk);
        if (leading != null) {
            List<String> texts = new ArrayList<>();
            leading.forEach(v -> texts.add(text(v)));
            keys.put("dynamodb:LeadingKeys", texts);
        } else if (s.kind().equals("SELECT")) {
            keys.put("dynamodb:FullTableScan", List.of("true"));
        }
        if (s.attributes() != null) {
            keys.put("dynamodb:Attributes", List.copyOf(s.attributes()));
        }
        if (s.kind().equals("SELECT") || s.kind().equals("EXISTS")) {
            keys.put("dynamodb:Select", List.of(s.attributes() == null ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES"));
        }
        keys.put("dynamodb:ReturnConsumedCapacity", one(capacity));
        keys.values().removeIf(v -> v == null);
        a.add(action, a.tableOrIndex(s.table(), s.index()), keys);
    }

    private static List<String> one(String value) {
        return value == null ? null : List.of(value);
    }

    /** A key value as condition keys compare it: a string's text, a number's canonical text, a binary's base64. */
    static String text(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return s.value();
        }
        if (v instanceof AttributeValue.N n) {
            return n.value().toPlainString();
        }
        return v instanceof AttributeValue.B b ? b.value().toBase64() : v.toString();
    }

    /** The table a thread's last request named by its name (not an ARN), as a resource. */
    private final ThreadLocal<Resource> lastTable = new ThreadLocal<>();

    private static final List<String> SPECIFIC_ATTRIBUTES = List.of("SPECIFIC_ATTRIBUTES");
    private static final List<String> ALL_ATTRIBUTES = List.of("ALL_ATTRIBUTES");

    /** Collects one request's questions. */
    private final class Asker {
        final String callerAccount;
        final String region;
        final List<Check> checks = new ArrayList<>();

        Asker(String callerAccount, String region) {
            this.callerAccount = callerAccount;
            this.region = region;
        }

        void add(String action, Resource resource, Map<String, List<String>> keys) {
            Map<String, List<String>> k = keys;
            for (List<String> v : keys.values()) {
                if (v == null) {
                    // keys the request leaves out (put as null above): a copy without them
                    k = new LinkedHashMap<>(keys);
                    k.values().removeIf(x -> x == null);
                    break;
                }
            }
            checks.add(new Check(action, resource, k));
        }

        /**
         * The resource of an action that names none (ListTables, DescribeLimits ...): the account's
         * tables, as DynamoDB's messages name it (best guess: the shape of AccessDenied messages for
         * ListTables seen in public reports), or {@code *} for FloeDB's own actions.
         */
        Resource any() {
            return new Resource(
                    "arn:aws:dynamodb:" + region + ":" + callerAccount + ":table/*",
                    callerAccount,
                    region,
                    null,
                    false);
        }

        /** The account an ARN names: an ARN with none is the caller's. */
        String owner(String account) {
            return account.isEmpty() ? callerAccount : account;
        }

        Resource table(String nameOrArn) {
            if (nameOrArn == null) {
                return any();
            }
            if (nameOrArn.startsWith("arn:")) {
                return arn(nameOrArn);
            }
            Resource last = lastTable.get();
            // a connection's requests mostly name one table: its ARN is made once
            if (last != null
                    && last.table.equals(nameOrArn)
                    && last.account.equals(callerAccount)
                    && last.region.equals(region)) {
                return last;
            }
            Resource r = new Resource(
                    "arn:aws:dynamodb:" + region + ":" + callerAccount + ":table/" + nameOrArn,
                    callerAccount,
                    region,
                    nameOrArn,
                    false);
            lastTable.set(r);
            return r;
        }

        Resource tableOrIndex(String nameOrArn, String index) {
            Resource t = table(nameOrArn);
            return index == null || t.table == null
                    ? t
                    : new Resource(t.arn + "/index/" + index, t.account, t.region, t.table, false);
        }

        /** A DynamoDB ARN from a request: a table's, an index's, a stream's or a backup's, in its owner's account. */
        Resource arn(String arn) {
            if (arn == null) {
                return any();
            }
            String[] p = arn.split(":", 6);
            if (p.length < 6 || !p[5].startsWith("table/")) {
                // not a table's: the operation refuses it
                return new Resource(arn, callerAccount, region, null, false);
            }
            String owner = owner(p[4]);
            String rest = p[5];
            String[] path = rest.split("/", -1);
            String normalized = p[0] + ":" + p[1] + ":" + p[2] + ":" + p[3] + ":" + owner + ":" + rest;
            boolean stream = path.length >= 4 && path[2].equals("stream");
            return new Resource(normalized, owner, p[3].isEmpty() ? region : p[3], path[1], stream);
        }

        String partitionKey(String nameOrArn, String index) {
            Resource t = table(nameOrArn);
            if (t.table == null) {
                return null;
            }
            return tables.table(t.account, t.region, t.table).partitionKeys().get(index == null ? "" : index);
        }

        /** {@code dynamodb:LeadingKeys}: the partition key value of every item, in order, each once. */
        Map<String, List<String>> itemKeys(
                String nameOrArn, String index, Collection<Map<String, AttributeValue>> items) {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            String pk = partitionKey(nameOrArn, index);
            if (pk != null && lacks(items, pk)) {
                Resource t = table(nameOrArn);
                pk = tables.fresh(t.account, t.region, t.table).partitionKeys().get(index == null ? "" : index);
            }
            if (pk != null && items.size() == 1) {
                Map<String, AttributeValue> item = items.iterator().next();
                AttributeValue v = item == null ? null : item.get(pk);
                if (v != null) {
                    keys.put("dynamodb:LeadingKeys", List.of(text(v)));
                }
            } else if (pk != null) {
                Set<String> values = new LinkedHashSet<>();
                for (Map<String, AttributeValue> item : items) {
                    AttributeValue v = item == null ? null : item.get(pk);
                    if (v != null) {
                        values.add(text(v));
                    }
                }
                if (!values.isEmpty()) {
                    keys.put("dynamodb:LeadingKeys", List.copyOf(values));
                }
            }
            return keys;
        }

        private static boolean lacks(Collection<Map<String, AttributeValue>> items, String pk) {
            for (Map<String, AttributeValue> item : items) {
                if (item != null && !item.containsKey(pk)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A read's attribute keys: {@code dynamodb:Attributes} the attributes it projects (and the
         * key's), {@code dynamodb:Select} what it selects: as asked, else SPECIFIC_ATTRIBUTES with a
         * projection and ALL_ATTRIBUTES without one, so that a caller limited to some attributes
         * must name them.
         */
        void read(
                Map<String, List<String>> keys,
                String projection,
                Map<String, String> names,
                List<String> attributesToGet,
                String select,
                Map<String, AttributeValue> key) {
            boolean specific = false;
            if (projection != null || attributesToGet != null) {
                Set<String> projected = new LinkedHashSet<>();
                ExpressionNames.topNames(projection, names, projected);
                if (attributesToGet != null) {
                    projected.addAll(attributesToGet);
                }
                specific = !projected.isEmpty();
                if (specific) {
                    Set<String> all = new LinkedHashSet<>(key == null ? Set.of() : key.keySet());
                    all.addAll(projected);
                    keys.put("dynamodb:Attributes", List.copyOf(all));
                }
            }
            keys.put(
                    "dynamodb:Select",
                    select != null ? List.of(select) : specific ? SPECIFIC_ATTRIBUTES : ALL_ATTRIBUTES);
        }

        void returns(Map<String, List<String>> keys, String returnValues, String capacity) {
            if (returnValues != null) {
                keys.put("dynamodb:ReturnValues", List.of(returnValues));
            }
            if (capacity != null) {
                keys.put("dynamodb:ReturnConsumedCapacity", List.of(capacity));
            }
        }
    }
}
