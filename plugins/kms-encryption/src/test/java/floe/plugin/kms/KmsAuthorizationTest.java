package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.server.json.PluginService;
import floe.server.json.WireTarget;
import floe.spi.extension.ValueSealer;
import floe.spi.extension.WireAccess;
import floe.spi.extension.WireService;
import floe.spi.extension.WireServiceProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The KMS operations on a server with authentication on: each is authorized as its IAM action
 * on the key's ARN (an alias resolved to its key), {@code *} for CreateKey, ListKeys and
 * ListAliases, the alias operations on the alias and on its keys; a refusal is KMS's
 * AccessDeniedException (HTTP 400) with AWS's message.
 */
class KmsAuthorizationTest {
    private static final String ALICE_SECRET = "alice/secret/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String BOB_SECRET = "bob/secret/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String KEEPER_SECRET = "keeper/secret/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String KEEPER_TOKEN = "keeper-session-token-FwoGZXIvYXdzEXAMPLE";

    @TempDir
    Path dir;

    private FloeServer server;
    private ValueSealer sealer;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private floe.api.FloeDb db;
    private WireService api;
    private KmsClient alice;
    private KmsClient bob;

    @BeforeEach
    void start() throws IOException {
        Path identities = dir.resolve("identities.properties");
        Files.writeString(
                identities,
                String.join(
                        "\n",
                        "user.alice.account=111122223333",
                        "user.alice.policies=keys",
                        "key.AKIAALICE.user=alice",
                        "key.AKIAALICE.secret=" + ALICE_SECRET,
                        "user.bob.account=111122223333",
                        "user.bob.policies=describe",
                        "key.AKIABOB.user=bob",
                        "key.AKIABOB.secret=" + BOB_SECRET,
                        // a role's session: temporary credentials with a session token
                        "role.keeper.account=111122223333",
                        "role.keeper.policies=keys",
                        "key.ASIAKEEPER.role=keeper",
                        "key.ASIAKEEPER.session=s1",
                        "key.ASIAKEEPER.secret=" + KEEPER_SECRET,
                        "key.ASIAKEEPER.token=" + KEEPER_TOKEN,
                        // everything on keys and aliases, but never Encrypt
                        "policy.keys={\"Version\":\"2012-10-17\",\"Statement\":["
                                + "{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                                + "{\"Effect\":\"Deny\",\"Action\":\"kms:Encrypt\","
                                + "\"Resource\":\"arn:aws:kms:*:111122223333:key/*\"}]}",
                        // keys may be created and described; aliases only of the form alias/bob-*
                        "policy.describe={\"Version\":\"2012-10-17\",\"Statement\":["
                                + "{\"Effect\":\"Allow\",\"Action\":[\"kms:CreateKey\",\"kms:DescribeKey\","
                                + "\"kms:CreateAlias\",\"kms:GenerateDataKey*\"],\"Resource\":["
                                + "\"arn:aws:kms:*:*:key/*\",\"arn:aws:kms:*:*:alias/${aws:username}-*\"]},"
                                + "{\"Effect\":\"Allow\",\"Action\":\"kms:CreateKey\",\"Resource\":\"*\"}]}",
                        ""));
        KmsNode.Context context = KmsNode.startPlugin(
                dir,
                Clock.systemUTC(),
                Map.of("rootKeyFile", dir.resolve("root.key").toString()));
        WireServiceProvider p = context.service;
        api = p.open();
        sealer = context.sealer.open(Map.of());
        server = FloeServer.start(
                new WireTarget(
                        db = floe.api.FloeDb.open(floe.api.FloeConfig.inMemory()),
                        List::of,
                        Map.of(
                                p.targetPrefix(),
                                new PluginService(p.targetPrefix(), p.signingName(), p.contentType(), api))),
                ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                new Log(Log.Level.DEBUG, new PrintStream(logged, true, StandardCharsets.UTF_8)),
                sealer);
        alice = client("AKIAALICE", ALICE_SECRET);
        bob = client("AKIABOB", BOB_SECRET);
    }

    private KmsClient client(String key, String secret) {
        return KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() {
        if (alice != null) {
            alice.close();
            bob.close();
        }
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static KmsException denied(Runnable call) {
        KmsException e = assertThrows(KmsException.class, call::run);
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        return e;
    }

    @Test
    void anExplicitDenyRefusesEncryptAndTheRestIsAllowed() {
        String keyId =
                alice.createKey(b -> b.description("alice's")).keyMetadata().keyId();
        alice.createAlias(b -> b.aliasName("alias/alice").targetKeyId(keyId));
        String arn = "arn:aws:kms:us-east-1:111122223333:key/" + keyId;
        KmsException e =
                denied(() -> alice.encrypt(b -> b.keyId("alias/alice").plaintext(SdkBytes.fromUtf8String("x"))));
        // asked on the key the alias names, with the explicit deny's ending
        assertEquals(
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:Encrypt on resource: "
                        + arn + " with an explicit deny in an identity-based policy",
                e.awsErrorDetails().errorMessage());
        // what the deny does not name goes on
        SdkBytes blob = alice.generateDataKeyWithoutPlaintext(
                        b -> b.keyId(keyId).numberOfBytes(32))
                .ciphertextBlob();
        assertEquals(32, alice.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asByteArray().length);
        assertTrue(alice.listKeys().keys().stream().anyMatch(k -> k.keyId().equals(keyId)));
    }

    @Test
    void withoutAnAllowEachOperationIsRefusedOnItsResource() {
        String keyId = bob.createKey(b -> b.description("k")).keyMetadata().keyId();
        String keyArn = "arn:aws:kms:us-east-1:111122223333:key/" + keyId;
        assertEquals(keyId, bob.describeKey(b -> b.keyId(keyId)).keyMetadata().keyId());
        KmsException e = denied(() -> bob.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))));
        assertEquals(
                "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: kms:Encrypt on resource: "
                        + keyArn + " because no identity-based policy allows the kms:Encrypt action",
                e.awsErrorDetails().errorMessage());
        // ListKeys and ListAliases are asked on "*"
        assertTrue(denied(bob::listKeys).awsErrorDetails().errorMessage().contains("kms:ListKeys on resource: *"));
        assertTrue(
                denied(bob::listAliases).awsErrorDetails().errorMessage().contains("kms:ListAliases on resource: *"));
        // an alias is asked about on the alias's ARN as well as on the key: alias/bob-* only
        bob.createAlias(b -> b.aliasName("alias/bob-1").targetKeyId(keyId));
        assertTrue(denied(() -> bob.createAlias(b -> b.aliasName("alias/other").targetKeyId(keyId)))
                .awsErrorDetails()
                .errorMessage()
                .contains("kms:CreateAlias on resource: arn:aws:kms:us-east-1:111122223333:alias/other "));
        // the key an alias names is the resource of the operations that take a key
        assertEquals(
                keyId,
                bob.describeKey(b -> b.keyId("alias/bob-1")).keyMetadata().keyId());
        // Decrypt is asked on the key the ciphertext names
        SdkBytes blob =
                bob.generateDataKey(b -> b.keyId(keyId).numberOfBytes(16)).ciphertextBlob();
        assertTrue(denied(() -> bob.decrypt(b -> b.ciphertextBlob(blob)))
                .awsErrorDetails()
                .errorMessage()
                .contains("kms:Decrypt on resource: " + keyArn + " "));
        // a key that does not exist is asked about by the ARN the request names; once allowed, KMS's own error
        assertEquals(
                "NotFoundException",
                assertThrows(KmsException.class, () -> bob.describeKey(b -> b.keyId("1234abcd-0000")))
                        .awsErrorDetails()
                        .errorCode());
    }

    @Test
    void theKeysOfEveryOperationAreTheOnesTheReferenceNames() throws Exception {
        String a = arn(api.call("CreateKey", Map.of()));
        String b = arn(api.call("CreateKey", Map.of()));
        String idA = a.substring(a.indexOf("key/") + 4);
        String idB = b.substring(b.indexOf("key/") + 4);
        api.call("CreateAlias", Map.of("AliasName", "alias/x", "TargetKeyId", idA));
        String alias = a.substring(0, a.indexOf("key/")) + "alias/x";
        assertEquals(
                List.of(
                        new WireAccess("kms:UpdateAlias", alias),
                        new WireAccess("kms:UpdateAlias", a),
                        new WireAccess("kms:UpdateAlias", b)),
                api.access("kms", "UpdateAlias", Map.of("AliasName", "alias/x", "TargetKeyId", idB)));
        assertEquals(
                List.of(new WireAccess("kms:DeleteAlias", alias), new WireAccess("kms:DeleteAlias", a)),
                api.access("kms", "DeleteAlias", Map.of("AliasName", "alias/x")));
        String blob = (String)
                api.call("Encrypt", Map.of("KeyId", idA, "Plaintext", "eA==")).get("CiphertextBlob");
        assertEquals(
                List.of(new WireAccess("kms:ReEncryptFrom", a), new WireAccess("kms:ReEncryptTo", b)),
                api.access("kms", "ReEncrypt", Map.of("CiphertextBlob", blob, "DestinationKeyId", idB)));
        for (String op : List.of("CreateKey", "ListKeys", "ListAliases")) {
            assertEquals(List.of(new WireAccess("kms:" + op, "*")), api.access("kms", op, Map.of()));
        }
        for (String op : List.of(
                "DescribeKey",
                "EnableKey",
                "DisableKey",
                "ScheduleKeyDeletion",
                "CancelKeyDeletion",
                "EnableKeyRotation",
                "DisableKeyRotation",
                "GetKeyRotationStatus",
                "RotateKeyOnDemand",
                "ListKeyRotations",
                "Encrypt",
                "GenerateDataKey",
                "GenerateDataKeyWithoutPlaintext")) {
            assertEquals(List.of(new WireAccess("kms:" + op, a)), api.access("kms", op, Map.of("KeyId", "alias/x")));
        }
        // asking changes nothing: the AWS managed key's alias is not created by being named
        api.access("kms", "DescribeKey", Map.of("KeyId", "alias/aws/dynamodb"));
        assertTrue(api.call("ListAliases", Map.of()).toString().indexOf("alias/aws/dynamodb") < 0);
    }

    @Test
    void temporaryCredentialsStsIssuesAreKeptSealed() throws Exception {
        Credentials issued;
        try (StsClient sts = StsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAALICE", ALICE_SECRET)))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            issued = sts.getSessionToken().credentials();
        }
        // kept beside the identities file, the secret and the token sealed with the key store
        String text = Files.readString(dir.resolve("identities.properties.sessions"));
        assertTrue(text.contains("key." + issued.accessKeyId() + ".secret=sealed:"), text);
        assertTrue(text.contains("key." + issued.accessKeyId() + ".token=sealed:"), text);
        assertFalse(text.contains(issued.secretAccessKey()) || text.contains(issued.sessionToken()), text);
        StaticCredentialsProvider temporary = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken()));
        // a server started again opens them with the same key store: alice's temporary credentials sign as she does
        try (FloeServer again = FloeServer.start(
                        new WireTarget(db, List::of, Map.of()),
                        ServerConfig.of("127.0.0.1", 0).withIdentities(dir.resolve("identities.properties")),
                        new Log(Log.Level.DEBUG, new PrintStream(logged, true, StandardCharsets.UTF_8)),
                        sealer);
                DynamoDbClient dynamo = DynamoDbClient.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:" + again.port()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(temporary)
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .build()) {
            // verified (the token opened), then refused by alice's policies, which allow no DynamoDB action
            assertTrue(assertThrows(DynamoDbException.class, dynamo::listTables)
                    .getMessage()
                    .contains("User: arn:aws:iam::111122223333:user/alice is not authorized to perform:"
                            + " dynamodb:ListTables"));
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains(issued.secretAccessKey()) || log.contains(issued.sessionToken()), log);
    }

    @Test
    void secretsAreSealedWithTheKeyStoreAndNeverLogged() throws Exception {
        Path file = dir.resolve("identities.properties");
        String text = Files.readString(file);
        // sealed in place when the server read the file: no secret in the clear at rest
        assertTrue(text.contains("key.AKIAALICE.secret=sealed:"), text);
        assertTrue(text.contains("key.AKIABOB.secret=sealed:"), text);
        assertFalse(text.contains(ALICE_SECRET) || text.contains(BOB_SECRET), text);
        assertTrue(text.contains("policy.describe="), text); // the rest as it was
        // the sealed secrets open: requests signed with them verify, requests with others do not
        alice.listKeys();
        KmsClient wrong = client("AKIAALICE", BOB_SECRET);
        assertEquals(
                "InvalidSignatureException",
                assertThrows(KmsException.class, wrong::listKeys)
                        .awsErrorDetails()
                        .errorCode());
        wrong.close();
        // a server started again reads the sealed file with the same key store
        try (FloeServer again = FloeServer.start(
                        new WireTarget(db, List::of, Map.of()),
                        ServerConfig.of("127.0.0.1", 0).withIdentities(file),
                        new Log(Log.Level.DEBUG, new PrintStream(logged, true, StandardCharsets.UTF_8)),
                        sealer);
                DynamoDbClient dynamo = DynamoDbClient.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:" + again.port()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABOB", BOB_SECRET)))
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .build()) {
            // bob's policies allow no DynamoDB action: verified, then refused by authorization
            assertTrue(assertThrows(DynamoDbException.class, dynamo::listTables)
                    .getMessage()
                    .contains("is not authorized to perform: dynamodb:ListTables"));
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("3 secrets sealed, 1 session tokens sealed"), log);
        assertFalse(log.contains(ALICE_SECRET) || log.contains(BOB_SECRET) || log.contains("K7MDENG"), log);
    }

    @Test
    void sessionTokensAreSealedWithTheKeyStoreToo() throws Exception {
        Path file = dir.resolve("identities.properties");
        String text = Files.readString(file);
        assertTrue(text.contains("key.ASIAKEEPER.token=sealed:"), text);
        assertFalse(text.contains(KEEPER_TOKEN) || text.contains(KEEPER_SECRET), text);
        // the sealed token opens: a request with it verifies, one with another token does not
        try (KmsClient keeper = session(KEEPER_TOKEN);
                KmsClient forged = session("another-token")) {
            keeper.listKeys();
            assertEquals(
                    "UnrecognizedClientException",
                    assertThrows(KmsException.class, forged::listKeys)
                            .awsErrorDetails()
                            .errorCode());
        }
        // a sealed token copied over a secret's line is no secret: it is sealed for another field
        String swapped = text.replaceAll(
                "(?m)^key\\.ASIAKEEPER\\.secret=.*$",
                "key.ASIAKEEPER.secret="
                        + text.lines()
                                .filter(l -> l.startsWith("key.ASIAKEEPER.token="))
                                .findFirst()
                                .orElseThrow()
                                .substring("key.ASIAKEEPER.token=".length()));
        Path copy = dir.resolve("swapped.properties");
        Files.writeString(copy, swapped);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> floe.server.auth.IdentityFile.open(
                        copy, new Log(Log.Level.OFF, System.err), floe.server.auth.SecretSeal.with(sealer)));
        assertTrue(e.getMessage().contains("key.ASIAKEEPER.secret is sealed but does not open"), e.getMessage());
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains(KEEPER_TOKEN));
    }

    private KmsClient session(String token) {
        return KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                                "ASIAKEEPER", KEEPER_SECRET, token)))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static String arn(Map<String, Object> created) {
        return (String) ((Map<?, ?>) created.get("KeyMetadata")).get("Arn");
    }

    @Test
    void awsKmsEncryptIsRefusedByAnExplicitDeny() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("aws", "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            present = false;
        }
        if ("1".equals(System.getenv("FLOE_REQUIRE_AWS_CLI"))) {
            assertTrue(present, "the AWS CLI (Debian package awscli) is required; ./floe test installs it");
        }
        Assumptions.assumeTrue(present, "the AWS CLI is not installed; ./floe test installs it");
        String keyId = alice.createKey(b -> b.description("k")).keyMetadata().keyId();
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "secret text");
        List<String> cmd = new ArrayList<>(List.of(
                "aws",
                "kms",
                "encrypt",
                "--key-id",
                keyId,
                "--plaintext",
                "fileb://" + plain,
                "--endpoint-url",
                "http://127.0.0.1:" + server.port(),
                "--output",
                "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIAALICE");
        env.put("AWS_SECRET_ACCESS_KEY", ALICE_SECRET);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        Path out = dir.resolve("aws.out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws kms encrypt did not finish");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(p.exitValue() == 254 || p.exitValue() == 255, text);
        assertTrue(text.contains("AccessDeniedException"), text);
        assertTrue(text.contains("with an explicit deny in an identity-based policy"), text);
    }
}
