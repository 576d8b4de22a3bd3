package floe.server.http;

import static floe.server.http.RawHttp.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.TableDescription;
import floe.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The protocol's edge cases over real HTTP: each bad request gets DynamoDB's error
 * (type, status, message) and changes nothing; every response carries a request id
 * and a correct CRC32.
 */
final class ProtocolEdgeCaseTest {
    private static final String TABLE = "edges";
    private static final Map<String, AttributeValue> KEY = Map.of("pk", new AttributeValue.S("a"));
    private static final Map<String, AttributeValue> ITEM = ordered();

    private static Map<String, AttributeValue> ordered() {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        item.put("pk", new AttributeValue.S("a"));
        item.put("v", AttributeValue.n(1));
        return item;
    }

    private FloeDb db;
    private FloeServer server;

    @BeforeEach
    void start() {
        db = FloeDb.open(FloeConfig.inMemory());
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .billingMode("PAY_PER_REQUEST")
                .build());
        db.putItem(PutItemRequest.builder().tableName(TABLE).item(ITEM).build());
        server = FloeServer.start(db, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.OFF, System.err));
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private RawHttp connect() throws IOException {
        return new RawHttp(server.port());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The table still holds exactly the one item it started with. */
    private void assertUnchanged() {
        assertEquals(
                ITEM,
                db.getItem(GetItemRequest.builder().tableName(TABLE).key(KEY).build())
                        .item());
        TableDescription t =
                db.describeTable(new floe.api.model.DescribeTableRequest(TABLE)).table();
        assertEquals(1L, t.itemCount());
    }

    private static void assertError(RawHttp.Response r, int status, String body) {
        assertEquals(status, r.status(), r.text());
        assertEquals(body, r.text());
        assertWellFormed(r);
    }

    private static void assertWellFormed(RawHttp.Response r) {
        String id = r.headers().get("x-amzn-requestid");
        assertTrue(id != null && id.matches("[A-Z0-9]{52}"), "request id " + id);
        CRC32 crc = new CRC32();
        crc.update(r.body());
        assertEquals(Long.toString(crc.getValue()), r.headers().get("x-amz-crc32"));
    }

    @Test
    void aValidRequestIsAnsweredWithItsHeaders() throws IOException {
        try (RawHttp http = connect()) {
            RawHttp.Response r =
                    http.exchange(request("GetItem", utf8("{\"TableName\":\"edges\",\"Key\":{\"pk\":{\"S\":\"a\"}}}")));
            assertEquals(200, r.status());
            assertEquals("{\"Item\":{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"1\"}}}", r.text());
            assertEquals("application/x-amz-json-1.0", r.headers().get("content-type"));
            assertWellFormed(r);
        }
    }

    @Test
    void malformedAndTruncatedJsonAreSerializationErrors() throws IOException {
        try (RawHttp http = connect()) {
            for (String body : List.of(
                    "{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"b\"}",
                    "{\"TableName\" \"edges\"}",
                    "not json",
                    "",
                    "[]",
                    "{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"b\"}}} trailing")) {
                assertError(
                        http.exchange(request("PutItem", utf8(body))),
                        400,
                        "{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
            }
        }
        assertUnchanged();
    }

    @Test
    void wrongJsonTypesGetCoralsMessages() throws IOException {
        try (RawHttp http = connect()) {
            assertError(
                    http.exchange(request("PutItem", utf8("{\"TableName\":5,\"Item\":{\"pk\":{\"S\":\"b\"}}}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#SerializationException\","
                            + "\"Message\":\"NUMBER_VALUE can not be converted to a String\"}");
            assertError(
                    http.exchange(request("PutItem", utf8("{\"TableName\":true}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#SerializationException\","
                            + "\"Message\":\"TRUE_VALUE can not be converted to a String\"}");
            assertError(
                    http.exchange(request("PutItem", utf8("{\"TableName\":\"edges\",\"Item\":[1]}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#SerializationException\","
                            + "\"Message\":\"Start of list found where not expected\"}");
            assertError(
                    http.exchange(request("PutItem", utf8("{\"TableName\":{\"a\":1}}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#SerializationException\","
                            + "\"Message\":\"Start of structure or map found where not expected.\"}");
            assertError(
                    http.exchange(request("Scan", utf8("{\"TableName\":\"edges\",\"Limit\":\"ten\"}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#SerializationException\","
                            + "\"Message\":\"STRING_VALUE can not be converted to an Integer\"}");
            assertError(
                    http.exchange(request(
                            "PutItem", utf8("{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"b\"},\"x\":{}}}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"1 validation error "
                            + "detected: Supplied AttributeValue is empty, must contain exactly one of the supported "
                            + "datatypes\"}");
            assertError(
                    http.exchange(request(
                            "PutItem", utf8("{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"b\",\"N\":\"1\"}}}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"1 validation error "
                            + "detected: Supplied AttributeValue has more than one datatypes set, must contain exactly "
                            + "one of the supported datatypes\"}");
            assertError(
                    http.exchange(request(
                            "PutItem",
                            utf8("{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"b\"},\"n\":{\"NULL\":false}}}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"1 validation error "
                            + "detected: One or more parameter values were invalid: Null attribute value types must "
                            + "have the value of true\"}");
        }
        assertUnchanged();
    }

    /**
     * An invalid value is reported before the table is looked up (the tables here do not
     * exist), worded as the operation's layer does: in context (ExclusiveStartKey,
     * ExpressionAttributeValues) in the older layer (Scan), bare in Query, in the
     * constraint envelope in UpdateItem (dynalite's validation tests and the public
     * conformance captures of 2026, both against DynamoDB).
     */
    @Test
    void invalidValuesAreReportedInContextBeforeTheTable() throws IOException {
        String validation = "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"";
        try (RawHttp http = connect()) {
            assertError(
                    http.exchange(
                            request("Scan", utf8("{\"TableName\":\"missing\",\"ExclusiveStartKey\":{\"pk\":{}}}"))),
                    400,
                    validation + "The provided starting key is invalid: Supplied AttributeValue is empty, must contain "
                            + "exactly one of the supported datatypes\"}");
            assertError(
                    http.exchange(request(
                            "Query",
                            utf8("{\"TableName\":\"missing\",\"KeyConditionExpression\":\"pk = :p\","
                                    + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},"
                                    + "\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\",\"N\":\"1\"}}}"))),
                    400,
                    validation + "Supplied AttributeValue has more than one "
                            + "datatypes set, must contain exactly one of the supported datatypes\"}");
            assertError(
                    http.exchange(request(
                            "Scan",
                            utf8("{\"TableName\":\"missing\",\"FilterExpression\":\"a = :v\","
                                    + "\"ExpressionAttributeValues\":{\":v\":{}}}"))),
                    400,
                    validation + "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, "
                            + "must contain exactly one of the supported datatypes for key :v\"}");
            assertError(
                    http.exchange(request(
                            "UpdateItem",
                            utf8("{\"TableName\":\"missing\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                                    + "\"UpdateExpression\":\"SET a = :v\","
                                    + "\"ExpressionAttributeValues\":{\":v\":{\"NULL\":false}}}"))),
                    400,
                    validation + "1 validation error detected: One or more parameter values were "
                            + "invalid: Null attribute value types must have the value of true\"}");
            // a missing table is reported once the values are valid
            RawHttp.Response missing = http.exchange(
                    request("Scan", utf8("{\"TableName\":\"missing\",\"ExclusiveStartKey\":{\"pk\":{\"S\":\"a\"}}}")));
            assertEquals(400, missing.status());
            assertTrue(missing.text().contains("#ResourceNotFoundException"), missing.text());
        }
        assertUnchanged();
    }

    @Test
    void authorizationIsRequiredAndMustBeWellFormed() throws IOException {
        byte[] body = utf8("{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"b\"}}}");
        String[] common = {
            "Content-Type: application/x-amz-json-1.0",
            "X-Amz-Target: DynamoDB_20120810.PutItem",
            "X-Amz-Date: 20261121T000000Z"
        };
        try (RawHttp http = connect()) {
            assertError(
                    http.exchange(RawHttp.raw("POST", body, common)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\","
                            + "\"message\":\"Request is missing Authentication Token\"}");
            String garbled = "AWS4-HMAC-SHA256 garbage";
            assertError(
                    http.exchange(
                            RawHttp.raw("POST", body, common[0], common[1], common[2], "Authorization: " + garbled)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#IncompleteSignatureException\",\"message\":\"Authorization "
                            + "header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                            + "Authorization header requires 'SignedHeaders' parameter. Authorization=" + garbled
                            + "\"}");
            String wrongService = RawHttp.AUTH.replace("/dynamodb/", "/s3/");
            assertError(
                    http.exchange(RawHttp.raw(
                            "POST", body, common[0], common[1], common[2], "Authorization: " + wrongService)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","
                            + "\"message\":\"Credential should be scoped to correct service: 'dynamodb'.\"}");
            String shortScope = RawHttp.AUTH.replace("AKIDEXAMPLE/", "");
            assertEquals(
                    400,
                    http.exchange(RawHttp.raw(
                                    "POST", body, common[0], common[1], common[2], "Authorization: " + shortScope))
                            .status());
        }
        assertUnchanged();
    }

    @Test
    void unknownTargetsAreUnknownOperations() throws IOException {
        try (RawHttp http = connect()) {
            for (String op : List.of("Frobnicate", "putitem")) {
                assertError(
                        http.exchange(request(op, utf8("{}"))),
                        400,
                        "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
            }
            assertError(
                    http.exchange(RawHttp.raw(
                            "POST",
                            utf8("{}"),
                            "Content-Type: application/x-amz-json-1.0",
                            "X-Amz-Target: Nonsense",
                            "X-Amz-Date: 20261121T000000Z",
                            "Authorization: " + RawHttp.AUTH)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
        }
        assertUnchanged();
    }

    @Test
    void gzipBodiesAreAccepted() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            z.write(utf8("{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"zipped\"}}}"));
        }
        try (RawHttp http = connect()) {
            RawHttp.Response r = http.exchange(request("PutItem", zipped.toByteArray(), "Content-Encoding: gzip"));
            assertEquals(200, r.status(), r.text());
            assertEquals("{}", r.text());
        }
        assertEquals(
                Map.of("pk", new AttributeValue.S("zipped")),
                db.getItem(GetItemRequest.builder()
                                .tableName(TABLE)
                                .key(Map.of("pk", new AttributeValue.S("zipped")))
                                .build())
                        .item());
    }

    @Test
    void aCorruptGzipBodyIsASerializationError() throws IOException {
        byte[] notGzip = utf8("this is not a gzip stream at all, just bytes");
        try (RawHttp http = connect()) {
            RawHttp.Response r = http.exchange(request("PutItem", notGzip, "Content-Encoding: gzip"));
            assertError(r, 400, "{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
            assertTrue(http.closedByServer());
        }
        assertUnchanged();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws IOException {
        try (RawHttp http = connect()) {
            // Only the headers go out: the server answers from Content-Length alone, then closes.
            String headers = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.PutItem\r\nX-Amz-Date: 20261121T000000Z\r\nAuthorization: "
                    + RawHttp.AUTH + "\r\nContent-Length: " + (ServerConfig.MAX_BODY_BYTES + 1) + "\r\n\r\n";
            RawHttp.Response r = http.exchange(headers.getBytes(StandardCharsets.ISO_8859_1));
            // DynamoDB's front end answers 413 with no body.
            assertEquals(413, r.status());
            assertEquals("", r.text());
            assertWellFormed(r);
            assertTrue(http.closedByServer());
        }
        assertUnchanged();
    }

    @Test
    void aGzipBombIsRefusedAfterDecompression() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            z.write(utf8("{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"b\"},\"pad\":{\"S\":\""));
            byte[] pad = new byte[1 << 20];
            java.util.Arrays.fill(pad, (byte) 'x');
            for (int i = 0; i < 17; i++) {
                z.write(pad);
            }
            z.write(utf8("\"}}}"));
        }
        try (RawHttp http = connect()) {
            RawHttp.Response r = http.exchange(request("PutItem", zipped.toByteArray(), "Content-Encoding: gzip"));
            assertEquals(400, r.status());
            assertTrue(r.text().contains("SerializationException"), r.text());
        }
        assertUnchanged();
    }

    @Test
    void healthCheckAndCorsPreflightAreAnsweredUnsigned() throws IOException {
        try (RawHttp http = connect()) {
            RawHttp.Response health = http.exchange(RawHttp.raw("GET", new byte[0]));
            assertEquals(200, health.status());
            assertEquals("healthy: dynamodb.us-east-1.amazonaws.com ", health.text());
            RawHttp.Response preflight = http.exchange(RawHttp.raw(
                    "OPTIONS",
                    new byte[0],
                    "Origin: http://localhost:3000",
                    "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: authorization,content-type,x-amz-date,x-amz-target"));
            assertEquals(200, preflight.status());
            assertEquals("*", preflight.headers().get("access-control-allow-origin"));
            assertEquals(
                    "authorization,content-type,x-amz-date,x-amz-target",
                    preflight.headers().get("access-control-allow-headers"));
            assertTrue(preflight.headers().get("access-control-allow-methods").contains("POST"));
            RawHttp.Response post = http.exchange(request(
                    "GetItem",
                    utf8("{\"TableName\":\"edges\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"),
                    "Origin: http://localhost:3000"));
            assertEquals("*", post.headers().get("access-control-allow-origin"));
            assertTrue(post.headers().get("access-control-expose-headers").contains("x-amzn-RequestId"));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RawHttp http = connect()) {
            // A write (which runs off the I/O thread) followed at once by reads of what it wrote.
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 20; i++) {
                burst.writeBytes(request(
                        "PutItem",
                        utf8("{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"p" + i + "\"},\"n\":{\"N\":\"" + i
                                + "\"}}}")));
                burst.writeBytes(
                        request("GetItem", utf8("{\"TableName\":\"edges\",\"Key\":{\"pk\":{\"S\":\"p" + i + "\"}}}")));
            }
            http.send(burst.toByteArray());
            for (int i = 0; i < 20; i++) {
                assertEquals("{}", http.read().text());
                assertEquals(
                        "{\"Item\":{\"pk\":{\"S\":\"p" + i + "\"},\"n\":{\"N\":\"" + i + "\"}}}",
                        http.read().text());
            }
        }
    }

    @Test
    void errorsCarryTheirFields() throws IOException {
        try (RawHttp http = connect()) {
            RawHttp.Response r = http.exchange(
                    request(
                            "PutItem",
                            utf8(
                                    "{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
                                            + "\"ConditionExpression\":\"attribute_not_exists(pk)\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}")));
            assertError(
                    r,
                    400,
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                            + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"1\"}}}");
            RawHttp.Response t = http.exchange(request(
                    "TransactWriteItems",
                    utf8("{\"TransactItems\":["
                            + "{\"Put\":{\"TableName\":\"edges\",\"Item\":{\"pk\":{\"S\":\"new\"}}}},"
                            + "{\"ConditionCheck\":{\"TableName\":\"edges\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                            + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}}]}")));
            assertError(
                    t,
                    400,
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                            + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons "
                            + "[None, ConditionalCheckFailed]\",\"CancellationReasons\":[{\"Code\":\"None\"},"
                            + "{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed\"}]}");
            assertError(
                    http.exchange(request("DescribeTable", utf8("{\"TableName\":\"nope\"}"))),
                    400,
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                            + "\"message\":\"Requested resource not found: Table: nope not found\"}");
        }
        assertUnchanged();
    }

    @Test
    void aPortInUseIsRefusedWithAPlainError() {
        java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.io.UncheckedIOException.class,
                () -> FloeServer.start(
                        db, ServerConfig.of("127.0.0.1", server.port()), new Log(Log.Level.OFF, System.err)));
        assertTrue(
                e.getCause().getMessage().contains("Address already in use"),
                e.getCause().getMessage());
    }

    @Test
    void nonPostAndNonJsonRequestsAreNotOperations() throws IOException {
        try (RawHttp http = connect()) {
            RawHttp.Response r = http.exchange(RawHttp.raw(
                    "POST", utf8("{}"), "Content-Type: text/plain", "X-Amz-Target: DynamoDB_20120810.ListTables"));
            assertEquals(404, r.status());
            assertEquals("<UnknownOperationException/>\n", r.text());
            assertEquals(
                    404,
                    http.exchange(RawHttp.raw("PUT", utf8("{}"), "Content-Type: application/x-amz-json-1.0"))
                            .status());
        }
    }
}
