package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.tck.behaviour.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB's side of encryption at rest with the plugin, over both backends, through the SDK:
 * SSESpecification and SSEDescription for owned, managed and customer keys, key switches,
 * inaccessible keys and recovery, rotation with items written before and after, and restores.
 */
class TableEncryptionTest {
    private static final String ARN_PREFIX = "arn:aws:kms:us-east-1:000000000000:key/";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
    private KmsNode node;

    private KmsNode start(String backend) {
        node = KmsNode.start(
                dir.resolve("data"),
                clock,
                backend,
                true,
                Map.of("rootKeyFile", dir.resolve("k").toString()));
        return node;
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "lmdb"})
    void sseDescriptionShowsTheOwnedManagedAndCustomerKeys(String backend) {
        KmsNode n = start(backend);
        DynamoDbClient db = n.dynamo;
        create(db, "Owned", null);
        assertNull(db.describeTable(b -> b.tableName("Owned")).table().sseDescription());

        create(db, "Managed", SSESpecification.builder().enabled(true).build());
        String managedArn = n.kms.describeKey(b -> b.keyId("alias/aws/dynamodb"))
                .keyMetadata()
                .arn();
        SSEDescription managed =
                db.describeTable(b -> b.tableName("Managed")).table().sseDescription();
        assertEquals("ENABLED", managed.statusAsString());
        assertEquals(SSEType.KMS, managed.sseType());
        assertEquals(managedArn, managed.kmsMasterKeyArn());
        assertNull(managed.inaccessibleEncryptionDateTime());

        String key = n.kms.createKey(b -> {}).keyMetadata().keyId();
        n.kms.createAlias(b -> b.aliasName("alias/orders").targetKeyId(key));
        int i = 0;
        for (String named :
                new String[] {key, ARN_PREFIX + key, "alias/orders", "arn:aws:kms:us-east-1:000000000000:alias/orders"
                }) {
            String table = "Customer" + i++;
            create(
                    db,
                    table,
                    SSESpecification.builder()
                            .enabled(true)
                            .sseType(SSEType.KMS)
                            .kmsMasterKeyId(named)
                            .build());
            SSEDescription d = db.describeTable(b -> b.tableName(table)).table().sseDescription();
            assertEquals(ARN_PREFIX + key, d.kmsMasterKeyArn(), named);
            put(db, table, "a", "v");
            assertEquals("v", get(db, table, "a"));
        }

        DynamoDbException unknown = assertThrows(DynamoDbException.class, () -> create(db, "Nope", kms("alias/none")));
        assertEquals("ValidationException", unknown.awsErrorDetails().errorCode());
        n.kms.disableKey(b -> b.keyId(key));
        DynamoDbException disabled = assertThrows(DynamoDbException.class, () -> create(db, "Nope", kms(key)));
        assertEquals("ValidationException", disabled.awsErrorDetails().errorCode());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "lmdb"})
    void aKeySwitchKeepsEveryItemReadable(String backend) {
        KmsNode n = start(backend);
        DynamoDbClient db = n.dynamo;
        String first = n.kms.createKey(b -> {}).keyMetadata().keyId();
        String second = n.kms.createKey(b -> {}).keyMetadata().keyId();
        create(db, "Switch", kms(first));
        put(db, "Switch", "before", "1");

        SSEDescription answer = db.updateTable(b -> b.tableName("Switch")
                        .sseSpecification(
                                s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(second)))
                .tableDescription()
                .sseDescription();
        assertEquals("UPDATING", answer.statusAsString());
        SSEDescription now =
                db.describeTable(b -> b.tableName("Switch")).table().sseDescription();
        assertEquals("ENABLED", now.statusAsString());
        assertEquals(ARN_PREFIX + second, now.kmsMasterKeyArn());
        put(db, "Switch", "after", "2");
        // the old key no longer protects the table: disabling it changes nothing
        n.kms.disableKey(b -> b.keyId(first));
        assertEquals("1", get(db, "Switch", "before"));
        assertEquals("2", get(db, "Switch", "after"));

        // back to the owned key
        db.updateTable(b -> b.tableName("Switch").sseSpecification(s -> s.enabled(false)));
        assertNull(db.describeTable(b -> b.tableName("Switch")).table().sseDescription());
        n.kms.disableKey(b -> b.keyId(second));
        assertEquals("1", get(db, "Switch", "before"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "lmdb"})
    void aDisabledOrDeletedKeyMakesItsTableInaccessibleUntilEnabled(String backend) {
        KmsNode n = start(backend);
        DynamoDbClient db = n.dynamo;
        String key = n.kms.createKey(b -> {}).keyMetadata().keyId();
        create(db, "Guarded", kms(key));
        create(db, "Other", null);
        put(db, "Guarded", "a", "1");

        clock.advance(Duration.ofMinutes(5));
        Instant disabledAt = clock.instant();
        n.kms.disableKey(b -> b.keyId(key));
        var table = db.describeTable(b -> b.tableName("Guarded")).table();
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, table.tableStatus());
        assertEquals(disabledAt, table.sseDescription().inaccessibleEncryptionDateTime());
        DynamoDbException read = assertThrows(DynamoDbException.class, () -> get(db, "Guarded", "a"));
        assertEquals("AccessDeniedException", read.awsErrorDetails().errorCode());
        assertEquals(400, read.statusCode());
        DynamoDbException write = assertThrows(DynamoDbException.class, () -> put(db, "Guarded", "b", "2"));
        assertEquals("AccessDeniedException", write.awsErrorDetails().errorCode());
        // other tables are not affected
        put(db, "Other", "x", "y");
        assertEquals("y", get(db, "Other", "x"));

        n.kms.enableKey(b -> b.keyId(key));
        table = db.describeTable(b -> b.tableName("Guarded")).table();
        assertEquals(TableStatus.ACTIVE, table.tableStatus());
        assertNull(table.sseDescription().inaccessibleEncryptionDateTime());
        assertEquals("1", get(db, "Guarded", "a"));

        n.kms.scheduleKeyDeletion(b -> b.keyId(key).pendingWindowInDays(7));
        assertEquals(
                TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS,
                db.describeTable(b -> b.tableName("Guarded")).table().tableStatus());
        assertThrows(DynamoDbException.class, () -> get(db, "Guarded", "a"));
        n.kms.cancelKeyDeletion(b -> b.keyId(key));
        n.kms.enableKey(b -> b.keyId(key));
        assertEquals("1", get(db, "Guarded", "a"));
        put(db, "Guarded", "b", "2");
        assertEquals("2", get(db, "Guarded", "b"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "lmdb"})
    void rotationKeepsItemsWrittenBeforeAndAfterReadable(String backend) {
        KmsNode n = start(backend);
        DynamoDbClient db = n.dynamo;
        String key = n.kms.createKey(b -> {}).keyMetadata().keyId();
        create(db, "Rotated", kms(key));
        put(db, "Rotated", "before", "1");
        n.kms.rotateKeyOnDemand(b -> b.keyId(key));
        put(db, "Rotated", "middle", "2");
        n.kms.enableKeyRotation(b -> b.keyId(key).rotationPeriodInDays(90));
        clock.advance(Duration.ofDays(91));
        assertEquals(2, n.kms.listKeyRotations(b -> b.keyId(key)).rotations().size());
        put(db, "Rotated", "after", "3");
        assertEquals("1", get(db, "Rotated", "before"));
        assertEquals("2", get(db, "Rotated", "middle"));
        assertEquals("3", get(db, "Rotated", "after"));
        if (backend.equals("lmdb")) {
            n.close();
            node = null;
            KmsNode again = start(backend);
            assertEquals("1", get(again.dynamo, "Rotated", "before"));
            assertEquals("3", get(again.dynamo, "Rotated", "after"));
            assertEquals(
                    ARN_PREFIX + key,
                    again.dynamo
                            .describeTable(b -> b.tableName("Rotated"))
                            .table()
                            .sseDescription()
                            .kmsMasterKeyArn());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "lmdb"})
    void restoredTablesStayEncrypted(String backend) throws InterruptedException {
        KmsNode n = start(backend);
        DynamoDbClient db = n.dynamo;
        String key = n.kms.createKey(b -> {}).keyMetadata().keyId();
        String other = n.kms.createKey(b -> {}).keyMetadata().keyId();
        create(db, "Source", kms(key));
        db.updateContinuousBackups(
                b -> b.tableName("Source").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        put(db, "Source", "a", "1");
        String backup = db.createBackup(b -> b.tableName("Source").backupName("source-backup"))
                .backupDetails()
                .backupArn();
        awaitBackup(db, backup);

        db.restoreTableFromBackup(b -> b.targetTableName("FromBackup").backupArn(backup));
        awaitActive(db, "FromBackup");
        assertEquals("1", get(db, "FromBackup", "a"));
        assertEquals(
                ARN_PREFIX + key,
                db.describeTable(b -> b.tableName("FromBackup"))
                        .table()
                        .sseDescription()
                        .kmsMasterKeyArn());

        clock.advance(Duration.ofSeconds(10));
        db.restoreTableToPointInTime(b -> b.sourceTableName("Source")
                .targetTableName("FromTime")
                .useLatestRestorableTime(true)
                .sseSpecificationOverride(
                        s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(other)));
        awaitActive(db, "FromTime");
        assertEquals("1", get(db, "FromTime", "a"));
        assertEquals(
                ARN_PREFIX + other,
                db.describeTable(b -> b.tableName("FromTime"))
                        .table()
                        .sseDescription()
                        .kmsMasterKeyArn());
        // the restored table is protected by its own key only
        n.kms.disableKey(b -> b.keyId(key));
        assertEquals("1", get(db, "FromTime", "a"));
        assertThrows(DynamoDbException.class, () -> get(db, "FromBackup", "a"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "lmdb"})
    void streamsBackupsAndHistoryAreSealedWithTheTablesKey(String backend) throws InterruptedException {
        KmsNode n = start(backend);
        DynamoDbClient db = n.dynamo;
        String first = n.kms.createKey(b -> {}).keyMetadata().keyId();
        String second = n.kms.createKey(b -> {}).keyMetadata().keyId();
        create(db, "Audited", kms(first));
        String streamArn = db.updateTable(b -> b.tableName("Audited")
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE")))
                .tableDescription()
                .latestStreamArn();
        db.updateContinuousBackups(
                b -> b.tableName("Audited").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        put(db, "Audited", "a", "1");
        String backup = db.createBackup(b -> b.tableName("Audited").backupName("audited"))
                .backupDetails()
                .backupArn();
        awaitBackup(db, backup);

        // switched to another key, which is then rotated: the backup and the stream follow the table
        db.updateTable(b -> b.tableName("Audited").sseSpecification(kms(second)));
        n.kms.rotateKeyOnDemand(b -> b.keyId(second));
        n.kms.disableKey(b -> b.keyId(first));
        assertEquals(1, streamRecords(n, streamArn));
        db.restoreTableFromBackup(b -> b.targetTableName("Restored").backupArn(backup));
        awaitActive(db, "Restored");
        assertEquals("1", get(db, "Restored", "a"));

        n.kms.disableKey(b -> b.keyId(second));
        DynamoDbException stream = assertThrows(DynamoDbException.class, () -> streamRecords(n, streamArn));
        assertEquals("AccessDeniedException", stream.awsErrorDetails().errorCode());
        DynamoDbException fromBackup = assertThrows(
                DynamoDbException.class,
                () -> db.restoreTableFromBackup(
                        b -> b.targetTableName("Blocked").backupArn(backup)));
        assertEquals("AccessDeniedException", fromBackup.awsErrorDetails().errorCode());
        clock.advance(Duration.ofSeconds(10));
        DynamoDbException fromTime = assertThrows(
                DynamoDbException.class,
                () -> db.restoreTableToPointInTime(b ->
                        b.sourceTableName("Audited").targetTableName("Blocked").useLatestRestorableTime(true)));
        assertEquals("AccessDeniedException", fromTime.awsErrorDetails().errorCode());
        // nothing was made by the refused restores
        assertThrows(DynamoDbException.class, () -> db.describeTable(b -> b.tableName("Blocked")));

        n.kms.enableKey(b -> b.keyId(second));
        assertEquals(1, streamRecords(n, streamArn));
        db.restoreTableFromBackup(b -> b.targetTableName("Again").backupArn(backup));
        awaitActive(db, "Again");
        assertEquals("1", get(db, "Again", "a"));
        db.restoreTableToPointInTime(
                b -> b.sourceTableName("Audited").targetTableName("AtTime").useLatestRestorableTime(true));
        awaitActive(db, "AtTime");
        assertEquals("1", get(db, "AtTime", "a"));
    }

    /** The number of records in the stream's first shard, read from its start. */
    private static int streamRecords(KmsNode n, String streamArn) {
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + n.port()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDKMSTEST", "secret")))
                .overrideConfiguration(b -> b.retryStrategy(r -> r.maxAttempts(1)))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .build()) {
            String shard = streams.describeStream(b -> b.streamArn(streamArn))
                    .streamDescription()
                    .shards()
                    .get(0)
                    .shardId();
            String iterator = streams.getShardIterator(b ->
                            b.streamArn(streamArn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            return streams.getRecords(b -> b.shardIterator(iterator)).records().size();
        }
    }

    private static void awaitBackup(DynamoDbClient db, String arn) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if ("AVAILABLE"
                    .equals(db.describeBackup(b -> b.backupArn(arn))
                            .backupDescription()
                            .backupDetails()
                            .backupStatusAsString())) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the backup did not become AVAILABLE");
    }

    private static void awaitActive(DynamoDbClient db, String table) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (db.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(table + " did not become ACTIVE");
    }

    /** A customer key's SSESpecification, as DynamoDB wants it (SSEType KMS with a key). */
    static SSESpecification kms(String keyId) {
        return SSESpecification.builder()
                .enabled(true)
                .sseType(SSEType.KMS)
                .kmsMasterKeyId(keyId)
                .build();
    }

    static void create(DynamoDbClient db, String name, SSESpecification sse) {
        db.createTable(b -> b.tableName(name)
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
    }

    static void put(DynamoDbClient db, String table, String key, String value) {
        db.putItem(b ->
                b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key), "v", AttributeValue.fromS(value))));
    }

    static String get(DynamoDbClient db, String table, String key) {
        var item = db.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(key))))
                .item();
        assertTrue(item != null && item.containsKey("v"), "no item " + key + " in " + table);
        return item.get("v").s();
    }
}
