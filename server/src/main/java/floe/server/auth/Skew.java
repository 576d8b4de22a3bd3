package floe.server.auth;

import floe.api.error.InvalidSignatureException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** DynamoDB's limit on a signed request's clock: 15 minutes either way of the server's. */
final class Skew {
    /** How far a request's date may be from the server's clock. */
    static final Duration LIMIT = Duration.ofMinutes(15);

    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Skew() {}

    /**
     * Checks a request's date against the clock.
     *
     * @param basicDate the request's date, {@code yyyyMMdd'T'HHmmss'Z'}
     * @param now the server's clock
     * @throws InvalidSignatureException with DynamoDB's "Signature expired" or "Signature not yet current"
     */
    static void check(String basicDate, Instant now) {
        Instant signed = BASIC.parse(basicDate, Instant::from);
        Instant earliest = now.minus(LIMIT);
        Instant latest = now.plus(LIMIT);
        if (signed.isBefore(earliest)) {
            throw new InvalidSignatureException("Signature expired: " + basicDate + " is now earlier than "
                    + BASIC.format(earliest) + " (" + BASIC.format(now) + " - 15 min.)");
        }
        if (signed.isAfter(latest)) {
            // The wording of this one is confirmed only in its shape.
            throw new InvalidSignatureException("Signature not yet current: " + basicDate + " is still later than "
                    + BASIC.format(latest) + " (" + BASIC.format(now) + " + 15 min.)");
        }
    }
}
