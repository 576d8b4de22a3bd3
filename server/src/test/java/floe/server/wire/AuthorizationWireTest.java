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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Authorization through the AWS SDK over HTTP, with policies from the identities file and a
 * table's resource-based policy: items limited by partition key (dynamodb:LeadingKeys) on
 * GetItem, PutItem, Query, BatchGetItem, transactions and PartiQL; attributes limited
 * (dynamodb:Attributes with dynamodb:Select) on GetItem, Query and BatchGetItem; explicit
 * denies; groups; a role's session; and cross-account access, which needs both sides.
 */
class AuthorizationWireTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String NOTES = "arn:aws:dynamodb:us-east-1:111122223333:table/notes";
    private static final String BOOKS = "arn:aws:dynamodb:us-east-1:111122223333:table/books";

    private static String policy(String name, String statements) {
        return "policy." + name + "={\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    }

    private static final String IDENTITIES = String.join(
            "\n",
            "user.admin.account=111122223333",
            "user.admin.policies=all",
            "key.AKIAADMIN.user=admin",
            "key.AKIAADMIN.secret=" + SECRET,
            // alice: her own items of notes only (partition key = her user name)
            "user.alice.account=111122223333",
            "user.alice.policies=own-notes",
            "key.AKIAALICE.user=alice",
            "key.AKIAALICE.secret=" + SECRET,
            // carol: the id and title of books only, named explicitly
            "user.carol.account=111122223333",
            "user.carol.policies=titles",
            "key.AKIACAROL.user=carol",
            "key.AKIACAROL.secret=" + SECRET,
            // dave: a reader through his group, denied the secrets table
            "user.dave.account=111122223333",
            "user.dave.groups=readers",
            "user.dave.policies=no-secrets",
            "group.readers.policies=read",
            "key.AKIADAVE.user=dave",
            "key.AKIADAVE.secret=" + SECRET,
            // erin: no policy at all
            "user.erin.account=111122223333",
            "key.AKIAERIN.user=erin",
            "key.AKIAERIN.secret=" + SECRET,
            // an auditor role's session
            "role.auditor.account=111122223333",
            "role.auditor.policies=read",
            "key.ASIAAUDIT.role=auditor",
            "key.ASIAAUDIT.session=audit-1",
            "key.ASIAAUDIT.secret=" + SECRET,
            "key.ASIAAUDIT.token=audit-token",
            // bob, of another account, who may do anything his account allows
            "user.bob.account=444455556666",
            "user.bob.policies=all",
            "key.AKIABOB.user=bob",
            "key.AKIABOB.secret=" + SECRET,
            policy("all", "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}"),
            policy(
                    "own-notes",
                    "{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:PutItem\",\"dynamodb:Query\","
                            + "\"dynamodb:BatchGetItem\",\"dynamodb:UpdateItem\",\"dynamodb:DeleteItem\","
                            + "\"dynamodb:ConditionCheckItem\",\"dynamodb:PartiQL*\"],"
                            + "\"Resource\":\"arn:aws:dynamodb:*:*:table/notes\",\"Condition\":"
                            + "{\"ForAllValues:StringEquals\":{\"dynamodb:LeadingKeys\":[\"${aws:username}\"]}}}"),
            policy(
                    "titles",
                    "{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:Query\",\"dynamodb:BatchGetItem\"],"
                            + "\"Resource\":\"arn:aws:dynamodb:*:*:table/books\",\"Condition\":{"
                            + "\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":[\"id\",\"title\"]},"
                            + "\"StringEqualsIfExists\":{\"dynamodb:Select\":\"SPECIFIC_ATTRIBUTES\"}}}"),
            policy(
                    "read",
                    "{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:Get*\",\"dynamodb:Query\"],\"Resource\":\"*\"}"),
            policy(
                    "no-secrets",
                    "{\"Effect\":\"Deny\",\"Action\":\"dynamodb:*\",\"Resource\":\"arn:aws:dynamodb:*:*:table/secrets\"}"),
            "");

    @TempDir
    static Path dir;

    private static FloeDb db;
    private static FloeServer server;
    private static DynamoDbClient admin;

    @BeforeAll
    static void start() throws IOException {
        Path identities = dir.resolve("identities.properties");
        Files.writeString(identities, IDENTITIES);
        db = FloeDb.open(FloeConfig.inMemory());
        server = FloeServer.start(
                db, ServerConfig.of("127.0.0.1", 0).withIdentities(identities), new Log(Log.Level.ERROR, System.err));
        admin = client(AwsBasicCredentials.create("AKIAADMIN", SECRET));
        for (String table : List.of("notes", "books", "secrets")) {
            boolean sorted = table.equals("notes");
            admin.createTable(b -> {
                b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST);
                if (sorted) {
                    b.keySchema(key("owner", KeyType.HASH), key("at", KeyType.RANGE))
                            .attributeDefinitions(attr("owner"), attr("at"));
                } else {
                    b.keySchema(key("id", KeyType.HASH)).attributeDefinitions(attr("id"));
                }
            });
        }
        for (String owner : List.of("alice", "bob")) {
            admin.putItem(b ->
                    b.tableName("notes").item(Map.of("owner", s(owner), "at", s("1"), "text", s(owner + "'s note"))));
        }
        admin.putItem(b -> b.tableName("books").item(Map.of("id", s("b1"), "title", s("Ulysses"), "price", s("12"))));
        admin.putItem(b -> b.tableName("books").item(Map.of("id", s("b2"), "title", s("Dubliners"), "price", s("9"))));
        admin.putItem(b -> b.tableName("secrets").item(Map.of("id", s("s1"))));
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
        db.close();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static DynamoDbClient client(AwsCredentials credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static DynamoDbClient user(String name) {
        return client(AwsBasicCredentials.create("AKIA" + name.toUpperCase(java.util.Locale.ROOT), SECRET));
    }

    private static String userArn(String name) {
        return "arn:aws:iam::111122223333:user/" + name;
    }

    /** The call is refused with AccessDeniedException, HTTP 400, and this message. */
    private static void denied(Runnable call, String message) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals(400, e.statusCode());
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    private static String noAllow(String who, String action, String resource) {
        return "User: " + who + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action";
    }

    private static Map<String, AttributeValue> note(String owner) {
        return Map.of("owner", s(owner), "at", s("1"));
    }

    @Test
    void leadingKeysOnSingleItemsAndQuery() {
        try (DynamoDbClient alice = user("alice")) {
            assertEquals(
                    "alice's note",
                    alice.getItem(b -> b.tableName("notes").key(note("alice")))
                            .item()
                            .get("text")
                            .s());
            denied(
                    () -> alice.getItem(b -> b.tableName("notes").key(note("bob"))),
                    noAllow(userArn("alice"), "dynamodb:GetItem", NOTES));
            alice.putItem(b -> b.tableName("notes").item(Map.of("owner", s("alice"), "at", s("2"), "text", s("more"))));
            denied(
                    () -> alice.putItem(b ->
                            b.tableName("notes").item(Map.of("owner", s("bob"), "at", s("2"), "text", s("forged")))),
                    noAllow(userArn("alice"), "dynamodb:PutItem", NOTES));
            assertTrue(admin.getItem(b -> b.tableName("notes").key(Map.of("owner", s("bob"), "at", s("2"))))
                    .item()
                    .isEmpty());
            assertEquals(
                    2,
                    alice.query(b -> b.tableName("notes")
                                    .keyConditionExpression("#o = :o")
                                    .expressionAttributeNames(Map.of("#o", "owner"))
                                    .expressionAttributeValues(Map.of(":o", s("alice"))))
                            .count());
            denied(
                    () -> alice.query(b -> b.tableName("notes")
                            .keyConditionExpression("#o = :o AND #a > :a")
                            .expressionAttributeNames(Map.of("#o", "owner", "#a", "at"))
                            .expressionAttributeValues(Map.of(":o", s("bob"), ":a", s("0")))),
                    noAllow(userArn("alice"), "dynamodb:Query", NOTES));
            // a table the policy does not name, and an action it does not list
            denied(
                    () -> alice.getItem(b -> b.tableName("books").key(Map.of("id", s("b1")))),
                    noAllow(userArn("alice"), "dynamodb:GetItem", BOOKS));
            denied(() -> alice.scan(b -> b.tableName("notes")), noAllow(userArn("alice"), "dynamodb:Scan", NOTES));
        }
    }

    @Test
    void everyItemOfABatchAndATransactionIsChecked() {
        try (DynamoDbClient alice = user("alice")) {
            assertEquals(
                    1,
                    alice.batchGetItem(b -> b.requestItems(Map.of(
                                    "notes",
                                    KeysAndAttributes.builder()
                                            .keys(List.of(note("alice")))
                                            .build())))
                            .responses()
                            .get("notes")
                            .size());
            denied(
                    () -> alice.batchGetItem(b -> b.requestItems(Map.of(
                            "notes",
                            KeysAndAttributes.builder()
                                    .keys(List.of(note("alice"), note("bob")))
                                    .build()))),
                    noAllow(userArn("alice"), "dynamodb:BatchGetItem", NOTES));
            assertEquals(
                    "alice's note",
                    alice.transactGetItems(b -> b.transactItems(TransactGetItem.builder()
                                    .get(g -> g.tableName("notes").key(note("alice")))
                                    .build()))
                            .responses()
                            .get(0)
                            .item()
                            .get("text")
                            .s());
            denied(
                    () -> alice.transactGetItems(b -> b.transactItems(
                            TransactGetItem.builder()
                                    .get(g -> g.tableName("notes").key(note("alice")))
                                    .build(),
                            TransactGetItem.builder()
                                    .get(g -> g.tableName("notes").key(note("bob")))
                                    .build())),
                    noAllow(userArn("alice"), "dynamodb:GetItem", NOTES));
            denied(
                    () -> alice.transactWriteItems(b -> b.transactItems(
                            TransactWriteItem.builder()
                                    .put(p -> p.tableName("notes").item(Map.of("owner", s("alice"), "at", s("3"))))
                                    .build(),
                            TransactWriteItem.builder()
                                    .conditionCheck(c -> c.tableName("notes")
                                            .key(note("bob"))
                                            .conditionExpression("attribute_exists(#o)")
                                            .expressionAttributeNames(Map.of("#o", "owner")))
                                    .build())),
                    noAllow(userArn("alice"), "dynamodb:ConditionCheckItem", NOTES));
            // nothing of the refused transaction was written
            assertTrue(admin.getItem(b -> b.tableName("notes").key(Map.of("owner", s("alice"), "at", s("3"))))
                    .item()
                    .isEmpty());
            alice.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                    .put(p -> p.tableName("notes").item(Map.of("owner", s("alice"), "at", s("3"))))
                    .build()));
        }
    }

    @Test
    void partiqlStatementsAreCheckedByKind() {
        try (DynamoDbClient alice = user("alice")) {
            assertEquals(
                    "alice's note",
                    alice.executeStatement(b -> b.statement("SELECT * FROM notes WHERE owner = ? AND at = '1'")
                                    .parameters(s("alice")))
                            .items()
                            .get(0)
                            .get("text")
                            .s());
            denied(
                    () -> alice.executeStatement(b -> b.statement("SELECT * FROM notes WHERE owner = 'bob'")),
                    noAllow(userArn("alice"), "dynamodb:PartiQLSelect", NOTES));
            denied(
                    () -> alice.executeStatement(
                            b -> b.statement("INSERT INTO notes VALUE {'owner': 'bob', 'at': '9'}")),
                    noAllow(userArn("alice"), "dynamodb:PartiQLInsert", NOTES));
            denied(
                    () -> alice.executeStatement(
                            b -> b.statement("DELETE FROM notes WHERE owner = 'bob' AND at = '1'")),
                    noAllow(userArn("alice"), "dynamodb:PartiQLDelete", NOTES));
            denied(
                    () -> alice.executeTransaction(b -> b.transactStatements(List.of(
                            ParameterizedStatement.builder()
                                    .statement("UPDATE notes SET text = 'x' WHERE owner = 'alice' AND at = '1'")
                                    .build(),
                            ParameterizedStatement.builder()
                                    .statement("UPDATE notes SET text = 'x' WHERE owner = 'bob' AND at = '1'")
                                    .build()))),
                    noAllow(userArn("alice"), "dynamodb:PartiQLUpdate", NOTES));
            assertEquals(
                    "bob's note",
                    admin.getItem(b -> b.tableName("notes").key(note("bob")))
                            .item()
                            .get("text")
                            .s());
            alice.executeStatement(
                    b -> b.statement("UPDATE notes SET text = 'edited' WHERE owner = 'alice' AND at = '2'"));
        }
    }

    @Test
    void attributesMustBeProjectedExplicitly() {
        try (DynamoDbClient carol = user("carol")) {
            Map<String, AttributeValue> got = carol.getItem(
                            b -> b.tableName("books").key(Map.of("id", s("b1"))).projectionExpression("id, title"))
                    .item();
            assertEquals(Map.of("id", s("b1"), "title", s("Ulysses")), got);
            denied(
                    () -> carol.getItem(b -> b.tableName("books").key(Map.of("id", s("b1")))),
                    noAllow(userArn("carol"), "dynamodb:GetItem", BOOKS));
            denied(
                    () -> carol.getItem(b -> b.tableName("books")
                            .key(Map.of("id", s("b1")))
                            .projectionExpression("id, #p")
                            .expressionAttributeNames(Map.of("#p", "price"))),
                    noAllow(userArn("carol"), "dynamodb:GetItem", BOOKS));
            assertEquals(
                    1,
                    carol.query(b -> b.tableName("books")
                                    .keyConditionExpression("id = :id")
                                    .expressionAttributeValues(Map.of(":id", s("b2")))
                                    .select(Select.SPECIFIC_ATTRIBUTES)
                                    .projectionExpression("title"))
                            .count());
            denied(
                    () -> carol.query(b -> b.tableName("books")
                            .keyConditionExpression("id = :id")
                            .expressionAttributeValues(Map.of(":id", s("b2")))),
                    noAllow(userArn("carol"), "dynamodb:Query", BOOKS));
            assertEquals(
                    2,
                    carol.batchGetItem(b -> b.requestItems(Map.of(
                                    "books",
                                    KeysAndAttributes.builder()
                                            .keys(List.of(Map.of("id", s("b1")), Map.of("id", s("b2"))))
                                            .projectionExpression("title")
                                            .build())))
                            .responses()
                            .get("books")
                            .size());
            denied(
                    () -> carol.batchGetItem(b -> b.requestItems(Map.of(
                            "books",
                            KeysAndAttributes.builder()
                                    .keys(List.of(Map.of("id", s("b1"))))
                                    .projectionExpression("title, price")
                                    .build()))),
                    noAllow(userArn("carol"), "dynamodb:BatchGetItem", BOOKS));
        }
    }

    @Test
    void anExplicitDenyWinsOverAGroupsAllow() {
        try (DynamoDbClient dave = user("dave")) {
            assertEquals(
                    "Ulysses",
                    dave.getItem(b -> b.tableName("books").key(Map.of("id", s("b1"))))
                            .item()
                            .get("title")
                            .s());
            denied(
                    () -> dave.getItem(b -> b.tableName("secrets").key(Map.of("id", s("s1")))),
                    "User: " + userArn("dave") + " is not authorized to perform: dynamodb:GetItem on resource: "
                            + "arn:aws:dynamodb:us-east-1:111122223333:table/secrets with an explicit deny in an "
                            + "identity-based policy");
            denied(
                    () -> dave.deleteItem(b -> b.tableName("books").key(Map.of("id", s("b1")))),
                    noAllow(userArn("dave"), "dynamodb:DeleteItem", BOOKS));
        }
    }

    @Test
    void anIdentityWithoutPoliciesMayDoNothing() {
        try (DynamoDbClient erin = user("erin")) {
            denied(
                    erin::listTables,
                    noAllow(userArn("erin"), "dynamodb:ListTables", "arn:aws:dynamodb:us-east-1:111122223333:table/*"));
            denied(
                    () -> erin.describeTable(b -> b.tableName("books")),
                    noAllow(userArn("erin"), "dynamodb:DescribeTable", BOOKS));
        }
    }

    @Test
    void aRolesSessionHasTheRolesPolicies() {
        try (DynamoDbClient auditor = client(AwsSessionCredentials.create("ASIAAUDIT", SECRET, "audit-token"))) {
            assertFalse(auditor.getItem(b -> b.tableName("books").key(Map.of("id", s("b1"))))
                    .item()
                    .isEmpty());
            denied(
                    () -> auditor.putItem(b -> b.tableName("books").item(Map.of("id", s("b9")))),
                    noAllow("arn:aws:sts::111122223333:assumed-role/auditor/audit-1", "dynamodb:PutItem", BOOKS));
        }
    }

    @Test
    void crossAccountAccessNeedsTheTablesResourcePolicy() throws InterruptedException {
        try (DynamoDbClient bob = user("bob")) {
            Supplier<Map<String, AttributeValue>> read =
                    () -> bob.getItem(b -> b.tableName(BOOKS).key(Map.of("id", s("b1"))))
                            .item();
            denied(
                    read::get,
                    "User: arn:aws:iam::444455556666:user/bob is not authorized to perform: dynamodb:GetItem on "
                            + "resource: " + BOOKS + " because no resource-based policy allows the dynamodb:GetItem "
                            + "action");
            admin.putResourcePolicy(b -> b.resourceArn(tableArn("books"))
                    .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::444455556666:user/bob\"},\"Action\":\"dynamodb:GetItem\","
                            + "\"Resource\":\"" + BOOKS + "\"}]}"));
            // a put policy applies eventually, as in DynamoDB (within a second here)
            long deadline = System.nanoTime() + 10_000_000_000L;
            Map<String, AttributeValue> item = null;
            while (item == null) {
                try {
                    item = read.get();
                } catch (DynamoDbException e) {
                    assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
                    assertTrue(System.nanoTime() < deadline, "the resource policy never took effect");
                    Thread.sleep(100);
                }
            }
            assertEquals("Ulysses", item.get("title").s());
            denied(
                    () -> bob.putItem(b -> b.tableName(BOOKS).item(Map.of("id", s("b7")))),
                    "User: arn:aws:iam::444455556666:user/bob is not authorized to perform: dynamodb:PutItem on "
                            + "resource: " + BOOKS + " because no resource-based policy allows the dynamodb:PutItem "
                            + "action");
            admin.deleteResourcePolicy(b -> b.resourceArn(tableArn("books")));
        }
    }

    /** The ARN the database gives a table. */
    private static String tableArn(String table) {
        return admin.describeTable(b -> b.tableName(table)).table().tableArn();
    }
}
