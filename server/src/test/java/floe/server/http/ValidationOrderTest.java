package floe.server.http;

import static floe.server.http.RawHttp.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.ScanRequest;
import floe.server.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB's order of checks for a request body, over raw HTTP: serialization errors
 * (JSON syntax, a member of the wrong JSON type, bad base64) before the declared
 * constraints ("N validation errors detected: ..."), and those before an invalid
 * attribute value, for every operation whose request carries attribute values. A
 * refused request changes nothing.
 */
final class ValidationOrderTest {
    private static final String TABLE = "order";
    private static final String BAD_NAME =
            "1 validation error detected: Value 'bad!name' at 'tableName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
    private static final String NOT_NUMERIC = "The parameter cannot be converted to a numeric value: abc";
    private static final String VALIDATION = "com.amazon.coral.validate#ValidationException";
    private static final String SERIALIZATION = "com.amazon.coral.service#SerializationException";

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
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(Map.of("pk", new AttributeValue.S("a"), "v", AttributeValue.n(1)))
                .build());
        server = FloeServer.start(db, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.OFF, System.err));
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    /**
     * For each operation, a body whose table name breaks its pattern (a declared
     * constraint) and whose {@code %s} slot holds an invalid attribute value.
     */
    private static final Map<String, String> BODIES = Map.of(
            "PutItem",
            "{\"TableName\":\"%t\",\"Item\":{\"pk\":{\"S\":\"b\"},\"n\":%s}}",
            "GetItem",
            "{\"TableName\":\"%t\",\"Key\":{\"pk\":%s}}",
            "UpdateItem",
            "{\"TableName\":\"%t\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"UpdateExpression\":\"SET v = :v\","
                    + "\"ExpressionAttributeValues\":{\":v\":%s}}",
            "DeleteItem",
            "{\"TableName\":\"%t\",\"Key\":{\"pk\":%s}}",
            "Query",
            "{\"TableName\":\"%t\",\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":{\":p\":%s}}",
            "Scan",
            "{\"TableName\":\"%t\",\"ExclusiveStartKey\":{\"pk\":%s}}",
            "BatchGetItem",
            "{\"RequestItems\":{\"%t\":{\"Keys\":[{\"pk\":%s}]}}}",
            "BatchWriteItem",
            "{\"RequestItems\":{\"%t\":[{\"PutRequest\":{\"Item\":{\"pk\":%s}}}]}}",
            "TransactWriteItems",
            "{\"TransactItems\":[{\"Put\":{\"TableName\":\"%t\",\"Item\":{\"pk\":%s}}}]}",
            "TransactGetItems",
            "{\"TransactItems\":[{\"Get\":{\"TableName\":\"%t\",\"Key\":{\"pk\":%s}}}]}");

    /**
     * What each operation answers when only the value is wrong, in DynamoDB's two layers:
     * PutItem, UpdateItem and DeleteItem in the constraint envelope; GetItem, BatchGetItem
     * and Query bare; the older layer bare but in context.
     */
    private static final Map<String, String> VALUE_ERRORS = Map.of(
            "PutItem", "1 validation error detected: " + NOT_NUMERIC,
            "GetItem", NOT_NUMERIC,
            "UpdateItem", "1 validation error detected: " + NOT_NUMERIC,
            "DeleteItem", "1 validation error detected: " + NOT_NUMERIC,
            "Query", NOT_NUMERIC,
            "Scan", "The provided starting key is invalid: " + NOT_NUMERIC,
            "BatchGetItem", NOT_NUMERIC,
            "BatchWriteItem", NOT_NUMERIC,
            "TransactWriteItems", NOT_NUMERIC,
            "TransactGetItems", NOT_NUMERIC);

    private static String body(String op, String table, String value) {
        return BODIES.get(op).replace("%t", table).replace("%s", value);
    }

    private RawHttp.Response send(RawHttp http, String op, String body) throws IOException {
        return http.exchange(request(op, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertAnswer(RawHttp.Response r, String type, String message) {
        assertEquals(400, r.status(), r.text());
        String expected = message == null
                ? "{\"__type\":\"" + type + "\"}"
                // Coral's serialization errors spell the member Message
                : "{\"__type\":\"" + type + "\",\"" + (type.equals(SERIALIZATION) ? "Message" : "message") + "\":\""
                        + message + "\"}";
        assertEquals(expected, r.text());
    }

    private void assertUnchanged() {
        assertEquals(
                List.of(Map.of("pk", new AttributeValue.S("a"), "v", AttributeValue.n(1))),
                db.scan(ScanRequest.builder().tableName(TABLE).build()).items());
    }

    @Test
    void constraintsComeBeforeAnInvalidValueInEveryOperation() throws IOException {
        try (RawHttp http = new RawHttp(server.port())) {
            for (String op : BODIES.keySet()) {
                RawHttp.Response both = send(http, op, body(op, "bad!name", "{\"N\":\"abc\"}"));
                if (op.startsWith("Batch")) {
                    // a batch's table names are the keys of RequestItems: one violation of the map
                    assertEquals(400, both.status(), op);
                    assertEquals(true, both.text().contains("1 validation error detected: Value '"), both.text());
                    assertEquals(true, both.text().contains("at 'requestItems' failed to satisfy"), both.text());
                } else {
                    assertAnswer(both, VALIDATION, BAD_NAME);
                }
                // the value alone: its own error, where DynamoDB reports it
                assertAnswer(send(http, op, body(op, TABLE, "{\"N\":\"abc\"}")), VALIDATION, VALUE_ERRORS.get(op));
            }
        }
        assertUnchanged();
    }

    @Test
    void aMissingRequiredMemberComesBeforeAnInvalidValue() throws IOException {
        try (RawHttp http = new RawHttp(server.port())) {
            assertAnswer(
                    send(http, "PutItem", "{\"Item\":{\"pk\":{\"S\":\"b\"},\"s\":{\"SS\":[\"x\",\"x\"]}}}"),
                    VALIDATION,
                    "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
                            + "Member must not be null");
            // two violations and an empty value: both violations, in one message
            assertAnswer(
                    send(
                            http,
                            "DeleteItem",
                            "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{}},\"ReturnValues\":\"SOME\","
                                    + "\"ReturnConsumedCapacity\":\"ALL\"}"),
                    VALIDATION,
                    "2 validation errors detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]; "
                            + "Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: "
                            + "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
            // Query's Limit and a bad starting key; Scan's Segment and a bad value in its filter
            assertAnswer(
                    send(
                            http,
                            "Query",
                            "{\"TableName\":\"" + TABLE + "\",\"Limit\":0,\"KeyConditionExpression\":\"pk = :p\","
                                    + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}},"
                                    + "\"ExclusiveStartKey\":{\"pk\":{\"NULL\":false}}}"),
                    VALIDATION,
                    "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 1");
            assertAnswer(
                    send(
                            http,
                            "TransactWriteItems",
                            "{\"TransactItems\":[{\"Put\":{\"TableName\":\"" + TABLE
                                    + "\",\"Item\":{\"pk\":{\"S\":\"b\","
                                    + "\"N\":\"1\"}}}},{\"Delete\":{\"TableName\":\"" + TABLE + "\"}}]}"),
                    VALIDATION,
                    "1 validation error detected: Value null at 'transactItems.member.delete.key' failed to satisfy "
                            + "constraint: Member must not be null");
        }
        assertUnchanged();
    }

    @Test
    void serializationErrorsComeFirstWhereverTheyAre() throws IOException {
        try (RawHttp http = new RawHttp(server.port())) {
            // a wrong JSON type beats a constraint
            assertAnswer(
                    send(http, "PutItem", "{\"TableName\":\"bad!name\",\"Item\":{\"pk\":{\"S\":5}}}"),
                    SERIALIZATION,
                    "NUMBER_VALUE can not be converted to a String");
            // and an invalid value met before it: the whole body is read first
            assertAnswer(
                    send(
                            http,
                            "PutItem",
                            "{\"Item\":{\"a\":{\"N\":\"abc\"},\"b\":{\"M\":{\"c\":{\"SS\":[\"x\",\"x\"]},"
                                    + "\"d\":{\"BOOL\":\"yes\"}}}},\"TableName\":\"bad!name\"}"),
                    SERIALIZATION,
                    "STRING_VALUE can not be converted to a Boolean");
            // bad base64 is the deserializer's too
            assertAnswer(
                    send(http, "GetItem", "{\"TableName\":\"bad!name\",\"Key\":{\"pk\":{\"B\":\"abc\"}}}"),
                    SERIALIZATION,
                    "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
            // a syntax error after an invalid value
            assertAnswer(
                    send(http, "PutItem", "{\"TableName\":\"bad!name\",\"Item\":{\"a\":{\"N\":\"abc\"}}"),
                    SERIALIZATION,
                    null);
            // of several invalid values, the first is reported
            assertAnswer(
                    send(
                            http,
                            "PutItem",
                            "{\"TableName\":\"" + TABLE
                                    + "\",\"Item\":{\"pk\":{\"S\":\"b\"},\"a\":{\"NS\":[\"1\",\"1\"]},"
                                    + "\"b\":{\"N\":\"abc\"}}}"),
                    VALIDATION,
                    "1 validation error detected: One or more parameter values were invalid: "
                            + "Input collection contains duplicates.");
        }
        assertUnchanged();
    }
}
