package floe.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import floe.testsupport.s3.S3MockServer;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.duckdb.DuckDBStruct;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Exports and imports of a served FloeDB home through the {@code s3} object store plugin on a
 * real S3-compatible server: a table of every DynamoDB type exported as {@code PARQUET} (by
 * the SDK and by {@code floe export}), the files fetched from the bucket with the S3 client and
 * read by DuckDB row by row against a Scan; and a DynamoDB JSON export imported back into a new
 * table, equal item by item.
 */
final class ExportToS3 {
    static final String BUCKET = "exports";
    static final String ACCESS_KEY = "AKIDS3MOCK";
    static final String SECRET_KEY = "s3mock-secret";

    private final Floe floe;
    private final Path dist;
    private final String url;
    private final S3MockServer s3;
    private final Path work;

    ExportToS3(Floe floe, Path dist, String url, S3MockServer s3, Path work) {
        this.floe = floe;
        this.dist = dist;
        this.url = url;
        this.s3 = s3;
        this.work = work;
    }

    /** The flags of {@code floe serve} that put its object store on {@code s3}. */
    static List<String> serveFlags(S3MockServer s3) {
        return List.of(
                "--object-store-provider",
                "s3",
                "--object-store-option",
                "endpoint=" + s3.endpoint(),
                "--object-store-option",
                "pathStyle=true",
                "--object-store-option",
                "accessKeyId=" + ACCESS_KEY,
                "--object-store-option",
                "secretAccessKey=" + SECRET_KEY);
    }

    void run() throws Exception {
        try (DynamoDbClient db = DynamoDbClient.builder()
                        .httpClient(ApacheHttpClient.create())
                        .endpointOverride(URI.create(url))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDIST", "secret")))
                        .build();
                S3Client bucket = S3Client.builder()
                        .httpClient(ApacheHttpClient.create())
                        .endpointOverride(URI.create(s3.endpoint()))
                        .forcePathStyle(true)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                        .build()) {
            createTable(db, "Every");
            db.updateContinuousBackups(b ->
                    b.tableName("Every").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
            List<Map<String, AttributeValue>> items = everyType();
            for (Map<String, AttributeValue> item : items) {
                db.putItem(b -> b.tableName("Every").item(item));
            }
            List<Map<String, AttributeValue>> scanned = scan(db, "Every");
            assertEquals(items.size(), scanned.size());
            String tableArn =
                    db.describeTable(b -> b.tableName("Every")).table().tableArn();

            // PARQUET through the SDK: the format name passes through as a string
            ExportDescription parquet = awaitExport(
                    db,
                    db.exportTableToPointInTime(b -> b.tableArn(tableArn)
                                    .s3Bucket(BUCKET)
                                    .s3Prefix("sdk")
                                    .exportFormat("PARQUET"))
                            .exportDescription()
                            .exportArn());
            assertEquals("PARQUET", parquet.exportFormatAsString());
            assertEquals(items.size(), parquet.itemCount());
            String base = "sdk/AWSDynamoDB/" + exportId(parquet) + "/";
            Set<String> keys = keys(bucket, base);
            for (String k : List.of("_started", "manifest-summary.json", "manifest-files.json")) {
                assertTrue(keys.contains(base + k), k + " in " + keys);
            }
            compareWithDuckDb(download(bucket, base + "data/", "parquet", work.resolve("sdk")), scanned);
            // no S3SseAlgorithm asked: described as AES256, as DynamoDB does, but no header sent
            assertEquals("AES256", parquet.s3SseAlgorithmAsString());
            assertEquals(
                    null,
                    bucket.headObject(h -> h.bucket(BUCKET).key(base + "manifest-summary.json"))
                            .serverSideEncryption());

            // floe export --format parquet, plain progress lines (no terminal), waits for the end
            Floe.Result cli = floe.dist(
                    dist,
                    "export",
                    "--endpoint-url",
                    url,
                    "--table-name",
                    "Every",
                    "--s3-bucket",
                    BUCKET,
                    "--s3-prefix",
                    "cli",
                    "--format",
                    "parquet");
            assertEquals(0, cli.status(), cli.output());
            Set<String> cliKeys = keys(bucket, "cli/AWSDynamoDB/");
            assertTrue(cliKeys.stream().anyMatch(k -> k.endsWith(".parquet")), cliKeys.toString());
            String cliData = cliKeys.stream()
                    .filter(k -> k.endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
            compareWithDuckDb(
                    download(
                            bucket, cliData.substring(0, cliData.lastIndexOf('/') + 1), "parquet", work.resolve("cli")),
                    scanned);

            // DYNAMODB_JSON to S3, imported back from S3 into a new table
            ExportDescription json = awaitExport(
                    db,
                    db.exportTableToPointInTime(b -> b.tableArn(tableArn)
                                    .s3Bucket(BUCKET)
                                    .s3Prefix("json")
                                    .s3SseAlgorithm("AES256")
                                    .exportFormat("DYNAMODB_JSON"))
                            .exportDescription()
                            .exportArn());
            String dataPrefix = "json/AWSDynamoDB/" + exportId(json) + "/data/";
            assertFalse(keys(bucket, dataPrefix).isEmpty());
            // S3SseAlgorithm reaches S3: every object of the export is stored with SSE-S3
            for (String key : keys(bucket, "json/AWSDynamoDB/" + exportId(json) + "/")) {
                assertEquals(
                        software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256,
                        bucket.headObject(h -> h.bucket(BUCKET).key(key)).serverSideEncryption(),
                        key);
            }
            String importArn = db.importTable(
                            b -> b.s3BucketSource(s -> s.s3Bucket(BUCKET).s3KeyPrefix(dataPrefix))
                                    .inputFormat("DYNAMODB_JSON")
                                    .inputCompressionType("GZIP")
                                    .tableCreationParameters(t -> t.tableName("EveryAgain")
                                            .attributeDefinitions(AttributeDefinition.builder()
                                                    .attributeName("pk")
                                                    .attributeType("S")
                                                    .build())
                                            .keySchema(KeySchemaElement.builder()
                                                    .attributeName("pk")
                                                    .keyType("HASH")
                                                    .build())
                                            .billingMode("PAY_PER_REQUEST")))
                    .importTableDescription()
                    .importArn();
            ImportTableDescription imported = await(
                    "the import",
                    () -> db.describeImport(b -> b.importArn(importArn)).importTableDescription(),
                    d -> !d.importStatusAsString().equals("IN_PROGRESS"));
            assertEquals("COMPLETED", imported.importStatusAsString(), imported.toString());
            assertEquals(items.size(), imported.importedItemCount());
            assertEquals(0L, imported.errorCount());
            assertEquals(canonical(scanned), canonical(scan(db, "EveryAgain")));
        }
    }

    private static void createTable(DynamoDbClient db, String name) {
        db.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType("S")
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType("HASH")
                        .build())
                .billingMode("PAY_PER_REQUEST"));
    }

    /**
     * Items of every DynamoDB type: typed columns where the items agree ({@code n} widens from
     * integers to a decimal), and attributes whose items disagree on a type ({@code mixed}: a
     * string or a number; {@code shape}: a map or a list), a NULL, numbers that together pass
     * Parquet's 38 digits, and an attribute only some items have.
     */
    static List<Map<String, AttributeValue>> everyType() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", AttributeValue.fromS(String.format("item-%02d", i)));
            item.put("s", AttributeValue.fromS("text " + i + " ünï"));
            item.put("n", AttributeValue.fromN(i % 3 == 0 ? Integer.toString(i * 1000) : i + ".25"));
            item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) i, 0, (byte) 0xff})));
            item.put("flag", AttributeValue.fromBool(i % 2 == 0));
            item.put(
                    "m",
                    AttributeValue.fromM(Map.of(
                            "name", AttributeValue.fromS("n" + i),
                            "count", AttributeValue.fromN(Integer.toString(i)),
                            "inner", AttributeValue.fromM(Map.of("ok", AttributeValue.fromBool(true))))));
            item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("a" + i), AttributeValue.fromS("b"))));
            item.put("ss", AttributeValue.fromSs(List.of("x", "y" + i)));
            item.put("ns", AttributeValue.fromNs(List.of("1", "2.5", Integer.toString(i + 10))));
            item.put(
                    "bs",
                    AttributeValue.fromBs(List.of(
                            SdkBytes.fromByteArray(new byte[] {1}), SdkBytes.fromByteArray(new byte[] {2, (byte) i}))));
            item.put("mixed", i % 2 == 0 ? AttributeValue.fromS("s" + i) : AttributeValue.fromN(Integer.toString(i)));
            item.put(
                    "shape",
                    i % 2 == 0
                            ? AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v")))
                            : AttributeValue.fromL(List.of(AttributeValue.fromN("1"))));
            // each within DynamoDB's 38 digits, together past Parquet's 38: a string column
            item.put(
                    "big",
                    AttributeValue.fromN(i % 2 == 0 ? "12345678901234567890123456789012345678" : "0.00" + (i + 1)));
            if (i % 4 == 0) {
                item.put("nothing", AttributeValue.fromNul(true));
                item.put("sometimes", AttributeValue.fromS("only some"));
            }
            items.add(item);
        }
        return items;
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient db, String table) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        db.scanPaginator(b -> b.tableName(table)).items().forEach(out::add);
        return out;
    }

    private static String exportId(ExportDescription d) {
        return d.exportArn().substring(d.exportArn().lastIndexOf('/') + 1);
    }

    private static ExportDescription awaitExport(DynamoDbClient db, String arn) throws InterruptedException {
        ExportDescription d = await(
                "the export",
                () -> db.describeExport(b -> b.exportArn(arn)).exportDescription(),
                x -> !x.exportStatusAsString().equals("IN_PROGRESS"));
        assertEquals("COMPLETED", d.exportStatusAsString(), d.toString());
        return d;
    }

    private static <T> T await(String what, Supplier<T> get, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            T t = get.get();
            if (done.test(t)) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                return fail(what + " did not end in 90 s: " + t);
            }
            Thread.sleep(200);
        }
    }

    private static Set<String> keys(S3Client s3, String prefix) {
        Set<String> keys = new TreeSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .forEach(keys::add);
        return keys;
    }

    /** The objects under {@code prefix} ending in {@code .suffix}, fetched from the bucket into {@code folder}. */
    private static Path download(S3Client s3, String prefix, String suffix, Path folder) throws Exception {
        Files.createDirectories(folder);
        int n = 0;
        for (String key : keys(s3, prefix)) {
            if (key.endsWith("." + suffix)) {
                Path file = folder.resolve(key.substring(key.lastIndexOf('/') + 1));
                s3.getObject(b -> b.bucket(BUCKET).key(key), file);
                n++;
            }
        }
        assertTrue(n > 0, "no ." + suffix + " object under " + prefix);
        return folder;
    }

    /**
     * DuckDB reads every file of {@code folder}; each row, rebuilt into an item (typed columns as
     * the type the Scan's attribute has, {@code _unmapped} as DynamoDB JSON), equals the item the
     * Scan returned for its key, and every item has its row.
     */
    static void compareWithDuckDb(Path folder, List<Map<String, AttributeValue>> scanned) throws SQLException {
        Map<String, Map<String, AttributeValue>> byKey = new HashMap<>();
        scanned.forEach(i -> byKey.put(i.get("pk").s(), i));
        Set<String> seen = new HashSet<>();
        String files = "'" + folder.toAbsolutePath().toString().replace("'", "''") + "/*.parquet'";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            Map<String, String> types = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + files + ")")) {
                while (rs.next()) {
                    types.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            // the schema a data engineer wants: typed columns where the items agree, the rest kept as JSON
            assertEquals("VARCHAR", types.get("pk"), types.toString());
            assertTrue(types.get("n").startsWith("DECIMAL"), types.toString());
            assertEquals("BOOLEAN", types.get("flag"), types.toString());
            assertEquals("BLOB", types.get("b"), types.toString());
            assertTrue(types.get("m").startsWith("STRUCT"), types.toString());
            assertEquals("VARCHAR[]", types.get("ss"), types.toString());
            assertEquals("VARCHAR", types.get("big"), types.toString());
            for (String unmapped : List.of("mixed", "shape", "nothing")) {
                assertFalse(types.containsKey(unmapped), unmapped + " has a column: " + types);
            }
            try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet(" + files + ")")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    String pk = rs.getString("pk");
                    Map<String, AttributeValue> original = byKey.get(pk);
                    assertNotNull(original, "a row of no item: " + pk);
                    assertTrue(seen.add(pk), "two rows of " + pk);
                    Map<String, AttributeValue> rebuilt = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String column = meta.getColumnName(c);
                        Object value = rs.getObject(c);
                        if (value == null || column.equals("_unmapped")) {
                            continue;
                        }
                        AttributeValue hint = original.get(column);
                        assertNotNull(hint, "column " + column + " has a value for an item without it: " + pk);
                        rebuilt.put(column, convert(value, hint));
                    }
                    String unmapped = rs.getString("_unmapped");
                    if (unmapped != null) {
                        JsonNodeParser.create().parse(unmapped).asObject().forEach((k, v) -> {
                            assertFalse(rebuilt.containsKey(k), "both a column and unmapped: " + k);
                            rebuilt.put(k, fromJson(v));
                        });
                    }
                    assertEquals(canonical(original), canonical(rebuilt), pk);
                }
            }
        }
        assertEquals(byKey.keySet(), seen, "rows read back");
    }

    /** A value DuckDB returned, as an attribute value of the type {@code hint} has. */
    private static AttributeValue convert(Object value, AttributeValue hint) throws SQLException {
        return switch (hint.type()) {
            case S -> AttributeValue.fromS((String) value);
            case N -> AttributeValue.fromN(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            case B -> AttributeValue.fromB(SdkBytes.fromByteArray(bytes(value)));
            case BOOL -> AttributeValue.fromBool((Boolean) value);
            case L -> {
                Object[] elements = (Object[]) ((Array) value).getArray();
                assertEquals(hint.l().size(), elements.length, "elements of " + hint);
                List<AttributeValue> out = new ArrayList<>();
                for (int i = 0; i < elements.length; i++) {
                    out.add(convert(elements[i], hint.l().get(i)));
                }
                yield AttributeValue.fromL(out);
            }
            case SS -> {
                List<String> out = new ArrayList<>();
                for (Object o : (Object[]) ((Array) value).getArray()) {
                    out.add((String) o);
                }
                yield AttributeValue.fromSs(out);
            }
            case NS -> {
                List<String> out = new ArrayList<>();
                for (Object o : (Object[]) ((Array) value).getArray()) {
                    out.add(o instanceof BigDecimal d ? d.toPlainString() : o.toString());
                }
                yield AttributeValue.fromNs(out);
            }
            case BS -> {
                List<SdkBytes> out = new ArrayList<>();
                for (Object o : (Object[]) ((Array) value).getArray()) {
                    out.add(SdkBytes.fromByteArray(bytes(o)));
                }
                yield AttributeValue.fromBs(out);
            }
            case M -> {
                Map<String, AttributeValue> out = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e :
                        ((DuckDBStruct) value).getMap().entrySet()) {
                    if (e.getValue() == null) {
                        continue;
                    }
                    AttributeValue field = hint.m().get(e.getKey());
                    assertNotNull(field, "field " + e.getKey() + " has a value where the map has none: " + hint);
                    out.put(e.getKey(), convert(e.getValue(), field));
                }
                yield AttributeValue.fromM(out);
            }
            default -> fail("a column holds " + hint + ", which has no Parquet type");
        };
    }

    private static byte[] bytes(Object value) throws SQLException {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return b;
        }
        return fail("not binary: " + value.getClass());
    }

    /** A DynamoDB JSON value. */
    private static AttributeValue fromJson(JsonNode node) {
        Map<String, JsonNode> o = node.asObject();
        assertEquals(1, o.size(), "one type per value: " + node);
        Map.Entry<String, JsonNode> e = o.entrySet().iterator().next();
        JsonNode x = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(x.asString());
            case "N" -> AttributeValue.fromN(x.asString());
            case "B" ->
                AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(x.asString())));
            case "BOOL" -> AttributeValue.fromBool(x.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" ->
                AttributeValue.fromSs(
                        x.asArray().stream().map(JsonNode::asString).toList());
            case "NS" ->
                AttributeValue.fromNs(
                        x.asArray().stream().map(JsonNode::asString).toList());
            case "BS" ->
                AttributeValue.fromBs(x.asArray().stream()
                        .map(n -> SdkBytes.fromByteArray(Base64.getDecoder().decode(n.asString())))
                        .toList());
            case "L" ->
                AttributeValue.fromL(
                        x.asArray().stream().map(ExportToS3::fromJson).toList());
            case "M" -> {
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                x.asObject().forEach((k, v) -> m.put(k, fromJson(v)));
                yield AttributeValue.fromM(m);
            }
            default -> fail("unknown type " + e.getKey());
        };
    }

    /** Items in a form where equal DynamoDB values are equal: numbers by value, sets unordered. */
    static Map<String, Object> canonical(List<Map<String, AttributeValue>> items) {
        Map<String, Object> out = new TreeMap<>();
        items.forEach(i -> out.put(i.get("pk").s(), canonical(i)));
        return out;
    }

    private static Map<String, Object> canonical(Map<String, AttributeValue> item) {
        Map<String, Object> out = new TreeMap<>();
        item.forEach((k, v) -> out.put(k, canonical(v)));
        return out;
    }

    private static Object canonical(AttributeValue v) {
        return switch (v.type()) {
            case S -> "S:" + v.s();
            case N -> "N:" + number(v.n());
            case B -> "B:" + Base64.getEncoder().encodeToString(v.b().asByteArray());
            case BOOL -> "BOOL:" + v.bool();
            case NUL -> "NULL";
            case SS -> new TreeSet<>(v.ss());
            case NS -> new TreeSet<>(v.ns().stream().map(ExportToS3::number).toList());
            case BS ->
                new TreeSet<>(v.bs().stream()
                        .map(b -> Base64.getEncoder().encodeToString(b.asByteArray()))
                        .toList());
            case L -> v.l().stream().map(ExportToS3::canonical).toList();
            case M -> canonical(v.m());
            default -> fail("unknown value " + v);
        };
    }

    private static String number(String n) {
        BigDecimal d = new BigDecimal(n);
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
