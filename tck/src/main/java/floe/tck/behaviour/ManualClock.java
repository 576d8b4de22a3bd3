package floe.tck.behaviour;

import floe.api.Stability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: what the suites of time-dependent
 * behaviour (throttling, status delays, rate rules) give the database through
 * {@link floe.api.FloeConfig#withClock}, so that they never sleep. Thread-safe.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    /** @param start the time it shows until moved */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock forward by {@code d}. */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this; // instants only: the zone is never used
    }
}
