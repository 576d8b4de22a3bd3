package floe.engine.table;

import floe.api.error.LimitExceededException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * DynamoDB's budget of provisioned throughput decreases per table: 4 in a UTC day,
 * then one more each 3600 seconds after the last, the count starting again at
 * midnight UTC; refused with the service's measured message, which names when the
 * next decrease can be made.
 */
final class Decreases {
    static final int FREE = 4;
    static final Duration SPACING = Duration.ofSeconds(3600);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy 'at' h:mm:ss a 'Coordinated Universal Time'", Locale.US);

    private Decreases() {}

    /**
     * Refuses a decrease when today's budget is spent.
     *
     * @param today decreases already made in the current UTC day
     * @param last the last decrease, or null
     */
    static void check(long today, Instant last, Instant now) {
        if (today < FREE || last == null || !now.isBefore(last.plus(SPACING))) {
            return;
        }
        ZonedDateTime midnight =
                now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC);
        Instant next = last.plus(SPACING).isBefore(midnight.toInstant()) ? last.plus(SPACING) : midnight.toInstant();
        throw new LimitExceededException(
                "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given"
                        + " UTC day. After the first " + FREE
                        + " decreases, each subsequent decrease in the same UTC day can be performed"
                        + " at most once every " + SPACING.toSeconds() + " seconds. Number of decreases today: " + today
                        + ". Last decrease at " + WHEN.format(last.atZone(ZoneOffset.UTC))
                        + ". Next decrease can be made at "
                        + WHEN.format(next.atZone(ZoneOffset.UTC)) + ".");
    }
}
