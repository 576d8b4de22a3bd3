package floe.engine.ttl;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.engine.change.ChangeRecorder;
import floe.engine.change.ItemChange;
import floe.engine.codec.ItemCodec;
import floe.engine.item.ItemKeys;
import floe.engine.table.TableDefinition;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The expiry index: for every table with Time to Live on, one entry per item whose
 * expiry attribute is a Number, ordered by expiry, so that finding the expired items
 * costs in proportion to their number, not to the table's size. It follows every item
 * change in the change's own write transaction (it is a {@link ChangeRecorder}).
 *
 * <p>One keyspace for all tables: the partition is the enabling's generation (see
 * {@link TimeToLiveSettings}); the sort key is the expiry in epoch seconds (8 bytes,
 * ordered as signed numbers), then the item's table key (its encoded partition key
 * prefixed by its length, then its encoded sort key); the value is the item's key as
 * an item. A generation no table uses any more (Time to Live turned off, or the table
 * deleted) is listed in a second keyspace until its entries have been purged.
 */
public final class ExpiryIndex implements ChangeRecorder {
    /** The entries. */
    static final String KEYSPACE = "floe.expiry";
    /** Generations to purge: partition = generation, empty sort and value. */
    static final String ORPHANS = "floe.expiry.orphans";
    /** DynamoDB ignores expiry values five years or more in the past, against malformed values. */
    static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;

    private static final byte[] EMPTY = new byte[0];

    private final Clock clock;

    /** An index whose five-year rule follows {@code clock}; makes its keyspaces on first use. */
    public ExpiryIndex(StorageBackend backend, Clock clock) {
        this.clock = clock;
        backend.createKeyspace(KEYSPACE);
        backend.createKeyspace(ORPHANS);
    }

    /** One due entry: an item that expired at {@code expiry}, as far as the index knows. */
    public record Due(long expiry, Item key, byte[] sort) {}

    @Override
    public boolean follows(TableDefinition table) {
        return table.setting(TimeToLiveSettings.SETTING) != null;
    }

    @Override
    public void record(WriteTransaction w, ItemChange change) {
        TimeToLiveSettings ttl = TimeToLiveSettings.of(change.table());
        if (ttl == null) {
            return;
        }
        Long before = expiry(change.oldImage(), ttl.attributeName());
        Long after = expiry(change.newImage(), ttl.attributeName());
        if (before != null && before.equals(after)) {
            return;
        }
        ItemKeys keys = ItemKeys.ofItem(change.table(), change.keys());
        if (before != null) {
            w.delete(KEYSPACE, partition(ttl), sort(before, keys));
        }
        if (after != null && !tooOld(after)) {
            w.put(KEYSPACE, partition(ttl), sort(after, keys), ItemCodec.encode(change.keys()));
        }
    }

    /** Enters {@code item} of {@code table} (read in {@code w}) into the index, as a backfill does. */
    public void enter(WriteTransaction w, TableDefinition table, TimeToLiveSettings ttl, Item item) {
        Long at = expiry(item, ttl.attributeName());
        if (at != null && !tooOld(at)) {
            Item key = Item.of(ItemKeys.keyOf(table, item));
            w.put(KEYSPACE, partition(ttl), sort(at, ItemKeys.ofItem(table, key)), ItemCodec.encode(key));
        }
    }

    /** Up to {@code limit} entries of {@code ttl}'s generation that expired at or before {@code nowSeconds}, earliest first. */
    public List<Due> due(ReadTransaction r, TimeToLiveSettings ttl, long nowSeconds, int limit) {
        List<Due> out = new ArrayList<>();
        // every sort key that starts with an expiry at or before now sorts before the next second's prefix
        SortRange range = new SortRange(EMPTY, true, SortRange.successorOfPrefix(expiryBytes(nowSeconds)), false);
        r.range(KEYSPACE, partition(ttl), range, false, limit, (p, s, v) -> {
            out.add(new Due(ByteBuffer.wrap(s, 0, 8).getLong() ^ Long.MIN_VALUE, ItemCodec.decode(v), s));
            return true;
        });
        return out;
    }

    /** Removes one entry (one whose item no longer expires at that time, or expired too long ago). */
    public void remove(WriteTransaction w, TimeToLiveSettings ttl, Due due) {
        w.delete(KEYSPACE, partition(ttl), due.sort());
    }

    /** Lists {@code ttl}'s generation for purging: its table turned Time to Live off, or was deleted. */
    public void orphan(WriteTransaction w, TimeToLiveSettings ttl) {
        w.put(ORPHANS, partition(ttl), EMPTY, EMPTY);
    }

    /**
     * Deletes up to {@code limit} entries of orphaned generations, and the listing of
     * each generation found empty.
     *
     * @return how many entries and listings it deleted (0 when nothing is left)
     */
    public int purge(WriteTransaction w, int limit) {
        List<byte[]> generations = new ArrayList<>();
        w.scan(ORPHANS, 0, 1, null, (p, s, v) -> generations.add(p) && generations.size() < 16);
        int deleted = 0;
        for (byte[] generation : generations) {
            List<byte[]> sorts = new ArrayList<>();
            w.range(KEYSPACE, generation, SortRange.prefix(EMPTY), false, limit - deleted, (p, s, v) -> sorts.add(s));
            for (byte[] s : sorts) {
                w.delete(KEYSPACE, generation, s);
            }
            deleted += sorts.size();
            if (deleted >= limit) {
                return deleted;
            }
            w.delete(ORPHANS, generation, EMPTY);
            deleted++;
        }
        return deleted;
    }

    /**
     * An item's expiry in whole epoch seconds: its top-level {@code attribute} if that is
     * a Number, else null (DynamoDB ignores other types). Fractions round down; a value
     * beyond the range of seconds a long holds never expires.
     */
    public static Long expiry(Item item, String attribute) {
        if (item == null || !(item.get(attribute) instanceof AttributeValue.N n)) {
            return null;
        }
        BigDecimal seconds = n.value().setScale(0, java.math.RoundingMode.FLOOR);
        if (seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                || seconds.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            return null;
        }
        return seconds.longValueExact();
    }

    /** Whether an expiry lies five years or more in the past, which DynamoDB ignores. */
    public boolean tooOld(long expirySeconds) {
        return expirySeconds <= clock.instant().getEpochSecond() - FIVE_YEARS_SECONDS;
    }

    private static byte[] partition(TimeToLiveSettings ttl) {
        return ttl.generation().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] expiryBytes(long seconds) {
        return ByteBuffer.allocate(8).putLong(seconds ^ Long.MIN_VALUE).array();
    }

    private static byte[] sort(long expiry, ItemKeys keys) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + keys.partition().length + keys.sort().length);
        b.putLong(expiry ^ Long.MIN_VALUE)
                .putShort((short) keys.partition().length)
                .put(keys.partition())
                .put(keys.sort());
        return b.array();
    }
}
