package floe.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.tck.wire.WireEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * DynamoDB's order of checks as an SDK user meets it: the SDK sends what it is given
 * (a number that is no number, an invalid table name), and the server answers the
 * request's constraint errors before the value's error, and nothing is written.
 */
class ValidationOrderSdkTest {
    private FloeDb local;
    private FloeServer server;
    private DynamoDbClient client;

    @BeforeEach
    void start() {
        local = FloeDb.open(FloeConfig.inMemory());
        server = FloeServer.start(local, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.ERROR, System.err));
        client = WireEndpoint.syncClient(URI.create("http://127.0.0.1:" + server.port()));
        client.createTable(b -> b.tableName("sdk_order")
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        local.close();
    }

    private static String refusal(Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void constraintErrorsComeBeforeAnInvalidNumber() {
        Map<String, AttributeValue> bad = Map.of(
                "pk",
                AttributeValue.fromS("a"),
                "n",
                AttributeValue.builder().n("abc").build());
        assertEquals(
                "1 validation error detected: Value 'bad!name' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                refusal(() -> client.putItem(b -> b.tableName("bad!name").item(bad))));
        assertEquals(
                "1 validation error detected: Value 'SOMETIMES' at 'returnValues' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]",
                refusal(() ->
                        client.putItem(b -> b.tableName("sdk_order").item(bad).returnValues("SOMETIMES"))));
        // PutItem reports a value in the constraint envelope (DynamoDB's current layer)
        assertEquals(
                "1 validation error detected: The parameter cannot be converted to a numeric value: abc",
                refusal(() -> client.putItem(b -> b.tableName("sdk_order").item(bad))));
        // Query: Select and Limit before a bad expression value, which Query then reports bare
        assertEquals(
                "2 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1; Value 'SOME' at 'select' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: "
                        + "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
                refusal(() -> client.query(b -> b.tableName("sdk_order")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(
                                Map.of(":p", AttributeValue.builder().n("1e999").build()))
                        .limit(0)
                        .select("SOME"))));
        assertEquals(
                "Number overflow. Attempting to store a number with magnitude larger than supported range",
                refusal(() -> client.query(b -> b.tableName("sdk_order")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(
                                Map.of(":p", AttributeValue.builder().n("1e999").build()))
                        .select(Select.COUNT))));
        assertEquals(List.of(), client.scan(b -> b.tableName("sdk_order")).items());
    }
}
