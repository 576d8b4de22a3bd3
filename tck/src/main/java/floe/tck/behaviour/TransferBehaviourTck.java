package floe.tck.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.FloeDb;
import floe.api.Stability;
import floe.api.error.ExportConflictException;
import floe.api.error.ImportConflictException;
import floe.api.error.ImportNotFoundException;
import floe.api.error.InvalidExportTimeException;
import floe.api.error.PointInTimeRecoveryUnavailableException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TableNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CsvOptions;
import floe.api.model.DescribeExportRequest;
import floe.api.model.DescribeImportRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.ExportDescription;
import floe.api.model.ExportTableToPointInTimeRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.ImportTableDescription;
import floe.api.model.ImportTableRequest;
import floe.api.model.IncrementalExportSpecification;
import floe.api.model.InputFormatOptions;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListExportsRequest;
import floe.api.model.ListExportsResponse;
import floe.api.model.ListImportsRequest;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.Projection;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import floe.api.model.S3BucketSource;
import floe.api.model.ScanRequest;
import floe.api.model.TableCreationParameters;
import floe.api.model.TableDescription;
import floe.api.model.UpdateContinuousBackupsRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exports to and imports from object storage, through the built-in local object store
 * (a folder per bucket under the directory the suite configures): ExportTableToPointInTime
 * (DynamoDB's layout, manifests and checksums, DynamoDB JSON and Ion, full and
 * incremental, an instant of the recovery window), DescribeExport, ListExports,
 * ImportTable (DynamoDB JSON, Ion, CSV; gzip, zstd, none; indexes; bad lines), DescribeImport
 * and ListImports, round trips that leave two equal tables, and DynamoDB's errors. Time is
 * a {@link ManualClock}; exports and imports run in the background, so the tests wait.
 * A database whose configuration the suite cannot set (an endpoint elsewhere) skips it.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class TransferBehaviourTck extends FloeDbTck {
    /** When every test starts. */
    protected static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private static final String T = "source";
    private static final String BUCKET = "exports";
    private static final long WAIT_MILLIS = 30_000;

    /** The clock of the database under test. */
    protected final ManualClock clock = new ManualClock(START);

    /**
     * Opens a database in {@code directory} reading time from {@code clock}, with these engine
     * options (the local object store's folder among them).
     */
    protected abstract FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions);

    /** Whether the suite configures the database; an endpoint elsewhere skips the suite. */
    protected boolean controlsConfiguration() {
        return true;
    }

    @Override
    protected final FloeDb open(Path directory) {
        return open(
                directory, clock, Map.of("objectStore.root", objects(directory).toString()));
    }

    private static Path objects(Path directory) {
        return directory.resolve("objects");
    }

    @BeforeEach
    void needsConfiguration() throws IOException {
        assumeTrue(controlsConfiguration(), "the endpoint's object store and clock are not the test's");
        Files.createDirectories(objects(directory).resolve(BUCKET));
    }

    // ------------------------------------------------------------------ helpers

    private String sourceTable() {
        db.createTable(table(T, "pk", "S", "sk", "N").toBuilder()
                .provisionedThroughput(null)
                .billingMode("PAY_PER_REQUEST")
                .build());
        db.updateContinuousBackups(
                new UpdateContinuousBackupsRequest(T, new PointInTimeRecoverySpecification(true, null)));
        return db.describeTable(new DescribeTableRequest(T)).table().tableArn();
    }

    /** An item with an attribute of every DynamoDB type. */
    private static Map<String, AttributeValue> everyType(String pk, int sk) {
        return attributes(
                "pk", pk,
                "sk", sk,
                "s", "text \"quoted\" \n ünïcödé",
                "n", AttributeValue.n("-12.500"),
                "big", AttributeValue.n("1E+100"),
                "b", AttributeValue.b(new byte[] {0, 1, 2, (byte) 255}),
                "t", AttributeValue.bool(true),
                "z", AttributeValue.nul(),
                "l", AttributeValue.l(AttributeValue.s("x"), AttributeValue.n(1), AttributeValue.l()),
                "m", AttributeValue.m(Map.of("inner", AttributeValue.m(Map.of("deep", AttributeValue.s("y"))))),
                "ss", AttributeValue.ss("a", "b"),
                "ns", AttributeValue.ns("1", "2.5"),
                "bs", AttributeValue.bs(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2, 3})),
                "odd name-with.dots", "v");
    }

    private void put(String table, Map<String, AttributeValue> item) {
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    private TreeMap<String, Map<String, AttributeValue>> items(String table) {
        TreeMap<String, Map<String, AttributeValue>> out = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = db.scan(ScanRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> i : page.items()) {
                out.put(i.get("pk") + "/" + i.get("sk"), i);
            }
            start = page.lastEvaluatedKey();
        } while (start != null);
        return out;
    }

    private static void await(String what, BooleanSupplier done) {
        long until = System.currentTimeMillis() + WAIT_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private ExportDescription export(ExportTableToPointInTimeRequest request) {
        ExportDescription d = db.transfers().exportTableToPointInTime(request).exportDescription();
        await("export", () -> !"IN_PROGRESS"
                .equals(describeExport(d.exportArn()).exportStatus()));
        return describeExport(d.exportArn());
    }

    private ExportDescription describeExport(String arn) {
        return db.transfers().describeExport(new DescribeExportRequest(arn)).exportDescription();
    }

    private ImportTableDescription importTable(ImportTableRequest request) {
        ImportTableDescription d = db.transfers().importTable(request).importTableDescription();
        assertEquals("IN_PROGRESS", d.importStatus());
        await("import", () -> !"IN_PROGRESS"
                .equals(describeImport(d.importArn()).importStatus()));
        return describeImport(d.importArn());
    }

    private ImportTableDescription describeImport(String arn) {
        return db.transfers().describeImport(new DescribeImportRequest(arn)).importTableDescription();
    }

    private static TableCreationParameters target(String name) {
        return TableCreationParameters.builder()
                .tableName(name)
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .billingMode("PAY_PER_REQUEST")
                .build();
    }

    private ImportTableRequest.Builder importFrom(String prefix, String format, String compression, String table) {
        return ImportTableRequest.builder()
                .s3BucketSource(new S3BucketSource(null, BUCKET, prefix))
                .inputFormat(format)
                .inputCompressionType(compression)
                .tableCreationParameters(target(table));
    }

    private Path object(String key) {
        return objects(directory).resolve(BUCKET).resolve(key);
    }

    private void putObject(String key, byte[] bytes) {
        try {
            Files.createDirectories(object(key).getParent());
            Files.write(object(key), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream z = new GZIPOutputStream(out)) {
                z.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Zstandard frame of raw (stored) blocks: valid zstd that needs no compressor to make. */
    private static byte[] zstd(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x38});
        int at = 0;
        do {
            int n = Math.min(64 * 1024, data.length - at);
            boolean last = at + n == data.length;
            int header = (n << 3) | (last ? 1 : 0); // block type 0: raw
            out.write(header & 0xFF);
            out.write((header >> 8) & 0xFF);
            out.write((header >> 16) & 0xFF);
            out.write(data, at, n);
            at += n;
        } while (at < data.length);
        return out.toByteArray();
    }

    private static String gunzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> files(String under) {
        Path dir = objects(directory).resolve(BUCKET).resolve(under);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ exports

    @Test
    void aFullExportHasDynamoDbsLayoutManifestsAndChecksums() throws IOException {
        String arn = sourceTable();
        for (int i = 0; i < 30; i++) {
            put(T, everyType("p" + (i % 7), i));
        }
        ExportDescription started = db.transfers()
                .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                        .tableArn(arn)
                        .s3Bucket(BUCKET)
                        .s3Prefix("daily")
                        .build())
                .exportDescription();
        assertEquals("IN_PROGRESS", started.exportStatus());
        assertNotNull(started.clientToken(), "a token is returned though none was sent");
        assertNull(started.exportType(), "ExportType is omitted unless it was sent");
        assertEquals("DYNAMODB_JSON", started.exportFormat());
        assertTrue(started.exportArn().startsWith(arn + "/export/"), started.exportArn());
        String id = started.exportArn().substring(started.exportArn().lastIndexOf('/') + 1);
        assertTrue(id.matches("[0-9]{14}-[0-9a-f]{8}"), id);
        await("export", () -> !"IN_PROGRESS"
                .equals(describeExport(started.exportArn()).exportStatus()));
        ExportDescription d = describeExport(started.exportArn());
        assertEquals("COMPLETED", d.exportStatus(), d.failureMessage());
        assertEquals(30L, d.itemCount());
        assertNotNull(d.endTime());
        String base = "daily/AWSDynamoDB/" + id;
        assertEquals(base + "/manifest-summary.json", d.exportManifest());

        List<String> names = new ArrayList<>();
        for (Path p : files(base)) {
            names.add(object(base).relativize(p).toString().replace('\\', '/'));
        }
        assertTrue(names.contains("_started"), names.toString());
        for (String f :
                List.of("manifest-summary.json", "manifest-summary.md5", "manifest-files.json", "manifest-files.md5")) {
            assertTrue(names.contains(f), f + " in " + names);
        }
        for (String n : names) {
            assertTrue(
                    n.equals("_started") || n.startsWith("manifest-") || n.matches("data/[a-z2-7]{26}\\.json\\.gz"), n);
        }
        byte[] summary = Files.readAllBytes(object(base + "/manifest-summary.json"));
        assertEquals(md5(summary), read(object(base + "/manifest-summary.md5")));
        String s = new String(summary, StandardCharsets.UTF_8);
        for (String key : List.of(
                "\"version\":\"2020-06-30\"",
                "\"exportArn\":\"" + d.exportArn() + "\"",
                "\"tableArn\":\"" + arn + "\"",
                "\"s3Bucket\":\"" + BUCKET + "\"",
                "\"s3Prefix\":\"daily\"",
                "\"manifestFilesS3Key\":\"" + base + "/manifest-files.json\"",
                "\"itemCount\":30",
                "\"outputFormat\":\"DYNAMODB_JSON\"")) {
            assertTrue(s.contains(key), key + " in " + s);
        }
        byte[] manifest = Files.readAllBytes(object(base + "/manifest-files.json"));
        assertEquals(md5(manifest), read(object(base + "/manifest-files.md5")));
        long total = 0;
        for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
            String key = line.replaceAll(".*\"dataFileS3Key\":\"([^\"]+)\".*", "$1");
            assertTrue(key.startsWith(base + "/data/"), line);
            byte[] gz = Files.readAllBytes(object(key));
            assertTrue(line.contains("\"md5Checksum\":\"" + md5(gz) + "\""), line);
            long count = Long.parseLong(line.replaceAll(".*\"itemCount\":([0-9]+).*", "$1"));
            String text = gunzip(object(key));
            assertEquals(count, text.lines().count());
            text.lines().forEach(l -> assertTrue(l.startsWith("{\"Item\":{") && l.endsWith("}}"), l));
            total += count;
        }
        assertEquals(30, total);
    }

    @Test
    void anExportImportedBackIsTheSameTableItemByItemInDynamoDbJsonAndIon() {
        String arn = sourceTable();
        for (int i = 0; i < 50; i++) {
            put(T, everyType("p" + (i % 9), i));
        }
        for (String format : List.of("DYNAMODB_JSON", "ION")) {
            ExportDescription d = export(ExportTableToPointInTimeRequest.builder()
                    .tableArn(arn)
                    .s3Bucket(BUCKET)
                    .s3Prefix(format.toLowerCase())
                    .exportFormat(format)
                    .build());
            assertEquals("COMPLETED", d.exportStatus(), d.failureMessage());
            String id = d.exportArn().substring(d.exportArn().lastIndexOf('/') + 1);
            if (format.equals("ION")) {
                Path data = files(format.toLowerCase() + "/AWSDynamoDB/" + id + "/data")
                        .get(0);
                assertTrue(data.toString().endsWith(".ion.gz"), data.toString());
                assertTrue(gunzip(data).startsWith("$ion_1_0 {Item:{"), gunzip(data));
            }
            String copy = "copy_" + format;
            ImportTableDescription imported =
                    importTable(importFrom(format.toLowerCase() + "/AWSDynamoDB/" + id + "/data/", format, "GZIP", copy)
                            .build());
            assertEquals("COMPLETED", imported.importStatus(), imported.failureMessage());
            assertEquals(50L, imported.importedItemCount());
            assertEquals(50L, imported.processedItemCount());
            assertEquals(0L, imported.errorCount());
            assertTrue(imported.processedSizeBytes() > 0);
            assertEquals(
                    "ACTIVE",
                    db.describeTable(new DescribeTableRequest(copy)).table().tableStatus());
            assertEquals(items(T), items(copy), format);
        }
    }

    @Test
    void anExportAtAnInstantOfTheRecoveryWindowHoldsTheTableAsItWasThen() {
        String arn = sourceTable();
        put(T, attributes("pk", "a", "sk", 1, "v", "old"));
        put(T, attributes("pk", "b", "sk", 1));
        clock.advance(Duration.ofMinutes(10));
        Instant then = clock.instant();
        clock.advance(Duration.ofMinutes(10));
        put(T, attributes("pk", "a", "sk", 1, "v", "new"));
        db.deleteItem(floe.api.model.DeleteItemRequest.builder()
                .tableName(T)
                .key(attributes("pk", "b", "sk", 1))
                .build());
        put(T, attributes("pk", "c", "sk", 1));
        ExportDescription d = export(ExportTableToPointInTimeRequest.builder()
                .tableArn(arn)
                .s3Bucket(BUCKET)
                .exportTime(then)
                .build());
        assertEquals("COMPLETED", d.exportStatus(), d.failureMessage());
        assertEquals(then, d.exportTime());
        assertEquals(2L, d.itemCount());
        String id = d.exportArn().substring(d.exportArn().lastIndexOf('/') + 1);
        importTable(importFrom("AWSDynamoDB/" + id + "/data/", "DYNAMODB_JSON", "GZIP", "then")
                .build());
        var then2 = items("then");
        assertEquals(2, then2.size());
        assertEquals(AttributeValue.s("old"), then2.firstEntry().getValue().get("v"));
    }

    /**
     * A window of more changes than the engine handles in one batch (it spills them to a
     * scratch keyspace {@code 512} at a time, so that memory stays bounded): a past
     * instant's export and an incremental export over it still hold every item once.
     */
    @Test
    void pastInstantAndIncrementalExportsOfAWindowOfManyChangesHoldEveryItemOnce() {
        String arn = sourceTable();
        int n = 1_300;
        write(0, n, i -> "a");
        clock.advance(Duration.ofMinutes(1));
        Instant from = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        // in the window: even items changed (twice), every 4th + 1 deleted, n/4 new ones
        write(0, n, i -> i % 2 == 0 ? "b0" : null);
        write(0, n, i -> i % 2 == 0 ? "b" : null);
        for (int i = 1; i < n; i += 4) {
            db.deleteItem(floe.api.model.DeleteItemRequest.builder()
                    .tableName(T)
                    .key(attributes("pk", "i" + i, "sk", 1))
                    .build());
        }
        write(n, n + n / 4, i -> "new");
        clock.advance(Duration.ofMinutes(20));
        Instant to = clock.instant();
        clock.advance(Duration.ofMinutes(1));

        ExportDescription then = export(ExportTableToPointInTimeRequest.builder()
                .tableArn(arn)
                .s3Bucket(BUCKET)
                .s3Prefix("then")
                .exportTime(from)
                .build());
        assertEquals("COMPLETED", then.exportStatus(), then.failureMessage());
        assertEquals((long) n, then.itemCount());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Path p : files("then/AWSDynamoDB")) {
            if (!p.toString().endsWith(".json.gz")) {
                continue;
            }
            for (String line : gunzip(p).lines().toList()) {
                assertTrue(line.contains("\"v\":{\"S\":\"a\"}"), line);
                assertTrue(seen.add(pk(line)), "twice: " + line);
            }
        }
        assertEquals(n, seen.size());

        ExportDescription d = export(ExportTableToPointInTimeRequest.builder()
                .tableArn(arn)
                .s3Bucket(BUCKET)
                .s3Prefix("window")
                .exportType("INCREMENTAL_EXPORT")
                .incrementalExportSpecification(new IncrementalExportSpecification(from, to, null))
                .build());
        assertEquals("COMPLETED", d.exportStatus(), d.failureMessage());
        int changed = n / 2;
        int deleted = (n + 2) / 4;
        int added = n / 4;
        assertEquals((long) changed + deleted + added, d.itemCount());
        seen.clear();
        for (Path p : files("window/AWSDynamoDB/data")) {
            for (String line : gunzip(p).lines().toList()) {
                String pk = pk(line);
                assertTrue(seen.add(pk), "twice: " + line);
                int i = Integer.parseInt(pk.substring(1));
                if (i >= n) {
                    assertTrue(line.contains("\"NewImage\"") && !line.contains("OldImage"), line);
                } else if (i % 2 == 0) {
                    assertTrue(line.contains("\"NewImage\":{") && line.contains("{\"S\":\"b\"}"), line);
                    assertTrue(line.contains("\"OldImage\":{") && line.contains("{\"S\":\"a\"}"), line);
                } else {
                    assertEquals(1, i % 4, line);
                    assertTrue(!line.contains("NewImage") && line.contains("\"OldImage\""), line);
                }
            }
        }
        assertEquals(changed + deleted + added, seen.size());
    }

    /** Writes items {@code i<from>} to {@code i<to - 1>} with {@code v}, 25 a batch; null skips an item. */
    private void write(int from, int to, java.util.function.IntFunction<String> v) {
        List<floe.api.model.WriteRequest> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String value = v.apply(i);
            if (value != null) {
                batch.add(new floe.api.model.WriteRequest(
                        new floe.api.model.PutRequest(attributes("pk", "i" + i, "sk", 1, "v", value)), null));
            }
            if (batch.size() == 25 || (i == to - 1 && !batch.isEmpty())) {
                db.batchWriteItem(floe.api.model.BatchWriteItemRequest.builder()
                        .requestItems(Map.of(T, List.copyOf(batch)))
                        .build());
                batch.clear();
            }
        }
    }

    /** The {@code pk} of an exported line (the first {@code "pk":{"S":"..."}} in it). */
    private static String pk(String line) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"pk\":\\{\"S\":\"([^\"]*)\"").matcher(line);
        assertTrue(m.find(), line);
        return m.group(1);
    }

    @Test
    void anIncrementalExportHasEachChangedItemOnceWithItsImages() {
        String arn = sourceTable();
        put(T, attributes("pk", "kept", "sk", 1));
        put(T, attributes("pk", "changed", "sk", 1, "v", "before"));
        put(T, attributes("pk", "gone", "sk", 1));
        clock.advance(Duration.ofMinutes(1));
        Instant from = clock.instant();
        put(T, attributes("pk", "changed", "sk", 1, "v", "middle"));
        put(T, attributes("pk", "changed", "sk", 1, "v", "after"));
        put(T, attributes("pk", "new", "sk", 1));
        db.deleteItem(floe.api.model.DeleteItemRequest.builder()
                .tableName(T)
                .key(attributes("pk", "gone", "sk", 1))
                .build());
        clock.advance(Duration.ofMinutes(20));
        Instant to = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        assertErrorType(InvalidExportTimeException.class, () -> db.transfers()
                .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                        .tableArn(arn)
                        .s3Bucket(BUCKET)
                        .exportType("INCREMENTAL_EXPORT")
                        .incrementalExportSpecification(
                                new IncrementalExportSpecification(from, from.plus(Duration.ofMinutes(14)), null))
                        .build()));
        ExportDescription d = export(ExportTableToPointInTimeRequest.builder()
                .tableArn(arn)
                .s3Bucket(BUCKET)
                .exportType("INCREMENTAL_EXPORT")
                .incrementalExportSpecification(new IncrementalExportSpecification(from, to, null))
                .build());
        assertEquals("COMPLETED", d.exportStatus(), d.failureMessage());
        assertEquals("INCREMENTAL_EXPORT", d.exportType());
        assertEquals("NEW_AND_OLD_IMAGES", d.incrementalExportSpecification().exportViewType());
        assertEquals(3L, d.itemCount());
        List<String> lines = new ArrayList<>();
        for (Path p : files("AWSDynamoDB/data")) {
            lines.addAll(gunzip(p).lines().toList());
        }
        assertEquals(3, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(line.startsWith("{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\""), line);
            if (line.contains("\"changed\"")) {
                assertTrue(line.contains("\"NewImage\":{") && line.contains("{\"S\":\"after\"}"), line);
                assertTrue(line.contains("\"OldImage\":{") && line.contains("{\"S\":\"before\"}"), line);
                assertFalse(line.contains("middle"), line);
            } else if (line.contains("\"gone\"")) {
                assertFalse(line.contains("NewImage"), line);
                assertTrue(line.contains("\"OldImage\""), line);
            } else {
                assertTrue(line.contains("\"new\"") && line.contains("\"NewImage\""), line);
                assertFalse(line.contains("OldImage"), line);
            }
        }
    }

    @Test
    void exportsRefuseWhatDynamoDbRefuses() {
        String arn = sourceTable();
        db.createTable(table("plain", "pk", "S", null, null));
        String plain =
                db.describeTable(new DescribeTableRequest("plain")).table().tableArn();
        assertErrorType(PointInTimeRecoveryUnavailableException.class, () -> db.transfers()
                .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                        .tableArn(plain)
                        .s3Bucket(BUCKET)
                        .build()));
        assertError(TableNotFoundException.class, "Table not found: " + arn + "x", () -> db.transfers()
                .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                        .tableArn(arn + "x")
                        .s3Bucket(BUCKET)
                        .build()));
        assertErrorType(ValidationException.class, () -> db.transfers()
                .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                        .tableArn(arn)
                        .s3Bucket(BUCKET)
                        .exportFormat("XML")
                        .build()));
        assertError(ValidationException.class, "Invalid Export ARN", () -> db.transfers()
                .describeExport(new DescribeExportRequest(arn)));
        ExportDescription first = db.transfers()
                .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                        .tableArn(arn)
                        .s3Bucket(BUCKET)
                        .clientToken("token-1")
                        .build())
                .exportDescription();
        ExportDescription again = db.transfers()
                .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                        .tableArn(arn)
                        .s3Bucket(BUCKET)
                        .clientToken("token-1")
                        .build())
                .exportDescription();
        assertEquals(first.exportArn(), again.exportArn());
        assertError(
                ExportConflictException.class,
                "Duplicate request detected with conflicting parameters",
                () -> db.transfers()
                        .exportTableToPointInTime(ExportTableToPointInTimeRequest.builder()
                                .tableArn(arn)
                                .s3Bucket(BUCKET)
                                .s3Prefix("elsewhere")
                                .clientToken("token-1")
                                .build()));
        ExportDescription missing = export(ExportTableToPointInTimeRequest.builder()
                .tableArn(arn)
                .s3Bucket("no-such-bucket")
                .build());
        assertEquals("FAILED", missing.exportStatus());
        assertEquals("S3NoSuchBucket", missing.failureCode());
        assertEquals("The specified bucket does not exist", missing.failureMessage());
        await("export", () -> !"IN_PROGRESS"
                .equals(describeExport(first.exportArn()).exportStatus()));

        ListExportsResponse page = db.transfers().listExports(new ListExportsRequest(arn, 1, null));
        assertEquals(1, page.exportSummaries().size());
        assertNotNull(page.nextToken());
        assertTrue(
                page.nextToken().matches("([0-9a-f]{16})+") && page.nextToken().length() >= 112);
        ListExportsResponse rest = db.transfers().listExports(new ListExportsRequest(arn, 25, page.nextToken()));
        assertEquals(1, rest.exportSummaries().size());
        assertNull(rest.nextToken());
        assertFalse(page.exportSummaries()
                .get(0)
                .exportArn()
                .equals(rest.exportSummaries().get(0).exportArn()));
        assertErrorType(
                ValidationException.class, () -> db.transfers().listExports(new ListExportsRequest(null, 26, null)));
    }

    // ------------------------------------------------------------------ imports

    @Test
    void importsReadCsvWithHeadersOrAHeaderListAndZstdAndBuildIndexes() {
        putObject(
                "csv/one.csv",
                "pk,sk,name\na,1,first\n\"b,c\",2,\"say \"\"hi\"\"\"\n".getBytes(StandardCharsets.UTF_8));
        ImportTableDescription d =
                importTable(importFrom("csv/", "CSV", "NONE", "fromCsv").build());
        assertEquals("COMPLETED", d.importStatus(), d.failureMessage());
        var items = items("fromCsv");
        assertEquals(2, items.size());
        assertEquals(
                attributes("pk", "b,c", "sk", 2, "name", "say \"hi\""),
                items.lastEntry().getValue());

        putObject("semi/one.csv.zst", zstd("x;5;one\ny;6;two\n"));
        ImportTableDescription semi = importTable(importFrom("semi/", "CSV", "ZSTD", "fromSemi")
                .inputFormatOptions(new InputFormatOptions(new CsvOptions(";", List.of("pk", "sk", "g"))))
                .tableCreationParameters(target("fromSemi").toBuilder()
                        .attributeDefinitions(List.of(
                                new AttributeDefinition("pk", "S"),
                                new AttributeDefinition("sk", "N"),
                                new AttributeDefinition("g", "S")))
                        .globalSecondaryIndexes(List.of(new GlobalSecondaryIndex(
                                "byG", List.of(new KeySchemaElement("g", "HASH")), new Projection("ALL", null), null)))
                        .build())
                .build());
        assertEquals("COMPLETED", semi.importStatus(), semi.failureMessage());
        assertEquals(2L, semi.importedItemCount());
        var byG = db.query(QueryRequest.builder()
                .tableName("fromSemi")
                .indexName("byG")
                .keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.s("two")))
                .build());
        assertEquals(List.of(attributes("pk", "y", "sk", 6, "g", "two")), byG.items());
        assertErrorType(ValidationException.class, () -> db.transfers()
                .importTable(importFrom("csv/", "DYNAMODB_JSON", "NONE", "wrong")
                        .inputFormatOptions(new InputFormatOptions(new CsvOptions(",", null)))
                        .build()));
    }

    @Test
    void aBadLineIsCountedTheRestOfItsObjectSkippedAndTheValidItemsKept() {
        putObject(
                "bad/1.json",
                ("{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}\n\n"
                                + "{\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}}{\"Item\":{\"pk\":{\"S\":\"c\"},\"sk\":{\"N\":\"3\"}}}\n"
                                + "{\"Item\":{\"sk\":{\"N\":\"4\"}}}\n"
                                + "{\"Item\":{\"pk\":{\"S\":\"skipped\"},\"sk\":{\"N\":\"5\"}}}\n")
                        .getBytes(StandardCharsets.UTF_8));
        putObject("bad/2.json.gz", gzip("{\"Item\":{\"pk\":{\"S\":\"d\"},\"sk\":{\"N\":\"6\"}}}\n"));
        putObject("bad/3.json", new byte[0]);
        ImportTableDescription d = importTable(
                importFrom("bad/1", "DYNAMODB_JSON", "NONE", "partial").build());
        assertEquals("FAILED", d.importStatus());
        assertEquals("ItemValidationError", d.failureCode());
        assertEquals(1L, d.errorCount());
        assertEquals(3L, d.importedItemCount());
        assertEquals(4L, d.processedItemCount());
        assertEquals(
                "ACTIVE",
                db.describeTable(new DescribeTableRequest("partial")).table().tableStatus());
        assertEquals(3, items("partial").size());

        ImportTableDescription gz = importTable(
                importFrom("bad/2", "DYNAMODB_JSON", "GZIP", "zipped").build());
        assertEquals("COMPLETED", gz.importStatus(), gz.failureMessage());
        ImportTableDescription empty =
                importTable(importFrom("nothing/", "ION", "NONE", "empty").build());
        assertEquals("COMPLETED", empty.importStatus());
        assertEquals(0, items("empty").size());
    }

    @Test
    void anImportWhoseInputRepeatsAKeyEndsWithOneItemAndItsIndexEntriesRight() {
        // enough items that the repeats fall in the same batch of the load and in later ones
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 6_000; i++) {
            first.append(line("p" + i, "g" + i));
        }
        first.append(line("p1", "again")); // right after: the same batch
        putObject("dup/1.json.gz", gzip(first.toString()));
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            second.append(line("p" + i, "later" + i)); // another object: later batches
        }
        second.append(line("p2", "last"));
        putObject("dup/2.json.gz", gzip(second.toString()));
        ImportTableDescription d = importTable(importFrom("dup/", "DYNAMODB_JSON", "GZIP", "dup")
                .tableCreationParameters(target("dup").toBuilder()
                        .attributeDefinitions(List.of(
                                new AttributeDefinition("pk", "S"),
                                new AttributeDefinition("sk", "N"),
                                new AttributeDefinition("g", "S")))
                        .globalSecondaryIndexes(List.of(new GlobalSecondaryIndex(
                                "byG", List.of(new KeySchemaElement("g", "HASH")), new Projection("ALL", null), null)))
                        .build())
                .build());
        assertEquals("COMPLETED", d.importStatus(), d.failureMessage());
        // DynamoDB counts a repeated key as processed and imported, never as an error
        assertEquals(9_002L, d.processedItemCount());
        assertEquals(9_002L, d.importedItemCount());
        assertEquals(0L, d.errorCount());
        var items = items("dup");
        assertEquals(6_000, items.size());
        // DynamoDB keeps one of them, in no promised order; FloeDB the last one read
        assertEquals(
                attributes("pk", "p1", "sk", 1, "g", "later1"),
                items.get(AttributeValue.s("p1") + "/" + AttributeValue.n("1")));
        assertEquals(
                attributes("pk", "p2", "sk", 1, "g", "last"),
                items.get(AttributeValue.s("p2") + "/" + AttributeValue.n("1")));
        assertEquals(
                attributes("pk", "p4000", "sk", 1, "g", "g4000"),
                items.get(AttributeValue.s("p4000") + "/" + AttributeValue.n("1")));
        TableDescription table =
                db.describeTable(new DescribeTableRequest("dup")).table();
        assertEquals(6_000L, table.itemCount());
        assertEquals(6_000L, table.globalSecondaryIndexes().get(0).itemCount());
        Map<String, Integer> expected =
                Map.of("g1", 0, "again", 0, "later1", 1, "g2", 0, "later2", 0, "last", 1, "later5", 1, "g4000", 1);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            var byG = db.query(QueryRequest.builder()
                    .tableName("dup")
                    .indexName("byG")
                    .keyConditionExpression("g = :g")
                    .expressionAttributeValues(Map.of(":g", AttributeValue.s(e.getKey())))
                    .build());
            assertEquals(e.getValue(), byG.items().size(), "index entries for g = " + e.getKey());
        }
        assertEquals(java.util.Optional.empty(), db.admin().importProgress(d.importArn()));
        assertErrorType(ImportNotFoundException.class, () -> db.admin().importProgress(d.importArn() + "0"));
    }

    private static String line(String pk, String g) {
        return "{\"Item\":{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"N\":\"1\"},\"g\":{\"S\":\"" + g + "\"}}}\n";
    }

    @Test
    void anImportFromAMissingBucketFailsAndLeavesNoTable() {
        ImportTableDescription d = importTable(ImportTableRequest.builder()
                .s3BucketSource(new S3BucketSource(null, "no-such-bucket", null))
                .inputFormat("ION")
                .tableCreationParameters(target("never"))
                .clientToken("t-1")
                .build());
        assertEquals("FAILED", d.importStatus());
        assertEquals("S3NoSuchBucket", d.failureCode());
        assertErrorType(ResourceNotFoundException.class, () -> db.describeTable(new DescribeTableRequest("never")));
        assertEquals(
                1,
                db.transfers()
                        .listImports(new ListImportsRequest(d.tableArn(), null, null))
                        .importSummaryList()
                        .size());
    }

    @Test
    void anImportsClientTokenReturnsTheRunningImportAndRefusesAnotherTable() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append("{\"Item\":{\"pk\":{\"S\":\"p").append(i).append("\"},\"sk\":{\"N\":\"1\"}}}\n");
        }
        putObject("many/1.json", many.toString().getBytes(StandardCharsets.UTF_8));
        ImportTableRequest request = importFrom("many/", "DYNAMODB_JSON", "NONE", "many")
                .clientToken("same")
                .build();
        ImportTableDescription first = db.transfers().importTable(request).importTableDescription();
        assertEquals(
                "CREATING",
                db.describeTable(new DescribeTableRequest("many")).table().tableStatus());
        if ("IN_PROGRESS".equals(describeImport(first.importArn()).importStatus())) {
            assertEquals(
                    first.importArn(),
                    db.transfers().importTable(request).importTableDescription().importArn());
        }
        await("import", () -> !"IN_PROGRESS"
                .equals(describeImport(first.importArn()).importStatus()));
        assertEquals("COMPLETED", describeImport(first.importArn()).importStatus());
        assertEquals(20_000, items("many").size());
        assertErrorType(floe.api.error.ResourceInUseException.class, () -> db.transfers()
                .importTable(request));
        assertErrorType(ImportConflictException.class, () -> {
            ImportTableRequest slow = importFrom("many/", "DYNAMODB_JSON", "NONE", "many2")
                    .clientToken("other")
                    .build();
            db.transfers().importTable(slow);
            db.transfers()
                    .importTable(importFrom("many/", "DYNAMODB_JSON", "NONE", "many3")
                            .clientToken("other")
                            .build());
        });
    }

    private static <T extends Throwable> void assertErrorType(
            Class<T> type, org.junit.jupiter.api.function.Executable call) {
        org.junit.jupiter.api.Assertions.assertThrows(type, call);
    }
}
