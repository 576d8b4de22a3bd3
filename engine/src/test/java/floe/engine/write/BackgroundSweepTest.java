package floe.engine.write;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static floe.engine.write.WriteFixture.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DescribeTimeToLiveRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.TimeToLiveSpecification;
import floe.api.model.UpdateTimeToLiveRequest;
import floe.engine.Engine;
import floe.engine.EngineOptions;
import floe.tck.behaviour.ManualClock;
import floe.tck.storage.ReferenceBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The background sweep, which the behaviour suite keeps out of its way: with a short
 * interval it makes an enabling ENABLED and deletes an item once the database's clock
 * passes its expiry, without anyone asking.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackgroundSweepTest {
    @Test
    void theBackgroundSweepDeletesAnItemOnceTheClockPassesItsExpiry() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (FloeDb db = new Engine(
                new ReferenceBackend(),
                FloeConfig.inMemory()
                        .withClock(clock)
                        .withEngineOptions(Map.of(EngineOptions.TTL_SWEEP_INTERVAL_MILLIS, "20")))) {
            db.createTable(CreateTableRequest.builder()
                    .tableName("sessions")
                    .keySchema(List.of(new KeySchemaElement("id", "HASH")))
                    .attributeDefinitions(List.of(new AttributeDefinition("id", "S")))
                    .billingMode("PAY_PER_REQUEST")
                    .build());
            long expiry = clock.instant().getEpochSecond() + 60;
            db.putItem(PutItemRequest.builder()
                    .tableName("sessions")
                    .item(Map.of("id", s("a"), "exp", n(Long.toString(expiry))))
                    .build());
            db.updateTimeToLive(new UpdateTimeToLiveRequest("sessions", new TimeToLiveSpecification(true, "exp")));
            poll(
                    () -> "ENABLED"
                            .equals(db.describeTimeToLive(new DescribeTimeToLiveRequest("sessions"))
                                    .timeToLiveDescription()
                                    .timeToLiveStatus()),
                    "ENABLED");
            // a sweep before the expiry (run alongside the background ones) deletes nothing: the item stays
            assertEquals(0, db.admin().sweepExpiredItems());
            assertNotNull(get(db));
            clock.advance(Duration.ofSeconds(61));
            poll(() -> get(db) == null, "the expired item's deletion");
        }
    }

    private static Map<String, ?> get(FloeDb db) {
        return db.getItem(GetItemRequest.builder()
                        .tableName("sessions")
                        .key(Map.of("id", s("a")))
                        .consistentRead(true)
                        .build())
                .item();
    }
}
