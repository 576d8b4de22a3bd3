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
     * The seconds since the epoch of a date in ISO 8601's basic format, already checked by
     * {@link Authorization}: by hand, since java.time's parser cost a tenth of a signed
     * request's verification.
     */
    static long epochSecond(String d) {
        long days = java.time.LocalDate.of(number(d, 0, 4), number(d, 4, 6), number(d, 6, 8))
                .toEpochDay();
        return days * 86_400 + number(d, 9, 11) * 3600L + number(d, 11, 13) * 60L + number(d, 13, 15);
    }

    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + s.charAt(i) - '0';
        }
        return n;
    }

    /**
     * Checks a request's date against the clock.
     *
     * @param basicDate the request's date, {@code yyyyMMdd'T'HHmmss'Z'}
     * @param now the server's clock
     * @throws InvalidSignatureException with DynamoDB's "Signature expired" or "Signature not yet current"
     */
    static void check(String basicDate, Instant now) {
        long signed = epochSecond(basicDate);
        long limit = LIMIT.getSeconds();
        // Whole seconds: the date has no fraction, and a request signed at the limit's second is within it.
        long seconds = now.getEpochSecond();
        boolean expired = signed < seconds - limit || signed == seconds - limit && now.getNano() > 0;
        if (!expired && signed <= seconds + limit) {
            return;
        }
        Instant earliest = now.minus(LIMIT);
        Instant latest = now.plus(LIMIT);
        if (expired) {
            throw new InvalidSignatureException("Signature expired: " + basicDate + " is now earlier than "
                    + BASIC.format(earliest) + " (" + BASIC.format(now) + " - 15 min.)");
        }
        // The wording of this one is confirmed only in its shape.
        throw new InvalidSignatureException("Signature not yet current: " + basicDate + " is still later than "
                + BASIC.format(latest) + " (" + BASIC.format(now) + " + 15 min.)");
    }
}
