package floe.server.http;

import static floe.server.http.RawHttp.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.error.InternalServerError;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.ScanRequest;
import floe.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door over raw HTTP, as a new user met it (issue #17): invalid UTF-8,
 * missing members of a batch write, the order of DynamoDB's checks, 413, the Date
 * and Server headers, CORS, malformed credentials, compression, timeouts, and what
 * the server logs and shows when it fails. Every refused request changes nothing.
 */
final class FrontDoorTest {
    private static final String TABLE = "door";
    private static final String SERIALIZATION = "{\"__type\":\"com.amazon.coral.service#SerializationException\"}";

    private FloeDb db;
    private FloeServer server;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private void start(FloeDb served, ServerConfig config) {
        db = served;
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .billingMode("PAY_PER_REQUEST")
                .build());
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(Map.of("pk", AttributeValue.s("a")))
                .build());
        server = FloeServer.start(
                db, config, new Log(Log.Level.INFO, new PrintStream(logged, true, StandardCharsets.UTF_8)));
    }

    private void start() {
        start(FloeDb.open(FloeConfig.inMemory()), ServerConfig.of("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private RawHttp connect() throws IOException {
        return new RawHttp(server.port());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** Every item of the table, as the database itself scans it. */
    private String contents() {
        return String.valueOf(
                db.scan(ScanRequest.builder().tableName(TABLE).build()).items());
    }

    private static void assertAnswer(RawHttp.Response r, int status, String body) {
        assertEquals(status, r.status(), r.text());
        assertEquals(body, r.text());
        String id = r.headers().get("x-amzn-requestid");
        assertTrue(id != null && id.matches("[A-Z0-9]{52}"), "request id " + id);
        CRC32 crc = new CRC32();
        crc.update(r.body());
        assertEquals(Long.toString(crc.getValue()), r.headers().get("x-amz-crc32"));
    }

    // 9: strict UTF-8

    @Test
    void invalidUtf8IsASerializationErrorAndNothingIsStored() throws IOException {
        start();
        String before = contents();
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong '/', three bytes
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // overlong '/', four bytes
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // CESU-8: a high surrogate half
            {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80}, // CESU-8 pair
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // U+110000
            {(byte) 0xF7, (byte) 0xBF, (byte) 0xBF, (byte) 0xBF}, // far above U+10FFFF
            {(byte) 0xFF},
            {(byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, // plainly broken
        };
        try (RawHttp http = connect()) {
            for (byte[] b : bad) {
                byte[] body = concat(utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"x"), b, utf8("\"}}}"));
                assertAnswer(http.exchange(request("PutItem", body)), 400, SERIALIZATION);
                // in a name, outside any string, and under an unknown target alike
                byte[] name = concat(
                        utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"y\"},\"n"),
                        b,
                        utf8("\":{\"S\":\"v\"}}}"));
                assertAnswer(http.exchange(request("PutItem", name)), 400, SERIALIZATION);
                assertAnswer(http.exchange(request("NoSuchOperation", name)), 400, SERIALIZATION);
            }
            for (String escape : List.of("\\ud800", "\\udc00", "\\ud800x", "\\ud800\\u0041", "\\udbff\\ud800")) {
                byte[] body = utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"" + escape + "\"}}}");
                assertAnswer(http.exchange(request("PutItem", body)), 400, SERIALIZATION);
            }
            // valid: four-byte UTF-8, a surrogate pair escaped, an escaped backslash before "ud800"
            for (String ok : List.of("\uD83D\uDE00", "\\ud83d\\ude00", "\\\\ud800", "caf\u00e9 \u20ac")) {
                byte[] body = utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"ok" + ok + "\"}}}");
                assertAnswer(http.exchange(request("PutItem", body)), 200, "{}");
            }
        }
        String after = contents();
        // the emoji sent raw and escaped is one key; the escaped backslash is kept as sent
        assertTrue(
                after.contains("ok\uD83D\uDE00") && after.contains("ok\\ud800") && after.contains("okcaf\u00e9 \u20ac"),
                after);
        assertEquals(
                4,
                db.scan(ScanRequest.builder().tableName(TABLE).build()).items().size(),
                before + " -> " + after);
    }

    // 11: members a batch write requires

    @Test
    void aBatchWriteWithoutItemOrKeyIsAValidationError() throws IOException {
        start();
        String before = contents();
        try (RawHttp http = connect()) {
            assertAnswer(
                    http.exchange(
                            request("BatchWriteItem", utf8("{\"RequestItems\":{\"door\":[{\"PutRequest\":{}}]}}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"1 validation error "
                            + "detected: Value null at 'requestItems.door.member.1.member.putRequest.item' failed to satisfy "
                            + "constraint: Member must not be null\"}");
            assertAnswer(
                    http.exchange(request(
                            "BatchWriteItem",
                            utf8("{\"RequestItems\":{\"door\":["
                                    + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b\"}}}},{\"PutRequest\":{\"Item\":null}},"
                                    + "{\"DeleteRequest\":{}}]}}"))),
                    400,
                    "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"2 validation errors "
                            + "detected: Value null at 'requestItems.door.member.2.member.putRequest.item' failed to satisfy "
                            + "constraint: Member must not be null; Value null at 'requestItems.door.member.3.member."
                            + "deleteRequest.key' failed to satisfy constraint: Member must not be null\"}");
        }
        assertEquals(before, contents());
    }

    // 13: an unexpected exception is logged once, with its stack trace; the client gets DynamoDB's 500

    @Test
    void anUnexpectedExceptionIsLoggedOnceWithItsTrace() throws IOException {
        FloeDb real = FloeDb.open(FloeConfig.inMemory());
        start(
                failing(
                        real,
                        "describeLimits",
                        () -> {
                            throw new NullPointerException("a bug");
                        },
                        new AtomicBoolean(true)),
                ServerConfig.of("127.0.0.1", 0));
        try (RawHttp http = connect()) {
            RawHttp.Response r = http.exchange(request("DescribeLimits", utf8("{}")));
            assertAnswer(
                    r,
                    500,
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                            + "\"message\":\"Internal server error\"}");
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, count(log, "java.lang.NullPointerException: a bug"), log);
        assertTrue(log.contains("\tat "), log);
    }

    // 12: writes failing on the server's side

    @Test
    void failingWritesAreLoggedOncePerEpisodeAndShownInTheHealthCheck() throws IOException {
        AtomicBoolean full = new AtomicBoolean(false);
        FloeDb real = FloeDb.open(FloeConfig.inMemory());
        start(
                failing(
                        real,
                        "putItem",
                        () -> {
                            throw new InternalServerError(
                                    "Internal server error", new java.io.IOException("the store is full"));
                        },
                        full),
                ServerConfig.of("127.0.0.1", 0).withDataDirectory(dir));
        byte[] put = utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"b\"}}}");
        try (RawHttp http = connect()) {
            full.set(true);
            for (int i = 0; i < 3; i++) {
                assertAnswer(
                        http.exchange(request("PutItem", put)),
                        500,
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                                + "\"message\":\"Internal server error\"}");
            }
            String health = http.exchange(RawHttp.raw("GET", new byte[0])).text();
            assertTrue(health.startsWith("healthy: dynamodb.us-east-1.amazonaws.com \nwrites failing since "), health);
            assertTrue(
                    health.contains("data directory " + dir.toAbsolutePath()) && health.contains("bytes free"), health);
            // reads and deletes are still served
            assertEquals(
                    200,
                    http.exchange(request("GetItem", utf8("{\"TableName\":\"door\",\"Key\":{\"pk\":{\"S\":\"a\"}}}")))
                            .status());
            assertEquals(
                    200,
                    http.exchange(request(
                                    "DeleteItem", utf8("{\"TableName\":\"door\",\"Key\":{\"pk\":{\"S\":\"a\"}}}")))
                            .status());
            assertTrue(http.exchange(RawHttp.raw("GET", new byte[0])).text().contains("writes failing since"));
            full.set(false);
            assertEquals(200, http.exchange(request("PutItem", put)).status());
            assertEquals(
                    "healthy: dynamodb.us-east-1.amazonaws.com ",
                    http.exchange(RawHttp.raw("GET", new byte[0])).text());
            full.set(true);
            assertEquals(500, http.exchange(request("PutItem", put)).status());
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(2, count(log, "writes are failing: PutItem"), log);
        // the log names the cause the engine passes along; the answer above does not
        assertEquals(2, count(log, "(java.io.IOException: the store is full)"), log);
        assertEquals(1, count(log, "INFO writes succeed again"), log);
    }

    /**
     * A store that is really full (LMDB at its maxMapSize): writes answer DynamoDB's 500
     * body, the log names the storage failure once with the data directory and its free
     * space, the health check shows it, reads and deletes are served, and once deletes
     * have made room writes succeed again, without a restart.
     */
    @Test
    void aFullStoreIsLoggedWithItsCauseAndRecoversWhenRoomReturns() throws IOException {
        Path data = dir.resolve("data");
        FloeDb full = FloeDb.open(FloeConfig.lmdb(data)
                .withBackend(
                        "lmdb",
                        Map.of("path", data.toString(), "sync", "false", "mapSize", "64k", "maxMapSize", "1m")));
        start(full, ServerConfig.of("127.0.0.1", 0).withDataDirectory(data));
        String payload = "x".repeat(60_000);
        try (RawHttp http = connect()) {
            int stored = 0;
            RawHttp.Response refused = null;
            while (refused == null && stored < 100) {
                RawHttp.Response r = http.exchange(request(
                        "PutItem",
                        utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"k" + stored + "\"},\"p\":{\"S\":\""
                                + payload + "\"}}}")));
                if (r.status() == 200) {
                    stored++;
                } else {
                    refused = r;
                }
            }
            assertNotNull(refused, "a 1 MiB store fills up");
            assertAnswer(
                    refused,
                    500,
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                            + "\"message\":\"Internal server error\"}");
            String health = http.exchange(RawHttp.raw("GET", new byte[0])).text();
            assertTrue(health.contains("writes failing since") && health.contains("StorageFullException"), health);
            assertEquals(
                    200,
                    http.exchange(request("GetItem", utf8("{\"TableName\":\"door\",\"Key\":{\"pk\":{\"S\":\"k0\"}}}")))
                            .status());
            for (int i = 0; i < stored; i += 2) {
                assertEquals(
                        200,
                        http.exchange(request(
                                        "DeleteItem",
                                        utf8("{\"TableName\":\"door\",\"Key\":{\"pk\":{\"S\":\"k" + i + "\"}}}")))
                                .status());
            }
            assertEquals(
                    200,
                    http.exchange(request(
                                    "PutItem",
                                    utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"again\"},"
                                            + "\"p\":{\"S\":\"" + payload + "\"}}}")))
                            .status());
            assertEquals(
                    "healthy: dynamodb.us-east-1.amazonaws.com ",
                    http.exchange(RawHttp.raw("GET", new byte[0])).text());
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, count(log, "writes are failing: PutItem answered InternalServerError"), log);
        assertEquals(1, count(log, "(floe.spi.storage.StorageFullException: "), log);
        assertTrue(log.contains("(lmdb option maxMapSize)"), log);
        assertTrue(log.contains("data directory " + data.toAbsolutePath() + ", ") && log.contains(" bytes free"), log);
        assertEquals(1, count(log, "INFO writes succeed again"), log);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** A database whose one method runs {@code failure} instead while {@code on} is set. */
    private static FloeDb failing(FloeDb real, String method, Runnable failure, AtomicBoolean on) {
        return (FloeDb) Proxy.newProxyInstance(
                FloeDb.class.getClassLoader(), new Class<?>[] {FloeDb.class}, (proxy, m, args) -> {
                    if (m.getName().equals(method) && on.get()) {
                        failure.run();
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    // 17: Date and Server

    @Test
    void everyAnswerCarriesDateAndServer() throws IOException {
        start();
        try (RawHttp http = connect()) {
            for (RawHttp.Response r : List.of(
                    http.exchange(request("ListTables", utf8("{}"))),
                    http.exchange(request("NoSuchOperation", utf8("{}"))),
                    http.exchange(RawHttp.raw("GET", new byte[0])))) {
                assertEquals("Server", r.headers().get("server"));
                String date = r.headers().get("date");
                assertTrue(
                        date != null
                                && date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                        date);
            }
        }
    }

    // 18: 413, also for a chunked body growing past the limit

    @Test
    void aChunkedBodyGrowingPastTheLimitGets413() throws IOException {
        start(FloeDb.open(FloeConfig.inMemory()), new ServerConfig("127.0.0.1", 0, "us-east-1", 4096, 0, 4));
        String before = contents();
        try (RawHttp http = connect()) {
            String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.PutItem\r\nX-Amz-Date: 20261121T000000Z\r\nAuthorization: "
                    + RawHttp.AUTH + "\r\nTransfer-Encoding: chunked\r\n\r\n";
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
            String start = "{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"big\"},\"v\":{\"S\":\"";
            b.writeBytes((Integer.toHexString(start.length()) + "\r\n" + start + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String chunk = "x".repeat(1000);
            for (int i = 0; i < 5; i++) {
                b.writeBytes((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
            http.send(b.toByteArray());
            RawHttp.Response r = http.read();
            assertAnswer(r, 413, "");
            assertEquals("close", r.headers().get("connection"));
            assertTrue(http.closedByServer());
        }
        assertEquals(before, contents());
    }

    // 19: DynamoDB's order of checks

    private static final String UNKNOWN_OP = "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}";

    @Test
    void checksComeInDynamoDbsOrder() throws IOException {
        start();
        String before = contents();
        String json = "Content-Type: application/x-amz-json-1.0";
        String target = "X-Amz-Target: DynamoDB_20120810.PutItem";
        String date = "X-Amz-Date: 20261121T000000Z";
        String auth = "Authorization: " + RawHttp.AUTH;
        try (RawHttp http = connect()) {
            // no body, no content type: the target, then the credentials, then the empty body
            RawHttp.Response r = http.exchange(RawHttp.raw("POST", new byte[0]));
            assertAnswer(r, 400, UNKNOWN_OP);
            assertEquals("application/json", r.headers().get("content-type"));
            assertAnswer(
                    http.exchange(RawHttp.raw("POST", new byte[0], target)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\","
                            + "\"message\":\"Request is missing Authentication Token\"}");
            assertAnswer(http.exchange(RawHttp.raw("POST", new byte[0], target, date, auth)), 400, SERIALIZATION);
            assertAnswer(http.exchange(RawHttp.raw("POST", new byte[0], json, target, date, auth)), 400, SERIALIZATION);
            // a body that is not JSON: a serialization error before the target or the credentials are looked at
            assertAnswer(http.exchange(RawHttp.raw("POST", utf8("hi"), json)), 400, SERIALIZATION);
            assertAnswer(http.exchange(RawHttp.raw("POST", utf8("{\"a\":"), json, target)), 400, SERIALIZATION);
            assertAnswer(
                    http.exchange(RawHttp.raw("POST", utf8("not json"), json, target, date, auth)), 400, SERIALIZATION);
            // JSON, but no operation: the unknown operation comes first
            assertAnswer(
                    http.exchange(RawHttp.raw("POST", utf8("{}"), json)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
            // a body with no content type, or another one, is no operation of DynamoDB's, whatever else it carries
            r = http.exchange(RawHttp.raw("POST", utf8("{}"), target, date, auth));
            assertAnswer(r, 404, "<UnknownOperationException/>\n");
            assertAnswer(http.exchange(RawHttp.raw("POST", utf8("hi"))), 404, "<UnknownOperationException/>\n");
            assertAnswer(
                    http.exchange(RawHttp.raw("POST", utf8("{}"), "Content-Type: text/plain", target, date, auth)),
                    404,
                    "<UnknownOperationException/>\n");
            // no content type and no body: the same checks as for JSON, down to the empty body
            assertAnswer(http.exchange(RawHttp.raw("POST", new byte[0], "X-Amz-Target: Nonsense")), 400, UNKNOWN_OP);
        }
        assertEquals(before, contents());
    }

    // 20: CORS only for requests with an Origin

    @Test
    void corsHeadersGoOnlyToRequestsWithAnOrigin() throws IOException {
        start();
        try (RawHttp http = connect()) {
            RawHttp.Response plain = http.exchange(request("ListTables", utf8("{}")));
            assertNull(plain.headers().get("access-control-allow-origin"));
            assertNull(plain.headers().get("access-control-expose-headers"));
            RawHttp.Response noOrigin =
                    http.exchange(RawHttp.raw("OPTIONS", new byte[0], "Access-Control-Request-Method: POST"));
            assertAnswer(noOrigin, 404, "<UnknownOperationException/>\n");
            assertNull(noOrigin.headers().get("access-control-allow-origin"));
            for (RawHttp.Response r : List.of(
                    http.exchange(request("ListTables", utf8("{}"), "Origin: http://localhost:3000")),
                    http.exchange(request("Nonsense", utf8("{}"), "Origin: http://localhost:3000")),
                    http.exchange(request(
                            "PutItem",
                            utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"\"}}}"),
                            "Origin: http://localhost:3000")))) {
                assertEquals("*", r.headers().get("access-control-allow-origin"));
                assertEquals(
                        "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date",
                        r.headers().get("access-control-expose-headers"));
            }
            RawHttp.Response preflight = http.exchange(RawHttp.raw(
                    "OPTIONS",
                    new byte[0],
                    "Origin: whatever",
                    "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: a, b, c"));
            assertAnswer(preflight, 200, "");
            assertEquals("*", preflight.headers().get("access-control-allow-origin"));
            assertEquals("POST", preflight.headers().get("access-control-allow-methods"));
            assertEquals("a, b, c", preflight.headers().get("access-control-allow-headers"));
            assertEquals("172800", preflight.headers().get("access-control-max-age"));
        }
    }

    // 21: malformed credentials

    @Test
    void malformedDatesAndScopesAreRefused() throws IOException {
        start();
        String before = contents();
        byte[] body = utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"b\"}}}");
        String json = "Content-Type: application/x-amz-json-1.0";
        String target = "X-Amz-Target: DynamoDB_20120810.PutItem";
        String auth = "Authorization: " + RawHttp.AUTH;
        try (RawHttp http = connect()) {
            for (String date : List.of(
                    "yesterday",
                    "Sat, 21 Nov 2026 00:00:00 GMT",
                    "20261121",
                    "20261121T000000",
                    "20261321T000000Z",
                    "20261131T000000Z",
                    "20261121T250000Z",
                    "2026-11-21T00:00:00Z")) {
                assertAnswer(
                        http.exchange(RawHttp.raw("POST", body, json, target, "X-Amz-Date: " + date, auth)),
                        400,
                        "{\"__type\":\"com.amazon.coral.service#IncompleteSignatureException\",\"message\":\"Date must be in "
                                + "ISO-8601 'basic format'. Got '" + date
                                + "'. See http://en.wikipedia.org/wiki/ISO_8601\"}");
            }
            // an empty X-Amz-Date is none at all
            assertAnswer(
                    http.exchange(RawHttp.raw("POST", body, json, target, "X-Amz-Date: ", auth)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#IncompleteSignatureException\",\"message\":\"Authorization header "
                            + "requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="
                            + RawHttp.AUTH + "\"}");
            // the scope's date must be the request's day
            String otherDay = RawHttp.AUTH.replace("/20261121/", "/20261120/");
            assertAnswer(
                    http.exchange(RawHttp.raw(
                            "POST", body, json, target, "X-Amz-Date: 20261121T000000Z", "Authorization: " + otherDay)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","
                            + "\"message\":\"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
                            + "HTTP: '20261120' != '20261121', from '20261121T000000Z'.\"}");
            String noDay = RawHttp.AUTH.replace("/20261121/", "//");
            assertAnswer(
                    http.exchange(RawHttp.raw(
                            "POST", body, json, target, "X-Amz-Date: 20261121T000000Z", "Authorization: " + noDay)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","
                            + "\"message\":\"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
                            + "HTTP: '' != '20261121', from '20261121T000000Z'.\"}");
            String noKey = RawHttp.AUTH.replace("AKIDEXAMPLE/", "/");
            assertAnswer(
                    http.exchange(RawHttp.raw(
                            "POST", body, json, target, "X-Amz-Date: 20261121T000000Z", "Authorization: " + noKey)),
                    400,
                    "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\","
                            + "\"message\":\"The security token included in the request is invalid.\"}");
            // HTTP's own Date header, in its own format, when there is no X-Amz-Date
            assertAnswer(
                    http.exchange(RawHttp.raw("POST", body, json, target, "Date: Sat, 21 Nov 2026 00:00:00 GMT", auth)),
                    200,
                    "{}");
        }
        assertEquals(
                2,
                db.scan(ScanRequest.builder().tableName(TABLE).build()).items().size(),
                before);
    }

    // 16: compression when asked, above the threshold

    @Test
    void largeAnswersAreCompressedWhenTheClientAsks() throws IOException {
        start();
        for (int i = 0; i < 40; i++) {
            db.putItem(PutItemRequest.builder()
                    .tableName(TABLE)
                    .item(Map.of("pk", AttributeValue.s("k" + i), "v", AttributeValue.s("value ".repeat(50))))
                    .build());
        }
        byte[] scan = utf8("{\"TableName\":\"door\"}");
        try (RawHttp http = connect()) {
            RawHttp.Response identity = http.exchange(request("Scan", scan));
            assertNull(identity.headers().get("content-encoding"));
            String expected = identity.text();
            for (String accept : List.of("gzip", "gzip, deflate", "deflate;q=0.5, gzip;q=1", "br, *")) {
                RawHttp.Response r = http.exchange(request("Scan", scan, "Accept-Encoding: " + accept));
                assertAnswer(r, 200, r.text()); // the CRC32 is of the bytes sent, compressed
                assertEquals("gzip", r.headers().get("content-encoding"), accept);
                assertTrue(r.body().length < expected.length() / 2);
                assertEquals(
                        expected,
                        new String(
                                new GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(),
                                StandardCharsets.UTF_8));
            }
            RawHttp.Response deflated = http.exchange(request("Scan", scan, "Accept-Encoding: deflate"));
            assertEquals("deflate", deflated.headers().get("content-encoding"));
            assertEquals(
                    expected,
                    new String(
                            new InflaterInputStream(new java.io.ByteArrayInputStream(deflated.body())).readAllBytes(),
                            StandardCharsets.UTF_8));
            for (String refused : List.of("identity", "gzip;q=0", "br")) {
                assertNull(http.exchange(request("Scan", scan, "Accept-Encoding: " + refused))
                        .headers()
                        .get("content-encoding"));
            }
            // a small answer is sent as it is
            RawHttp.Response small = http.exchange(request(
                    "GetItem",
                    utf8("{\"TableName\":\"door\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"),
                    "Accept-Encoding: gzip"));
            assertNull(small.headers().get("content-encoding"));
            assertEquals("{\"Item\":{\"pk\":{\"S\":\"a\"}}}", small.text());
        }
    }

    // 15: timeouts

    /** True if the server closed the connection (end of stream, or a reset); a read timing out fails. */
    private static boolean closed(RawHttp http) throws IOException {
        try {
            return http.closedByServer();
        } catch (java.net.SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return true;
        }
    }

    private void startWithShortTimeouts(int maxConnections) {
        start(
                FloeDb.open(FloeConfig.inMemory()),
                ServerConfig.of("127.0.0.1", 0).withTimeouts(new ServerConfig.Timeouts(300, 300, 600, maxConnections)));
    }

    @Test
    void halfSentRequestsAreClosed() throws IOException {
        startWithShortTimeouts(100);
        String before = contents();
        try (RawHttp http = connect()) {
            http.send(utf8("POST / HT"));
            assertTrue(closed(http));
        }
        try (RawHttp http = connect()) {
            byte[] whole = request("PutItem", utf8("{\"TableName\":\"door\",\"Item\":{\"pk\":{\"S\":\"half\"}}}"));
            http.send(java.util.Arrays.copyOf(whole, whole.length - 1));
            assertTrue(closed(http));
        }
        try (RawHttp http = connect()) {
            // headers trickled a byte at a time, each within the read timeout, but past the header timeout all told
            byte[] head = utf8("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "x".repeat(40));
            boolean closed = false;
            for (int i = 0; i < head.length && !closed; i++) {
                try {
                    http.send(new byte[] {head[i]});
                    Thread.sleep(50);
                } catch (IOException e) {
                    closed = true;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            assertTrue(closed || closed(http));
        }
        assertEquals(before, contents());
    }

    @Test
    void idleConnectionsAreClosedAndBusyOnesAreNot() throws IOException, InterruptedException {
        startWithShortTimeouts(100);
        byte[] get = request("GetItem", utf8("{\"TableName\":\"door\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"));
        try (RawHttp http = connect()) {
            // requests spaced within the idle timeout keep the connection
            for (int i = 0; i < 5; i++) {
                assertEquals(200, http.exchange(get).status());
                Thread.sleep(200);
            }
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws IOException {
        startWithShortTimeouts(2);
        byte[] get = request("GetItem", utf8("{\"TableName\":\"door\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"));
        try (RawHttp a = connect();
                RawHttp b = connect()) {
            assertEquals(200, a.exchange(get).status());
            assertEquals(200, b.exchange(get).status());
            try (RawHttp c = connect()) {
                boolean refused;
                try {
                    c.send(get);
                    refused = closed(c);
                } catch (IOException e) {
                    refused = true;
                }
                assertTrue(refused);
            }
            assertEquals(200, a.exchange(get).status());
        }
        // once they close, there is room again
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (RawHttp d = connect()) {
                d.send(get);
                RawHttp.Response r = d.read();
                assertEquals(200, r.status());
                break;
            } catch (IOException e) {
                assertFalse(System.nanoTime() > deadline, "no room after the other connections closed");
            }
        }
    }

    @Test
    void aSocketThatSendsNothingIsClosed() throws IOException {
        startWithShortTimeouts(100);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            assertEquals(-1, s.getInputStream().read());
        }
    }
}
