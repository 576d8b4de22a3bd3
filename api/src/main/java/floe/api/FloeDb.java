package floe.api;

import floe.api.model.BatchExecuteStatementRequest;
import floe.api.model.BatchExecuteStatementResponse;
import floe.api.model.BatchGetItemRequest;
import floe.api.model.BatchGetItemResponse;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.BatchWriteItemResponse;
import floe.api.model.CreateTableRequest;
import floe.api.model.CreateTableResponse;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteItemResponse;
import floe.api.model.DeleteResourcePolicyRequest;
import floe.api.model.DeleteResourcePolicyResponse;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DeleteTableResponse;
import floe.api.model.DescribeContinuousBackupsRequest;
import floe.api.model.DescribeContinuousBackupsResponse;
import floe.api.model.DescribeEndpointsRequest;
import floe.api.model.DescribeEndpointsResponse;
import floe.api.model.DescribeLimitsRequest;
import floe.api.model.DescribeLimitsResponse;
import floe.api.model.DescribeTableRequest;
import floe.api.model.DescribeTableResponse;
import floe.api.model.DescribeTimeToLiveRequest;
import floe.api.model.DescribeTimeToLiveResponse;
import floe.api.model.ExecuteStatementRequest;
import floe.api.model.ExecuteStatementResponse;
import floe.api.model.ExecuteTransactionRequest;
import floe.api.model.ExecuteTransactionResponse;
import floe.api.model.GetItemRequest;
import floe.api.model.GetItemResponse;
import floe.api.model.GetResourcePolicyRequest;
import floe.api.model.GetResourcePolicyResponse;
import floe.api.model.ListTablesRequest;
import floe.api.model.ListTablesResponse;
import floe.api.model.ListTagsOfResourceRequest;
import floe.api.model.ListTagsOfResourceResponse;
import floe.api.model.PutItemRequest;
import floe.api.model.PutItemResponse;
import floe.api.model.PutResourcePolicyRequest;
import floe.api.model.PutResourcePolicyResponse;
import floe.api.model.QueryRequest;
import floe.api.model.QueryResponse;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import floe.api.model.TagResourceRequest;
import floe.api.model.TagResourceResponse;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactGetItemsResponse;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.TransactWriteItemsResponse;
import floe.api.model.UntagResourceRequest;
import floe.api.model.UntagResourceResponse;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.UpdateContinuousBackupsResponse;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateItemResponse;
import floe.api.model.UpdateTableRequest;
import floe.api.model.UpdateTableResponse;
import floe.api.model.UpdateTimeToLiveRequest;
import floe.api.model.UpdateTimeToLiveResponse;
import java.util.ServiceLoader;

/**
 * A FloeDB database: DynamoDB's operations, in process. Every method behaves as the
 * DynamoDB operation of the same name, and fails with the {@link floe.api.error.FloeException}
 * DynamoDB would answer with. Thread-safe. Open one with {@link #open(FloeConfig)}.
 *
 * <p>Stable to call, not to implement: FloeDB is its only implementation, and later
 * releases add methods to it (as DynamoDB adds operations) without defaults.
 */
@Stability(Stability.Level.STABLE)
public interface FloeDb extends AutoCloseable {

    /**
     * Opens a database: the one way in for an embedding application. The engine and
     * the configured storage backend are found with {@link ServiceLoader}.
     *
     * @throws IllegalStateException if no engine is present
     */
    static FloeDb open(FloeConfig config) {
        for (Opener opener : ServiceLoader.load(Opener.class, FloeDb.class.getClassLoader())) {
            return opener.open(config);
        }
        for (Opener opener : ServiceLoader.load(Opener.class)) {
            return opener.open(config);
        }
        throw new IllegalStateException("no FloeDB engine found: put floe-engine on the class or module path");
    }

    /** CreateTable. */
    CreateTableResponse createTable(CreateTableRequest request);

    /** DescribeTable. */
    DescribeTableResponse describeTable(DescribeTableRequest request);

    /** ListTables. */
    ListTablesResponse listTables(ListTablesRequest request);

    /** DeleteTable. */
    DeleteTableResponse deleteTable(DeleteTableRequest request);

    /** UpdateTable. */
    UpdateTableResponse updateTable(UpdateTableRequest request);

    /** UpdateTimeToLive. */
    UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request);

    /** DescribeTimeToLive. */
    DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request);

    /** FloeDB's own operations, outside DynamoDB's API. */
    FloeAdmin admin();

    /** PutItem. */
    PutItemResponse putItem(PutItemRequest request);

    /** GetItem. */
    GetItemResponse getItem(GetItemRequest request);

    /** UpdateItem. */
    UpdateItemResponse updateItem(UpdateItemRequest request);

    /** DeleteItem. */
    DeleteItemResponse deleteItem(DeleteItemRequest request);

    /** Query. */
    QueryResponse query(QueryRequest request);

    /** Scan, parallel too. */
    ScanResponse scan(ScanRequest request);

    /** BatchGetItem. */
    BatchGetItemResponse batchGetItem(BatchGetItemRequest request);

    /** BatchWriteItem. */
    BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request);

    /** TransactWriteItems. */
    TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request);

    /** TransactGetItems. */
    TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request);

    /** ExecuteStatement: one PartiQL statement. */
    ExecuteStatementResponse executeStatement(ExecuteStatementRequest request);

    /** BatchExecuteStatement: up to 25 PartiQL statements, all reads or all writes, each succeeding or failing alone. */
    BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request);

    /** ExecuteTransaction: up to 100 PartiQL statements, all reads or all writes, all or nothing. */
    ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request);

    /** TagResource: adds tags to a table, or replaces the values of its tags of the same keys. */
    TagResourceResponse tagResource(TagResourceRequest request);

    /** UntagResource: removes tags from a table; keys it does not have are ignored. */
    UntagResourceResponse untagResource(UntagResourceRequest request);

    /** ListTagsOfResource. */
    ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request);

    /** DescribeContinuousBackups: whether point-in-time recovery is on. */
    DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request);

    /** UpdateContinuousBackups: turns point-in-time recovery on or off. */
    UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request);

    /** DescribeLimits: the account's throughput quotas. */
    DescribeLimitsResponse describeLimits(DescribeLimitsRequest request);

    /** DescribeEndpoints: where to send requests. */
    DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request);

    /** PutResourcePolicy: attaches or replaces a table's resource-based policy. */
    PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request);

    /** GetResourcePolicy. */
    GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request);

    /** DeleteResourcePolicy. */
    DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request);

    /** The DynamoDB Streams operations of this database: the changes of its tables with a stream enabled. */
    FloeStreams streams();

    /** The backup operations of this database: on-demand backups and restores. */
    FloeBackups backups();

    /** The export and import operations of this database: to and from object storage. */
    FloeTransfers transfers();

    /**
     * The legacy global tables operations (version 2017.11.29) of this database. The default
     * answers as DynamoDB does where that version is not offered: a database with replication
     * overrides it.
     */
    default FloeGlobalTables globalTables() {
        return FloeGlobalTables.NONE;
    }

    /**
     * This database's view of another Region of the same account: its own tables, streams,
     * backups, exports and ARNs, as DynamoDB keeps each Region apart. The view shares the
     * database's storage and lives as long as the database; closing the view does nothing.
     * A database opened with a shared namespace answers itself.
     *
     * @param region a Region name, e.g. {@code us-east-2}: ASCII letters, digits and hyphens
     * @throws IllegalArgumentException if {@code region} is not such a name
     * @throws UnsupportedOperationException if this database has only one namespace
     * @throws floe.api.error.LimitExceededException if the view is new and the database holds as many
     *     namespaces as it is configured to
     */
    default FloeDb inRegion(String region) {
        throw new UnsupportedOperationException("this database has only one Region");
    }

    /**
     * This database's view of another account's Region, as {@link #inRegion(String)}: what
     * the server hands requests signed by that account's identities for that Region.
     *
     * @param accountId a twelve-digit account id
     * @param region a Region name: ASCII letters, digits and hyphens
     * @throws IllegalArgumentException if either is not such a name
     * @throws UnsupportedOperationException if this database has only one namespace
     * @throws floe.api.error.LimitExceededException if the view is new and the database holds as many
     *     namespaces as it is configured to
     */
    default FloeDb inNamespace(String accountId, String region) {
        throw new UnsupportedOperationException("this database has only one namespace");
    }

    /** Closes the database and its storage. Idempotent. */
    @Override
    void close();

    /** How the engine makes itself known to {@link #open}; implemented by the engine only. */
    @Stability(Stability.Level.INTERNAL)
    interface Opener {
        /** Opens a database. */
        FloeDb open(FloeConfig config);
    }
}
