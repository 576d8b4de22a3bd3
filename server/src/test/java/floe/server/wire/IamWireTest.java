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
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * IAM's user, access key and inline policy calls on the server's port, through the AWS SDK's
 * IAM client and the AWS CLI over HTTP with authentication on: each call rewrites the
 * identities file in its grammar (its comments kept) and is in force when it answers, keys it
 * makes sign DynamoDB requests at once, and IAM's refusals (EntityAlreadyExists, NoSuchEntity,
 * DeleteConflict, LimitExceeded, AccessDenied, InvalidClientTokenId for GetSessionToken's
 * credentials) come with their statuses.
 */
class IamWireTest {
    private static final String SECRET = "iam/secret/K7MDENG/bPxRfiCYEXAMPLEKEY000";
    private static final String ACCOUNT = "111122223333";
    private static final String TABLES_POLICY =
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                    + "\"Resource\":\"*\"}}";

    private static final String IDENTITIES = String.join(
            "\n",
            "# the team's identities: kept by hand, and by IAM's calls",
            "user.admin.account=" + ACCOUNT,
            "user.admin.policies=all",
            "key.AKIAADMIN.user=admin",
            "key.AKIAADMIN.secret=" + SECRET,
            "user.carol.account=" + ACCOUNT,
            "user.carol.policies=tables",
            "key.AKIACAROL.user=carol",
            "key.AKIACAROL.secret=" + SECRET,
            "policy.all={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}}",
            "policy.tables=" + TABLES_POLICY,
            "");

    @TempDir
    Path dir;

    @Test
    void usersKeysAndInlinePoliciesAreManagedInTheIdentitiesFile() throws Exception {
        Path identities = dir.resolve("identities.properties");
        Files.writeString(identities, IDENTITIES);
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory());
                FloeServer server = FloeServer.start(
                        db,
                        ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                        new Log(Log.Level.ERROR, System.err));
                IamClient admin = iam(server, AwsBasicCredentials.create("AKIAADMIN", SECRET));
                IamClient carol = iam(server, AwsBasicCredentials.create("AKIACAROL", SECRET))) {
            User dave = admin.createUser(b -> b.userName("dave")).user();
            assertEquals("arn:aws:iam::" + ACCOUNT + ":user/dave", dave.arn());
            assertTrue(dave.userId().startsWith("AIDA"), dave.userId());
            assertTrue(dave.createDate() != null);
            assertIam(
                    assertThrows(IamException.class, () -> admin.createUser(b -> b.userName("dave"))),
                    409,
                    "EntityAlreadyExists",
                    "User with name dave already exists.");
            assertEquals(
                    dave.arn(), admin.getUser(b -> b.userName("dave")).user().arn());
            assertEquals(
                    "arn:aws:iam::" + ACCOUNT + ":user/admin",
                    admin.getUser().user().arn());
            assertEquals(
                    List.of("admin", "carol", "dave"),
                    admin.listUsers().users().stream().map(User::userName).toList());
            String file = Files.readString(identities);
            assertTrue(file.startsWith("# the team's identities"), file);
            assertTrue(file.contains("user.dave.account=" + ACCOUNT), file);

            // a key works at once: verified, then refused until a policy allows
            AccessKey key = admin.createAccessKey(b -> b.userName("dave")).accessKey();
            assertTrue(key.accessKeyId().matches("AKIA[A-Z2-7]{16}"), key.accessKeyId());
            assertEquals(StatusType.ACTIVE, key.status());
            try (DynamoDbClient asDave =
                    dynamo(server, AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
                DynamoDbException denied = assertThrows(DynamoDbException.class, asDave::listTables);
                assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());

                admin.putUserPolicy(b -> b.userName("dave").policyName("tables").policyDocument(TABLES_POLICY));
                assertEquals(List.of(), asDave.listTables().tableNames());
                assertEquals(
                        List.of("tables"),
                        admin.listUserPolicies(b -> b.userName("dave")).policyNames());
                String document = admin.getUserPolicy(b -> b.userName("dave").policyName("tables"))
                        .policyDocument();
                assertEquals(TABLES_POLICY, URLDecoder.decode(document, StandardCharsets.UTF_8));

                admin.updateAccessKey(
                        b -> b.userName("dave").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
                assertEquals(
                        StatusType.INACTIVE,
                        admin.listAccessKeys(b -> b.userName("dave"))
                                .accessKeyMetadata()
                                .get(0)
                                .status());
                DynamoDbException inactive = assertThrows(DynamoDbException.class, asDave::listTables);
                assertEquals(
                        "UnrecognizedClientException",
                        inactive.awsErrorDetails().errorCode());
                admin.updateAccessKey(
                        b -> b.userName("dave").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
                assertEquals(List.of(), asDave.listTables().tableNames());
            }

            // dave's temporary credentials, which go with him
            Credentials daveSession;
            try (StsClient sts = sts(server, AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
                daveSession = sts.getSessionToken().credentials();
            }

            // IAM's quota: two keys per user
            admin.createAccessKey(b -> b.userName("dave"));
            assertIam(
                    assertThrows(IamException.class, () -> admin.createAccessKey(b -> b.userName("dave"))),
                    409,
                    "LimitExceeded",
                    "Cannot exceed quota for AccessKeysPerUser: 2");

            // a user goes once its keys and policies have
            assertIam(
                    assertThrows(IamException.class, () -> admin.deleteUser(b -> b.userName("dave"))),
                    409,
                    "DeleteConflict",
                    "Cannot delete entity, must delete access keys first.");
            for (var k : admin.listAccessKeys(b -> b.userName("dave")).accessKeyMetadata()) {
                admin.deleteAccessKey(b -> b.userName("dave").accessKeyId(k.accessKeyId()));
            }
            assertIam(
                    assertThrows(
                            IamException.class,
                            () -> admin.deleteAccessKey(b -> b.userName("dave").accessKeyId(key.accessKeyId()))),
                    404,
                    "NoSuchEntity",
                    "The Access Key with id " + key.accessKeyId() + " cannot be found.");
            assertIam(
                    assertThrows(IamException.class, () -> admin.deleteUser(b -> b.userName("dave"))),
                    409,
                    "DeleteConflict",
                    "Cannot delete entity, must delete policies first.");
            admin.deleteUserPolicy(b -> b.userName("dave").policyName("tables"));
            admin.deleteUser(b -> b.userName("dave"));
            assertIam(
                    assertThrows(IamException.class, () -> admin.getUser(b -> b.userName("dave"))),
                    404,
                    "NoSuchEntity",
                    "The user with name dave cannot be found.");
            file = Files.readString(identities);
            assertFalse(file.contains("dave"), file);
            assertFalse(Files.readString(dir.resolve("identities.properties.sessions"))
                    .contains("=dave"));
            try (DynamoDbClient gone = dynamo(
                    server,
                    AwsSessionCredentials.create(
                            daveSession.accessKeyId(), daveSession.secretAccessKey(), daveSession.sessionToken()))) {
                DynamoDbException e = assertThrows(DynamoDbException.class, gone::listTables);
                assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
            }
            assertTrue(file.startsWith("# the team's identities"), file);

            // carol's policies allow no IAM action
            assertIam(
                    assertThrows(IamException.class, () -> carol.createUser(b -> b.userName("eve"))),
                    403,
                    "AccessDenied",
                    "User: arn:aws:iam::" + ACCOUNT + ":user/carol is not authorized to perform: iam:CreateUser on"
                            + " resource: arn:aws:iam::" + ACCOUNT + ":user/eve because no identity-based policy"
                            + " allows the iam:CreateUser action");

            // GetSessionToken's credentials cannot call IAM
            Credentials temporary;
            try (StsClient sts = sts(server, AwsBasicCredentials.create("AKIAADMIN", SECRET))) {
                temporary = sts.getSessionToken().credentials();
            }
            try (IamClient session = iam(
                    server,
                    AwsSessionCredentials.create(
                            temporary.accessKeyId(), temporary.secretAccessKey(), temporary.sessionToken()))) {
                assertIam(
                        assertThrows(IamException.class, session::listUsers),
                        403,
                        "InvalidClientTokenId",
                        "The security token included in the request is invalid");
            }
        }
    }

    @Test
    void rolesAreMadeWithTheirTrustPolicyAndAssumedThroughSts() throws Exception {
        Path identities = dir.resolve("identities.properties");
        Files.writeString(identities, IDENTITIES);
        String trustsCarol = trust("arn:aws:iam::" + ACCOUNT + ":user/carol");
        String trustsAdmin = trust("arn:aws:iam::" + ACCOUNT + ":user/admin");
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/deployer";
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory());
                FloeServer server = FloeServer.start(
                        db,
                        ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                        new Log(Log.Level.ERROR, System.err));
                IamClient admin = iam(server, AwsBasicCredentials.create("AKIAADMIN", SECRET));
                StsClient adminSts = sts(server, AwsBasicCredentials.create("AKIAADMIN", SECRET))) {
            Role made = admin.createRole(b -> b.roleName("deployer")
                            .assumeRolePolicyDocument(trustsCarol)
                            .maxSessionDuration(7200))
                    .role();
            assertEquals(roleArn, made.arn());
            assertTrue(made.roleId().startsWith("AROA"), made.roleId());
            assertEquals(7200, made.maxSessionDuration());
            assertEquals(trustsCarol, URLDecoder.decode(made.assumeRolePolicyDocument(), StandardCharsets.UTF_8));
            assertIam(
                    assertThrows(
                            IamException.class,
                            () -> admin.createRole(b -> b.roleName("deployer").assumeRolePolicyDocument(trustsCarol))),
                    409,
                    "EntityAlreadyExists",
                    "Role with name deployer already exists.");
            assertIam(
                    assertThrows(
                            IamException.class,
                            () -> admin.createRole(b -> b.roleName("broken").assumeRolePolicyDocument("{}"))),
                    400,
                    "MalformedPolicyDocument",
                    "the trust policy of role broken: no Statement");
            assertEquals(
                    List.of("deployer"),
                    admin.listRoles().roles().stream().map(Role::roleName).toList());

            // the role trusts carol, not admin
            assertThrows(
                    StsException.class,
                    () -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("a")));
            admin.updateAssumeRolePolicy(b -> b.roleName("deployer").policyDocument(trustsAdmin));
            assertEquals(
                    trustsAdmin,
                    URLDecoder.decode(
                            admin.getRole(b -> b.roleName("deployer")).role().assumeRolePolicyDocument(),
                            StandardCharsets.UTF_8));
            Credentials session = adminSts.assumeRole(
                            b -> b.roleArn(roleArn).roleSessionName("deploy-1").durationSeconds(7200))
                    .credentials();
            try (StsClient asRole = sts(
                    server,
                    AwsSessionCredentials.create(
                            session.accessKeyId(), session.secretAccessKey(), session.sessionToken()))) {
                assertEquals(
                        "arn:aws:sts::" + ACCOUNT + ":assumed-role/deployer/deploy-1",
                        asRole.getCallerIdentity().arn());
                // a role goes with its sessions
                admin.deleteRole(b -> b.roleName("deployer"));
                StsException gone = assertThrows(StsException.class, asRole::getCallerIdentity);
                assertEquals("InvalidClientTokenId", gone.awsErrorDetails().errorCode());
            }
            assertIam(
                    assertThrows(IamException.class, () -> admin.getRole(b -> b.roleName("deployer"))),
                    404,
                    "NoSuchEntity",
                    "The role with name deployer cannot be found.");
            assertFalse(Files.readString(identities).contains("deployer"));
        }
    }

    private static String trust(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
                + "\"},\"Action\":\"sts:AssumeRole\"}}";
    }

    private static StsClient sts(FloeServer server, AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Test
    void theAwsCliManagesUsersAndKeys() throws Exception {
        Assumptions.assumeTrue(awsCliPresent(), "the AWS CLI is not installed");
        Path identities = dir.resolve("identities.properties");
        Files.writeString(identities, IDENTITIES);
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory());
                FloeServer server = FloeServer.start(
                        db,
                        ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                        new Log(Log.Level.ERROR, System.err))) {
            String made = cli(server, "AKIAADMIN", "iam", "create-user", "--user-name", "erin");
            assertTrue(made.contains("\"Arn\": \"arn:aws:iam::" + ACCOUNT + ":user/erin\""), made);
            String key = cli(server, "AKIAADMIN", "iam", "create-access-key", "--user-name", "erin");
            assertTrue(key.contains("\"UserName\": \"erin\"") && key.contains("\"Status\": \"Active\""), key);
            cli(
                    server,
                    "AKIAADMIN",
                    "iam",
                    "put-user-policy",
                    "--user-name",
                    "erin",
                    "--policy-name",
                    "tables",
                    "--policy-document",
                    TABLES_POLICY);
            String policy = cli(
                    server, "AKIAADMIN", "iam", "get-user-policy", "--user-name", "erin", "--policy-name", "tables");
            assertTrue(policy.contains("\"dynamodb:*\""), policy);
            String users = cli(server, "AKIAADMIN", "iam", "list-users");
            assertTrue(users.contains("\"UserName\": \"erin\""), users);
            String missing = cli(server, "AKIAADMIN", "iam", "get-user", "--user-name", "nobody");
            assertTrue(missing.contains("NoSuchEntity"), missing);
        }
    }

    private static IamClient iam(FloeServer server, AwsCredentials credentials) {
        return IamClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.AWS_GLOBAL)
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

    private static void assertIam(IamException e, int status, String code, String message) {
        assertEquals(status, e.statusCode(), e.getMessage());
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    private static boolean awsCliPresent() {
        try {
            return new ProcessBuilder("aws", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs {@code aws <args>} against the server; its output, standard and error. */
    private String cli(FloeServer server, String key, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("aws"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + server.port(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", key);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.remove("AWS_SESSION_TOKEN");
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
