package floe.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS's GetSessionToken and AssumeRole on the server's port, through the AWS SDK's STS client
 * and the AWS CLI over HTTP with authentication on: the temporary credentials they issue sign
 * DynamoDB calls (with their session token), as the user or the role's session, until they
 * expire, across a restart; and STS's refusals (durations out of bounds, a role that is unknown
 * or does not trust the caller, GetSessionToken with session credentials) and an expired token.
 */
class StsWireTest {
    private static final String SECRET = "sts/secret/K7MDENG/bPxRfiCYEXAMPLEKEY00";
    private static final String ACCOUNT = "111122223333";

    private static final String IDENTITIES = String.join(
            "\n",
            "user.alice.account=" + ACCOUNT,
            "user.alice.policies=all",
            "key.AKIAALICE.user=alice",
            "key.AKIAALICE.secret=" + SECRET,
            // bob is trusted by the role, but no policy of his allows sts:AssumeRole
            "user.bob.account=" + ACCOUNT,
            "user.bob.policies=tables",
            "key.AKIABOB.user=bob",
            "key.AKIABOB.secret=" + SECRET,
            "role.reader.account=" + ACCOUNT,
            "role.reader.policies=read",
            "role.reader.trust=reader-trust",
            "role.reader.maxSession=7200",
            // a role that trusts nobody
            "role.locked.account=" + ACCOUNT,
            "role.locked.policies=read",
            "role.locked.trust=nobody",
            "policy.all={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}}",
            "policy.tables={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                    + "\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}}",
            "policy.read={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                    + "\"Action\":[\"dynamodb:GetItem\",\"dynamodb:ListTables\"],\"Resource\":\"*\"}}",
            "policy.reader-trust={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":[\"arn:aws:iam::" + ACCOUNT + ":user/alice\",\"arn:aws:iam::" + ACCOUNT
                    + ":user/bob\"]},\"Action\":\"sts:AssumeRole\"}}",
            "policy.nobody={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"AWS\":\"arn:aws:iam::999999999999:root\"},\"Action\":\"sts:AssumeRole\"}}",
            "");

    @TempDir
    Path dir;

    @Test
    void getSessionTokenIssuesCredentialsThatWorkUntilTheyExpireAcrossARestart() throws Exception {
        Path identities = identities();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log log = new Log(Log.Level.DEBUG, new PrintStream(logged, true, StandardCharsets.UTF_8));
        Path data = dir.resolve("data");
        Credentials temporary;
        try (FloeDb db = FloeDb.open(lmdb(data));
                FloeServer server = start(db, identities, log);
                StsClient alice = sts(server, AwsBasicCredentials.create("AKIAALICE", SECRET))) {
            Instant before = Instant.now();
            temporary = alice.getSessionToken().credentials();
            assertTrue(temporary.accessKeyId().matches("ASIA[A-Z2-7]{16}"), temporary.accessKeyId());
            assertEquals(40, temporary.secretAccessKey().length());
            assertFalse(temporary.sessionToken().isEmpty());
            // 12 hours when no duration is asked for
            assertNear(before.plus(Duration.ofHours(12)), temporary.expiration());
            assertNear(
                    before.plusSeconds(900),
                    alice.getSessionToken(b -> b.durationSeconds(900))
                            .credentials()
                            .expiration());

            // the temporary credentials sign DynamoDB calls as alice
            try (DynamoDbClient dynamo = dynamo(server, session(temporary));
                    StsClient asTemporary = sts(server, session(temporary))) {
                create(dynamo, "Notes");
                dynamo.putItem(b -> b.tableName("Notes").item(Map.of("id", s("n1"), "text", s("hello"))));
                assertEquals(
                        "hello",
                        dynamo.getItem(b -> b.tableName("Notes").key(Map.of("id", s("n1"))))
                                .item()
                                .get("text")
                                .s());
                assertEquals(
                        "arn:aws:iam::" + ACCOUNT + ":user/alice",
                        asTemporary.getCallerIdentity().arn());
                // STS refuses to issue session credentials from session credentials
                StsException refused = assertThrows(StsException.class, asTemporary::getSessionToken);
                assertSts(refused, 403, "AccessDenied", "Cannot call GetSessionToken with session credentials");
            }
            // without its session token the key is refused, as DynamoDB refuses a bad token
            try (DynamoDbClient noToken =
                    dynamo(server, AwsBasicCredentials.create(temporary.accessKeyId(), temporary.secretAccessKey()))) {
                DynamoDbException e = assertThrows(DynamoDbException.class, noToken::listTables);
                assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
            }

            // durations out of STS's bounds
            assertSts(
                    assertThrows(StsException.class, () -> alice.getSessionToken(b -> b.durationSeconds(899))),
                    400,
                    "ValidationError",
                    "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint:"
                            + " Member must have value greater than or equal to 900");
            assertSts(
                    assertThrows(StsException.class, () -> alice.getSessionToken(b -> b.durationSeconds(129601))),
                    400,
                    "ValidationError",
                    "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint:"
                            + " Member must have value less than or equal to 129600");
        }
        // kept beside the identities file, readable by its owner only
        Path sessions = dir.resolve("identities.properties.sessions");
        assertTrue(Files.exists(sessions));
        try {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sessions)));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        String text = logged.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(temporary.secretAccessKey()), text);
        assertFalse(text.contains(temporary.sessionToken()), text);

        // after a restart, the credentials still work
        try (FloeDb db = FloeDb.open(lmdb(data));
                FloeServer server = start(db, identities, log);
                DynamoDbClient dynamo = dynamo(server, session(temporary))) {
            assertEquals(List.of("Notes"), dynamo.listTables().tableNames());
        }

        // once expired (the kept expiry set back, as time would), they are refused with ExpiredTokenException
        Files.writeString(
                sessions,
                Files.readString(sessions)
                        .replace(
                                temporary.expiration().toString(),
                                Instant.now().minusSeconds(60).toString()));
        try (FloeDb db = FloeDb.open(lmdb(data));
                FloeServer server = start(db, identities, log);
                DynamoDbClient dynamo = dynamo(server, session(temporary))) {
            DynamoDbException e = assertThrows(DynamoDbException.class, dynamo::listTables);
            assertEquals("ExpiredTokenException", e.awsErrorDetails().errorCode());
            assertEquals(
                    "The security token included in the request is expired",
                    e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void assumeRoleNeedsTheRolesTrustAndTheCallersPolicies() throws Exception {
        Path identities = identities();
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory());
                FloeServer server = start(db, identities, new Log(Log.Level.ERROR, System.err));
                StsClient alice = sts(server, AwsBasicCredentials.create("AKIAALICE", SECRET));
                StsClient bob = sts(server, AwsBasicCredentials.create("AKIABOB", SECRET));
                DynamoDbClient aliceDynamo = dynamo(server, AwsBasicCredentials.create("AKIAALICE", SECRET))) {
            create(aliceDynamo, "Notes");
            aliceDynamo.putItem(b -> b.tableName("Notes").item(Map.of("id", s("n1"), "text", s("hello"))));
            String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/reader";

            Instant before = Instant.now();
            AssumeRoleResponse assumed =
                    alice.assumeRole(b -> b.roleArn(roleArn).roleSessionName("audit-1"));
            assertEquals(
                    "arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/audit-1",
                    assumed.assumedRoleUser().arn());
            assertTrue(
                    assumed.assumedRoleUser().assumedRoleId().matches("AROA[A-Z2-7]{17}:audit-1"),
                    assumed.assumedRoleUser().assumedRoleId());
            // an hour when no duration is asked for
            assertNear(before.plus(Duration.ofHours(1)), assumed.credentials().expiration());
            try (DynamoDbClient reader = dynamo(server, session(assumed.credentials()));
                    StsClient readerSts = sts(server, session(assumed.credentials()))) {
                assertEquals(
                        assumed.assumedRoleUser().arn(),
                        readerSts.getCallerIdentity().arn());
                assertEquals(
                        "hello",
                        reader.getItem(b -> b.tableName("Notes").key(Map.of("id", s("n1"))))
                                .item()
                                .get("text")
                                .s());
                // the role's policies, not alice's, apply to its session
                DynamoDbException denied = assertThrows(
                        DynamoDbException.class,
                        () -> reader.putItem(b -> b.tableName("Notes").item(Map.of("id", s("n2")))));
                assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
                assertTrue(
                        denied.awsErrorDetails()
                                .errorMessage()
                                .startsWith("User: " + assumed.assumedRoleUser().arn()
                                        + " is not authorized to perform: dynamodb:PutItem"),
                        denied.awsErrorDetails().errorMessage());
                assertSts(
                        assertThrows(StsException.class, readerSts::getSessionToken),
                        403,
                        "AccessDenied",
                        "Cannot call GetSessionToken with session credentials");
            }

            // up to the role's maximum session (two hours here), and not past it
            assertNear(
                    before.plus(Duration.ofHours(2)),
                    alice.assumeRole(b ->
                                    b.roleArn(roleArn).roleSessionName("long").durationSeconds(7200))
                            .credentials()
                            .expiration());
            assertSts(
                    assertThrows(
                            StsException.class,
                            () -> alice.assumeRole(b ->
                                    b.roleArn(roleArn).roleSessionName("longer").durationSeconds(7201))),
                    400,
                    "ValidationError",
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
            assertSts(
                    assertThrows(
                            StsException.class,
                            () -> alice.assumeRole(b ->
                                    b.roleArn(roleArn).roleSessionName("short").durationSeconds(600))),
                    400,
                    "ValidationError",
                    "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint:"
                            + " Member must have value greater than or equal to 900");

            // bob is trusted, but no policy of his allows sts:AssumeRole
            assertSts(
                    assertThrows(
                            StsException.class,
                            () -> bob.assumeRole(b -> b.roleArn(roleArn).roleSessionName("bob"))),
                    403,
                    "AccessDenied",
                    "User: arn:aws:iam::" + ACCOUNT + ":user/bob is not authorized to perform: sts:AssumeRole on"
                            + " resource: " + roleArn);
            // a role that does not trust alice, and one that does not exist, are refused alike
            for (String other : List.of("locked", "missing")) {
                String arn = "arn:aws:iam::" + ACCOUNT + ":role/" + other;
                assertSts(
                        assertThrows(
                                StsException.class,
                                () -> alice.assumeRole(b -> b.roleArn(arn).roleSessionName("s1"))),
                        403,
                        "AccessDenied",
                        "User: arn:aws:iam::" + ACCOUNT + ":user/alice is not authorized to perform: sts:AssumeRole"
                                + " on resource: " + arn);
            }
        }
    }

    @Test
    void withAuthenticationOffTheCallsAnswerFreshCredentialsAndKeepNone() throws Exception {
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory());
                FloeServer server =
                        FloeServer.start(db, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.ERROR, System.err));
                StsClient anyone = sts(server, AwsBasicCredentials.create("AKIAANYONE", "anything"))) {
            Instant before = Instant.now();
            Credentials token = anyone.getSessionToken().credentials();
            assertTrue(token.accessKeyId().startsWith("ASIA"), token.accessKeyId());
            // the account's own credentials get an hour at most, as STS gives an account's root user
            assertNear(before.plus(Duration.ofHours(1)), token.expiration());
            AssumeRoleResponse assumed = anyone.assumeRole(
                    b -> b.roleArn("arn:aws:iam::123456789012:role/app").roleSessionName("dev"));
            assertEquals(
                    "arn:aws:sts::123456789012:assumed-role/app/dev",
                    assumed.assumedRoleUser().arn());
            // any credentials are accepted anyway: the issued ones too
            try (DynamoDbClient dynamo = dynamo(server, session(assumed.credentials()))) {
                assertEquals(List.of(), dynamo.listTables().tableNames());
            }
            assertSts(
                    assertThrows(
                            StsException.class,
                            () -> anyone.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:user/app")
                                    .roleSessionName("dev"))),
                    400,
                    "ValidationError",
                    "arn:aws:iam::123456789012:user/app is invalid");
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".sessions")));
    }

    @Test
    void theAwsCliGetsAndUsesTemporaryCredentials() throws Exception {
        Assumptions.assumeTrue(awsCliPresent(), "the AWS CLI is not installed");
        Path identities = identities();
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory());
                FloeServer server = start(db, identities, new Log(Log.Level.ERROR, System.err));
                DynamoDbClient aliceDynamo = dynamo(server, AwsBasicCredentials.create("AKIAALICE", SECRET))) {
            create(aliceDynamo, "Notes");
            String token =
                    cli(server, "AKIAALICE", SECRET, null, "sts", "get-session-token", "--duration-seconds", "900");
            String[] user = credentials(token);
            String tables = cli(server, user[0], user[1], user[2], "dynamodb", "list-tables");
            assertTrue(tables.contains("\"Notes\""), tables);

            String assumed = cli(
                    server,
                    "AKIAALICE",
                    SECRET,
                    null,
                    "sts",
                    "assume-role",
                    "--role-arn",
                    "arn:aws:iam::" + ACCOUNT + ":role/reader",
                    "--role-session-name",
                    "cli");
            assertTrue(assumed.contains("\"Arn\": \"arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/cli\""), assumed);
            String[] role = credentials(assumed);
            String who = cli(server, role[0], role[1], role[2], "sts", "get-caller-identity");
            assertTrue(who.contains("assumed-role/reader/cli"), who);
            String listed = cli(server, role[0], role[1], role[2], "dynamodb", "list-tables");
            assertTrue(listed.contains("\"Notes\""), listed);
            String refused = cli(
                    server,
                    role[0],
                    role[1],
                    role[2],
                    "dynamodb",
                    "put-item",
                    "--table-name",
                    "Notes",
                    "--item",
                    "{\"id\":{\"S\":\"n9\"}}");
            assertTrue(refused.contains("AccessDeniedException"), refused);
            String wrong = cli(
                    server,
                    "AKIAALICE",
                    SECRET,
                    null,
                    "sts",
                    "assume-role",
                    "--role-arn",
                    "arn:aws:iam::" + ACCOUNT + ":role/locked",
                    "--role-session-name",
                    "cli");
            assertTrue(wrong.contains("AccessDenied"), wrong);
        }
    }

    private Path identities() throws IOException {
        Path identities = dir.resolve("identities.properties");
        Files.writeString(identities, IDENTITIES);
        return identities;
    }

    private static FloeServer start(FloeDb db, Path identities, Log log) {
        return FloeServer.start(db, ServerConfig.of("127.0.0.1", 0).withIdentities(identities), log);
    }

    private static StsClient sts(FloeServer server, AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static DynamoDbClient dynamo(FloeServer server, AwsCredentials credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private static void create(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table)
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static void assertSts(StsException e, int status, String code, String message) {
        assertEquals(status, e.statusCode(), e.getMessage());
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    /** An expiration a duration after a call: between the call's start and a minute later. */
    private static void assertNear(Instant expected, Instant actual) {
        assertTrue(
                !actual.isBefore(expected.minusSeconds(1)) && actual.isBefore(expected.plusSeconds(60)),
                "expected about " + expected + ", got " + actual);
    }

    private static FloeConfig lmdb(Path data) {
        return FloeConfig.lmdb(data).withBackend("lmdb", Map.of("path", data.toString(), "sync", "false"));
    }

    private static boolean awsCliPresent() {
        try {
            return new ProcessBuilder("aws", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The access key id, secret and session token of the CLI's JSON answer. */
    private static String[] credentials(String json) {
        String[] out = new String[3];
        String[] names = {"AccessKeyId", "SecretAccessKey", "SessionToken"};
        for (int i = 0; i < 3; i++) {
            Matcher m = Pattern.compile("\"" + names[i] + "\": \"([^\"]+)\"").matcher(json);
            assertTrue(m.find(), json);
            out[i] = m.group(1);
        }
        return out;
    }

    /** Runs {@code aws <args>} against the server with these credentials; its output, standard and error. */
    private String cli(FloeServer server, String key, String secret, String token, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("aws"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + server.port(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", key);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        if (token != null) {
            env.put("AWS_SESSION_TOKEN", token);
        } else {
            env.remove("AWS_SESSION_TOKEN");
        }
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
}
