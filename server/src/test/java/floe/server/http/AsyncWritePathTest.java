package floe.server.http;

import static floe.server.http.RawHttp.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item writes over a durable store, over real HTTP: the I/O thread hands them to the committer,
 * whose completion answers them. Answers keep the order of pipelined requests, and every
 * failure, before the hand-off or after the commit, is DynamoDB's error.
 */
final class AsyncWritePathTest {
    private static final String TABLE = "writes";

    @TempDir
    Path directory;

    private FloeDb db;
    private FloeServer server;

    @BeforeEach
    void start() {
        db = FloeDb.open(FloeConfig.lmdb(directory));
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .billingMode("PAY_PER_REQUEST")
                .build());
        server = FloeServer.start(db, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.OFF, System.err));
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] put(String pk, String condition) {
        return request(
                "PutItem",
                utf8("{\"TableName\":\"" + TABLE + "\",\"Item\":{\"pk\":{\"S\":\"" + pk + "\"}}"
                        + (condition == null ? "" : ",\"ConditionExpression\":\"" + condition + "\"") + "}"));
    }

    private static byte[] get(String pk) {
        return request("GetItem", utf8("{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"" + pk + "\"}}}"));
    }

    @Test
    void pipelinedWritesAndReadsAreAnsweredInOrderAndEachReadSeesTheWriteBeforeIt() throws IOException {
        try (RawHttp http = new RawHttp(server.port())) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 30; i++) {
                burst.writeBytes(request(
                        "UpdateItem",
                        utf8("{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"counter\"}},"
                                + "\"UpdateExpression\":\"ADD n :one\","
                                + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
                                + "\"ReturnValues\":\"UPDATED_NEW\"}")));
                burst.writeBytes(get("counter"));
            }
            http.send(burst.toByteArray());
            for (int i = 1; i <= 30; i++) {
                assertEquals(
                        "{\"Attributes\":{\"n\":{\"N\":\"" + i + "\"}}}",
                        http.read().text());
                assertEquals(
                        "{\"Item\":{\"pk\":{\"S\":\"counter\"},\"n\":{\"N\":\"" + i + "\"}}}",
                        http.read().text());
            }
        }
    }

    @Test
    void aFailureAfterTheHandOffAndOneBeforeItAreDynamoDbsErrors() throws IOException {
        try (RawHttp http = new RawHttp(server.port())) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(put("a", null));
            // refused by the committer: the item exists
            burst.writeBytes(put("a", "attribute_not_exists(pk)"));
            // refused on the I/O thread: no such table
            burst.writeBytes(request("PutItem", utf8("{\"TableName\":\"missing\",\"Item\":{\"pk\":{\"S\":\"a\"}}}")));
            // refused on the I/O thread: a key attribute of the wrong type
            burst.writeBytes(
                    request("DeleteItem", utf8("{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"N\":\"1\"}}}")));
            burst.writeBytes(request(
                    "BatchWriteItem",
                    utf8("{\"RequestItems\":{\"" + TABLE + "\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b\"}}}},"
                            + "{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"a\"}}}}]}}")));
            burst.writeBytes(get("a"));
            burst.writeBytes(get("b"));
            http.send(burst.toByteArray());

            RawHttp.Response first = http.read();
            assertEquals(200, first.status());
            assertEquals("{}", first.text());

            RawHttp.Response condition = http.read();
            assertEquals(400, condition.status());
            assertEquals(
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                            + "\"message\":\"The conditional request failed\"}",
                    condition.text());

            RawHttp.Response missing = http.read();
            assertEquals(400, missing.status());
            assertTrue(missing.text().contains("ResourceNotFoundException"), missing.text());

            RawHttp.Response wrongType = http.read();
            assertEquals(400, wrongType.status());
            assertTrue(wrongType.text().contains("ValidationException"), wrongType.text());

            RawHttp.Response batch = http.read();
            assertEquals(200, batch.status());
            assertEquals("{\"UnprocessedItems\":{}}", batch.text());

            assertEquals("{}", http.read().text());
            assertEquals("{\"Item\":{\"pk\":{\"S\":\"b\"}}}", http.read().text());
        }
    }
}
