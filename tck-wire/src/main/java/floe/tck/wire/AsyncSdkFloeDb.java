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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * A {@link FloeDb} over the AWS SDK for Java v2's asynchronous {@link DynamoDbAsyncClient} (Netty
 * HTTP), so that the behaviour suites can check an endpoint through the SDK's other transport and
 * response path too. Each call waits for its answer; translation and error mapping are
 * {@link SdkFloeDb}'s, from {@link SdkModel}, with the SDK's future-completion wrapper removed so
 * that callers see the same exceptions. Thread-safe, as the SDK client is.
 *
 * <p>The Streams operations go through the SDK's {@link DynamoDbStreamsAsyncClient}.
 * {@link WireEndpoint#asyncClient} and {@link WireEndpoint#asyncStreamsClient} build clients
 * configured for testing: no retries, dummy credentials.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class AsyncSdkFloeDb implements FloeDb {
    private final DynamoDbAsyncClient client;
    private final DynamoDbStreamsAsyncClient streamsClient;
    private final FloeStreams streams = new Streams();
    private final FloeBackups backups = new Backups();
    private final floe.api.FloeTransfers transfers = new Transfers();
    private final Map<String, AsyncSdkFloeDb> regions = new HashMap<>();

    /**
     * @param client the client to send DynamoDB's operations through; {@link #close()} closes it
     * @param streamsClient the client to send DynamoDB Streams' operations through, to the same
     *     endpoint; {@link #close()} closes it
     */
    public AsyncSdkFloeDb(DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streamsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.streamsClient = Objects.requireNonNull(streamsClient, "streamsClient");
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        return SdkModel.fromSdk(join(client.createTable(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return SdkModel.fromSdk(join(client.describeTable(SdkModel.toSdk(request))));
    }

    @Override
    public ListTablesResponse listTables(ListTablesRequest request) {
        return SdkModel.fromSdk(join(client.listTables(SdkModel.toSdk(request))));
    }

    @Override
    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
        return SdkModel.fromSdk(join(client.deleteTable(SdkModel.toSdk(request))));
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        return SdkModel.fromSdk(join(client.updateTable(SdkModel.toSdk(request))));
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return SdkModel.fromSdk(join(client.putItem(SdkModel.toSdk(request))));
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return SdkModel.fromSdk(join(client.getItem(SdkModel.toSdk(request))));
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return SdkModel.fromSdk(join(client.updateItem(SdkModel.toSdk(request))));
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return SdkModel.fromSdk(join(client.deleteItem(SdkModel.toSdk(request))));
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return SdkModel.fromSdk(join(client.query(SdkModel.toSdk(request))));
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return SdkModel.fromSdk(join(client.scan(SdkModel.toSdk(request))));
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return SdkModel.fromSdk(join(client.batchGetItem(SdkModel.toSdk(request))));
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return SdkModel.fromSdk(join(client.batchWriteItem(SdkModel.toSdk(request))));
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return SdkModel.fromSdk(join(client.transactWriteItems(SdkModel.toSdk(request))));
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
        return SdkModel.fromSdk(join(client.updateTimeToLive(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
        return SdkModel.fromSdk(join(client.describeTimeToLive(SdkModel.toSdk(request))));
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
        return SdkModel.fromSdk(join(client.executeStatement(SdkModel.toSdk(request))));
    }

    @Override
    public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
        return SdkModel.fromSdk(join(client.batchExecuteStatement(SdkModel.toSdk(request))));
    }

    @Override
    public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
        return SdkModel.fromSdk(join(client.executeTransaction(SdkModel.toSdk(request))));
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return SdkModel.fromSdk(join(client.transactGetItems(SdkModel.toSdk(request))));
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        return SdkModel.fromSdk(join(client.tagResource(SdkModel.toSdk(request))));
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        return SdkModel.fromSdk(join(client.untagResource(SdkModel.toSdk(request))));
    }

    @Override
    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
        return SdkModel.fromSdk(join(client.listTagsOfResource(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
        return SdkModel.fromSdk(join(client.describeContinuousBackups(SdkModel.toSdk(request))));
    }

    @Override
    public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
        return SdkModel.fromSdk(join(client.updateContinuousBackups(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
        return SdkModel.fromSdk(join(client.describeLimits(SdkModel.toSdk(request))));
    }

    @Override
    public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request) {
        return SdkModel.fromSdk(join(client.describeEndpoints(SdkModel.toSdk(request))));
    }

    @Override
    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
        return SdkModel.fromSdk(join(client.putResourcePolicy(SdkModel.toSdk(request))));
    }

    @Override
    public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request) {
        return SdkModel.fromSdk(join(client.getResourcePolicy(SdkModel.toSdk(request))));
    }

    @Override
    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
        return SdkModel.fromSdk(join(client.deleteResourcePolicy(SdkModel.toSdk(request))));
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

    /** Closes the SDK clients. Idempotent, as their close is. */
    @Override
    public void close() {
        synchronized (regions) {
            regions.values().forEach(AsyncSdkFloeDb::close);
            regions.clear();
        }
        client.close();
        streamsClient.close();
    }

    /**
     * Another Region's view: clients signing for {@code region}, against the same endpoint with
     * the same credentials, made once and closed with this one.
     */
    @Override
    public FloeDb inRegion(String region) {
        if (region == null || !region.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("a Region name is ASCII letters, digits and hyphens: " + region);
        }
        software.amazon.awssdk.regions.Region r = software.amazon.awssdk.regions.Region.of(region);
        if (r.equals(client.serviceClientConfiguration().region())) {
            return this;
        }
        synchronized (regions) {
            AsyncSdkFloeDb view = regions.get(region);
            if (view == null) {
                var config = client.serviceClientConfiguration();
                var streamsConfig = streamsClient.serviceClientConfiguration();
                var c = DynamoDbAsyncClient.builder()
                        .region(r)
                        .credentialsProvider(config.credentialsProvider())
                        .overrideConfiguration(config.overrideConfiguration())
                        .httpClientBuilder(software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient.builder());
                config.endpointOverride().ifPresent(c::endpointOverride);
                var s = DynamoDbStreamsAsyncClient.builder()
                        .region(r)
                        .credentialsProvider(streamsConfig.credentialsProvider())
                        .overrideConfiguration(streamsConfig.overrideConfiguration())
                        .httpClientBuilder(software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient.builder());
                streamsConfig.endpointOverride().ifPresent(s::endpointOverride);
                view = new AsyncSdkFloeDb(c.build(), s.build());
                regions.put(region, view);
            }
            return view;
        }
    }

    /** The backup operations through the SDK's asynchronous client. */
    private final class Backups implements FloeBackups {
        @Override
        public floe.api.model.CreateBackupResponse createBackup(floe.api.model.CreateBackupRequest request) {
            return SdkModel.fromSdk(join(client.createBackup(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.DescribeBackupResponse describeBackup(floe.api.model.DescribeBackupRequest request) {
            return SdkModel.fromSdk(join(client.describeBackup(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.ListBackupsResponse listBackups(floe.api.model.ListBackupsRequest request) {
            return SdkModel.fromSdk(join(client.listBackups(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.DeleteBackupResponse deleteBackup(floe.api.model.DeleteBackupRequest request) {
            return SdkModel.fromSdk(join(client.deleteBackup(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.RestoreTableFromBackupResponse restoreTableFromBackup(
                floe.api.model.RestoreTableFromBackupRequest request) {
            return SdkModel.fromSdk(join(client.restoreTableFromBackup(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.RestoreTableToPointInTimeResponse restoreTableToPointInTime(
                floe.api.model.RestoreTableToPointInTimeRequest request) {
            return SdkModel.fromSdk(join(client.restoreTableToPointInTime(SdkModel.toSdk(request))));
        }
    }

    /** The Streams operations through the SDK's asynchronous Streams client. */
    private final class Streams implements FloeStreams {
        @Override
        public ListStreamsResponse listStreams(ListStreamsRequest request) {
            return SdkModel.fromSdk(join(streamsClient.listStreams(SdkModel.toSdk(request))));
        }

        @Override
        public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
            return SdkModel.fromSdk(join(streamsClient.describeStream(SdkModel.toSdk(request))));
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return SdkModel.fromSdk(join(streamsClient.getShardIterator(SdkModel.toSdk(request))));
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            return SdkModel.fromSdk(join(streamsClient.getRecords(SdkModel.toSdk(request))));
        }
    }

    /** The answer of {@code future}, or the FloeDB exception for the endpoint's error. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof AwsServiceException service) {
                throw SdkModel.fromSdk(service);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The export and import operations through the SDK's asynchronous client. */
    private final class Transfers implements floe.api.FloeTransfers {
        @Override
        public floe.api.model.ExportTableToPointInTimeResponse exportTableToPointInTime(
                floe.api.model.ExportTableToPointInTimeRequest request) {
            return SdkModel.fromSdk(join(client.exportTableToPointInTime(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.DescribeExportResponse describeExport(floe.api.model.DescribeExportRequest request) {
            return SdkModel.fromSdk(join(client.describeExport(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.ListExportsResponse listExports(floe.api.model.ListExportsRequest request) {
            return SdkModel.fromSdk(join(client.listExports(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.ImportTableResponse importTable(floe.api.model.ImportTableRequest request) {
            return SdkModel.fromSdk(join(client.importTable(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.DescribeImportResponse describeImport(floe.api.model.DescribeImportRequest request) {
            return SdkModel.fromSdk(join(client.describeImport(SdkModel.toSdk(request))));
        }

        @Override
        public floe.api.model.ListImportsResponse listImports(floe.api.model.ListImportsRequest request) {
            return SdkModel.fromSdk(join(client.listImports(SdkModel.toSdk(request))));
        }
    }
}
