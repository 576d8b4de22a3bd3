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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Accounts as namespaces, through the AWS SDK over HTTP with authentication on: each account's
 * users see only their account's tables, streams and backups, with their account in every ARN;
 * a table named by another account's ARN is reached only when the caller's policies and the
 * table's resource-based policy both allow it; a restart keeps each account's tables; and the
 * namespaces a server opens on demand are bounded.
 */
class AccountsWireTest {
    private static final String SECRET = "accounts/secret/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ALICE_ACCOUNT = "111111111111";
    private static final String BOB_ACCOUNT = "222222222222";

    private static final String IDENTITIES = String.join(
            "\n",
            "user.alice.account=" + ALICE_ACCOUNT,
            "user.alice.policies=all",
            "key.AKIAALICE.user=alice",
            "key.AKIAALICE.secret=" + SECRET,
            "user.bob.account=" + BOB_ACCOUNT,
            "user.bob.policies=all",
            "key.AKIABOB.user=bob",
            "key.AKIABOB.secret=" + SECRET,
            // carl, of bob's account, whose policies allow only his own account's tables
            "user.carl.account=" + BOB_ACCOUNT,
            "user.carl.policies=own",
            "key.AKIACARL.user=carl",
            "key.AKIACARL.secret=" + SECRET,
            "policy.all={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}}",
            "policy.own={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                    + "\"Resource\":\"arn:aws:dynamodb:*:" + BOB_ACCOUNT + ":*\"}}",
            "");

    @TempDir
    Path dir;

    @Test
    void eachAccountHasItsOwnTablesAndCrossAccountAccessNeedsBothSides() throws Exception {
        Path identities = dir.resolve("identities.properties");
        Files.writeString(identities, IDENTITIES);
        Path data = dir.resolve("data");
        String ordersArn;
        try (FloeDb db = FloeDb.open(lmdb(data));
                FloeServer server = FloeServer.start(
                        db,
                        ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                        new Log(Log.Level.ERROR, System.err));
                DynamoDbClient alice = client(server, "AKIAALICE");
                DynamoDbClient bob = client(server, "AKIABOB");
                DynamoDbClient carl = client(server, "AKIACARL");
                DynamoDbStreamsClient aliceStreams = streams(server, "AKIAALICE");
                DynamoDbStreamsClient bobStreams = streams(server, "AKIABOB")) {
            TableDescription orders = create(alice, "Orders", "id");
            ordersArn = orders.tableArn();
            assertEquals("arn:aws:dynamodb:us-east-1:" + ALICE_ACCOUNT + ":table/Orders", ordersArn);
            assertTrue(orders.latestStreamArn().startsWith(ordersArn + "/stream/"), orders.latestStreamArn());
            alice.putItem(b -> b.tableName("Orders").item(Map.of("id", s("o1"), "total", s("12"))));

            // bob's account has no table Orders: his own of the same name is another table
            assertEquals(List.of(), bob.listTables().tableNames());
            ResourceNotFoundException missing =
                    assertThrows(ResourceNotFoundException.class, () -> bob.describeTable(b -> b.tableName("Orders")));
            assertEquals(
                    "Requested resource not found: Table: Orders not found",
                    missing.awsErrorDetails().errorMessage());
            TableDescription bobs = create(bob, "Orders", "sku");
            assertEquals("arn:aws:dynamodb:us-east-1:" + BOB_ACCOUNT + ":table/Orders", bobs.tableArn());
            assertEquals(List.of(), bob.scan(b -> b.tableName("Orders")).items());
            assertEquals(1, alice.scan(b -> b.tableName("Orders")).count());

            // streams and backups are listed per account, with the account in their ARNs
            assertEquals(
                    List.of(orders.latestStreamArn()),
                    aliceStreams.listStreams(b -> {}).streams().stream()
                            .map(x -> x.streamArn())
                            .toList());
            assertEquals(
                    List.of(bobs.latestStreamArn()),
                    bobStreams.listStreams(b -> {}).streams().stream()
                            .map(x -> x.streamArn())
                            .toList());
            String backup = alice.createBackup(b -> b.tableName("Orders").backupName("nightly"))
                    .backupDetails()
                    .backupArn();
            assertTrue(backup.startsWith(ordersArn + "/backup/"), backup);
            assertEquals(List.of(), bob.listBackups(b -> {}).backupSummaries());
            assertEquals(1, alice.listBackups(b -> {}).backupSummaries().size());

            // cross-account: refused without a resource-based policy, as IAM evaluates it
            Supplier<Map<String, AttributeValue>> read =
                    () -> bob.getItem(b -> b.tableName(ordersArn).key(Map.of("id", s("o1"))))
                            .item();
            denied(
                    read::get,
                    "User: arn:aws:iam::" + BOB_ACCOUNT + ":user/bob is not authorized to perform: dynamodb:GetItem"
                            + " on resource: " + ordersArn + " because no resource-based policy allows the"
                            + " dynamodb:GetItem action");
            alice.putResourcePolicy(b -> b.resourceArn(ordersArn)
                    .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                            + "\"arn:aws:iam::" + BOB_ACCOUNT + ":root\"},\"Action\":[\"dynamodb:GetItem\","
                            + "\"dynamodb:Query\",\"dynamodb:DescribeTable\"],\"Resource\":\"" + ordersArn + "\"}]}"));
            // allowed once the policy applies (eventually, as in DynamoDB: within a second here)
            assertEquals("12", eventually(read).get("total").s());
            assertEquals(
                    ordersArn,
                    bob.describeTable(b -> b.tableName(ordersArn)).table().tableArn());
            assertEquals(
                    1,
                    bob.query(b -> b.tableName(ordersArn)
                                    .keyConditionExpression("id = :id")
                                    .expressionAttributeValues(Map.of(":id", s("o1"))))
                            .count());
            // the policy names reads only: a write across accounts is still refused
            denied(
                    () -> bob.putItem(b -> b.tableName(ordersArn).item(Map.of("id", s("o2")))),
                    "User: arn:aws:iam::" + BOB_ACCOUNT + ":user/bob is not authorized to perform: dynamodb:PutItem"
                            + " on resource: " + ordersArn + " because no resource-based policy allows the"
                            + " dynamodb:PutItem action");
            // carl's account is allowed by the table, but his own policies do not allow it
            denied(
                    () -> carl.getItem(b -> b.tableName(ordersArn).key(Map.of("id", s("o1")))),
                    "User: arn:aws:iam::" + BOB_ACCOUNT + ":user/carl is not authorized to perform: dynamodb:GetItem"
                            + " on resource: " + ordersArn + " because no identity-based policy allows the"
                            + " dynamodb:GetItem action");
            // an operation DynamoDB never lets cross accounts is refused whatever the table's policy says
            denied(
                    () -> bob.createBackup(b -> b.tableName(ordersArn).backupName("stolen")),
                    "User: arn:aws:iam::" + BOB_ACCOUNT + ":user/bob is not authorized to perform:"
                            + " dynamodb:CreateBackup on resource: " + ordersArn + " because no resource-based"
                            + " policy allows the dynamodb:CreateBackup action");
            // naming his own table by its ARN stays in his account
            bob.putItem(b -> b.tableName(bobs.tableArn()).item(Map.of("sku", s("k1"))));
            assertEquals(1, bob.scan(b -> b.tableName("Orders")).count());

            awsCli(server, ordersArn);
        }
        // a restart keeps each account's tables apart
        try (FloeDb db = FloeDb.open(lmdb(data));
                FloeServer server = FloeServer.start(
                        db,
                        ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                        new Log(Log.Level.ERROR, System.err));
                DynamoDbClient alice = client(server, "AKIAALICE");
                DynamoDbClient bob = client(server, "AKIABOB")) {
            assertEquals(List.of("Orders"), alice.listTables().tableNames());
            assertEquals(List.of("Orders"), bob.listTables().tableNames());
            assertEquals(
                    List.of(Map.of("id", s("o1"), "total", s("12"))),
                    alice.scan(b -> b.tableName("Orders")).items());
            assertEquals(
                    List.of(Map.of("sku", s("k1"))),
                    bob.scan(b -> b.tableName("Orders")).items());
            assertEquals(
                    "arn:aws:dynamodb:us-east-1:" + BOB_ACCOUNT + ":table/Orders",
                    bob.describeTable(b -> b.tableName("Orders")).table().tableArn());
            // the resource-based policy came back with the table
            assertEquals(
                    "12",
                    eventually(() -> bob.getItem(b -> b.tableName(ordersArn).key(Map.of("id", s("o1"))))
                                    .item())
                            .get("total")
                            .s());
            // nothing of theirs is in the database's default namespace
            assertEquals(
                    List.of(),
                    db.listTables(new floe.api.model.ListTablesRequest(null, null))
                            .tableNames());
        }
    }

    @Test
    void theNamespacesAServerOpensOnDemandAreBounded() {
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory().withEngineOptions(Map.of("maxNamespaces", "1")));
                FloeServer server =
                        FloeServer.start(db, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.OFF, System.err));
                DynamoDbClient east1 = client(server, Region.US_EAST_1, "AKIDANY");
                DynamoDbClient east2 = client(server, Region.US_EAST_2, "AKIDANY");
                DynamoDbClient west2 = client(server, Region.US_WEST_2, "AKIDANY")) {
            // the default Region and one more are served
            create(east1, "One", "pk");
            create(east2, "Two", "pk");
            assertEquals(List.of("Two"), east2.listTables().tableNames());
            // a third is refused, as DynamoDB refuses a credential scoped to a Region it does not serve
            DynamoDbException e = assertThrows(DynamoDbException.class, west2::listTables);
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
            assertEquals(
                    "Credential should be scoped to a valid region, not 'us-west-2'.",
                    e.awsErrorDetails().errorMessage());
            // the ones open still are
            assertEquals(List.of("One"), east1.listTables().tableNames());
            assertEquals(List.of("Two"), east2.listTables().tableNames());
        }
    }

    @Test
    void stsGetCallerIdentityNamesTheSigningIdentity() throws Exception {
        Assumptions.assumeTrue(awsCliPresent(), "the AWS CLI is not installed");
        Path identities = dir.resolve("identities.properties");
        Files.writeString(identities, IDENTITIES);
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory());
                FloeServer server = FloeServer.start(
                        db,
                        ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                        new Log(Log.Level.ERROR, System.err))) {
            String alice = cli(server, "AKIAALICE", SECRET, "sts", "get-caller-identity");
            assertTrue(alice.contains("\"Account\": \"" + ALICE_ACCOUNT + "\""), alice);
            assertTrue(alice.contains("\"Arn\": \"arn:aws:iam::" + ALICE_ACCOUNT + ":user/alice\""), alice);
            String bob = cli(server, "AKIABOB", SECRET, "sts", "get-caller-identity");
            assertTrue(bob.contains("\"Arn\": \"arn:aws:iam::" + BOB_ACCOUNT + ":user/bob\""), bob);
            // STS's codes for credentials that do not verify
            assertTrue(cli(server, "AKIABOB", "wrong", "sts", "get-caller-identity")
                    .contains("SignatureDoesNotMatch"));
            assertTrue(cli(server, "AKIANOBODY", SECRET, "sts", "get-caller-identity")
                    .contains("InvalidClientTokenId"));
        }
    }

    private static boolean awsCliPresent() {
        try {
            return new ProcessBuilder("aws", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The AWS CLI, where installed: bob lists his account's tables and reads alice's table by its ARN. */
    private void awsCli(FloeServer server, String ordersArn) throws IOException, InterruptedException {
        if (!awsCliPresent()) {
            return; // not installed: the SDK's calls above covered the same ground (the rest of the test goes on)
        }
        String tables = aws(server, "AKIABOB", "list-tables");
        assertTrue(tables.contains("\"Orders\""), tables);
        String item = aws(server, "AKIABOB", "get-item", "--table-name", ordersArn, "--key", "{\"id\":{\"S\":\"o1\"}}");
        assertTrue(item.contains("\"12\""), item);
        String refused =
                aws(server, "AKIACARL", "get-item", "--table-name", ordersArn, "--key", "{\"id\":{\"S\":\"o1\"}}");
        assertTrue(refused.contains("AccessDeniedException"), refused);
    }

    private String aws(FloeServer server, String key, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("dynamodb"));
        all.addAll(List.of(args));
        return cli(server, key, SECRET, all.toArray(String[]::new));
    }

    /** Runs {@code aws <args>} against the server; its output, standard and error. */
    private String cli(FloeServer server, String key, String secret, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("aws"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + server.port(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", key);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
        }
        return out;
    }

    /** The call's answer once it stops being refused (a resource policy applies within a second). */
    private static Map<String, AttributeValue> eventually(Supplier<Map<String, AttributeValue>> call)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return call.get();
            } catch (DynamoDbException e) {
                assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode(), e.getMessage());
                assertTrue(System.nanoTime() < deadline, "the resource policy never took effect");
                Thread.sleep(100);
            }
        }
    }

    private static void denied(Runnable call, String message) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals(400, e.statusCode());
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    private static FloeConfig lmdb(Path data) {
        return FloeConfig.lmdb(data).withBackend("lmdb", Map.of("path", data.toString(), "sync", "false"));
    }

    private static TableDescription create(DynamoDbClient client, String table, String key) {
        return client.createTable(b -> b.tableName(table)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName(key)
                                .keyType(KeyType.HASH)
                                .build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName(key)
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription();
    }

    private static DynamoDbClient client(FloeServer server, String key) {
        return client(server, Region.US_EAST_1, key);
    }

    private static DynamoDbClient client(FloeServer server, Region region, String key) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, SECRET)))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static DynamoDbStreamsClient streams(FloeServer server, String key) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, SECRET)))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
