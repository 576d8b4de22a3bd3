package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.AttributeValue;
import floe.api.FloeDb;
import floe.api.error.ProvisionedThroughputExceededException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.PutItemRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code floe serve}'s throttling flag: on by default, {@code --no-throttling} serves every request. */
class ServeThrottlingFlagTest {
    /** A clock that never moves: no capacity is ever refilled. */
    private static final Clock STILL = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static FloeCommand.Serve parse(String... args) {
        return FloeCommand.Serve.parse(FloeProperties.NONE, args);
    }

    /** Writes 4 items of 100 KB (400 write units) to a table of 1 write unit: 300 units of burst, then throttled. */
    private static void overrun(FloeDb db) {
        db.createTable(CreateTableRequest.builder()
                .tableName("small")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .provisionedThroughput(new ProvisionedThroughput(1L, 1L))
                .build());
        for (int i = 0; i < 4; i++) {
            db.putItem(PutItemRequest.builder()
                    .tableName("small")
                    .item(Map.of("pk", AttributeValue.s("k" + i), "v", AttributeValue.s("x".repeat(100 * 1024 - 10))))
                    .build());
        }
    }

    @Test
    void throttlingIsOnByDefault() {
        FloeCommand.Serve serve = parse("--in-memory");
        assertEquals("true", serve.config().engineOptions().get("throttling"));
        try (FloeDb db = FloeDb.open(serve.config().withClock(STILL))) {
            assertThrows(ProvisionedThroughputExceededException.class, () -> overrun(db));
        }
    }

    @Test
    void noThrottlingServesEveryRequest() {
        FloeCommand.Serve serve = parse("--in-memory", "--no-throttling");
        try (FloeDb db = FloeDb.open(serve.config().withClock(STILL))) {
            overrun(db);
        }
        assertEquals(
                "true",
                parse("--in-memory", "--throttling").config().engineOptions().get("throttling"));
    }

    @Test
    void theTableStatusDelayIsAnEngineOption() {
        assertEquals("0", parse("--in-memory").config().engineOptions().get("tableStatusDelayMillis"));
        assertEquals(
                "1500",
                parse("--in-memory", "--table-status-delay", "1500")
                        .config()
                        .engineOptions()
                        .get("tableStatusDelayMillis"));
    }
}
