package floe.engine.stamp;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hybrid logical clock: milliseconds of the wall clock shifted left 16 bits, plus a counter
 * in the low bits. Every value it hands out is greater than every value it handed out or
 * observed before, so a write made after seeing a replicated change is stamped later than it,
 * whatever the two Regions' clocks say.
 */
public final class Hlc {
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public Hlc(Clock clock) {
        this.clock = clock;
    }

    /** A new value, greater than any before. */
    public long next() {
        long physical = clock.millis() << 16;
        return last.accumulateAndGet(physical, (prev, now) -> Math.max(prev + 1, now));
    }

    /** Takes in a value another Region made, so that the next local one is greater. */
    public void observe(long remote) {
        last.accumulateAndGet(remote, Math::max);
    }
}
