package floe.benchmarks;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.CreateBackupRequest;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteBackupRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeBackupRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.PutRequest;
import floe.api.model.RestoreTableFromBackupRequest;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.WriteRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Backups and point-in-time recovery on LMDB, each against its baseline in the same run:
 * <ul>
 *   <li>{@code BackupBenchmark.Durable.putItem}: durable PutItem ({@code sync=true}) with
 *       point-in-time recovery {@code off} and {@code on} (the history written in the
 *       same transaction); goal: on at least 0.85 of off;</li>
 *   <li>{@code BackupBenchmark.Copy}: a full Scan of a table of {@value #ITEMS} items,
 *       a backup of it (CreateBackup until AVAILABLE) and a restore of that backup
 *       (until ACTIVE), each one operation over the same items; the items/s ratio of a
 *       backup or restore to the Scan is the inverse ratio of their times; goal: at least
 *       0.5. What a backup or restore made is deleted after each operation, outside the
 *       measured time (DeleteBackup and DeleteTable are not what is measured).</li>
 * </ul>
 */
public class BackupBenchmark {
    /** Items of the table {@link Copy} backs up. */
    static final int ITEMS = 20_000;

    private static final String TABLE = "bench";

    static FloeDb open(Path dir, boolean sync) {
        return FloeDb.open(FloeConfig.lmdb(dir)
                .withBackend(
                        "lmdb", Map.of("path", dir.toString(), "sync", Boolean.toString(sync), "mapSize", "512m")));
    }

    static void createTable(FloeDb db) {
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                .build());
    }

    static Map<String, AttributeValue> item(int i) {
        return Map.of(
                "pk",
                AttributeValue.s("customer#" + (i % 1000)),
                "sk",
                AttributeValue.n(Integer.toString(i)),
                "payload",
                AttributeValue.s("x".repeat(180)));
    }

    /**
     * Polls until {@code done}, pausing 0.1 ms between polls as a client would: a busy
     * poll of DescribeTable or DescribeBackup took one of the machine's two cores from
     * the copy it waited for (a profile showed four times the copy's own samples in it).
     */
    static void await(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            LockSupport.parkNanos(100_000);
        }
    }

    /** Durable PutItem, with point-in-time recovery off or on. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
    public static class Durable {
        @Param({"off", "on"})
        public String pitr;

        private Path dir;
        private FloeDb db;
        private int i;

        @Setup(Level.Trial)
        public void setUp() {
            dir = Targets.tempDirectory();
            db = open(dir, true);
            createTable(db);
            if ("on".equals(pitr)) {
                db.updateContinuousBackups(
                        new UpdateContinuousBackupsRequest(TABLE, new PointInTimeRecoverySpecification(true, null)));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            db.close();
            Targets.delete(dir);
        }

        @Benchmark
        public Object putItem() {
            i = (i + 1) % 100_000;
            return db.putItem(floe.api.model.PutItemRequest.builder()
                    .tableName(TABLE)
                    .item(item(i))
                    .build());
        }
    }

    /** A full Scan, a backup and a restore of the same {@value #ITEMS} items. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
    public static class Copy {
        private Path dir;
        private FloeDb db;
        private String backupArn;
        private int round;
        private String madeBackup;
        private String madeTable;

        @Setup(Level.Trial)
        public void setUp() {
            dir = Targets.tempDirectory();
            db = open(dir, false);
            createTable(db);
            for (int i = 0; i < ITEMS; i += 25) {
                List<WriteRequest> batch = new ArrayList<>();
                for (int j = i; j < i + 25; j++) {
                    batch.add(new WriteRequest(new PutRequest(item(j)), null));
                }
                db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(TABLE, batch))
                        .build());
            }
            backupArn = backupOfTable();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            db.close();
            Targets.delete(dir);
        }

        private String backupOfTable() {
            String arn = db.backups()
                    .createBackup(new CreateBackupRequest(TABLE, "backup" + round++))
                    .backupDetails()
                    .backupArn();
            await(() -> "AVAILABLE"
                    .equals(db.backups()
                            .describeBackup(new DescribeBackupRequest(arn))
                            .backupDescription()
                            .backupDetails()
                            .backupStatus()));
            return arn;
        }

        @Benchmark
        public int scan() {
            int n = 0;
            Map<String, AttributeValue> start = null;
            do {
                ScanResponse page = db.scan(ScanRequest.builder()
                        .tableName(TABLE)
                        .exclusiveStartKey(start)
                        .build());
                n += page.count();
                start = page.lastEvaluatedKey();
            } while (start != null);
            return n;
        }

        /** Deletes what the last {@link #backup} or {@link #restore} made, outside the measured time. */
        @TearDown(Level.Invocation)
        public void deleteMade() {
            if (madeBackup != null) {
                db.backups().deleteBackup(new DeleteBackupRequest(madeBackup));
                madeBackup = null;
            }
            if (madeTable != null) {
                db.deleteTable(new DeleteTableRequest(madeTable));
                madeTable = null;
            }
        }

        @Benchmark
        public String backup() {
            madeBackup = backupOfTable();
            return madeBackup;
        }

        @Benchmark
        public String restore() {
            String target = "restored" + round++;
            db.backups()
                    .restoreTableFromBackup(RestoreTableFromBackupRequest.builder()
                            .backupArn(backupArn)
                            .targetTableName(target)
                            .build());
            madeTable = target;
            await(() -> "ACTIVE"
                    .equals(db.describeTable(new DescribeTableRequest(target))
                            .table()
                            .tableStatus()));
            return target;
        }
    }
}
