package floe.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A server with authentication on, as the AWS SDK meets it over HTTP: valid keys work, and
 * a wrong secret, an unknown key, an old or future date and a tampered body each get
 * DynamoDB's error type, status and message.
 */
class AuthWireTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String MISMATCH =
            "The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for "
                    + "details.";
    private static final String IDENTITIES = String.join(
            "\n",
            "user.alice.account=111122223333",
            "user.alice.policies=all",
            "policy.all={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}",
            "key.AKIAALICE.user=alice",
            "key.AKIAALICE.secret=" + SECRET,
            "key.ASIAALICE.user=alice",
            "key.ASIAALICE.secret=" + SECRET,
            "key.ASIAALICE.token=alice-session",
            "key.ASIAALICE.expires=2999-01-01T00:00:00Z",
            "");

    @TempDir
    Path dir;

    private Path identities;
    private FloeDb local;
    private FloeServer server;
    private URI endpoint;

    @BeforeEach
    void start() throws IOException {
        identities = dir.resolve("identities.properties");
        Files.writeString(identities, IDENTITIES);
        local = FloeDb.open(FloeConfig.inMemory());
        server = FloeServer.start(
                local,
                ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                new Log(Log.Level.ERROR, System.err));
        endpoint = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        local.close();
    }

    private DynamoDbClient client(AwsCredentials credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static DynamoDbException refused(Runnable call, String type, String message) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals(400, e.statusCode());
        assertEquals(type, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    @Test
    void validKeysWork() {
        try (DynamoDbClient alice = client(AwsBasicCredentials.create("AKIAALICE", SECRET))) {
            alice.createTable(b -> b.tableName("books")
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("id")
                            .keyType(KeyType.HASH)
                            .build())
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("id")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            alice.putItem(b -> b.tableName("books")
                    .item(Map.of("id", AttributeValue.fromS("1"), "title", AttributeValue.fromS("Ulysses"))));
        }
        try (DynamoDbClient session = client(AwsSessionCredentials.create("ASIAALICE", SECRET, "alice-session"))) {
            assertEquals(
                    "Ulysses",
                    session.getItem(b -> b.tableName("books").key(Map.of("id", AttributeValue.fromS("1"))))
                            .item()
                            .get("title")
                            .s());
        }
    }

    @Test
    void aWrongSecretAnUnknownKeyOrAForgedTokenIsRefused() {
        try (DynamoDbClient wrong = client(AwsBasicCredentials.create("AKIAALICE", "not-the-secret"))) {
            refused(wrong::listTables, "InvalidSignatureException", MISMATCH);
        }
        try (DynamoDbClient unknown = client(AwsBasicCredentials.create("AKIANOBODY", SECRET))) {
            refused(
                    unknown::listTables,
                    "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        try (DynamoDbClient forged = client(AwsSessionCredentials.create("ASIAALICE", SECRET, "forged"))) {
            refused(
                    forged::listTables,
                    "UnrecognizedClientException",
                    "The security token included in the request is invalid");
        }
        assertEquals(
                0,
                local.listTables(floe.api.model.ListTablesRequest.builder().build())
                        .tableNames()
                        .size());
    }

    /** Sends a ListTables signed by the SDK's signer at {@code at} over {@code signedBody}, with {@code body}. */
    private HttpResponse<String> send(Instant at, String signedBody, String body)
            throws IOException, InterruptedException {
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create("AKIAALICE", SECRET))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(endpoint.resolve("/"))
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("X-Amz-Target", "DynamoDB_20120810.ListTables")
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(signedBody))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request();
        HttpRequest.Builder b =
                HttpRequest.newBuilder(endpoint.resolve("/")).POST(HttpRequest.BodyPublishers.ofString(body));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, String type, String messageStart) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(
                r.body()
                        .startsWith(
                                "{\"__type\":\"com.amazon.coral.service#" + type + "\",\"message\":\"" + messageStart),
                r.body());
    }

    @Test
    void oldFutureAndTamperedRequestsGetDynamoDbsErrors() throws Exception {
        Instant now = Instant.now();
        assertEquals(200, send(now, "{}", "{}").statusCode());
        assertError(
                send(now.minus(Duration.ofMinutes(20)), "{}", "{}"),
                "InvalidSignatureException",
                "Signature expired: ");
        assertError(
                send(now.plus(Duration.ofMinutes(20)), "{}", "{}"),
                "InvalidSignatureException",
                "Signature not yet current: ");
        assertError(
                send(now, "{}", "{\"Limit\":1}"),
                "InvalidSignatureException",
                "The request signature we calculated does not match");
    }

    @Test
    void theIdentitiesFileIsReadAgainWhenItChanges() throws Exception {
        try (DynamoDbClient bob = client(AwsBasicCredentials.create("AKIABOB", "bobs-secret"))) {
            refused(
                    bob::listTables,
                    "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
            Files.writeString(
                    identities,
                    IDENTITIES
                            + "user.bob.account=444455556666\nuser.bob.policies=all\nkey.AKIABOB.user=bob\n"
                            + "key.AKIABOB.secret=bobs-secret\n");
            Files.setLastModifiedTime(identities, FileTime.from(Instant.now().plusSeconds(5)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try {
                    bob.listTables();
                    break;
                } catch (DynamoDbException e) {
                    assertTrue(System.nanoTime() < deadline, "the new key never took effect: " + e.getMessage());
                    Thread.sleep(100);
                }
            }
            // A change that does not parse leaves the identities in force.
            Files.writeString(identities, "nonsense=1\n");
            Files.setLastModifiedTime(identities, FileTime.from(Instant.now().plusSeconds(10)));
            Thread.sleep(1_200);
            bob.listTables();
        }
    }
}
