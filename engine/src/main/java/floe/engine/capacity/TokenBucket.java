package floe.engine.capacity;

import java.time.Duration;
import java.time.Instant;

/**
 * Capacity units of one table or index in one direction: they refill at the
 * provisioned rate per second up to a burst of {@code burstSeconds} of that rate,
 * by the engine's clock. A request is admitted while any unit is left and then takes
 * what it consumed, which may leave the bucket in debt (DynamoDB too learns a
 * request's cost only once it ran); a refund never fills it past its size.
 */
final class TokenBucket {
    private double rate;
    private double size;
    private double tokens;
    private Instant last;

    /** A full bucket. */
    TokenBucket(double rate, double burstSeconds, Instant now) {
        this.rate = rate;
        this.size = rate * burstSeconds;
        this.tokens = size;
        this.last = now;
    }

    /** Follows a change of the provisioned rate: the bucket keeps its units, within its new size. */
    synchronized void resize(double newRate, double burstSeconds) {
        if (newRate != rate || newRate * burstSeconds != size) {
            rate = newRate;
            size = newRate * burstSeconds;
            tokens = Math.min(tokens, size);
        }
    }

    /** Whether a request may start at {@code now}. */
    synchronized boolean available(Instant now) {
        refill(now);
        return tokens > 0;
    }

    /** Takes {@code units} (a negative amount refunds them) at {@code now}. */
    synchronized void take(double units, Instant now) {
        refill(now);
        tokens = Math.min(size, tokens - units);
    }

    /** Units left at {@code now} (negative when in debt). */
    synchronized double tokens(Instant now) {
        refill(now);
        return tokens;
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            double seconds = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(size, tokens + seconds * rate);
            last = now;
        }
    }
}
