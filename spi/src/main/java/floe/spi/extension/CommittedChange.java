package floe.spi.extension;

import floe.api.Item;
import floe.api.Stability;
import java.time.Instant;

/**
 * One committed change of one item. Only writes that change something make one:
 * deleting a missing item or putting an identical one does not.
 *
 * @param sequence the change's position in the database's commit order: increasing, not
 *     necessarily consecutive
 * @param tableName the table's name
 * @param kind INSERT, MODIFY or REMOVE
 * @param keys the item's key attributes
 * @param oldImage the item before, or null for an INSERT
 * @param newImage the item after, or null for a REMOVE
 * @param committed when the change was written, by the database's clock
 * @param byService whether the database made it on its own (a Time to Live deletion)
 * @param stamp the item's hidden last-writer-wins stamp after the change: a hybrid logical
 *     clock value (milliseconds shifted left 16 bits, plus a counter), or 0 if unknown
 * @param origin the Region whose write made the change (the local one, or the Region a
 *     replicated change came from), or null if unknown
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record CommittedChange(
        long sequence,
        String tableName,
        Kind kind,
        Item keys,
        Item oldImage,
        Item newImage,
        Instant committed,
        boolean byService,
        long stamp,
        String origin) {

    /** A change without a stamp: the form from before stamps existed. */
    public CommittedChange(
            long sequence,
            String tableName,
            Kind kind,
            Item keys,
            Item oldImage,
            Item newImage,
            Instant committed,
            boolean byService) {
        this(sequence, tableName, kind, keys, oldImage, newImage, committed, byService, 0, null);
    }

    /** What a change did, named as DynamoDB Streams names it. */
    @Stability(Stability.Level.EXPERIMENTAL)
    public enum Kind {
        INSERT,
        MODIFY,
        REMOVE
    }
}
