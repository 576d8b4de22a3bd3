package floe.tck.wire;

import floe.api.FloeAdmin;
import floe.api.FloeBackups;
import floe.api.FloeDb;
import floe.api.FloeStreams;
import floe.api.Stability;
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
import floe.api.model.DescribeStreamRequest;
import floe.api.model.DescribeStreamResponse;
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
import floe.api.model.GetRecordsRequest;
import floe.api.model.GetRecordsResponse;
import floe.api.model.GetResourcePolicyRequest;
import floe.api.model.GetResourcePolicyResponse;
import floe.api.model.GetShardIteratorRequest;
import floe.api.model.GetShardIteratorResponse;
import floe.api.model.ListStreamsRequest;
import floe.api.model.ListStreamsResponse;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A {@link FloeDb} that sends every operation through the AWS SDK for Java v2's synchronous
 * {@link DynamoDbClient} (and the Streams operations through its {@link DynamoDbStreamsClient})
 * to a DynamoDB endpoint, and answers with what the endpoint answered:
 * responses translated back by {@link SdkModel}, service errors thrown as the matching
 * {@link floe.api.error.FloeException} with the endpoint's message. Errors FloeDB has no
 * exception for, and answers that do not fit FloeDB's model, fail with an
 * {@link IllegalStateException}. Thread-safe, as the SDK client is.
 *
 * <p>{@link WireEndpoint#syncClient} and {@link WireEndpoint#syncStreamsClient} build clients
 * configured for testing: no retries, dummy credentials.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class SdkFloeDb implements FloeDb {
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streamsClient;
    private final FloeStreams streams = new Streams();
    private final FloeBackups backups = new Backups();
    private final floe.api.FloeTransfers transfers = new Transfers();
    /** The views of other Regions, by name. */
    private final Map<String, SdkFloeDb> regions = new HashMap<>();

    /**
     * @param client the client to send DynamoDB's operations through; {@link #close()} closes it
     * @param streamsClient the client to send DynamoDB Streams' operations through, to the same
     *     endpoint; {@link #close()} closes it
     */
    public SdkFloeDb(DynamoDbClient client, DynamoDbStreamsClient streamsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.streamsClient = Objects.requireNonNull(streamsClient, "streamsClient");
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        return call(() -> SdkModel.fromSdk(client.createTable(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return call(() -> SdkModel.fromSdk(client.describeTable(SdkModel.toSdk(request))));
    }

    @Override
    public ListTablesResponse listTables(ListTablesRequest request) {
        return call(() -> SdkModel.fromSdk(client.listTables(SdkModel.toSdk(request))));
    }

    @Override
    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
        return call(() -> SdkModel.fromSdk(client.deleteTable(SdkModel.toSdk(request))));
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        return call(() -> SdkModel.fromSdk(client.updateTable(SdkModel.toSdk(request))));
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return call(() -> SdkModel.fromSdk(client.putItem(SdkModel.toSdk(request))));
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return call(() -> SdkModel.fromSdk(client.getItem(SdkModel.toSdk(request))));
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return call(() -> SdkModel.fromSdk(client.updateItem(SdkModel.toSdk(request))));
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return call(() -> SdkModel.fromSdk(client.deleteItem(SdkModel.toSdk(request))));
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return call(() -> SdkModel.fromSdk(client.query(SdkModel.toSdk(request))));
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return call(() -> SdkModel.fromSdk(client.scan(SdkModel.toSdk(request))));
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return call(() -> SdkModel.fromSdk(client.batchGetItem(SdkModel.toSdk(request))));
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return call(() -> SdkModel.fromSdk(client.batchWriteItem(SdkModel.toSdk(request))));
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return call(() -> SdkModel.fromSdk(client.transactWriteItems(SdkModel.toSdk(request))));
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
        return call(() -> SdkModel.fromSdk(client.updateTimeToLive(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
        return call(() -> SdkModel.fromSdk(client.describeTimeToLive(SdkModel.toSdk(request))));
    }

    /** FloeDB's own operations, sent to the client's endpoint. */
    @Override
    public FloeAdmin admin() {
        return new WireAdmin(client.serviceClientConfiguration()
                .endpointOverride()
                .orElseThrow(() -> new IllegalStateException("the client has no endpoint override")));
    }

    @Override
    public ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
        return call(() -> SdkModel.fromSdk(client.executeStatement(SdkModel.toSdk(request))));
    }

    @Override
    public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
        return call(() -> SdkModel.fromSdk(client.batchExecuteStatement(SdkModel.toSdk(request))));
    }

    @Override
    public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
        return call(() -> SdkModel.fromSdk(client.executeTransaction(SdkModel.toSdk(request))));
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return call(() -> SdkModel.fromSdk(client.transactGetItems(SdkModel.toSdk(request))));
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        return call(() -> SdkModel.fromSdk(client.tagResource(SdkModel.toSdk(request))));
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        return call(() -> SdkModel.fromSdk(client.untagResource(SdkModel.toSdk(request))));
    }

    @Override
    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
        return call(() -> SdkModel.fromSdk(client.listTagsOfResource(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
        return call(() -> SdkModel.fromSdk(client.describeContinuousBackups(SdkModel.toSdk(request))));
    }

    @Override
    public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
        return call(() -> SdkModel.fromSdk(client.updateContinuousBackups(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
        return call(() -> SdkModel.fromSdk(client.describeLimits(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request) {
        return call(() -> SdkModel.fromSdk(client.describeEndpoints(SdkModel.toSdk(request))));
    }

    @Override
    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
        return call(() -> SdkModel.fromSdk(client.putResourcePolicy(SdkModel.toSdk(request))));
    }

    @Override
    public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request) {
        return call(() -> SdkModel.fromSdk(client.getResourcePolicy(SdkModel.toSdk(request))));
    }

    @Override
    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
        return call(() -> SdkModel.fromSdk(client.deleteResourcePolicy(SdkModel.toSdk(request))));
    }

    @Override
    public FloeStreams streams() {
        return streams;
    }

    @Override
    public FloeBackups backups() {
        return backups;
    }

    @Override
    public floe.api.FloeTransfers transfers() {
        return transfers;
    }

    /**
     * The same endpoint through clients signing for {@code region}: the endpoint's namespace
     * of that Region. Its clients are built like this one's (endpoint, credentials, overrides,
     * an Apache HTTP client) and closed with this database.
     */
    @Override
    public FloeDb inRegion(String region) {
        if (region == null || !region.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("a Region name is ASCII letters, digits and hyphens: " + region);
        }
        Region r = Region.of(region);
        if (r.equals(client.serviceClientConfiguration().region())) {
            return this;
        }
        synchronized (regions) {
            SdkFloeDb view = regions.get(region);
            if (view == null) {
                var config = client.serviceClientConfiguration();
                var streamsConfig = streamsClient.serviceClientConfiguration();
                var c = DynamoDbClient.builder()
                        .region(r)
                        .credentialsProvider(config.credentialsProvider())
                        .overrideConfiguration(config.overrideConfiguration())
                        .httpClientBuilder(ApacheHttpClient.builder());
                config.endpointOverride().ifPresent(c::endpointOverride);
                var s = DynamoDbStreamsClient.builder()
                        .region(r)
                        .credentialsProvider(streamsConfig.credentialsProvider())
                        .overrideConfiguration(streamsConfig.overrideConfiguration())
                        .httpClientBuilder(ApacheHttpClient.builder());
                streamsConfig.endpointOverride().ifPresent(s::endpointOverride);
                view = new SdkFloeDb(c.build(), s.build());
                regions.put(region, view);
            }
            return view;
        }
    }

    /** Closes the SDK clients, and those of the other Regions' views. Idempotent, as their close is. */
    @Override
    public void close() {
        synchronized (regions) {
            regions.values().forEach(SdkFloeDb::close);
            regions.clear();
        }
        client.close();
        streamsClient.close();
    }

    /** The backup operations through the SDK's client. */
    private final class Backups implements FloeBackups {
        @Override
        public floe.api.model.CreateBackupResponse createBackup(floe.api.model.CreateBackupRequest request) {
            return call(() -> SdkModel.fromSdk(client.createBackup(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.DescribeBackupResponse describeBackup(floe.api.model.DescribeBackupRequest request) {
            return call(() -> SdkModel.fromSdk(client.describeBackup(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.ListBackupsResponse listBackups(floe.api.model.ListBackupsRequest request) {
            return call(() -> SdkModel.fromSdk(client.listBackups(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.DeleteBackupResponse deleteBackup(floe.api.model.DeleteBackupRequest request) {
            return call(() -> SdkModel.fromSdk(client.deleteBackup(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.RestoreTableFromBackupResponse restoreTableFromBackup(
                floe.api.model.RestoreTableFromBackupRequest request) {
            return call(() -> SdkModel.fromSdk(client.restoreTableFromBackup(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.RestoreTableToPointInTimeResponse restoreTableToPointInTime(
                floe.api.model.RestoreTableToPointInTimeRequest request) {
            return call(() -> SdkModel.fromSdk(client.restoreTableToPointInTime(SdkModel.toSdk(request))));
        }
    }

    /** The Streams operations through the SDK's Streams client. */
    private final class Streams implements FloeStreams {
        @Override
        public ListStreamsResponse listStreams(ListStreamsRequest request) {
            return call(() -> SdkModel.fromSdk(streamsClient.listStreams(SdkModel.toSdk(request))));
        }

        @Override
        public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
            return call(() -> SdkModel.fromSdk(streamsClient.describeStream(SdkModel.toSdk(request))));
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return call(() -> SdkModel.fromSdk(streamsClient.getShardIterator(SdkModel.toSdk(request))));
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            return call(() -> SdkModel.fromSdk(streamsClient.getRecords(SdkModel.toSdk(request))));
        }
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw SdkModel.fromSdk(e);
        }
    }

    /** The export and import operations through the SDK's client. */
    private final class Transfers implements floe.api.FloeTransfers {
        @Override
        public floe.api.model.ExportTableToPointInTimeResponse exportTableToPointInTime(
                floe.api.model.ExportTableToPointInTimeRequest request) {
            return call(() -> SdkModel.fromSdk(client.exportTableToPointInTime(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.DescribeExportResponse describeExport(floe.api.model.DescribeExportRequest request) {
            return call(() -> SdkModel.fromSdk(client.describeExport(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.ListExportsResponse listExports(floe.api.model.ListExportsRequest request) {
            return call(() -> SdkModel.fromSdk(client.listExports(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.ImportTableResponse importTable(floe.api.model.ImportTableRequest request) {
            return call(() -> SdkModel.fromSdk(client.importTable(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.DescribeImportResponse describeImport(floe.api.model.DescribeImportRequest request) {
            return call(() -> SdkModel.fromSdk(client.describeImport(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.ListImportsResponse listImports(floe.api.model.ListImportsRequest request) {
            return call(() -> SdkModel.fromSdk(client.listImports(SdkModel.toSdk(request))));
        }
    }
}
