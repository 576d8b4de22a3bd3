package floe.engine.ttl;

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
import floe.engine.write.MapBackend;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The background sweep, which the behaviour suite keeps out of its way: with a short
 * interval it makes an enabling ENABLED and deletes an item once the database's clock
 * passes its expiry, without anyone asking.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackgroundSweepTest {
    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited 20 s for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theBackgroundSweepDeletesAnItemOnceTheClockPassesItsExpiry() throws Exception {
        MovableClock clock = new MovableClock();
        try (FloeDb db = new Engine(new MapBackend(), FloeConfig.inMemory().withClock(clock)
                .withEngineOptions(Map.of(EngineOptions.TTL_SWEEP_INTERVAL_MILLIS, "20")))) {
            db.createTable(CreateTableRequest.builder().tableName("sessions")
                    .keySchema(List.of(new KeySchemaElement("id", "HASH")))
                    .attributeDefinitions(List.of(new AttributeDefinition("id", "S"))).billingMode("PAY_PER_REQUEST").build());
            long expiry = clock.now.getEpochSecond() + 60;
            db.putItem(PutItemRequest.builder().tableName("sessions").item(Map.of("id", s("a"), "exp", n(Long.toString(expiry))))
                    .build());
            db.updateTimeToLive(new UpdateTimeToLiveRequest("sessions", new TimeToLiveSpecification(true, "exp")));
            await("ENABLED", () -> "ENABLED".equals(db.describeTimeToLive(new DescribeTimeToLiveRequest("sessions"))
                    .timeToLiveDescription().timeToLiveStatus()));
            Thread.sleep(100); // several sweeps before the expiry: the item stays
            assertNotNull(get(db));
            clock.now = clock.now.plusSeconds(61);
            await("the expired item's deletion", () -> get(db) == null);
        }
    }

    private static Map<String, ?> get(FloeDb db) {
        return db.getItem(GetItemRequest.builder().tableName("sessions").key(Map.of("id", s("a"))).consistentRead(true).build())
                .item();
    }
}
