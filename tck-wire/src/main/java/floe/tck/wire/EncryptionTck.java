package floe.tck.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.Stability;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Encryption at rest over the wire, through the AWS SDK for Java v2: DynamoDB's
 * {@code SSESpecification} and {@code SSEDescription} for the AWS owned key, the AWS managed
 * key and customer keys (made with the SDK's KMS client on the same endpoint), a key switch
 * with UpdateTable (UPDATING, then ENABLED) that keeps every item readable, and a customer key
 * disabled and enabled again (the table INACCESSIBLE_ENCRYPTION_CREDENTIALS with
 * {@code InaccessibleEncryptionDateTime}, its reads and writes refused, then ACTIVE again).
 * A server author runs it with one class that names an endpoint serving both DynamoDB and KMS
 * (FloeDB with the {@code kms} plugin):
 *
 * <pre>
 * &#64;EnabledIfSystemProperty(named = "floe.tck.endpoint", matches = ".+")
 * class WireEncryptionTest extends EncryptionTck {
 *     &#64;Override
 *     protected URI endpoint() {
 *         return WireEndpoint.endpoint();
 *     }
 * }
 * </pre>
 *
 * <p>Like {@link EnhancedClientTck}, it leaves other tables alone: each test uses tables of its
 * own, with unique names, and deletes them afterwards; the keys it makes are scheduled for
 * deletion (seven days, KMS's shortest waiting period).
 */
@Stability(Stability.Level.EXPERIMENTAL)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class EncryptionTck {
    /** How long a change of a key or a table may take to show (DynamoDB notices a disabled key within minutes). */
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private DynamoDbClient db;
    private KmsClient kms;
    private String prefix;
    private final List<String> tables = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    /** The endpoint to test, e.g. {@code http://localhost:8000}: DynamoDB and KMS on one port. */
    protected abstract URI endpoint();

    @BeforeEach
    void connect(TestInfo test) {
        db = WireEndpoint.syncClient(endpoint());
        kms = WireEndpoint.kmsClient(endpoint());
        prefix = "sse-" + test.getTestMethod().map(Method::getName).orElse("test") + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @AfterEach
    void disconnect() {
        try {
            for (String table : tables) {
                try {
                    db.deleteTable(b -> b.tableName(table));
                } catch (ResourceNotFoundException e) {
                    // the test deleted it, or never made it
                } catch (DynamoDbException e) {
                    // a table being updated: DeleteTable waits until it is ACTIVE
                    await(() -> status(table) != TableStatus.UPDATING, table + " finishes updating");
                    db.deleteTable(b -> b.tableName(table));
                }
            }
            for (String key : keys) {
                kms.scheduleKeyDeletion(b -> b.keyId(key).pendingWindowInDays(7));
            }
        } finally {
            db.close();
            kms.close();
        }
    }

    @Test
    void theOwnedKeyShowsNoSseDescription() {
        String table = create("owned", null);
        assertNull(describe(table).sseDescription(), "DynamoDB describes no SSE for the AWS owned key");
        String disabled =
                create("disabled", SSESpecification.builder().enabled(false).build());
        assertNull(describe(disabled).sseDescription(), "Enabled false is the AWS owned key");
        put(table, "a", "owned");
        assertEquals("owned", get(table, "a"));
    }

    @Test
    void theManagedKeyIsAliasAwsDynamodb() {
        String table =
                create("managed", SSESpecification.builder().enabled(true).build());
        String managed = kms.describeKey(b -> b.keyId("alias/aws/dynamodb"))
                .keyMetadata()
                .arn();
        SSEDescription sse = describe(table).sseDescription();
        assertNotNull(sse, "an AWS managed key is described");
        assertEquals("ENABLED", sse.statusAsString());
        assertEquals(SSEType.KMS, sse.sseType());
        assertEquals(managed, sse.kmsMasterKeyArn());
        assertNull(sse.inaccessibleEncryptionDateTime());
        put(table, "a", "managed");
        assertEquals("managed", get(table, "a"));
    }

    @Test
    void aCustomerKeyIsNamedByIdArnOrAlias() {
        String key = newKey();
        String arn = kms.describeKey(b -> b.keyId(key)).keyMetadata().arn();
        String alias = "alias/" + prefix + "orders";
        kms.createAlias(b -> b.aliasName(alias).targetKeyId(key));
        try {
            String aliasArn = arn.substring(0, arn.indexOf(":key/")) + ":" + alias;
            int i = 0;
            for (String named : List.of(key, arn, alias, aliasArn)) {
                String table = create("customer" + i++, kms(named));
                SSEDescription sse = describe(table).sseDescription();
                assertEquals("ENABLED", sse.statusAsString(), named);
                assertEquals(SSEType.KMS, sse.sseType(), named);
                assertEquals(arn, sse.kmsMasterKeyArn(), "the key's ARN, whichever way it was named: " + named);
                put(table, "a", named);
                assertEquals(named, get(table, "a"));
            }
        } finally {
            kms.deleteAlias(b -> b.aliasName(alias));
        }
    }

    @Test
    void aKeySwitchGoesThroughUpdatingAndKeepsEveryItem() {
        String first = newKey();
        String second = newKey();
        String secondArn = kms.describeKey(b -> b.keyId(second)).keyMetadata().arn();
        String table = create("switch", kms(first));
        put(table, "before", "1");

        SSEDescription answer = db.updateTable(b -> b.tableName(table).sseSpecification(kms(second)))
                .tableDescription()
                .sseDescription();
        assertEquals("UPDATING", answer.statusAsString(), "UpdateTable answers while the key is being switched");
        await(() -> "ENABLED".equals(describe(table).sseDescription().statusAsString()), "the switch ends");
        SSEDescription now = describe(table).sseDescription();
        assertEquals(secondArn, now.kmsMasterKeyArn());
        await(() -> status(table) == TableStatus.ACTIVE, table + " is ACTIVE");
        put(table, "after", "2");
        assertEquals("1", get(table, "before"), "an item written under the old key");
        assertEquals("2", get(table, "after"));
    }

    @Test
    void aDisabledKeyMakesItsTableInaccessibleUntilEnabled() {
        String key = newKey();
        String table = create("guarded", kms(key));
        String other = create("other", null);
        put(table, "a", "1");

        kms.disableKey(b -> b.keyId(key));
        await(() -> status(table) == TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, table + " is inaccessible");
        TableDescription inaccessible = describe(table);
        assertNotNull(
                inaccessible.sseDescription().inaccessibleEncryptionDateTime(),
                "InaccessibleEncryptionDateTime says since when");
        DynamoDbException read = assertThrows(DynamoDbException.class, () -> get(table, "a"));
        assertEquals(400, read.statusCode());
        assertEquals("AccessDeniedException", read.awsErrorDetails().errorCode());
        DynamoDbException write = assertThrows(DynamoDbException.class, () -> put(table, "b", "2"));
        assertEquals("AccessDeniedException", write.awsErrorDetails().errorCode());
        put(other, "x", "y");
        assertEquals("y", get(other, "x"), "a table under another key is not affected");

        kms.enableKey(b -> b.keyId(key));
        await(() -> status(table) == TableStatus.ACTIVE, table + " is ACTIVE again");
        assertNull(describe(table).sseDescription().inaccessibleEncryptionDateTime());
        assertEquals("1", get(table, "a"), "every item is there again");
        put(table, "b", "2");
        assertEquals("2", get(table, "b"));
    }

    // ------------------------------------------------------------------ helpers

    private String newKey() {
        String key = kms.createKey(b -> b.description("FloeDB encryption TCK"))
                .keyMetadata()
                .keyId();
        keys.add(key);
        return key;
    }

    private static SSESpecification kms(String keyId) {
        return SSESpecification.builder()
                .enabled(true)
                .sseType(SSEType.KMS)
                .kmsMasterKeyId(keyId)
                .build();
    }

    /** Creates a table keyed by {@code pk} with {@code sse}, and waits until it is ACTIVE. */
    private String create(String name, SSESpecification sse) {
        String table = prefix + name;
        tables.add(table);
        db.createTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .sseSpecification(sse));
        await(() -> status(table) == TableStatus.ACTIVE, table + " is ACTIVE");
        return table;
    }

    private TableDescription describe(String table) {
        return db.describeTable(b -> b.tableName(table)).table();
    }

    private TableStatus status(String table) {
        return describe(table).tableStatus();
    }

    private void put(String table, String key, String value) {
        db.putItem(b ->
                b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key), "v", AttributeValue.fromS(value))));
    }

    private String get(String table, String key) {
        Map<String, AttributeValue> item = db.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS(key)))
                        .consistentRead(true))
                .item();
        assertTrue(item != null && item.containsKey("v"), "no item " + key + " in " + table);
        return item.get("v").s();
    }

    private static void await(java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long pause = 20;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + SETTLE.toSeconds() + " s in vain: " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
            pause = Math.min(pause * 2, 1000);
        }
    }
}
