package floe.benchmarks;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeExportRequest;
import floe.api.model.DescribeImportRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.ExportDescription;
import floe.api.model.ExportTableToPointInTimeRequest;
import floe.api.model.ImportTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.PutRequest;
import floe.api.model.S3BucketSource;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import floe.api.model.TableCreationParameters;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.WriteRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Exports and imports on LMDB against their baselines in the same run, over one table of
 * {@value #ITEMS} items: a full Scan of it and an export of it (ExportTableToPointInTime
 * to the local object store, DynamoDB JSON, until COMPLETED), and the loading of its items
 * into a new table by BatchWriteItem (25 a request, as a client loads) and by ImportTable
 * of the export (until COMPLETED). Each is one operation over the same items, so the
 * items/s ratio of export to Scan, or of import to BatchWriteItem, is the inverse ratio of
 * their times. Goals: export at least 0.5 of the Scan; import at least the BatchWriteItem.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TransferBenchmark {
    /** Items of the table. */
    static final int ITEMS = 100_000;

    private static final String TABLE = "bench";
    private static final String BUCKET = "bench";

    private Path dir;
    private FloeDb db;
    private String tableArn;
    private String dataPrefix;
    private int round;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Targets.tempDirectory();
        Files.createDirectories(dir.resolve("objects").resolve(BUCKET));
        db = FloeDb.open(FloeConfig.lmdb(dir)
                .withBackend("lmdb", Map.of("path", dir.resolve("db").toString(), "sync", "false", "mapSize", "2g"))
                .withEngineOptions(
                        Map.of("objectStore.root", dir.resolve("objects").toString())));
        db.createTable(create(TABLE));
        db.updateContinuousBackups(
                new UpdateContinuousBackupsRequest(TABLE, new PointInTimeRecoverySpecification(true, null)));
        batchLoad(TABLE);
        tableArn = db.describeTable(new DescribeTableRequest(TABLE)).table().tableArn();
        String arn = export();
        dataPrefix = "AWSDynamoDB/" + arn.substring(arn.lastIndexOf('/') + 1) + "/data/";
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
        Targets.delete(dir);
    }

    private static CreateTableRequest create(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                .build();
    }

    private void batchLoad(String table) {
        for (int i = 0; i < ITEMS; i += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (int j = i; j < i + 25; j++) {
                batch.add(new WriteRequest(new PutRequest(BackupBenchmark.item(j)), null));
            }
            db.batchWriteItem(BatchWriteItemRequest.builder()
                    .requestItems(Map.of(table, batch))
                    .build());
        }
    }

    private String export() {
        ExportDescription d = db.transfers()
                .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                        .tableArn(tableArn)
                        .s3Bucket(BUCKET)
                        .s3Prefix("round" + round++)
                        .build())
                .exportDescription();
        String arn = d.exportArn();
        await(() -> !"IN_PROGRESS"
                .equals(db.transfers()
                        .describeExport(new DescribeExportRequest(arn))
                        .exportDescription()
                        .exportStatus()));
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

    @Benchmark
    public String exportThenDelete() {
        String arn = export();
        Targets.delete(dir.resolve("objects").resolve(BUCKET).resolve("round" + (round - 1)));
        return arn;
    }

    @Benchmark
    public String batchWriteThenDelete() {
        String target = "loaded" + round++;
        db.createTable(create(target));
        batchLoad(target);
        db.deleteTable(new DeleteTableRequest(target));
        return target;
    }

    @Benchmark
    public String importThenDelete() {
        String target = "imported" + round++;
        String arn = db.transfers()
                .importTable(ImportTableRequest.builder()
                        .s3BucketSource(new S3BucketSource(null, BUCKET, "round0/" + dataPrefix))
                        .inputFormat("DYNAMODB_JSON")
                        .inputCompressionType("GZIP")
                        .tableCreationParameters(TableCreationParameters.builder()
                                .tableName(target)
                                .billingMode("PAY_PER_REQUEST")
                                .keySchema(create(target).keySchema())
                                .attributeDefinitions(create(target).attributeDefinitions())
                                .build())
                        .build())
                .importTableDescription()
                .importArn();
        await(() -> !"IN_PROGRESS"
                .equals(db.transfers()
                        .describeImport(new DescribeImportRequest(arn))
                        .importTableDescription()
                        .importStatus()));
        db.deleteTable(new DeleteTableRequest(target));
        return target;
    }

    /** Waits, polling every millisecond (not spinning: the transfer needs the machine's other core). */
    private static void await(java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
