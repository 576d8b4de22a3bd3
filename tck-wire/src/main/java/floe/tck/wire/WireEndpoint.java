package floe.tck.wire;

import floe.api.FloeDb;
import floe.api.Stability;
import floe.api.error.ResourceNotFoundException;
import floe.api.model.DeleteTableRequest;
import floe.api.model.ListTablesRequest;
import floe.api.model.ListTablesResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Runs the behaviour suites over the wire: against any DynamoDB endpoint URL, through the AWS
 * SDK for Java v2, with the same tests that check a {@link FloeDb} in process.
 *
 * <p>A server or backend author runs every suite with one class, a subclass of
 * {@link EndpointBehaviourTck}, which opens the endpoint named by the system property
 * {@value #PROPERTY} and says that the data does not outlive a test (a reopen would find an
 * emptied server) and that the kit cannot move the endpoint's clock or set its options:
 *
 * <pre>
 * &#64;EnabledIfSystemProperty(named = "floe.tck.endpoint", matches = ".+")
 * class WireBehaviourTest extends EndpointBehaviourTck {}
 * </pre>
 *
 * and runs them with {@code -Dfloe.tck.endpoint=http://localhost:8000}. Use
 * {@link #openAsync(URI)} instead to go through the SDK's asynchronous client. The suites close
 * the database after each test, which closes the SDK client.
 *
 * <p><strong>Opening is destructive:</strong> {@link #open(URI)} and {@link #openAsync(URI)}
 * delete every table the endpoint has, so that each test starts from an empty server as it does
 * in process. Never point them at an endpoint holding data you want to keep, and run the suites
 * one test at a time against it: no parallel test execution, no second build sharing it.
 * {@code persistent()} must say false, since the suites' reopen would empty the server too.
 *
 * <p>Clients built here talk to the endpoint as a test needs: no retries (an error surfaces once,
 * as the endpoint answered it), static dummy credentials, region {@code us-east-1}.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class WireEndpoint {
    /** The system property holding the endpoint URL, e.g. {@code http://localhost:8000}. */
    public static final String PROPERTY = "floe.tck.endpoint";

    /** How long {@link #deleteAllTables} waits for deleted tables to disappear from ListTables. */
    private static final Duration DELETE_WAIT = Duration.ofSeconds(30);

    private static final Region REGION = Region.US_EAST_1;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("floe-tck", "floe-tck"));
    /** The SDK retries throttling and server errors by default; a test must see each answer once. */
    private static final ClientOverrideConfiguration NO_RETRIES = ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .build();

    private WireEndpoint() {}

    /**
     * The endpoint URL from the system property {@value #PROPERTY}.
     *
     * @throws IllegalStateException if the property is not set
     */
    public static URI endpoint() {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no endpoint to test: set the system property " + PROPERTY
                    + " to its URL, e.g. -D" + PROPERTY + "=http://localhost:8000");
        }
        return URI.create(url.trim());
    }

    /**
     * A database over the SDK's synchronous client to {@code endpoint}, which is emptied first.
     * Destructive: deletes every table of the endpoint.
     */
    public static FloeDb open(URI endpoint) {
        return emptied(new SdkFloeDb(syncClient(endpoint), syncStreamsClient(endpoint)));
    }

    /**
     * A database over the SDK's asynchronous client to {@code endpoint}, which is emptied first.
     * Destructive: deletes every table of the endpoint.
     */
    public static FloeDb openAsync(URI endpoint) {
        return emptied(new AsyncSdkFloeDb(asyncClient(endpoint), asyncStreamsClient(endpoint)));
    }

    /** A synchronous SDK client (Apache HTTP) to {@code endpoint}, configured for testing. */
    public static DynamoDbClient syncClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(NO_RETRIES)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** An asynchronous SDK client (Netty HTTP) to {@code endpoint}, configured for testing. */
    public static DynamoDbAsyncClient asyncClient(URI endpoint) {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(NO_RETRIES)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    /**
     * An asynchronous SDK client to {@code endpoint} over a given HTTP client, which
     * closing the SDK client leaves open: sharing one saves the seconds a Netty
     * client takes to shut down.
     */
    public static DynamoDbAsyncClient asyncClient(URI endpoint, SdkAsyncHttpClient http) {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(NO_RETRIES)
                .httpClient(http)
                .build();
    }

    /** A synchronous SDK DynamoDB Streams client (Apache HTTP) to {@code endpoint}, configured for testing. */
    public static DynamoDbStreamsClient syncStreamsClient(URI endpoint) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(NO_RETRIES)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /**
     * A synchronous SDK KMS client (Apache HTTP) to {@code endpoint}, configured for testing: an
     * endpoint that serves KMS beside DynamoDB (FloeDB with the {@code kms} plugin).
     */
    public static KmsClient kmsClient(URI endpoint) {
        return KmsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(NO_RETRIES)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** An asynchronous SDK DynamoDB Streams client (Netty HTTP) to {@code endpoint}, configured for testing. */
    public static DynamoDbStreamsAsyncClient asyncStreamsClient(URI endpoint) {
        return DynamoDbStreamsAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(NO_RETRIES)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    /**
     * An asynchronous SDK DynamoDB Streams client to {@code endpoint} over a given HTTP client,
     * which closing the SDK client leaves open.
     */
    public static DynamoDbStreamsAsyncClient asyncStreamsClient(URI endpoint, SdkAsyncHttpClient http) {
        return DynamoDbStreamsAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(NO_RETRIES)
                .httpClient(http)
                .build();
    }

    /**
     * Deletes every table of {@code db} and waits until ListTables shows none.
     *
     * @throws IllegalStateException if tables are still listed after a while
     */
    public static void deleteAllTables(FloeDb db) {
        for (String table : tableNames(db)) {
            try {
                db.deleteTable(new DeleteTableRequest(table));
            } catch (ResourceNotFoundException e) {
                // deleted meanwhile: what we wanted
            }
        }
        long deadline = System.nanoTime() + DELETE_WAIT.toNanos();
        List<String> left = tableNames(db);
        while (!left.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(
                        "the endpoint still lists deleted tables after " + DELETE_WAIT + ": " + left);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for tables to be deleted", e);
            }
            left = tableNames(db);
        }
    }

    private static List<String> tableNames(FloeDb db) {
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            ListTablesResponse page = db.listTables(new ListTablesRequest(start, 100));
            if (page.tableNames() != null) {
                names.addAll(page.tableNames());
            }
            start = page.lastEvaluatedTableName();
        } while (start != null);
        return names;
    }

    private static FloeDb emptied(FloeDb db) {
        try {
            deleteAllTables(db);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
