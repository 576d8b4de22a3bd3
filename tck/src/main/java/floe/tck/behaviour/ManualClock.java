package floe.tck.behaviour;

import floe.api.Stability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told: a suite opens its database with it
 * ({@code FloeConfig.withClock}) and drives time-dependent behaviour (iterator expiry,
 * trimming, shard rollover) without sleeping. Thread-safe.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward by {@code duration}. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: its zone is always UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
